"""A course owner logs in, reads the dashboard (a chart and its table, small figures as
"< 5") and downloads the annual report, on a 320 px phone without JavaScript; the report
pages pass axe."""

import csv
import io

import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_certificates import log_in
from tests.browser.test_learner_path import _check
from tests.reporting.conftest import populated, world  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


def owner_of_a(w):
    EmailAddress.objects.create(user=w.owner_a, email=w.owner_a.email, verified=True, primary=True)
    return w.owner_a


def test_the_owner_reads_the_dashboard_and_downloads_the_annual_report(
    live_server,
    phone,
    populated,  # noqa: F811
):
    w = populated
    page, base = phone, live_server.url
    log_in(page, base, owner_of_a(w))
    page.goto(base + "/")
    page.get_by_role("link", name="Åpne rapportene").click()
    assert f"/reports/{w.union_a.public_id}/" in page.url
    chart = page.locator("svg[role=img]").first
    assert chart.is_visible()
    assert "Gjennomføring per modul" in chart.locator("title").text_content()
    table = page.locator("table.report").first
    assert "Grunnkurs i arbeidsmiljø" in table.inner_text()
    assert "< 5" in table.inner_text()
    assert "Forbund B" not in page.content()

    page.get_by_label("Del opp etter").select_option("organisation")
    page.get_by_role("button", name="Vis").click()
    assert "by=organisation" in page.url
    assert "Lokallag A2" in page.locator("table.report").nth(1).inner_text()

    page.get_by_role("link", name="Årsrapport").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").first.click()
    download = info.value
    assert download.suggested_filename.startswith("annual-")
    rows = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8-sig").read())))
    assert rows[0][:2] == ["Inndeling", "Navn"]
    total = next(r for r in rows if r and r[0] == "Totalt")
    assert total[2:] == ["6", "< 5", "< 5", "8"]


def test_the_report_pages_pass_axe_and_fit_320px(live_server, checker, populated):  # noqa: F811
    w = populated
    page, base, axe, problems = checker, live_server.url, Axe(), {}
    log_in(page, base, owner_of_a(w))
    key = w.union_a.public_id
    for path in (
        "",
        "?by=organisation",
        "teams/",
        "questions/",
        "refreshers/",
        "annual/",
        "names/",
    ):
        page.goto(f"{base}/reports/{key}/{path}")
        _check(page, axe, path or "overview", problems)
    assert not problems, problems
