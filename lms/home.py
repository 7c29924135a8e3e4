"""The home page: the landing page for visitors, and for a learner their work ordered by
what is due. It sits in the project, above the apps it gathers from."""

from django.shortcuts import render
from django.utils import timezone

from accounts.selectors import start_step
from modules.selectors import learner_enrolments
from teams.selectors import open_check_ins, removals_of, user_teams


def home(request):
    if not request.user.is_authenticated:
        return render(request, "home.html", {})
    summaries = learner_enrolments(request.user)
    now = timezone.now()
    check_ins = open_check_ins(request.user)
    context = {
        # A check-in whose date has come goes before the modules; later ones after.
        "due_check_ins": [c for c in check_ins if c.due_at <= now],
        "unfinished": [s for s in summaries if s.enrolment.completed_at is None],
        "coming_check_ins": [c for c in check_ins if c.due_at > now],
        "completed": [s for s in summaries if s.enrolment.completed_at is not None],
        "teams": user_teams(request.user),
        "removals": removals_of(request.user),
        # Nothing begun yet: the first step (industry and role, or the module to start).
        "start": None if summaries else start_step(request.user),
    }
    return render(request, "home.html", context)
