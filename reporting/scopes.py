"""The scopes reports are drawn for: a course owner's ``organisations.selectors.Scope``
(an organisation with its descendants, some or all modules, consenting learners only),
or ``SITE``, the whole site for staff (every learner, consent or not, counted only in
totals: it has no named lists)."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation
from organisations.selectors import Scope, learner_ids

SITE_KEY = "site"


@dataclass(frozen=True)
class SiteScope:
    organisation = None
    organisation_ids = None
    module_ids = None
    public_id = SITE_KEY
    name = _("The whole site")

    def covers_module(self, module_id: int) -> bool:
        return True


SITE = SiteScope()


def is_site(scope) -> bool:
    return isinstance(scope, SiteScope)


def scope_key(scope) -> str:
    """What stands for the scope in URLs: the organisation's public id, or "site"."""
    return SITE_KEY if is_site(scope) else str(scope.organisation.public_id)


def scope_name(scope) -> str:
    return str(SITE.name) if is_site(scope) else scope.organisation.name


def learners_q(scope, field: str = "user_id", *, named: bool = False) -> Q:
    """A filter on ``field`` (a user id) keeping the scope's learners: for an owner's scope
    the consenting members of its organisations (``named``: who also share their name)."""
    if is_site(scope):
        if named:
            raise ValueError("the site-wide scope has no named lists")
        return Q()
    return Q(**{f"{field}__in": learner_ids(scope, named=named)})


def modules_q(scope, field: str = "version__module_id") -> Q:
    if scope.module_ids is None:
        return Q()
    return Q(**{f"{field}__in": sorted(scope.module_ids)})


def parts_of(scope) -> list[tuple[Organisation, frozenset[int]]]:
    """The organisations a scope is broken down by, each with the ids it stands for: an
    owner's organisation's direct children (with their descendants), or for the site the
    top-level organisations. One query for the whole hierarchy."""
    rows = list(Organisation.objects.only("pk", "parent_id", "name", "public_id", "kind"))
    children: dict[int | None, list[Organisation]] = {}
    for org in rows:
        children.setdefault(org.parent_id, []).append(org)

    def below(org) -> frozenset[int]:
        found, stack = set(), [org]
        while stack:
            node = stack.pop()
            if node.pk in found:
                continue
            found.add(node.pk)
            stack.extend(children.get(node.pk, ()))
        return frozenset(found)

    top = children.get(None, []) if is_site(scope) else children.get(scope.organisation.pk, [])
    return [(org, below(org)) for org in sorted(top, key=lambda o: o.name)]


__all__ = ["SITE", "Scope", "SiteScope", "is_site", "learners_q", "modules_q", "parts_of"]
