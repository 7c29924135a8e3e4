"""A learner states an organisation with consent and withdraws it, on a 320 px phone
without JavaScript; the pages pass axe."""

import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe

from organisations.models import Affiliation, Organisation
from tests.browser.test_learner_path import _check
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()


def test_state_and_withdraw_an_organisation(live_server, phone, checker):
    union = Organisation.objects.create(name="Demoforbundet", kind=Organisation.Kind.UNION)
    Organisation.objects.create(name="Demoforbundet Hamar", kind="branch", parent=union)
    user = UserFactory(email="kari@example.test")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    base, axe, problems = live_server.url, Axe(), {}

    page = phone
    log_in(page, base, user.email)
    page.goto(base + "/accounts/profile/")
    page.get_by_role("link", name="Organisasjonene dine").click()
    page.locator("#id_organisation").select_option(label="Demoforbundet Hamar")
    page.get_by_role("button", name="Legg til").click()
    assert "Kryss av for å si ja" in page.content()  # no consent: nothing saved
    assert not Affiliation.objects.exists()
    page.locator("#id_organisation").select_option(label="Demoforbundet Hamar")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Legg til").click()
    assert "Lagret: du hører til Demoforbundet Hamar." in page.content()
    assert Affiliation.objects.get().share_name is False

    log_in(checker, base, user.email)
    checker.goto(base + "/accounts/profile/organisations/")
    _check(checker, axe, "organisations", problems)

    page.get_by_role("link", name="Trekk tilbake").click()
    assert "Trekke tilbake at du hører til Demoforbundet Hamar?" in page.content()
    checker.goto(page.url)
    _check(checker, axe, "confirm withdrawal", problems)
    page.get_by_role("button", name="Ja, trekk tilbake").click()
    assert "Trukket tilbake" in page.content()
    assert not Affiliation.objects.exists()
    assert not problems, problems
