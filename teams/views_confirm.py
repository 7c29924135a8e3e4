"""Confirmation pages for the team's destructive actions (removing someone from a seat,
leaving, withdrawing an invitation): a plain GET page naming who and what, whose form
posts to the action. They work without JavaScript."""

from django.http import Http404
from django.shortcuts import render

from teams import selectors
from teams.models import Seat
from teams.permissions import access_team


def confirm_vacate(request, public_id, role: str):
    team = access_team(request.user, public_id)
    seat = team.seats.select_related("user").filter(role=role, state=Seat.State.FILLED).first()
    if seat is None:
        raise Http404
    leaving = seat.user_id == request.user.pk
    context = {
        "team": team,
        "seat": seat,
        "leaving": leaving,
        # Leaving the last seat one holds means leaving the team.
        "leaves_team": leaving and len(selectors.held_seats(team, request.user)) == 1,
        "last_member": len(selectors.held_seats(team)) == 1,
    }
    return render(request, "teams/confirm_vacate.html", context)


def confirm_revoke(request, public_id, invitation_id: int):
    team = access_team(request.user, public_id)
    invitation = team.invitations.filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_usable():
        raise Http404
    context = {"team": team, "invitation": invitation}
    return render(request, "teams/confirm_revoke.html", context)
