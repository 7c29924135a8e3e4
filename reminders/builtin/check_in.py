"""A team check-in: to every member on the day it is due, and a second note to the team
when it is 14 days late. The e-mail carries a calendar event for the due date."""

from datetime import timedelta

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reminders.builtin.common import WINDOW, subject_id
from reminders.compose import site_link
from reminders.ics import all_day_event
from reminders.kinds import Due, Part
from teams.models import CheckIn, Seat

LATE_DAYS = 14


class CheckInDue:
    name = "team_check_in"
    label = gettext_lazy("Team check-ins that are due")

    def find_due(self, now):
        found = []
        for stage, shift in (("due", 0), ("late", LATE_DAYS)):
            upper = now - timedelta(days=shift)
            found += [
                (check_in, stage, shift)
                for check_in in CheckIn.objects.filter(
                    done_at__isnull=True, due_at__lte=upper, due_at__gt=upper - WINDOW
                ).order_by()
            ]
        members: dict[int, list] = {}
        seats = Seat.objects.filter(
            team_id__in={c.team_id for c, _s, _d in found},
            state=Seat.State.FILLED,
            user__is_active=True,
        ).select_related("user")
        for seat in seats:
            if seat.user not in members.setdefault(seat.team_id, []):
                members[seat.team_id].append(seat.user)
        for check_in, stage, shift in found:
            due_on = timezone.localdate(check_in.due_at) + timedelta(days=shift)
            for user in members.get(check_in.team_id, []):
                yield Due(
                    f"check-in:{check_in.pk}:user:{user.pk}",
                    due_on,
                    user=user,
                    detail={"stage": stage},
                )

    def _check_in(self, reminder):
        return (
            CheckIn.objects.select_related("team__workplace")
            .filter(pk=subject_id(reminder))
            .first()
        )

    def still_wanted(self, reminder) -> bool:
        check_in = self._check_in(reminder)
        return (
            check_in is not None
            and check_in.done_at is None
            and Seat.objects.filter(
                team_id=check_in.team_id, user_id=reminder.user_id, state=Seat.State.FILLED
            ).exists()
        )

    def part(self, reminder) -> Part:
        check_in = self._check_in(reminder)
        if check_in is None:
            return Part(subject="", text="", action="", path="/")
        due = timezone.localdate(check_in.due_at)
        names = {
            "number": check_in.number,
            "months": check_in.months,
            "workplace": check_in.team.workplace.name,
            "date": formats.date_format(due, "DATE_FORMAT"),
        }
        path = reverse("team_check_in", args=[check_in.team.public_id, check_in.number])
        if reminder.detail.get("stage") == "late":
            subject = _("Check-in %(number)d for the team at %(workplace)s is two weeks late")
            text = _(
                "The team's check-in %(number)d was due on %(date)s and has not been done. "
                "One of you records how each action in the plan is going; the others add "
                "their own four answers."
            )
        else:
            subject = _("Check-in %(number)d for the team at %(workplace)s is due today")
            text = _(
                "Today is the day for the team's check-in %(number)d, %(months)d months after "
                "the plan was agreed: how is each action going, and your own four answers."
            )
        return Part(
            subject=subject % names,
            text=text % names,
            action=_("Do the check-in"),
            path=path,
            ics=all_day_event(
                f"check-in-{check_in.pk}",
                due,
                _("Team check-in %(number)d: %(workplace)s") % names,
                text % names,
                site_link(path),
            ),
        )
