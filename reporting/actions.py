"""Writes of the reports: the course owners' API tokens.

No xAPI statement: a token is an access credential, not a learning event.
"""

from datetime import timedelta

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.selectors import is_course_owner
from reporting.models import ApiToken
from reporting.tokens import PREFIX_LENGTH, new_token, token_hash

MAX_ACTIVE_TOKENS = 10
NAME_MAX = 100
# Choices for how long a token works (days; None: until revoked).
LIFETIMES = (30, 90, 365, None)


@transaction.atomic
def create_api_token(*, acting_user, name: str, days: int | None) -> tuple[ApiToken, str]:
    """A new token for the course owner. Returns the row and the token itself, which is
    never kept and can't be shown again."""
    if not is_course_owner(acting_user):
        raise PermissionDenied
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the token a name, e.g. the program that will use it."))
    if len(name) > NAME_MAX:
        raise ValidationError(_("The name can be at most 100 characters."))
    if days not in LIFETIMES:
        raise ValidationError(_("Choose how long the token works."))
    now = timezone.now()
    # Locks the person's tokens, so two requests at once can't pass the limit together.
    active = [
        t for t in ApiToken.objects.select_for_update().filter(user=acting_user) if t.is_usable(now)
    ]
    if len(active) >= MAX_ACTIVE_TOKENS:
        raise ValidationError(_("You have 10 tokens in use. Revoke one you no longer need first."))
    token = new_token()
    row = ApiToken.objects.create(
        user=acting_user,
        name=name,
        prefix=token[:PREFIX_LENGTH],
        token_hash=token_hash(token),
        expires_at=now + timedelta(days=days) if days else None,
    )
    return row, token


@transaction.atomic
def revoke_api_token(token_id: int, *, acting_user) -> ApiToken:
    """The owner revokes one of their tokens: from now on it gets 401. Revoking twice
    changes nothing. Someone else's token does not exist for them."""
    if not acting_user.is_authenticated:
        raise PermissionDenied
    row = ApiToken.objects.select_for_update().filter(pk=token_id, user=acting_user).first()
    if row is None:
        raise ObjectDoesNotExist
    if row.revoked_at is None:
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])
    return row


# last_used_at is written at most once per this interval per token (a busy script would
# otherwise write on every request).
LAST_USED_EVERY = timedelta(minutes=5)


def note_token_use(row: ApiToken) -> None:
    """Notes that the token was used (at most once per LAST_USED_EVERY)."""
    now = timezone.now()
    if row.last_used_at is not None and now - row.last_used_at < LAST_USED_EVERY:
        return
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    row.last_used_at = now
