"""Writes for reminders: opting out and back in, and following a reminder's link."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from reminders import kinds
from reminders.models import OptOut, Reminder
from reminders.optout import Link, LinkError, who_filter
from tracking import statements
from tracking.actions import record_statement


@transaction.atomic
def opt_out_by_link(link: Link) -> list[str]:
    """Opt the link's person out of its kinds (known kinds only); returns them. Doing it
    again changes nothing. A link for an account that is gone raises ``LinkError``."""
    if link.user_id is not None and not get_user_model().objects.filter(pk=link.user_id).exists():
        raise LinkError("invalid")
    names = [name for name in link.kinds if kinds.get(name) is not None]
    for name in names:
        if not OptOut.objects.filter(who_filter(link), kind=name).exists():
            OptOut.objects.create(kind=name, user_id=link.user_id, address_hash=link.address_hash)
    return names


@transaction.atomic
def set_preferences(user, wanted: list[str]) -> None:
    """``user`` gets reminders of the ``wanted`` kinds and none of the others."""
    known = {kind.name for kind in kinds.registered()}
    OptOut.objects.filter(user=user, kind__in=set(wanted) & known).delete()
    have = set(OptOut.objects.filter(user=user).values_list("kind", flat=True))
    OptOut.objects.bulk_create(
        OptOut(user=user, kind=name) for name in sorted(known - set(wanted) - have)
    )


@transaction.atomic
def follow_reminder(token: str) -> str | None:
    """The reminder's link was opened: where it leads (None for an unknown link). The
    first opening records the "followed" statement."""
    reminder = (
        Reminder.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(token=token, status=Reminder.Status.SENT)
        .first()
    )
    kind = kinds.get(reminder.kind) if reminder else None
    if reminder is None or kind is None:
        return None
    if reminder.followed_at is None:
        reminder.followed_at = timezone.now()
        reminder.save(update_fields=["followed_at"])
        if reminder.user is not None:
            record_statement(
                statements.reminder_followed(reminder.user, reminder.kind, reminder.due_on)
            )
    return kind.part(reminder).path
