"""The dashboards and exports over HTTP: who reaches which, and what they show."""

import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

PAGES = (
    "report_overview",
    "report_teams",
    "report_questions",
    "report_refreshers",
    "report_annual",
    "report_names",
)
EXPORTS = (
    ("funnel", "csv"),
    ("funnel", "xlsx"),
    ("teams", "csv"),
    ("questions", "csv"),
    ("refreshers", "xlsx"),
    ("annual", "csv"),
    ("annual", "xlsx"),
    ("names", "csv"),
)


def client_for(user):
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


@pytest.fixture
def people(populated, trio, admin_user):
    """Everyone the rules are about: the two owners, a learner in A (no owner), a team
    member, a visitor, staff."""
    w = populated
    return {
        "owner_a": w.owner_a,
        "owner_b": w.owner_b,
        "learner": w.people["a1"][0],
        "member": trio.seats.filter(state="filled").first().user,
        "anonymous": None,
        "staff": admin_user,
    }


def urls_of(key):
    pages = [reverse(name, args=[key]) for name in PAGES]
    exports = [reverse("report_export", args=[key, r, f]) for r, f in EXPORTS]
    return pages + exports


def test_only_the_owner_of_a_scope_reaches_its_pages_and_exports(people, populated):
    w = populated
    a, b = str(w.union_a.public_id), str(w.union_b.public_id)
    expected = {
        "owner_a": {a: 200, b: 404},
        "owner_b": {a: 404, b: 200},
        "learner": {a: 404, b: 404},
        "member": {a: 404, b: 404},
        "staff": {a: 404, b: 404},
    }
    wrong = []
    for who, by_scope in expected.items():
        c = client_for(people[who])
        for key, status in by_scope.items():
            for url in urls_of(key):
                got = c.get(url).status_code
                if got != status:
                    wrong.append(f"{who} {url}: {got} (expected {status})")
    anonymous = client_for(None)
    for url in urls_of(a) + urls_of(b) + [reverse("report_index")]:
        response = anonymous.get(url)
        if response.status_code != 302 or "/login/" not in response["Location"]:
            wrong.append(f"anonymous {url}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_owner_a_sees_nothing_of_b(people, populated):
    w = populated
    c = client_for(w.owner_a)
    key = str(w.union_a.public_id)
    seen = ""
    for url in urls_of(key):
        response = c.get(url + "?by=organisation" if url.endswith("/") else url)
        assert response.status_code == 200, url
        seen += response.content.decode("utf-8", "replace")
    for name in ("Forbund B", "Berit", str(w.union_b.public_id), "Hovedorganisasjonen"):
        assert name not in seen
    assert "Lokallag A1" in seen and "Anne 0" in seen  # A's own parts, named consenting


def test_staff_see_the_site_but_no_names_and_others_nothing(people):
    staff = client_for(people["staff"])
    assert staff.get(reverse("report_overview", args=["site"])).status_code == 200
    assert staff.get(reverse("report_annual", args=["site"])).status_code == 200
    assert staff.get(reverse("report_names", args=["site"])).status_code == 404
    url = reverse("report_export", args=["site", "names", "csv"])
    assert staff.get(url).status_code == 404
    for who in ("owner_a", "learner", "member"):
        assert (
            client_for(people[who]).get(reverse("report_overview", args=["site"])).status_code
            == 404
        )
        assert (
            client_for(people[who])
            .get(reverse("report_export", args=["site", "funnel", "csv"]))
            .status_code
            == 404
        )


def test_the_index_goes_straight_to_a_single_scope_and_lists_several(people, populated):
    w = populated
    response = client_for(w.owner_a).get(reverse("report_index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("report_overview", args=[str(w.union_a.public_id)])
    response = client_for(people["staff"]).get(reverse("report_index"))
    assert response["Location"] == reverse("report_overview", args=["site"])
    from organisations.models import OwnerScope

    OwnerScope.objects.create(user=people["staff"], organisation=w.union_b)
    response = client_for(people["staff"]).get(reverse("report_index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("report_overview", args=["site"]) in html
    assert reverse("report_overview", args=[str(w.union_b.public_id)]) in html
    assert "Forbund A" not in html
    assert client_for(people["learner"]).get(reverse("report_index")).status_code == 404


def test_the_overview_has_a_chart_its_table_and_small_numbers_hidden(populated):
    w = populated
    c = client_for(w.owner_a)
    url = reverse("report_overview", args=[str(w.union_a.public_id)])
    html = c.get(url, {"by": "organisation"}).content.decode()
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    assert html.count("<table") == 2
    assert "&lt; 5" in html


def test_bad_filters_say_so_and_show_no_figures(populated):
    w = populated
    url = reverse("report_overview", args=[str(w.union_a.public_id)])
    response = client_for(w.owner_a).get(url, {"since": "2026-05-01", "until": "2026-01-01"})
    assert response.status_code == 400
    assert "<table" not in response.content.decode()
    response = client_for(w.owner_a).get(url, {"module": "999999"})
    assert response.status_code == 400


def export(client, key, report, fmt, **params):
    return client.get(reverse("report_export", args=[key, report, fmt]), params)


def test_exports_are_attachments_not_stored_and_without_personal_data_in_the_name(populated):
    w = populated
    c = client_for(w.owner_a)
    key = str(w.union_a.public_id)
    for report, fmt in EXPORTS:
        response = export(c, key, report, fmt)
        assert response.status_code == 200, report
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment; filename=")
        assert "no-store" in response["Cache-Control"]
        for private in ("Anne", "Forbund", "Lokallag", key, "owner"):
            assert private not in disposition


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_annual_report_csv_and_xlsx_show_hidden_cells_as_marks(populated):
    w = populated
    c = client_for(w.owner_a)
    key = str(w.union_a.public_id)
    year = date.today().year
    rows = read_csv(export(c, key, "annual", "csv", year=year))
    header, body = rows[0], rows[1:]
    assert header[:2] == ["Inndeling", "Navn"]
    total = next(r for r in body if r and r[0] == "Totalt")
    assert total[2] == "6" and total[3] == "< 5" and total[4] == "< 5" and total[5] == "8"
    book = load_workbook(io.BytesIO(export(c, key, "annual", "xlsx", year=year).content))
    sheet = book.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:2] == ["Inndeling", "Navn"]
    assert ["Totalt", None, 6, "< 5", "< 5", 8] in values


def test_names_that_look_like_formulas_are_neutralised(populated):
    w = populated
    anne = w.people["a1"][0]
    anne.display_name = '=HYPERLINK("http://evil.test")'
    anne.save()
    c = client_for(w.owner_a)
    key = str(w.union_a.public_id)
    rows = read_csv(export(c, key, "names", "csv", table="named-completions"))
    assert ['\'=HYPERLINK("http://evil.test")'] == [r[0] for r in rows if "HYPERLINK" in "".join(r)]
    book = load_workbook(
        io.BytesIO(export(c, key, "names", "xlsx", table="named-completions").content)
    )
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row]
    evil = next(cell for cell in cells if cell.value and "HYPERLINK" in str(cell.value))
    assert evil.value.startswith("'=") and evil.data_type == "s"
