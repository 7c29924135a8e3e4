"""Learners state their organisations on the profile, only with explicit consent, and
change or withdraw it; nobody touches another person's affiliation."""

import re

import pytest
from django.urls import reverse

from organisations import actions
from organisations.models import Affiliation, Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("profile_organisations")


@pytest.fixture
def tree():
    kind = Organisation.Kind
    top = Organisation.objects.create(name="Hovedorganisasjonen", kind=kind.CONFEDERATION)
    union = Organisation.objects.create(name="Forbund A", kind=kind.UNION, parent=top)
    branch = Organisation.objects.create(name="Lokallag A1", kind=kind.BRANCH, parent=union)
    closed = Organisation.objects.create(
        name="Tilsynet", kind=kind.AUTHORITY, open_to_learners=False
    )
    return top, union, branch, closed


def test_the_page_explains_and_groups_the_choices_without_javascript(learner_client, tree):
    top, union, branch, closed = tree
    response = learner_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<optgroup label="Hovedorganisasjonen">' in html
    assert f'value="{branch.public_id}"' in html and "Forbund A › Lokallag A1" in html
    assert str(closed.public_id) not in html  # closed organisations are not offered
    assert 'name="consent"' in html and "checked" not in html  # never ticked for them
    assert "trekke" in html  # the plain explanation (nb): you can withdraw


def test_adding_an_organisation_needs_the_consent_box(learner_client, learner, tree):
    _top, union, _branch, _closed = tree
    response = learner_client.post(URL, {"organisation": str(union.public_id)})
    assert response.status_code == 400
    assert "Kryss av" in response.content.decode()
    assert not Affiliation.objects.exists()


def test_adding_with_consent_and_name_sharing(learner_client, learner, tree):
    _top, union, branch, _closed = tree
    response = learner_client.post(
        URL, {"organisation": str(branch.public_id), "consent": "on", "share_name": "on"}
    )
    assert response.status_code == 302
    affiliation = Affiliation.objects.get(user=learner)
    assert affiliation.organisation == branch and affiliation.share_name
    assert affiliation.consented_at and affiliation.share_name_at
    learner_client.post(URL, {"organisation": str(union.public_id), "consent": "on"})
    assert set(learner.affiliations.values_list("organisation__name", "share_name")) == {
        ("Lokallag A1", True),
        ("Forbund A", False),
    }
    page = learner_client.get(URL).content.decode()
    assert "Lokallag A1" in page and "Forbund A" in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # each card's checkbox has its own id


def test_a_closed_or_unknown_organisation_is_refused_with_a_message(learner_client, tree):
    *_rest, closed = tree
    response = learner_client.post(URL, {"organisation": str(closed.public_id), "consent": "on"})
    assert response.status_code == 400
    assert "Du kan ikke velge denne organisasjonen" in response.content.decode()
    for bad in ("", "not-a-uuid", "6f1c2b1e-0000-4000-8000-000000000000"):
        response = learner_client.post(URL, {"organisation": bad, "consent": "on"})
        assert response.status_code == 400, bad
    assert not Affiliation.objects.exists()


def test_changing_name_sharing(learner_client, learner, tree):
    _top, union, _branch, _closed = tree
    actions.join_organisation(learner, union, consent=True)
    url = reverse("profile_organisation_name", args=[union.public_id])
    assert learner_client.get(url).status_code == 405
    assert learner_client.post(url, {"share_name": "on"}).status_code == 302
    assert Affiliation.objects.get().share_name is True
    learner_client.post(url, {})
    affiliation = Affiliation.objects.get()
    assert affiliation.share_name is False and affiliation.share_name_at is None


def test_withdrawing_asks_first_then_deletes(learner_client, learner, tree):
    _top, union, _branch, _closed = tree
    actions.join_organisation(learner, union, consent=True, share_name=True)
    url = reverse("profile_organisation_leave", args=[union.public_id])
    page = learner_client.get(url)
    assert page.status_code == 200 and "Forbund A" in page.content.decode()
    assert Affiliation.objects.exists()  # the GET only asks
    assert learner_client.post(url).status_code == 302
    assert not Affiliation.objects.exists()
    assert learner_client.post(url).status_code == 404  # nothing left to withdraw


def test_nobody_touches_another_persons_affiliation(client, learner, tree):
    _top, union, _branch, _closed = tree
    actions.join_organisation(learner, union, consent=True, share_name=True)
    other = UserFactory()
    client.force_login(other)
    leave = reverse("profile_organisation_leave", args=[union.public_id])
    name = reverse("profile_organisation_name", args=[union.public_id])
    assert client.get(leave).status_code == 404
    assert client.post(leave).status_code == 404
    assert client.post(name, {}).status_code == 404
    assert "Forbund A" not in client.get(URL).content.decode().split('id="add"')[0]
    affiliation = Affiliation.objects.get()
    assert affiliation.user == learner and affiliation.share_name is True


def test_anonymous_visitors_are_sent_to_log_in(client, tree):
    _top, union, _branch, _closed = tree
    for url in (
        URL,
        reverse("profile_organisation_leave", args=[union.public_id]),
        reverse("profile_organisation_name", args=[union.public_id]),
    ):
        response = client.post(url, {"organisation": str(union.public_id), "consent": "on"})
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Affiliation.objects.exists()
