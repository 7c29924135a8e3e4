"""One reminder e-mail from a recipient's due reminders: plain text and HTML in their
language, each part with its link back, one-click unsubscribe headers, .ics events."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from mail.actions import queue_email
from reminders.optout import make_token


def site_link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _subject(parts) -> str:
    first = parts[0]["part"].subject
    if len(parts) == 1:
        return first
    more = len(parts) - 1
    return ngettext(
        "%(first)s, and %(count)d more reminder",
        "%(first)s, and %(count)d more reminders",
        more,
    ) % {"first": first, "count": more}


def compose(wanted, *, user, dedupe_key: str):
    """Queue the e-mail for ``wanted`` [(reminder, kind)]; None if there is no address."""
    first = wanted[0][0]
    address = user.email if user is not None else first.email
    if not address:
        return None
    language = (user.language if user is not None else first.language) or settings.LANGUAGE_CODE
    who = {"user": user} if user is not None else {"email": address}
    with translation.override(language):
        parts = [
            {
                "part": kind.part(row),
                "link": site_link(reverse("reminder_follow", args=[row.token])),
                "stop": site_link(
                    reverse("reminder_unsubscribe", args=[make_token([row.kind], **who)])
                ),
                "label": kind.label,
            }
            for row, kind in wanted
        ]
        all_kinds = [row.kind for row, _kind in wanted]
        context = {
            "parts": parts,
            "name": getattr(user, "display_name", "") if user is not None else "",
            "settings_link": site_link(reverse("reminder_settings")) if user else "",
            "site": settings.SITE_URL,
            "language": language,
        }
        subject = _subject(parts)
        text = render_to_string("reminders/email/reminders.txt", context)
        html = render_to_string("reminders/email/reminders.html", context)
        unsubscribe = site_link(
            reverse("reminder_unsubscribe", args=[make_token(all_kinds, **who)])
        )
        calendar = [
            {
                "filename": f"event-{i}.ics",
                "content": p["part"].ics,
                "mimetype": "text/calendar",
            }
            for i, p in enumerate(parts, start=1)
            if p["part"].ics
        ]
    try:
        return queue_email(
            address,
            subject,
            text,
            html=html,
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
            },
            attachments=calendar,
            dedupe_key=dedupe_key,
        )
    except ValidationError:
        return None
