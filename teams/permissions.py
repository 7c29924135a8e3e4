"""Who may see a team: its members only. Everyone else gets 404, so nobody learns that a
team exists (course owners see aggregates in their reports, not teams)."""

from django.http import Http404

from teams.models import Seat, Team


def teams_visible_to(user):
    if not user.is_authenticated:
        return Team.objects.none()
    return Team.objects.filter(
        pk__in=Seat.objects.filter(user=user, state=Seat.State.FILLED).values("team_id")
    )


def access_team(user, public_id) -> Team:
    """The team if ``user`` holds one of its seats, else 404."""
    team = (
        teams_visible_to(user)
        .select_related("workplace__industry")
        .filter(public_id=public_id)
        .first()
    )
    if team is None:
        raise Http404
    return team
