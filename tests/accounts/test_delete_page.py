"""The page where a person deletes their own account."""

import pytest
from django.urls import reverse

from accounts.models import User
from organisations import actions as organisation_actions
from organisations.models import Affiliation, Organisation
from tests.factories import UserFactory

URL = reverse("profile_delete")


@pytest.fixture
def person(db):
    user = UserFactory(email="person@example.test")
    user.set_password("a long enough secret 1")
    user.save()
    return user


def test_the_profile_links_to_the_page_which_says_what_is_deleted(client, person):
    client.force_login(person)
    assert URL in client.get(reverse("profile")).content.decode()
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert reverse("profile_data") in response.content.decode()


def test_the_right_password_and_the_box_delete_the_account_and_log_out(client, person):
    union = Organisation.objects.create(name="Forbund", kind=Organisation.Kind.UNION)
    organisation_actions.join_organisation(person, union, consent=True)
    client.force_login(person)
    response = client.post(URL, {"password": "a long enough secret 1", "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=person.pk).exists()
    assert not Affiliation.objects.exists()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("profile")).status_code == 302  # to the login page


@pytest.mark.parametrize(
    "data, error",
    [
        ({"password": "wrong", "confirm": "on"}, "Det er ikke passordet ditt"),
        ({"password": "", "confirm": "on"}, "Skriv passordet ditt"),
        ({"password": "a long enough secret 1"}, "påkrev"),
    ],
)
def test_a_wrong_or_missing_password_or_no_tick_deletes_nothing(client, person, data, error):
    client.force_login(person)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert User.objects.filter(pk=person.pk).exists()


def test_without_a_usable_password_the_box_is_enough(client, db):
    person = UserFactory(email="made@example.test")
    person.set_unusable_password()
    person.save()
    client.force_login(person)
    assert 'name="password"' not in client.get(URL).content.decode()
    assert client.post(URL, {"confirm": "on"}).status_code == 302
    assert not User.objects.filter(pk=person.pk).exists()


def test_one_person_cannot_delete_another(client, person):
    other = UserFactory(email="other@example.test")
    client.force_login(other)
    client.post(URL, {"password": "a long enough secret 1", "confirm": "on"})
    assert User.objects.filter(pk=person.pk).exists()
    assert User.objects.filter(pk=other.pk).exists()
