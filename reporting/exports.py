"""A report table as a CSV or XLSX file. Hidden figures are written as their mark ("< 5"
or "x"), and any text that a spreadsheet would read as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'``."""

import csv
import io
from datetime import date

from openpyxl import Workbook

from reporting.tables import HIDDEN_LEGEND, SECONDARY_LEGEND, Cell, Column, Kind, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    text = str(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _value(cell: Cell, column: Column):
    """What goes in the file: numbers as numbers (a share as a percentage), dates as
    dates, text neutralised, a hidden figure as its mark."""
    if cell.hidden:
        return cell.mark
    value = cell.value
    if value is None:
        return ""
    if column.kind == Kind.SHARE:
        return round(value * 100, 1)
    if column.is_number:
        return value
    if isinstance(value, date):
        return value
    return neutralise(value)


def _header(column: Column) -> str:
    label = str(column.label)
    return neutralise(f"{label} (%)" if column.kind == Kind.SHARE else label)


def _notes(table: Table) -> list[str]:
    notes = [str(table.title)]
    if table.withheld:
        notes.append(str(table.withheld))
    if table.description:
        notes.append(str(table.description))
    if table.has_hidden:
        notes.append(str(HIDDEN_LEGEND))
    if table.has_secondary:
        notes.append(str(SECONDARY_LEGEND))
    return [neutralise(n) for n in notes]


def to_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark (so spreadsheet programs read æøå), the header row
    first; the notes (title, legend) after an empty line at the end."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_header(c) for c in table.columns])
    for row in table.rows:
        writer.writerow(
            [
                v.isoformat() if isinstance(v, date) else v
                for v in (
                    _value(cell, col) for col, cell in zip(table.columns, row.cells, strict=True)
                )
            ]
        )
    writer.writerow([])
    for note in _notes(table):
        writer.writerow([note])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """One sheet with the header row and the rows; a second sheet with the notes."""
    book = Workbook()
    sheet = book.active
    sheet.title = table.key[:31]
    sheet.append([_header(c) for c in table.columns])
    for row in table.rows:
        sheet.append(
            [_value(cell, col) for col, cell in zip(table.columns, row.cells, strict=True)]
        )
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    notes = book.create_sheet("notes")
    for note in _notes(table):
        notes.append([note])
        notes.cell(row=notes.max_row, column=1).data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
