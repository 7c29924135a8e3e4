"""The one shape every report has: a ``Table`` of columns and rows of cells. The report
selectors build them (with the small-number rule already applied); pages, CSV/XLSX
exports and the API only format them.

A cell holds a number (or, in named lists, a text or a date), or is hidden:
``hidden == SMALL`` for a figure from fewer than 5 people (shown as "< 5"), and
``hidden == SECONDARY`` for a larger figure hidden so that a small one can't be worked out
by subtracting the visible cells from a total (shown as "x", explained under the table).
A hidden cell carries no value at all: nothing that leaves a selector can reveal it.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

SMALL = "small"
SECONDARY = "secondary"
SMALL_TEXT = "< 5"
SECONDARY_TEXT = "x"


class Kind:
    """What a column holds, so each output can format it."""

    LABEL = "label"  # the row's name (an organisation, an industry, a module)
    TEXT = "text"  # other text (a name in a named list, a flag)
    DATE = "date"
    COUNT = "count"  # a whole number of people (or teams, seats, items)
    SHARE = "share"  # 0..1, shown as a percentage
    DECIMAL = "decimal"  # a mean or a coefficient, one or two decimals

    NUMBERS = frozenset({COUNT, SHARE, DECIMAL})


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # translatable (lazy); str() it in the language of the output
    kind: str = Kind.COUNT

    @property
    def is_number(self) -> bool:
        return self.kind in Kind.NUMBERS


@dataclass(frozen=True)
class Cell:
    value: int | float | str | date | None = None
    hidden: str = ""  # "", SMALL or SECONDARY

    def __post_init__(self):
        if self.hidden and self.value is not None:
            raise ValueError("a hidden cell carries no value")

    @property
    def suppressed(self) -> bool:
        return bool(self.hidden)

    @property
    def mark(self) -> str:
        """What stands in for a hidden figure ("< 5" or "x"); "" for a visible one."""
        return {SMALL: SMALL_TEXT, SECONDARY: SECONDARY_TEXT}.get(self.hidden, "")


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    is_total: bool = False
    key: str = ""  # a stable key for the row (an organisation's public id, a slug, a month)


@dataclass
class Table:
    key: str  # usable in URLs and file names: never personal data
    title: str
    columns: tuple[Column, ...]
    rows: list[Row] = field(default_factory=list)
    description: str = ""
    # The whole table is withheld (say, fewer than 5 quiz attempts): the reason, shown
    # instead of it. A withheld table has no rows.
    withheld: str = ""

    def __post_init__(self):
        if self.withheld:
            self.rows = []
        for row in self.rows:
            if len(row.cells) != len(self.columns):
                raise ValueError(f"{self.key}: a row has {len(row.cells)} cells")

    @property
    def has_hidden(self) -> bool:
        return any(cell.hidden for row in self.rows for cell in row.cells)

    @property
    def has_secondary(self) -> bool:
        return any(cell.hidden == SECONDARY for row in self.rows for cell in row.cells)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def as_dict(self) -> dict:
        """The table as plain data (the API's shape): hidden cells are ``null`` with
        ``hidden`` saying why; labels in the active language."""
        return {
            "key": self.key,
            "title": str(self.title),
            "description": str(self.description),
            "withheld": str(self.withheld),
            "columns": [
                {"key": c.key, "label": str(c.label), "kind": c.kind} for c in self.columns
            ],
            "rows": [
                {
                    "key": row.key,
                    "total": row.is_total,
                    "cells": {
                        col.key: (
                            {"value": None, "hidden": cell.hidden, "text": cell.mark}
                            if cell.hidden
                            else {"value": _plain(cell.value), "hidden": ""}
                        )
                        for col, cell in zip(self.columns, row.cells, strict=True)
                    },
                }
                for row in self.rows
            ],
        }


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return value


def display(cell: Cell, column: Column) -> str:
    """The cell as a person reads it, in the active language (pages)."""
    if cell.hidden:
        return cell.mark
    value = cell.value
    if value is None:
        return "–"
    if column.kind == Kind.SHARE:
        return f"{number_format(round(value * 100))}\u00a0%"
    if column.kind == Kind.DECIMAL:
        return number_format(value, 2 if abs(value) < 1 else 1)
    if column.kind == Kind.COUNT:
        return number_format(value, force_grouping=True)
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


HIDDEN_LEGEND = _("< 5: fewer than 5 people, so the figure is hidden.")
SECONDARY_LEGEND = _(
    "x: hidden as well, so that a hidden figure can't be worked out from the total."
)
