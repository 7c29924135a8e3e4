"""A learner completes a module, downloads the certificate, and the URL its QR code holds
(printed under it in the PDF) shows "valid"; a refresher renews it with the history kept.
On a 320 px phone without JavaScript, and the new pages pass axe."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from certificates.models import Certificate
from tests.browser.test_learner_path import _check
from tests.certificates.conftest import import_tree
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, base, user):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()


def complete(page, base, slug):
    page.goto(f"{base}/modules/{slug}/")
    page.locator("form[action$='/enrol/'] button[type=submit]").click()
    assert "/page/1/" in page.url  # one page: reading it completes the module
    enrolment_id = re.search(r"/learn/(\d+)/", page.url)[1]
    page.goto(f"{base}/learn/{enrolment_id}/")
    assert "Du har fått et kursbevis." in page.content()
    page.get_by_role("link", name="Se kursbeviset ditt").click()
    assert "/certificates/" in page.url


def qr_url(page, base, certificate) -> str:
    """Download the PDF as the learner (same cookies) and read the verify URL in it."""
    response = page.request.get(f"{base}/certificates/{certificate.public_id}/pdf/")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.body())).pages[0].extract_text().replace("\n", "")
    assert certificate.grouped_code in text
    return re.search(r"(http://\S+?/certificates/verify/[A-Z0-9]+/)", text)[1]


def test_complete_download_verify_and_renew(live_server, phone, settings):
    settings.SITE_URL = live_server.url
    import_tree()
    user = UserFactory(email="kari@example.test", display_name="Kari Nordmann")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    page, base = phone, live_server.url
    log_in(page, base, user)

    complete(page, base, "grunnkurs")
    first = Certificate.objects.get(user=user)
    assert first.grouped_code in page.content()
    url = qr_url(page, base, first)
    assert url == f"{base}/certificates/verify/{first.code}/"
    page.goto(url)
    assert "Dette kursbeviset er gyldig." in page.content()
    assert "Kari Nordmann" in page.content()

    complete(page, base, "grunnkurs-oppfrisking")
    first.refresh_from_db()
    second = Certificate.objects.exclude(pk=first.pk).get(user=user)
    listing = page.content()
    assert first.grouped_code in listing and second.grouped_code in listing  # history kept
    page.goto(url)
    assert "Dette kursbeviset er fornyet." in page.content()
    page.goto(qr_url(page, base, second))
    assert "Dette kursbeviset er gyldig." in page.content()

    # A typed code, in lower case with a space, through the form without JavaScript.
    page.goto(base + "/certificates/verify/")
    page.get_by_label("Kontrollkode").fill(f"{second.code[:5].lower()} {second.code[5:]}")
    page.get_by_role("button", name="Kontroller").click()
    assert "Dette kursbeviset er gyldig." in page.content()


def test_certificate_pages_pass_axe_and_fit_320px(live_server, checker, settings):
    settings.SITE_URL = live_server.url
    import_tree()
    user = UserFactory(email="kari@example.test", display_name="Kari Nordmann")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    page, base, axe, problems = checker, live_server.url, Axe(), {}
    for path in ["/certificates/verify/", "/certificates/verify/ABCDE-FGHJK/"]:
        page.goto(base + path)
        _check(page, axe, path, problems)
    log_in(page, base, user)
    page.goto(base + "/certificates/")
    _check(page, axe, "empty list", problems)
    complete(page, base, "grunnkurs")
    _check(page, axe, "list", problems)
    certificate = Certificate.objects.get(user=user)
    page.goto(f"{base}/certificates/verify/{certificate.code}/")
    _check(page, axe, "valid", problems)
    assert not problems, problems
