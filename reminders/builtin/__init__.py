"""The reminder kinds this app brings: a stalled module, an open team invitation, a team
check-in that is due (and late), a certificate's refresher (due, and recommended).
Registered in ``RemindersConfig.ready()``."""

from reminders.builtin.check_in import CheckInDue
from reminders.builtin.enrolment import StalledEnrolment
from reminders.builtin.invitation import OpenInvitation
from reminders.builtin.refresher import RefresherDue, RefresherRecommended

__all__ = [
    "CheckInDue",
    "OpenInvitation",
    "RefresherDue",
    "RefresherRecommended",
    "StalledEnrolment",
]
