"""Double submits of creating forms make one thing.

Each such form carries a one-time token (``{% submit_token %}`` from ``base.templatetags``,
a new one each time the form is shown). The action, after its access check and under its
lock, asks ``earlier()`` whether this person already sent this token: if so it returns
what that submit made and changes nothing; otherwise it does its work and ``remember()``s
the token in the same transaction, so the token counts only if the work was committed.
A unique constraint on (person, token) catches two submits at the same moment.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.db import models
from django.utils import timezone

from base.models import FormSubmission

FIELD = "submit_token"
KEEP = timedelta(days=2)  # long enough for any reload or resubmit


def token_from(request) -> uuid.UUID | None:
    """The form's token, or None when it has none (or not a valid one)."""
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


@dataclass
class Earlier:
    made: models.Model | None


def earlier(acting_user, token) -> Earlier | None:
    """What an earlier submit of the same form (same person, same token) made; None when
    this is the first (or the form has no token)."""
    if token is None:
        return None
    row = FormSubmission.objects.filter(user=acting_user, token=token).first()
    if row is None:
        return None
    made = None
    if row.made:
        label, pk = row.made.rsplit(":", 1)
        made = apps.get_model(label)._default_manager.filter(pk=pk).first()
    return Earlier(made)


def remember(acting_user, token, made: models.Model | None = None) -> None:
    """Note that this form was sent (call it in the transaction that did the work)."""
    if token is None:
        return
    FormSubmission.objects.create(
        user=acting_user,
        token=token,
        made=f"{made._meta.label_lower}:{made.pk}" if made is not None else "",
    )


def forget_old(keep: timedelta = KEEP) -> int:
    """Delete tokens older than ``keep``: by then nobody sends that form again."""
    return FormSubmission.objects.filter(created_at__lt=timezone.now() - keep).delete()[0]
