"""Reads about organisations, affiliations and course owners' scopes."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from organisations.models import Affiliation, Organisation, OwnerScope


@dataclass(frozen=True)
class Scope:
    """What one of a course owner's scopes lets them see: learners affiliated (with
    consent) to ``organisation`` or any organisation under it, in ``module_ids``."""

    organisation: Organisation
    organisation_ids: frozenset[int]
    module_ids: frozenset[int] | None  # None: every module

    @property
    def public_id(self):
        return self.organisation.public_id

    def covers_module(self, module_id: int) -> bool:
        return self.module_ids is None or module_id in self.module_ids


def descendant_ids(root_ids) -> frozenset[int]:
    """The organisations in ``root_ids`` and every organisation under them (one query: the
    hierarchy is a few hundred rows at most, walked in memory)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Organisation.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), list(root_ids)
    while stack:
        pk = stack.pop()
        if pk in found:
            continue
        found.add(pk)
        stack.extend(children.get(pk, ()))
    return frozenset(found)


def _scope(row: OwnerScope) -> Scope:
    module_ids = frozenset(m.pk for m in row.modules.all())
    return Scope(
        organisation=row.organisation,
        organisation_ids=descendant_ids([row.organisation_id]),
        module_ids=module_ids or None,
    )


def scopes_for(user) -> list[Scope]:
    """Every scope the person holds as a course owner (empty: not a course owner)."""
    if not user.is_authenticated:
        return []
    rows = (
        OwnerScope.objects.filter(user=user)
        .select_related("organisation")
        .prefetch_related("modules")
        .order_by("organisation__name")
    )
    return [_scope(row) for row in rows]


def scope_for(user, organisation_public_id) -> Scope | None:
    """The person's scope over that organisation, or None (the caller answers 404)."""
    if not user.is_authenticated:
        return None
    row = (
        OwnerScope.objects.filter(user=user, organisation__public_id=organisation_public_id)
        .select_related("organisation")
        .prefetch_related("modules")
        .first()
    )
    return _scope(row) if row else None


def is_course_owner(user) -> bool:
    return user.is_authenticated and OwnerScope.objects.filter(user=user).exists()


def learner_ids(scope: Scope, *, named: bool = False) -> QuerySet:
    """The ids of learners in the scope, as a subquery: those who said (with consent) they
    belong to one of its organisations; ``named``: only those who also let the
    organisation's course owners see their name."""
    rows = Affiliation.objects.filter(organisation_id__in=scope.organisation_ids)
    if named:
        rows = rows.filter(share_name=True)
    return rows.values("user_id")


def organisations_to_choose() -> QuerySet:
    """The organisations a learner may say they belong to, parents first."""
    return Organisation.objects.filter(open_to_learners=True).select_related("parent")


def affiliations_of(user) -> QuerySet:
    return Affiliation.objects.filter(user=user).select_related("organisation")


def organisation_by_public_id(public_id) -> Organisation | None:
    try:
        return Organisation.objects.filter(public_id=public_id).first()
    except (ValueError, ValidationError):  # not a UUID
        return None


def organisation_groups() -> list:
    """The organisations learners may choose, as ``<select>`` choices grouped by the top
    of each hierarchy: each option is named by its path below the top ("Forbund A ›
    Lokallag A1"), so two branches with the same name are told apart."""
    rows = {o.pk: o for o in Organisation.objects.all()}

    def path(org) -> list[Organisation]:
        chain, seen = [org], {org.pk}
        while chain[0].parent_id is not None and chain[0].parent_id not in seen:
            seen.add(chain[0].parent_id)
            chain.insert(0, rows[chain[0].parent_id])
        return chain

    groups: dict[int, list[tuple[str, str]]] = {}
    for org in rows.values():
        if not org.open_to_learners:
            continue
        chain = path(org)
        label = " › ".join(o.name for o in chain[1:]) or org.name
        groups.setdefault(chain[0].pk, []).append((str(org.public_id), label))
    out = [("", "—")]
    for top_pk in sorted(groups, key=lambda pk: rows[pk].name.lower()):
        options = sorted(groups[top_pk], key=lambda option: option[1].lower())
        out.append((rows[top_pk].name, options))
    return out


def personal_data(user) -> dict:
    """The person's affiliations (with the dates of their consents) and, for a course
    owner, their scopes. API tokens are the reporting app's section."""
    return {
        "affiliations": [
            {
                "organisation": a.organisation.name,
                "consented_at": a.consented_at,
                "share_name": a.share_name,
                "share_name_at": a.share_name_at,
            }
            for a in affiliations_of(user).order_by("organisation__name")
        ],
        "owner_scopes": [
            {
                "organisation": s.organisation.name,
                "modules": sorted(m.slug for m in s.modules.all()) or "all",
                "created_at": s.created_at,
            }
            for s in OwnerScope.objects.filter(user=user)
            .select_related("organisation")
            .prefetch_related("modules")
            .order_by("organisation__name")
        ],
    }
