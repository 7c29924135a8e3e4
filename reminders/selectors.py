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
