"""What every team action shares: the error it raises and the history it writes."""

from calendar import monthrange

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from base.submit import earlier
from modules.actions import enrol_learner
from modules.selectors import completed_modules
from teams.models import Team, TeamEvent


class TeamError(ValidationError):
    """A request that cannot be carried out; the message says why, in the user's language."""


def add_months(moment, months: int):
    """The same day and local time ``months`` calendar months later (the month's last day if
    it is shorter)."""
    moment = timezone.localtime(moment)
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, monthrange(year, month)[1]))


def repeated(acting_user, submit_token):
    """What an earlier submit of the same form (``submit_token``, see ``base.submit``)
    made, or None when this is the first. Call it after the access check, under the
    team's lock."""
    found = earlier(acting_user, submit_token)
    if found is None:
        return None
    if found.made is None:  # made, then deleted: nothing to show for it
        raise TeamError(_("This form was already sent."), code="repeated")
    return found.made


def touch(team: Team) -> None:
    """Tell open pages of the team that something changed."""
    Team.objects.filter(pk=team.pk).update(revision=F("revision") + 1)


def record_event(team: Team, kind: str, user=None, role: str = "", **detail) -> None:
    TeamEvent.objects.create(team=team, kind=kind, user=user, role=role, detail=detail)
    touch(team)


def enrol_member(team: Team, user, role: str) -> None:
    """Enrol a member in the team's modules, in the workplace's industry and ``role``'s
    variant: each module they have not completed yet. A module completed in another
    industry counts for the team as it is; its pages for this industry stay optional
    reading (docs/decisions/0010-completion-counts-in-every-industry.md)."""
    versions = list(team.versions.all())
    done = completed_modules(user, [v.module_id for v in versions])
    for version in versions:
        if version.module_id not in done:
            enrol_learner(user, version, team.workplace.industry, role)
