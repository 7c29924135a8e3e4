from datetime import date

import pytest
from django.utils import timezone

from reporting import selectors
from reporting.scopes import SITE

pytestmark = pytest.mark.django_db


def cells(table, row_label):
    row = next(
        r
        for r in table.rows
        if r.cells[0].value == row_label or (len(r.cells) > 1 and r.cells[1].value == row_label)
    )
    return {c.key: cell for c, cell in zip(table.columns, row.cells, strict=True)}


def test_smoke_every_report(populated):
    w = populated
    today = timezone.localdate()
    for scope in (w.scope_a, w.scope_b, SITE):
        selectors.funnel(scope)
        for by in selectors.BREAKDOWNS:
            selectors.funnel(scope, by=by, module=w.basics.module)
        selectors.teams(scope)
        selectors.indicators(scope)
        selectors.item_analysis(scope, w.basics.module)
        selectors.refresher_status(scope, today=today)
        selectors.annual_report(scope, today.year)
    selectors.named_completions(w.scope_a)
    selectors.named_refreshers_due(w.scope_a, today=date(2040, 1, 1))


def figures(table, by_key=False):
    """{row label: {column key: value or mark}}; label is the last label cell."""
    out = {}
    for row in table.rows:
        labels = [
            c.value for c, col in zip(row.cells, table.columns, strict=True) if not col.is_number
        ]
        name = "Total" if row.is_total else (row.key if by_key else labels[-1])
        out[name] = {
            col.key: (cell.mark or cell.value)
            for col, cell in zip(table.columns, row.cells, strict=True)
            if col.is_number
        }
    return out


def test_the_funnel_counts_people_at_each_step_in_the_owners_scope_only(populated):
    w = populated
    by_module = figures(selectors.funnel(w.scope_a))
    # A: 6 + 1 idle in A1, 2 in A2; B and the 3 without consent are not there.
    assert by_module["Grunnkurs i arbeidsmiljø"] == {
        "enrolled": 9,
        "started": 8,
        "completed": 8,
        "certified": 8,
        "refreshed": "< 5",
    }
    site = figures(selectors.funnel(SITE))
    assert site["Grunnkurs i arbeidsmiljø"]["enrolled"] == 17  # everyone counts in site totals


def test_the_funnel_by_organisation_hides_a_small_branch_and_its_partner(populated):
    w = populated
    table = selectors.funnel(w.scope_a, by="organisation", module=w.basics.module)
    rows = figures(table)
    assert rows["Lokallag A2"]["enrolled"] == "< 5"
    assert rows["Lokallag A1"]["enrolled"] == "x"  # else 9 − 7 gives A2's 2
    assert rows["Total"]["enrolled"] == 9


def test_a_withdrawn_consent_takes_the_learner_out_at_once(populated):
    from organisations.actions import leave_organisation

    w = populated
    for user in w.people["a1"][:4]:
        leave_organisation(user, w.branch_a1)
    assert figures(selectors.funnel(w.scope_a))["Grunnkurs i arbeidsmiljø"]["enrolled"] == 5


def test_the_annual_report_by_member_organisation_and_industry(populated):
    w = populated
    year = timezone.localdate().year
    table = selectors.annual_report(w.scope_a, year)
    rows = figures(table)
    assert rows["Total"] == {"union_rep": 6, "safety_rep": "< 5", "leader": "< 5", "total": 8}
    assert rows["Renhold"] == rows["Total"]
    assert rows["Lokallag A2"] == {
        "union_rep": "< 5",
        "safety_rep": "< 5",
        "leader": "< 5",
        "total": "< 5",
    }
    # A1 had 6 union reps and 6 people: visible, A2's figures could be subtracted.
    assert rows["Lokallag A1"]["union_rep"] == "x" and rows["Lokallag A1"]["total"] == "x"
    b = figures(selectors.annual_report(w.scope_b, year))
    # B: five leaders and nobody else. Showing "5 leaders of 5" would tell that each of
    # them is a leader (the zeros are figures from fewer than 5 people too).
    assert b["Total"] == {"union_rep": "< 5", "safety_rep": "< 5", "leader": "x", "total": "x"}
    assert figures(selectors.annual_report(w.scope_a, year - 1))["Total"]["total"] == "< 5"
    assert selectors.annual_report(SITE, year).key == f"annual-{year}"
    site = figures(selectors.annual_report(SITE, year))
    assert site["Total"]["total"] == 16  # those without consent count in site totals


def test_a_refresher_counts_as_training_and_as_refreshed(populated):
    from tests.reporting.conftest import take

    w = populated
    for user in w.people["a1"][:5]:
        take(user, w.refresher, w.cleaning, "union_rep")
    funnel = figures(selectors.funnel(w.scope_a))
    assert funnel["Grunnkurs i arbeidsmiljø"]["refreshed"] == 5
    assert funnel["Oppfrisking av grunnkurset"]["completed"] == 5
    annual = figures(selectors.annual_report(w.scope_a, timezone.localdate().year))
    assert annual["Total"]["union_rep"] == 6  # the same people, counted once
    assert annual["Total"]["total"] == 8


def test_refreshers_due_and_overdue_by_organisation(populated):
    w = populated
    soon = figures(selectors.refresher_status(w.scope_b, today=date(2028, 10, 15)))
    assert soon["Total"] == {"expiring": 5, "overdue": "< 5"}
    late = figures(selectors.refresher_status(w.scope_b, today=date(2029, 1, 1)))
    assert late["Total"] == {"expiring": "< 5", "overdue": 5}


def test_named_lists_hold_only_those_who_share_their_name(populated):
    w = populated
    names = [r.cells[0].value for r in selectors.named_completions(w.scope_a).rows]
    assert names == ["Anne 0", "Anne 1"]
    due = selectors.named_refreshers_due(w.scope_a, today=date(2028, 10, 15))
    assert [r.cells[0].value for r in due.rows] == ["Anne 0", "Anne 1"]
    with pytest.raises(selectors.OutOfScope):
        selectors.named_completions(SITE)


def test_a_module_outside_the_scope_is_refused(populated):
    w = populated
    w.owner_a.owner_scopes.get().modules.set([w.refresher.module])
    with pytest.raises(selectors.OutOfScope):
        selectors.funnel(w.scope_a, module=w.basics.module)
    assert [r.cells[0].value for r in selectors.funnel(w.scope_a).rows] == [
        "Oppfrisking av grunnkurset"
    ]


def test_teams_and_indicators(populated):
    from base.roles import Role
    from teams.actions import create_team
    from teams.models import Assessment, CheckIn, Workplace

    w = populated
    leaders = w.people["a1"][:5]
    teams = []
    for i, leader in enumerate(leaders):
        place = Workplace(name=f"Sted {i}", industry=w.cleaning, employees=12)
        teams.append(create_team(place, [Role.LEADER], [w.basics], acting_user=leader))
    rows = figures(selectors.teams(w.scope_a), by_key=True)
    assert rows["formed"]["count"] == 5
    assert rows["seats_filled"]["count"] == 5
    assert rows["plans"]["count"] == "< 5"
    assert figures(selectors.teams(w.scope_b), by_key=True)["formed"]["count"] == "< 5"
    now = timezone.now()
    for team, leader in zip(teams, leaders, strict=True):
        Assessment.objects.create(
            team=team, user=leader, attention=2, insight=2, practice=1, cooperation=3
        )
        check_in = CheckIn.objects.create(team=team, number=1, months=1, due_at=now, done_at=now)
        Assessment.objects.create(
            team=team,
            user=leader,
            check_in=check_in,
            attention=3,
            insight=2,
            practice=2,
            cooperation=4,
        )
    rows = figures(selectors.indicators(w.scope_a), by_key=True)
    assert rows["attention"] == {"baseline": 2.0, "follow_up": 3.0, "change": 1.0, "n": 5}
    assert rows["practice"]["change"] == 1.0
    assert figures(selectors.teams(w.scope_a), by_key=True)["check_in_1"]["count"] == 5
    assert figures(selectors.indicators(w.scope_b), by_key=True)["attention"]["n"] == "< 5"
