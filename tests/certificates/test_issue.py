"""A certificate is issued by the completion, once, with what it certifies."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from certificates.codes import ALPHABET
from certificates.models import Certificate
from modules.actions import record_page_view
from modules.models import Page
from tests.certificates.conftest import complete
from tests.factories import UserFactory
from tracking.models import Statement

WHEN = datetime(2027, 3, 15, 12, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def holder(db):
    return UserFactory(email="holder@example.test", display_name="Åse Ødegård", language="nb")


def test_completion_issues_one_certificate_with_what_it_certifies(holder, basics, cleaning):
    with time_machine.travel(WHEN, tick=False):
        enrolment = complete(holder, basics, cleaning)
    certificate = Certificate.objects.get(user=holder)
    assert certificate.enrolment_id == enrolment.pk
    assert certificate.holder_name == "Åse Ødegård"
    assert certificate.module_title["nb"] == "Grunnkurs i arbeidsmiljø"
    assert certificate.version_label == "1.0"
    assert certificate.industry_names["nb"] == "Renhold"
    assert certificate.minutes == 90
    assert certificate.issued_on == date(2027, 3, 15)
    assert certificate.expires_on == date(2029, 3, 15)  # validity_months: 24
    assert len(certificate.code) == 10 and set(certificate.code) <= set(ALPHABET)
    assert not set(certificate.code) & set("0O1IL")
    assert certificate.state(date(2027, 3, 16)) == "valid"


def test_completing_again_issues_nothing_new(holder, basics, cleaning):
    enrolment = complete(holder, basics, cleaning)
    for page in Page.objects.filter(version=basics):
        record_page_view(enrolment, page, "nb")
    assert Certificate.objects.filter(user=holder).count() == 1
    earned = Statement.objects.filter(verb__endswith="/verbs/earned")
    assert earned.count() == 1


def test_the_earned_statement_has_a_pseudonymous_actor(holder, basics, cleaning):
    complete(holder, basics, cleaning)
    statement = Statement.objects.get(verb__endswith="/verbs/earned")
    data = statement.data
    certificate = Certificate.objects.get(user=holder)
    assert data["actor"]["account"]["name"] == str(holder.xapi_id)
    assert "holder@example.test" not in str(data) and "Ødegård" not in str(data)
    assert certificate.code not in str(data)
    assert data["object"]["id"].endswith(f"/certificates/{certificate.public_id}")
    assert data["context"]["registration"] == str(certificate.enrolment.registration)


def test_the_learner_sees_you_have_earned_a_certificate(client, holder, basics, cleaning):
    enrolment = complete(holder, basics, cleaning)
    client.force_login(holder)
    page = client.get(reverse("learn_overview", args=[enrolment.pk])).content.decode()
    assert "Du har fått et kursbevis." in page
    assert reverse("certificate_list") in page
    listing = client.get(reverse("certificate_list")).content.decode()
    certificate = Certificate.objects.get(user=holder)
    assert certificate.grouped_code in listing
    assert reverse("certificate_pdf", args=[certificate.public_id]) in listing


def test_no_certificate_before_completion(client, holder, basics, cleaning):
    from base.roles import Role
    from modules.actions import enrol_learner

    enrolment = enrol_learner(holder, basics, cleaning, Role.SAFETY_REP)
    client.force_login(holder)
    page = client.get(reverse("learn_overview", args=[enrolment.pk])).content.decode()
    assert "kursbevis" not in page
    assert not Certificate.objects.exists()
