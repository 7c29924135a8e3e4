"""The public verify page: each state with only what a checker needs; unknown and malformed
codes get the same neutral answer; guessing is rate-limited."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from certificates.actions import revoke_certificate
from certificates.models import Certificate
from tests.certificates.conftest import complete
from tests.factories import UserFactory

ISSUED = datetime(2027, 3, 15, 12, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def certificate(basics, cleaning):
    holder = UserFactory(email="holder@example.test", display_name="Kari Nordmann")
    with time_machine.travel(ISSUED, tick=False):
        complete(holder, basics, cleaning)
    return Certificate.objects.get(user=holder)


def page(client, code: str) -> str:
    response = client.get(reverse("certificate_verify", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_valid_shows_name_module_and_dates_only(client, certificate):
    with time_machine.travel(datetime(2028, 1, 1, 12, tzinfo=ISSUED.tzinfo), tick=False):
        html = page(client, certificate.code)
    assert "Dette kursbeviset er gyldig." in html
    assert "Kari Nordmann" in html and "Grunnkurs i arbeidsmiljø" in html
    assert "15. mars 2027" in html and "15. mars 2029" in html
    assert "holder@example.test" not in html
    assert certificate.enrolment.industry.name not in main(html)  # not needed to check


def test_expired_after_the_validity(client, certificate):
    with time_machine.travel(datetime(2029, 3, 15, 12, tzinfo=ISSUED.tzinfo), tick=False):
        assert "er gyldig" in page(client, certificate.code)  # the last day still counts
    with time_machine.travel(datetime(2029, 3, 16, 12, tzinfo=ISSUED.tzinfo), tick=False):
        html = page(client, certificate.code)
    assert "Dette kursbeviset er utløpt." in html
    assert "Kari Nordmann" in html


def test_revoked(client, certificate, django_user_model):
    staff = UserFactory(is_staff=True)
    revoke_certificate(certificate.pk, "Feil person", acting_user=staff)
    html = page(client, certificate.code)
    assert "Dette kursbeviset er trukket tilbake." in html
    assert "Feil person" not in html  # the reason is for staff, not for the checker


def test_typed_codes_are_case_and_dash_insensitive(client, certificate):
    typed = f" {certificate.code[:5].lower()} - {certificate.code[5:]} "
    response = client.get(reverse("certificate_verify_form"), {"code": typed})
    assert response.status_code == 302
    assert response.url == reverse("certificate_verify", args=[certificate.code])
    assert "er gyldig" in page(client, certificate.grouped_code.lower())


def test_the_form_page_works_without_a_code(client, db):
    html = client.get(reverse("certificate_verify_form")).content.decode()
    assert 'name="code"' in html and "ikke gyldig" not in html


@pytest.mark.parametrize(
    "code", ["ABCDEFGHJK", "ABCDE-FGHJ", "0O1IL23456", "x" * 40, "ABCDEFGHJK2", "%2Fetc"]
)
def test_unknown_and_malformed_codes_get_the_same_neutral_answer(client, certificate, code):
    neutral = main(page(client, "ZZZZZZZZZZ"))
    assert "Denne koden er ikke gyldig." in neutral
    assert main(page(client, code)) == neutral
    form = client.get(reverse("certificate_verify_form"), {"code": code})
    if form.status_code == 200:
        assert main(form.content.decode()) == neutral


def test_guessing_is_rate_limited_per_address_in_the_users_language(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_LIMIT = 3
    for n in range(3):
        assert (
            client.get(
                reverse("certificate_verify", args=[f"ABCDEFGHJ{n + 2}"]), REMOTE_ADDR="203.0.113.9"
            ).status_code
            == 200
        )
    blocked = client.get(
        reverse("certificate_verify", args=[certificate.code]), REMOTE_ADDR="203.0.113.9"
    )
    assert blocked.status_code == 429
    assert "For mange kontroller" in blocked.content.decode()
    assert certificate.holder_name not in blocked.content.decode()
    other = client.get(
        reverse("certificate_verify", args=[certificate.code]), REMOTE_ADDR="198.51.100.4"
    )
    assert other.status_code == 200
    client.cookies["django_language"] = "en"
    english = client.get(
        reverse("certificate_verify", args=[certificate.code]),
        REMOTE_ADDR="203.0.113.9",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert english.status_code == 429


def test_the_verify_page_is_not_cached(client, certificate):
    response = client.get(reverse("certificate_verify", args=[certificate.code]))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_state_order(certificate):
    assert certificate.state(date(2027, 3, 16)) == "valid"
    assert certificate.state(date(2030, 1, 1)) == "expired"
