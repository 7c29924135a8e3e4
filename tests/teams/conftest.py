import pytest

from base.roles import Role
from teams.actions import accept_invitation, create_team, invite
from teams.models import Workplace
from tests.factories import UserFactory

ORG_NUMBER = "975312461"  # valid check digit


@pytest.fixture
def leader(db):
    return UserFactory(email="leader@example.test", display_name="Lena", roles=[Role.LEADER])


@pytest.fixture
def safety_rep(db):
    return UserFactory(email="vo@example.test", display_name="Vera", roles=[Role.SAFETY_REP])


@pytest.fixture
def union_rep(db):
    return UserFactory(email="tv@example.test", display_name="Tore", roles=[Role.UNION_REP])


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.test", display_name="Otto")


@pytest.fixture
def workplace(barnehage):
    return Workplace(
        name="Solstua barnehage", org_number=ORG_NUMBER, industry=barnehage, employees=18
    )


@pytest.fixture
def team(leader, workplace, starter):
    """A team with only the leader in it."""
    return create_team(workplace, [Role.LEADER], [starter], acting_user=leader)


@pytest.fixture
def trio(team, leader, safety_rep, union_rep):
    """A team with all three seats taken."""
    accept_invitation(
        invite(team.public_id, Role.SAFETY_REP, acting_user=leader).token, acting_user=safety_rep
    )
    accept_invitation(
        invite(team.public_id, Role.UNION_REP, acting_user=leader).token, acting_user=union_rep
    )
    return team


def client_for(client, user):
    client.force_login(user)
    return client
