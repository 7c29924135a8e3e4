"""The shape most form posts share: call an action, say how it went, go back."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url


def show_errors(request, exc: ValidationError) -> None:
    """Each message of a refused action, for the next page (in the user's language)."""
    for message in exc.messages:
        messages.error(request, message)


def post_action(
    request,
    action: Callable,
    *args,
    success: str | Callable | None = None,
    to: str | Callable = "/",
    **kwargs,
) -> HttpResponseRedirect:
    """Call ``action(*args, acting_user=request.user, **kwargs)`` and redirect to ``to``.

    A refused action (``ValidationError``) shows its messages and changes nothing. On
    success ``success`` is shown; ``success`` and ``to`` may be callables of the action's
    result, for a message or a place that depends on what happened.
    """
    try:
        result = action(*args, acting_user=request.user, **kwargs)
    except ValidationError as exc:
        show_errors(request, exc)
        result = None
    else:
        message = success(result) if callable(success) else success
        if message:
            messages.success(request, message)
    target = to(result) if callable(to) else to
    return HttpResponseRedirect(resolve_url(target))
