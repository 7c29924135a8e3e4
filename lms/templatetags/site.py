"""Template helpers for the site's pages."""

from django import template

register = template.Library()


def _place(message) -> str:
    return next((t[3:] for t in (message.extra_tags or "").split() if t.startswith("at-")), "")


@register.filter
def placed(messages, place: str = "") -> list:
    """The messages to show at ``place`` on the page: those a view tagged ``at-<place>``
    (shown next to the part that changed, where the redirect's anchor lands), or with no
    place, the others (shown at the top)."""
    return [m for m in messages if _place(m) == place]
