"""The home page: the landing page for visitors, and for a learner their modules and
teams. It sits in the project, above the apps it gathers from."""

from django.shortcuts import render

from modules.selectors import learner_enrolments
from teams.selectors import user_teams


def home(request):
    if not request.user.is_authenticated:
        return render(request, "home.html", {"summaries": [], "teams": []})
    context = {
        "summaries": learner_enrolments(request.user),
        "teams": user_teams(request.user),
    }
    return render(request, "home.html", context)
