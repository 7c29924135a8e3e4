"""The course owner's API tokens: list, create (the token shown once) and revoke.

Only course owners (people with a scope) reach these pages; anyone else gets 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from organisations.selectors import is_course_owner
from reporting import actions, selectors
from reporting.forms import TokenForm


def _owner_only(request) -> None:
    if not is_course_owner(request.user):
        raise Http404


@login_required
def token_list(request):
    _owner_only(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row, token = actions.create_api_token(
                acting_user=request.user, name=form.cleaned_data["name"], days=form.days()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            response = render(request, "reporting/token_created.html", {"row": row, "token": token})
            # The token is on this page and nowhere else: no browser or proxy may keep it.
            add_never_cache_headers(response)
            return response
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reporting/tokens.html",
        {"form": form, "tokens": selectors.tokens_of(request.user)},
        status=status,
    )


@login_required
def token_revoke(request, token_id: int):
    _owner_only(request)
    row = selectors.tokens_of(request.user).filter(pk=token_id).first()
    if row is None:
        raise Http404
    if request.method != "POST":
        return render(request, "reporting/token_revoke.html", {"row": row})
    try:
        actions.revoke_api_token(token_id, acting_user=request.user)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
    messages.success(request, _("The token is revoked and no longer works."))
    return redirect("api_tokens")
