"""LRS clients scoped to an organisation: the resolver and binder that ``reporting``
registers with ``tracking.lrs.scopes`` (tracking can't look at organisations itself).

Statements name a learner by ``account|<XAPI_ACTOR_HOMEPAGE>|<xapi_id>`` (their agent
key); the keys of the organisation's consenting members are worked out in the database,
as a subquery, so a large organisation is never a long list of parameters.
"""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, Replace, Substr

from modules.models import Module
from organisations.models import Organisation
from organisations.selectors import Scope, descendant_ids, learner_ids
from reporting.models import LrsClientScope
from tracking.lrs.scopes import ReadScope, ScopeError
from tracking.vocabulary import module_iri


def _agent_key_expression():
    """agent_key() of a user's statements, in SQL: the xapi_id as text with hyphens
    (PostgreSQL keeps a uuid, SQLite 32 hex digits: both reduced to the digits first)."""
    digits = Replace(Cast("xapi_id", CharField()), Value("-"), Value(""))
    parts = [Substr(digits, start, length) for start, length in ((1, 8), (9, 4), (13, 4))]
    parts += [Substr(digits, 17, 4), Substr(digits, 21, 12)]
    dashed = []
    for i, part in enumerate(parts):
        dashed += [Value("-"), part] if i else [part]
    prefix = f"account|{settings.XAPI_ACTOR_HOMEPAGE}|"
    return Concat(Value(prefix), *dashed, output_field=CharField())


def agent_keys(user_ids):
    """The agent keys of these users (a subquery)."""
    return (
        get_user_model()
        .objects.filter(pk__in=user_ids)
        .annotate(agent_key=_agent_key_expression())
        .values("agent_key")
    )


def resolve(client) -> ReadScope | None:
    row = (
        LrsClientScope.objects.filter(client_id=client.pk)
        .select_related("organisation")
        .prefetch_related("modules")
        .first()
    )
    if row is None:
        return None
    modules = list(row.modules.all())
    scope = Scope(
        organisation=row.organisation,
        organisation_ids=descendant_ids([row.organisation_id]),
        module_ids=frozenset(m.pk for m in modules) or None,
    )
    iris = tuple(module_iri(m.slug) for m in modules) or None
    return ReadScope(agents=agent_keys(learner_ids(scope)), activity_iris=iris)


def _organisation(value: str) -> Organisation:
    try:
        found = Organisation.objects.filter(public_id=uuid.UUID(value)).first()
    except ValueError:
        found = None
    if found is None:
        matches = list(Organisation.objects.filter(name=value)[:2])
        if len(matches) > 1:
            raise ScopeError(f"more than one organisation is named {value!r}: give its public id")
        found = matches[0] if matches else None
    if found is None:
        raise ScopeError(f"no organisation has the public id or the name {value!r}")
    return found


@transaction.atomic
def bind(client, organisation: str, modules: list[str]) -> None:
    org = _organisation(organisation)
    found = list(Module.objects.filter(slug__in=modules))
    missing = sorted(set(modules) - {m.slug for m in found})
    if missing:
        raise ScopeError(f"no module has the slug(s): {', '.join(missing)}")
    if client.can_write:
        client.can_write = False
        client.save(update_fields=["can_write"])
    row = LrsClientScope.objects.create(client=client, organisation=org)
    row.modules.set(found)
