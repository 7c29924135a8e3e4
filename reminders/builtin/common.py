from datetime import timedelta

from reminders.models import Reminder

# How far back a scan looks for what became due: an hourly scan needs an hour; a week
# lets the scan catch up after the site was down for days. The scan reads this window
# through an index, so its cost follows what became due in it, not the table size.
WINDOW = timedelta(days=7)


def subject_id(reminder, position: int = 1) -> int | None:
    """The id in a subject key such as ``check-in:12:user:3`` (position 1 → 12)."""
    try:
        return int(reminder.subject_key.split(":")[position])
    except (IndexError, ValueError):
        return None


def existing_due_dates(kind: str, keys: list[str]) -> dict[str, set]:
    """The due dates already made for each subject key (any status)."""
    found: dict[str, set] = {}
    rows = Reminder.objects.filter(kind=kind, subject_key__in=keys).values_list(
        "subject_key", "due_on"
    )
    for key, due_on in rows:
        found.setdefault(key, set()).add(due_on)
    return found
