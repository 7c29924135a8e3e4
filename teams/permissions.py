"""Who may see and act on a team: its members only. Everyone else gets 404, so nobody
learns that a team exists (course owners see aggregates in their reports, not teams).

Actions call ``access_team`` themselves, with ``lock=True``, so a view, a task, a
command or the API that calls them cannot act on a team its user is not in.
"""

import uuid

from django.http import Http404

from teams.models import Seat, Team


def teams_visible_to(user):
    if user is None or not user.is_authenticated:
        return Team.objects.none()
    return Team.objects.filter(
        pk__in=Seat.objects.filter(user=user, state=Seat.State.FILLED).values("team_id")
    )


def access_team(user, public_id, *, lock: bool = False) -> Team:
    """The team with ``public_id`` if ``user`` holds one of its seats, else 404.

    With ``lock`` (inside a transaction) the team's row is locked, so seats, the plan and
    its confirmations are decided one request at a time per team; on SQLite transactions
    begin IMMEDIATE and are serialised already. The check and the lock are one query, so
    a member removed a moment ago cannot slip through between them.
    """
    try:
        public_id = uuid.UUID(str(public_id))
    except ValueError:
        raise Http404 from None
    teams = teams_visible_to(user)
    if lock:
        teams = teams.select_for_update(of=("self",))
    team = teams.select_related("workplace__industry").filter(public_id=public_id).first()
    if team is None:
        raise Http404
    return team


def lock_team(team: Team) -> Team:
    """Lock a team found by something other than membership (an invitation's token)."""
    return (
        Team.objects.select_for_update(of=("self",))
        .select_related("workplace__industry")
        .get(pk=team.pk)
    )
