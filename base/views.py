"""The shape most form posts share: call an action, say how it went, go back."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url


def _tags(at: str) -> str:
    return f"at-{at}" if at else ""


def show_errors(request, exc: ValidationError, at: str = "") -> None:
    """Each message of a refused action, for the next page (in the user's language); with
    ``at``, shown at that place on the page (``components/messages.html``)."""
    for message in exc.messages:
        messages.error(request, message, extra_tags=_tags(at))


def post_action(
    request,
    action: Callable,
    *args,
    success: str | Callable | None = None,
    to: str | Callable = "/",
    message_at: str = "",
    **kwargs,
) -> HttpResponseRedirect:
    """Call ``action(*args, acting_user=request.user, **kwargs)`` and redirect to ``to``.

    A refused action (``ValidationError``) shows its messages and changes nothing. On
    success ``success`` is shown; ``success`` and ``to`` may be callables of the action's
    result, for a message or a place that depends on what happened. With ``message_at``
    the message is shown at that place on the page, where the redirect's anchor lands.
    """
    try:
        result = action(*args, acting_user=request.user, **kwargs)
    except ValidationError as exc:
        show_errors(request, exc, message_at)
        result = None
    else:
        message = success(result) if callable(success) else success
        if message:
            messages.success(request, message, extra_tags=_tags(message_at))
    target = to(result) if callable(to) else to
    return HttpResponseRedirect(resolve_url(target))
