"""Template helpers for the reports: a table's cells as text, and its figures as a bar
chart drawn on the server as inline SVG (no script, no inline style: the CSP allows
neither), labelled for screen readers and always followed by the same numbers in a
table."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from reporting.tables import Kind, Table, display

register = template.Library()

WIDTH = 640
LABEL_HEIGHT = 22
BAR_HEIGHT = 16
GAP = 4
VALUE_ROOM = 8


@register.filter
def cells(row, table: Table) -> list[dict]:
    """The row's cells with their column and text, for the table template."""
    return [
        {
            "text": display(cell, column),
            "hidden": cell.hidden,
            "number": column.is_number,
            "label": column.kind == Kind.LABEL,
        }
        for column, cell in zip(table.columns, row.cells, strict=True)
    ]


@register.simple_tag
def bar_chart(table: Table, chart_id: str, series: str = ""):
    """Horizontal bars: for each row (not the total), one bar per count column (or the
    columns named in ``series``, comma-separated). A hidden figure gets no bar, only its
    mark ("< 5")."""
    if table.withheld or not table.rows:
        return ""
    wanted = [s for s in series.split(",") if s]
    columns = [
        (i, c)
        for i, c in enumerate(table.columns)
        if c.kind == Kind.COUNT and (not wanted or c.key in wanted)
    ]
    if not columns:
        return ""
    rows = [r for r in table.rows if not r.is_total]
    label_at = next(i for i, c in enumerate(table.columns) if not c.is_number)
    values = [r.cells[i].value for r in rows for i, _c in columns if not r.cells[i].hidden]
    top = max([v for v in values if v] or [1])
    scale = (WIDTH - VALUE_ROOM) / top
    parts, y = [], 0
    for row in rows:
        label = " · ".join(
            str(c.value)
            for c, col in zip(row.cells, table.columns, strict=True)
            if col.kind == Kind.LABEL and c.value
        ) or str(row.cells[label_at].value)
        parts.append(format_html('<text class="chart-label" x="0" y="{}">{}</text>', y + 15, label))
        y += LABEL_HEIGHT
        for n, (i, column) in enumerate(columns):
            cell = row.cells[i]
            width = 0 if cell.hidden or not cell.value else max(1, round(cell.value * scale))
            text = f"{column.label}: {display(cell, column)}"
            if width:
                parts.append(
                    format_html(
                        '<rect class="bar bar-{}" x="0" y="{}" width="{}" height="{}"></rect>',
                        n % 5,
                        y,
                        width,
                        BAR_HEIGHT,
                    )
                )
            inside = width > WIDTH * 0.55  # a long bar carries its text inside
            parts.append(
                format_html(
                    '<text class="chart-value{}" x="{}" y="{}" text-anchor="{}">{}</text>',
                    " inside" if inside else "",
                    width - 4 if inside else width + 4,
                    y + BAR_HEIGHT - 3,
                    "end" if inside else "start",
                    text,
                )
            )
            y += BAR_HEIGHT + GAP
        y += GAP * 2
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    legend = format_html_join(", ", "{}", ((str(c.label),) for _i, c in columns))
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="{t} {d}" focusable="false">'
        '<title id="{t}">{title}</title><desc id="{d}">{desc}</desc>{body}</svg>',
        w=WIDTH,
        h=max(y, LABEL_HEIGHT),
        t=title_id,
        d=desc_id,
        title=str(table.title),
        desc=_("Bar chart of %(series)s; the same numbers are in the table below.")
        % {"series": legend},
        body=mark_safe("".join(parts)),  # noqa: S308 (each part escaped by format_html)
    )
