import pytest
from django.core.exceptions import ValidationError

from organisations import actions, selectors
from organisations.models import Affiliation, Organisation, OwnerScope
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    kind = Organisation.Kind
    top = Organisation.objects.create(name="Hovedorganisasjonen", kind=kind.CONFEDERATION)
    union_a = Organisation.objects.create(name="Forbund A", kind=kind.UNION, parent=top)
    branch_a = Organisation.objects.create(name="Lokallag A1", kind=kind.BRANCH, parent=union_a)
    union_b = Organisation.objects.create(name="Forbund B", kind=kind.UNION, parent=top)
    return top, union_a, branch_a, union_b


def test_a_scope_covers_its_organisation_and_everything_under_it(tree):
    top, union_a, branch_a, union_b = tree
    owner = UserFactory()
    OwnerScope.objects.create(user=owner, organisation=union_a)
    (scope,) = selectors.scopes_for(owner)
    assert scope.organisation_ids == {union_a.pk, branch_a.pk}
    assert scope.module_ids is None
    assert selectors.scope_for(owner, union_a.public_id) == scope
    assert selectors.scope_for(owner, union_b.public_id) is None
    assert selectors.scope_for(owner, top.public_id) is None


def test_only_consenting_members_of_the_scope_are_its_learners(tree):
    top, union_a, branch_a, union_b = tree
    owner, in_branch, in_b, nowhere, named = UserFactory.create_batch(5)
    OwnerScope.objects.create(user=owner, organisation=union_a)
    actions.join_organisation(in_branch, branch_a, consent=True)
    actions.join_organisation(in_b, union_b, consent=True)
    actions.join_organisation(named, union_a, consent=True, share_name=True)
    (scope,) = selectors.scopes_for(owner)
    ids = set(selectors.learner_ids(scope).values_list("user_id", flat=True))
    assert ids == {in_branch.pk, named.pk}
    named_ids = set(selectors.learner_ids(scope, named=True).values_list("user_id", flat=True))
    assert named_ids == {named.pk}
    assert nowhere.pk not in ids


def test_no_affiliation_without_consent_and_withdrawing_deletes_it(tree):
    _top, union_a, _branch_a, _union_b = tree
    learner = UserFactory()
    with pytest.raises(ValidationError):
        actions.join_organisation(learner, union_a, consent=False)
    assert not Affiliation.objects.exists()
    actions.join_organisation(learner, union_a, consent=True)
    actions.set_name_sharing(learner, union_a, share=True)
    assert Affiliation.objects.get().share_name_at is not None
    assert actions.leave_organisation(learner, union_a) is True
    assert not Affiliation.objects.exists()
    assert actions.leave_organisation(learner, union_a) is False


def test_a_learner_is_not_a_course_owner(tree):
    assert selectors.scopes_for(UserFactory()) == []
    assert not selectors.is_course_owner(UserFactory())
