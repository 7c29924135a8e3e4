"""Two course owners, A and B, over two unrelated unions, and a learner."""

import pytest

from organisations.models import Organisation, OwnerScope
from reporting.actions import create_api_token
from tests.factories import UserFactory


@pytest.fixture
def union_a(db):
    return Organisation.objects.create(name="Forbund A", kind=Organisation.Kind.UNION)


@pytest.fixture
def union_b(db):
    return Organisation.objects.create(name="Forbund B", kind=Organisation.Kind.UNION)


@pytest.fixture
def owner_a(union_a):
    user = UserFactory()
    OwnerScope.objects.create(user=user, organisation=union_a)
    return user


@pytest.fixture
def owner_b(union_b):
    user = UserFactory()
    OwnerScope.objects.create(user=user, organisation=union_b)
    return user


@pytest.fixture
def token_a(owner_a):
    return create_api_token(acting_user=owner_a, name="Script A", days=90)[1]


@pytest.fixture
def token_b(owner_b):
    return create_api_token(acting_user=owner_b, name="Script B", days=None)[1]


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
