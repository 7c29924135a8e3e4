"""Template helpers for the site's pages."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


def _place(message) -> str:
    return next((t[3:] for t in (message.extra_tags or "").split() if t.startswith("at-")), "")


@register.filter
def placed(messages, place: str = "") -> list:
    """The messages to show at ``place`` on the page: those a view tagged ``at-<place>``
    (shown next to the part that changed, where the redirect's anchor lands), or with no
    place, the others (shown at the top)."""
    return [m for m in messages if _place(m) == place]


# The main menu's entries, by the URL names of the pages that belong to each.
_SECTIONS = (
    ("catalogue", ("catalogue", "module_detail", "enrol")),
    ("home", ("home", "learn_", "quiz", "attempt")),
    ("team_list", ("team", "seat_", "invitation_")),
    ("profile", ("profile", "account_email", "account_change_password", "mfa_")),
    ("report_index", ("report_",)),
    ("account_login", ("account_login",)),
    ("account_signup", ("account_signup",)),
)


@register.simple_tag(takes_context=True)
def nav_state(context) -> str:
    """Where the page is in the main menu: "<entry>:page" on a menu entry's own page,
    "<entry>:true" on a page within its section, "" elsewhere (also the header's cache
    key)."""
    match = getattr(context.get("request"), "resolver_match", None)
    name = (match.url_name or "") if match else ""
    entry = next((entry for entry, names in _SECTIONS if name.startswith(names)), "")
    if not entry:
        return ""
    return f"{entry}:{'page' if name == entry else 'true'}"


@register.filter
def current(state: str, entry: str) -> str:
    """aria-current for the menu link to ``entry``, given ``nav_state``."""
    here, _, value = state.partition(":")
    return mark_safe(f' aria-current="{value}"') if here == entry else ""  # noqa: S308


_NUMBER_AND_UNIT = re.compile(r"(\d) (%|‰|kr\b|min\b)")


@register.filter(is_safe=True)
def nbsp_units(text: str) -> str:
    """Keep a number and its unit on one line ("50 %" never wraps as "50 / %")."""
    return _NUMBER_AND_UNIT.sub("\\1\u00a0\\2", str(text))


@register.filter(is_safe=True)
def scrollable_tables(html: str) -> str:
    """Wrap each table of sanitised page HTML in a labelled region that scrolls sideways
    and can be reached by keyboard (tabindex="0"), so a narrow phone shows every column."""
    label = escape(gettext("Table – scroll sideways to see all of it"))
    opening = f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}"><table'
    return mark_safe(str(html).replace("<table", opening).replace("</table>", "</table></div>"))  # noqa: S308
