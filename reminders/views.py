from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from reminders import actions, kinds, selectors
from reminders.optout import LinkError, read_token


def follow(request, token: str):
    """A reminder's link: note that it was followed, then go where it leads."""
    path = actions.follow_reminder(token)
    if path is None:
        raise Http404
    return HttpResponseRedirect(path)


@csrf_exempt  # mail programs' one-click unsubscribe (RFC 8058) posts without a session
def unsubscribe(request, token: str):
    """A signed one-click link: GET asks (link checkers open links), POST opts out."""
    try:
        link = read_token(token)
    except LinkError as exc:
        return render(
            request, "reminders/unsubscribe_invalid.html", {"reason": exc.reason}, status=400
        )
    user = request.user
    if user.is_authenticated and link.user_id is not None and link.user_id != user.pk:
        return render(
            request, "reminders/unsubscribe_invalid.html", {"reason": "foreign"}, status=403
        )
    labels = [str(k.label) for k in map(kinds.get, link.kinds) if k is not None]
    if not labels:
        return render(
            request, "reminders/unsubscribe_invalid.html", {"reason": "invalid"}, status=400
        )
    if request.method == "POST":
        try:
            actions.opt_out_by_link(link)
        except LinkError as exc:
            return render(
                request, "reminders/unsubscribe_invalid.html", {"reason": exc.reason}, status=400
            )
        return render(
            request,
            "reminders/unsubscribe_done.html",
            {"labels": labels, "account": link.user_id is not None},
        )
    return render(request, "reminders/unsubscribe.html", {"labels": labels, "token": token})


@login_required
def preferences(request):
    if request.method == "POST":
        actions.set_preferences(request.user, request.POST.getlist("kind"))
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("reminder_settings")
    return render(
        request, "reminders/settings.html", {"choices": selectors.preferences(request.user)}
    )
