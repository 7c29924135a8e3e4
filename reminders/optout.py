"""Opting out of a kind of reminder: signed one-click links, and who has opted out.

A link carries the kinds and the person (an account id, or a keyed hash of an address
without an account), signed with the site's key and valid for ``LINK_DAYS`` days.
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models import Q

from reminders.models import OptOut

SALT = "reminders.unsubscribe"
LINK_DAYS = 90


def address_hash(email: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def recipient_key(user=None, email: str = "") -> str:
    """The key the one-a-day rule counts by: never the address itself."""
    return f"u:{user.pk}" if user is not None else f"a:{address_hash(email)}"


def make_token(kinds: list[str], *, user=None, email: str = "") -> str:
    who = {"u": user.pk} if user is not None else {"a": address_hash(email)}
    return signing.dumps({"k": sorted(set(kinds)), **who}, salt=SALT, compress=True)


@dataclass
class LinkError(Exception):
    reason: str  # "expired" or "invalid"


@dataclass
class Link:
    kinds: list[str]
    user_id: int | None
    address_hash: str


def read_token(token: str) -> Link:
    """The link's content; ``LinkError`` for an expired, tampered or foreign one."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_DAYS * 24 * 3600)
    except signing.SignatureExpired:
        raise LinkError("expired") from None
    except signing.BadSignature:
        raise LinkError("invalid") from None
    kinds = data.get("k") if isinstance(data, dict) else None
    if not isinstance(kinds, list) or not kinds or not all(isinstance(k, str) for k in kinds):
        raise LinkError("invalid")
    user_id, hashed = data.get("u"), data.get("a", "")
    if not (isinstance(user_id, int) or (isinstance(hashed, str) and len(hashed) == 64)):
        raise LinkError("invalid")
    return Link(kinds, user_id if isinstance(user_id, int) else None, hashed or "")


def opted_out_kinds(*, user=None, email: str = "") -> set[str]:
    if user is not None:
        found = OptOut.objects.filter(user=user)
    else:
        found = OptOut.objects.filter(user__isnull=True, address_hash=address_hash(email))
    return set(found.values_list("kind", flat=True))


def who_filter(link: Link) -> Q:
    if link.user_id is not None:
        return Q(user_id=link.user_id)
    return Q(user__isnull=True, address_hash=link.address_hash)
