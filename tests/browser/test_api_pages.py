"""The owner makes an API token on a 320 px phone without JavaScript, from the reports,
sees it once and revokes it; the token pages and the API's docs pass axe at 320 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from reporting.models import ApiToken
from tests.browser.test_certificates import log_in
from tests.browser.test_learner_path import _check
from tests.browser.test_reports import owner_of_a
from tests.reporting.conftest import populated, world  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_owner_makes_a_token_sees_it_once_and_revokes_it(live_server, phone, world):  # noqa: F811
    page, base = phone, live_server.url
    log_in(page, base, owner_of_a(world))
    page.goto(f"{base}/reports/{world.union_a.public_id}/")
    page.get_by_role("link", name="Hent tallene fra et program: API-nøkler").click()
    page.get_by_label("Navn").fill("Årsrapport-regnearket")
    page.get_by_label("Virker i").select_option("365")
    page.get_by_role("button", name="Lag nøkkelen").click()
    token = page.get_by_label("Nøkkel").input_value()
    assert token.startswith("lmsapi_") and len(token) == 50
    page.get_by_role("link", name="Jeg har kopiert den").click()
    assert token not in page.content()
    assert "Årsrapport-regnearket" in page.content()
    page.get_by_role("link", name="Trekk tilbake nøkkelen Årsrapport-regnearket").click()
    page.get_by_role("button", name="Ja, trekk den tilbake").click()
    assert "Nøkkelen er trukket tilbake" in page.content()
    assert ApiToken.objects.get().revoked_at is not None


def test_the_token_pages_and_the_docs_pass_axe_and_fit_320px(live_server, checker, world):  # noqa: F811
    page, base, axe, problems = checker, live_server.url, Axe(), {}
    page.goto(base + "/api/docs")
    _check(page, axe, "docs", problems)
    log_in(page, base, owner_of_a(world))
    page.goto(base + "/reports/tokens/")
    _check(page, axe, "tokens (empty)", problems)
    page.get_by_label("Navn").fill("Skript")
    page.get_by_role("button", name="Lag nøkkelen").click()
    _check(page, axe, "token shown", problems)
    page.goto(base + "/reports/tokens/")
    _check(page, axe, "tokens", problems)
    page.goto(f"{base}/reports/tokens/{ApiToken.objects.get().pk}/revoke/")
    _check(page, axe, "revoke", problems)
    assert not problems, problems
