"""Reads of the reports: the course owners' API tokens."""

import hmac

from django.db.models import QuerySet
from django.utils import timezone

from modules.models import Module
from reporting.models import ApiToken
from reporting.tokens import looks_like_token, token_hash


def tokens_of(user) -> QuerySet:
    """The person's tokens, newest first (names and dates; never a secret)."""
    return ApiToken.objects.filter(user=user)


def usable_token(raw: str) -> ApiToken | None:
    """The token a request presents, if it is known, not revoked and not expired. Found
    by its hash (an index lookup takes the same time whatever the token), then compared
    in constant time."""
    if not looks_like_token(raw):
        return None
    digest = token_hash(raw)
    row = ApiToken.objects.select_related("user").filter(token_hash=digest).first()
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        return None
    if not row.is_usable(timezone.now()) or not row.user.is_active:
        return None
    return row


def module_slugs(module_ids) -> dict[int, str]:
    """The slugs of these modules, by id."""
    return dict(Module.objects.filter(pk__in=module_ids).values_list("pk", "slug"))
