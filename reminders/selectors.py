"""Reads for reminders: the settings page's choices."""

from reminders import kinds
from reminders.optout import opted_out_kinds


def preferences(user) -> list[dict]:
    """Each kind with whether ``user`` gets it."""
    out = opted_out_kinds(user=user)
    return [
        {"name": kind.name, "label": kind.label, "on": kind.name not in out}
        for kind in sorted(kinds.registered(), key=lambda k: str(k.label))
    ]


def personal_data(user) -> dict:
    """Reminders made for the person (not their links' tokens) and their opt-outs."""
    from reminders.models import OptOut, Reminder

    return {
        "reminders": [
            {
                "kind": r.kind,
                "due_on": r.due_on,
                "status": r.status,
                "created_at": r.created_at,
                "sent_at": r.sent_at,
                "followed_at": r.followed_at,
            }
            for r in Reminder.objects.filter(user=user).order_by("due_on", "pk")
        ],
        "opt_outs": [
            {"kind": o.kind, "at": o.at} for o in OptOut.objects.filter(user=user).order_by("kind")
        ],
    }
