"""How a refresher is presented: in the catalogue and on its page as a refresher for the
module it refreshes (not a second course for a newcomer), and on the home page only to
those whose certificate is due, expired or recommended for a refresher."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from base.roles import Role
from certificates.models import Certificate
from modules.actions import enrol_learner
from tests.certificates.conftest import complete
from tests.factories import UserFactory

TZ = timezone.get_current_timezone()
BASICS = "Grunnkurs i arbeidsmiljø"
REFRESHER = "Oppfrisking av grunnkurset"


@pytest.fixture
def holder(db):
    return UserFactory(display_name="Kari Nordmann")


def _home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


def test_the_catalogue_lists_a_refresher_after_its_module_and_names_it(client, refresher):
    html = client.get(reverse("catalogue")).content.decode()
    basics_at = html.index(reverse("module_detail", args=["grunnkurs"]))
    refresher_at = html.index(reverse("module_detail", args=["grunnkurs-oppfrisking"]))
    assert basics_at < refresher_at
    card = html[refresher_at:]
    assert ">Oppfriskning</span>" in card
    assert f"For deg som har tatt «{BASICS}»." in card
    assert "For deg som har tatt" not in html[basics_at:refresher_at]


def test_a_refresher_page_sends_a_newcomer_to_the_module_it_refreshes(client, refresher):
    html = client.get(reverse("module_detail", args=["grunnkurs-oppfrisking"])).content.decode()
    assert f"Dette er en kort oppfriskning for deg som har tatt «{BASICS}»." in html
    assert f'href="{reverse("module_detail", args=["grunnkurs"])}">Ny her?' in html


def test_the_refreshed_module_page_has_no_such_note(client, basics, refresher):
    html = client.get(reverse("module_detail", args=["grunnkurs"])).content.decode()
    assert "Ny her?" not in html and "kort oppfriskning" not in html


def test_no_refresher_on_the_home_page_of_a_newcomer(client, refresher):
    html = _home(client, UserFactory())
    assert REFRESHER not in html
    assert reverse("module_detail", args=["grunnkurs-oppfrisking"]) not in html


def test_no_refresher_offered_right_after_the_course(client, holder, basics, refresher, cleaning):
    complete(holder, basics, cleaning)
    assert REFRESHER not in _home(client, holder)


def test_the_refresher_is_offered_when_the_certificate_is_due(
    client, holder, basics, refresher, cleaning
):
    with time_machine.travel(datetime(2027, 3, 15, 12, tzinfo=TZ), tick=False):
        complete(holder, basics, cleaning)  # valid until 15 March 2029
    with time_machine.travel(datetime(2029, 1, 10, 12, tzinfo=TZ), tick=False):
        assert REFRESHER not in _home(client, holder)  # 64 days left: not yet
    with time_machine.travel(datetime(2029, 1, 20, 12, tzinfo=TZ), tick=False):
        html = _home(client, holder)
        assert f"Kursbeviset ditt for «{BASICS}» gjelder til 15.03.2029." in html
        assert reverse("module_detail", args=["grunnkurs-oppfrisking"]) in html
    with time_machine.travel(datetime(2029, 4, 1, 12, tzinfo=TZ), tick=False):
        assert f"Kursbeviset ditt for «{BASICS}» gikk ut 15.03.2029." in _home(client, holder)


def test_the_refresher_is_offered_when_the_module_changed_a_lot(
    client, holder, basics, refresher, cleaning
):
    complete(holder, basics, cleaning)
    Certificate.objects.filter(user=holder).update(refresher_recommended_at=timezone.now())
    assert f"«{BASICS}» er endret mye siden du tok det." in _home(client, holder)


def test_not_offered_while_taking_it_nor_after_renewing(
    client, holder, basics, refresher, cleaning
):
    complete(holder, basics, cleaning)
    Certificate.objects.filter(user=holder).update(refresher_recommended_at=timezone.now())
    enrolment = enrol_learner(holder, refresher, cleaning, Role.SAFETY_REP)
    html = _home(client, holder)
    assert "er endret mye" not in html  # it is under "continue" instead
    assert reverse("learn_continue", args=[enrolment.pk]) in html
    enrolment.delete()
    complete(holder, refresher, cleaning)  # renews the certificate
    assert "er endret mye" not in _home(client, holder)
