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
