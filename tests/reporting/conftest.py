"""A small world for the reports: a confederation with two member unions (A with two
local branches, B), an owner of each union, consenting learners in each, a learner who
gave no consent, and the certificate fixture tree (a module with a 24-month validity and
its refresher, one page each, so opening the page completes the module)."""

from dataclasses import dataclass, field

import pytest

from base.roles import Role
from modules.actions import enrol_learner, record_page_view
from modules.models import Industry, ModuleVersion, Page
from organisations.actions import join_organisation
from organisations.models import Organisation, OwnerScope
from organisations.selectors import scopes_for
from tests.certificates.conftest import import_tree
from tests.factories import UserFactory


def take(user, version, industry, role=Role.SAFETY_REP, *, finish=True):
    """Enrol ``user``; ``finish``: open the module's pages (which completes it, and issues
    the certificate)."""
    enrolment = enrol_learner(user, version, industry, role)
    if finish:
        for page in Page.objects.filter(version=version).order_by("order"):
            record_page_view(enrolment, page, "nb")
        enrolment.refresh_from_db()
    return enrolment


@dataclass
class World:
    top: Organisation
    union_a: Organisation
    branch_a1: Organisation
    branch_a2: Organisation
    union_b: Organisation
    owner_a: object
    owner_b: object
    basics: ModuleVersion
    refresher: ModuleVersion
    cleaning: Industry
    people: dict = field(default_factory=dict)

    @property
    def scope_a(self):
        return scopes_for(self.owner_a)[0]

    @property
    def scope_b(self):
        return scopes_for(self.owner_b)[0]


def member(org, *, named=False, **kwargs):
    user = UserFactory(**kwargs)
    join_organisation(user, org, consent=True, share_name=named)
    return user


@pytest.fixture
def world(db):
    import_tree()
    kind = Organisation.Kind
    top = Organisation.objects.create(name="Hovedorganisasjonen", kind=kind.CONFEDERATION)
    union_a = Organisation.objects.create(name="Forbund A", kind=kind.UNION, parent=top)
    a1 = Organisation.objects.create(name="Lokallag A1", kind=kind.BRANCH, parent=union_a)
    a2 = Organisation.objects.create(name="Lokallag A2", kind=kind.BRANCH, parent=union_a)
    union_b = Organisation.objects.create(name="Forbund B", kind=kind.UNION, parent=top)
    owner_a = UserFactory(email="owner-a@example.test", display_name="Owner A")
    owner_b = UserFactory(email="owner-b@example.test", display_name="Owner B")
    OwnerScope.objects.create(user=owner_a, organisation=union_a)
    OwnerScope.objects.create(user=owner_b, organisation=union_b)
    return World(
        top,
        union_a,
        a1,
        a2,
        union_b,
        owner_a,
        owner_b,
        ModuleVersion.objects.get(module__slug="grunnkurs", is_current=True),
        ModuleVersion.objects.get(module__slug="grunnkurs-oppfrisking", is_current=True),
        Industry.objects.get(slug="renhold"),
    )


@pytest.fixture
def populated(world):
    """A1: 6 union reps completed (2 share their name) and 1 only enrolled; A2: 2 safety
    reps completed; B: 5 leaders completed; 3 people with no consent completed too."""
    w = world
    a1 = [member(w.branch_a1, named=i < 2, display_name=f"Anne {i}") for i in range(6)]
    for user in a1:
        take(user, w.basics, w.cleaning, Role.UNION_REP)
    idle = member(w.branch_a1)
    take(idle, w.basics, w.cleaning, Role.UNION_REP, finish=False)
    a2 = [member(w.branch_a2, display_name=f"Arne {i}") for i in range(2)]
    for user in a2:
        take(user, w.basics, w.cleaning, Role.SAFETY_REP)
    b = [member(w.union_b, named=True, display_name=f"Berit {i}") for i in range(5)]
    for user in b:
        take(user, w.basics, w.cleaning, Role.LEADER)
    loose = [UserFactory(display_name=f"Uten samtykke {i}") for i in range(3)]
    for user in loose:
        take(user, w.basics, w.cleaning, Role.UNION_REP)
    w.people = {"a1": a1, "idle": idle, "a2": a2, "b": b, "loose": loose}
    return w
