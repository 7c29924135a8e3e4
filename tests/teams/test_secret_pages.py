"""Pages that show a live invitation link or a second-factor secret are never stored."""

import pytest
from django.urls import reverse

from base.roles import Role
from teams.actions import invite
from tests.conftest import client_for


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_team_page_with_an_invitation_link_is_not_stored(client, team, leader):
    invitation = invite(team.public_id, Role.SAFETY_REP, acting_user=leader)
    response = client_for(client, leader).get(reverse("team_detail", args=[team.public_id]))
    assert invitation.token in response.content.decode()
    assert no_store(response)
    assert no_store(client.get(reverse("team_join", args=[invitation.token])))


def test_ordinary_pages_may_be_stored(client, team, leader):
    assert not no_store(client_for(client, leader).get(reverse("team_list")))


@pytest.mark.django_db
def test_recovery_codes_and_totp_secret_are_not_stored(client):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.factories import UserFactory

    user = UserFactory(is_staff=True)
    user.set_password("rett-passord-2026")
    user.save()
    login = {"login": user.email, "password": "rett-passord-2026"}
    assert client.post(reverse("account_login"), login).status_code == 302
    reauth = {"password": "rett-passord-2026"}
    assert client.post(reverse("account_reauthenticate"), reauth).status_code == 302
    activate = client.get(reverse("mfa_activate_totp"))
    assert activate.status_code == 200 and no_store(activate)
    TOTP.activate(user, generate_totp_secret())
    RecoveryCodes.activate(user)
    codes = client.get(reverse("mfa_view_recovery_codes"))
    assert codes.status_code == 200
    assert no_store(codes)
