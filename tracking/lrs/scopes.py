"""LRS clients scoped to part of the learners: what such a client may read.

``tracking`` sits below the apps that know who belongs where, so it never asks them:
an app above registers, in its ``AppConfig.ready()``, a *resolver* (client → ``ReadScope``
or None for an unscoped client) and a *binder* (used by ``create_lrs_client
--organisation``), like ``modules/hooks.py``. A scoped client reads only statements whose
actor is one of its agents (and, if it is limited to some modules, that mention one of
their activities), and only the state and agent-profile documents of its agents; it never
writes. Anything else is simply not there for it: empty lists, 404 for a single item.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from tracking.models import DocumentKind


class ScopeError(ValueError):
    """The organisation (or module) a client was to be scoped to can't be found."""


@dataclass(frozen=True)
class ReadScope:
    # Agent keys (tracking.identity.agent_key) the client may read about: a subquery of
    # one column, or any collection of strings.
    agents: Any
    # Activity IRIs the client's statements must mention (or lie under); None: any.
    activity_iris: tuple[str, ...] | None = None

    def _activities(self, field: str, framed: bool) -> Q:
        if self.activity_iris is None:
            return Q()
        match = Q(pk__in=[])
        for iri in self.activity_iris:
            if framed:  # a newline-framed list: the IRI itself or anything under it
                match |= Q(**{f"{field}__contains": f"\n{iri}\n"})
                match |= Q(**{f"{field}__contains": f"\n{iri}/"})
            else:
                match |= Q(**{field: iri}) | Q(**{f"{field}__startswith": f"{iri}/"})
        return match

    def statements(self) -> Q:
        return Q(agent__in=self.agents) & self._activities("related_activities", framed=True)

    def documents(self) -> Q:
        """States and agent profiles of its agents; activity profiles of its activities
        (no person in them), or every one when the client has every module."""
        mine = Q(agent__in=self.agents)
        return (
            Q(kind=DocumentKind.STATE) & mine & self._activities("activity", framed=False)
            | Q(kind=DocumentKind.AGENT_PROFILE) & mine
            | Q(kind=DocumentKind.ACTIVITY_PROFILE) & self._activities("activity", framed=False)
        )


_resolvers: list[Callable] = []
_binders: list[Callable] = []


def on_resolve(resolver: Callable) -> Callable:
    """resolver(client) → ReadScope, or None when it has nothing to say about the client."""
    if resolver not in _resolvers:
        _resolvers.append(resolver)
    return resolver


def on_bind(binder: Callable) -> Callable:
    """binder(client, organisation: str, modules: list[str]) scopes a new client; raises
    ScopeError when the organisation or a module is not found."""
    if binder not in _binders:
        _binders.append(binder)
    return binder


def read_scope(client) -> ReadScope | None:
    """What the client may read: None for an unscoped client (everything)."""
    for resolver in list(_resolvers):
        scope = resolver(client)
        if scope is not None:
            return scope
    return None


def bind(client, *, organisation: str, modules: list[str]) -> None:
    if not _binders:
        raise ScopeError("no app can scope LRS clients to an organisation")
    for binder in list(_binders):
        binder(client, organisation, modules)
