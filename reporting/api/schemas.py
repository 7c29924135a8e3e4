"""The API's response shapes (they become the OpenAPI schema's components)."""

from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field


class Error(Schema):
    detail: str = Field(description="What went wrong, in the language the request asked for.")


class ParameterError(Schema):
    parameter: str
    message: str


class InvalidParameters(Schema):
    detail: str
    errors: list[ParameterError]


class ScopeOut(Schema):
    organisation: UUID = Field(description="The organisation's public id, used in the URLs.")
    name: str
    kind: str
    modules: list[str] | None = Field(
        description="Slugs of the modules the scope covers; null: every module."
    )


class ColumnOut(Schema):
    key: str
    label: str
    kind: Literal["label", "text", "date", "count", "share", "decimal"] = Field(
        description="label/text: text; date: ISO 8601 date; count: whole number; "
        "share: 0..1; decimal: a mean or a coefficient."
    )


class CellOut(Schema):
    value: int | float | str | None = Field(
        description="The figure (or text, or ISO date). null when the cell is hidden, "
        "or when there is no figure (e.g. a mean of nobody's answers)."
    )
    hidden: Literal["", "small", "secondary"] = Field(
        description='"" for a visible cell. "small": the figure comes from fewer than 5 '
        'people and is hidden (shown as "< 5"). "secondary": hidden as well, so that a '
        'small figure can\'t be worked out from the total (shown as "x"). A hidden cell '
        "never carries its value."
    )
    text: str = Field(
        "",
        description='What a person reads for a hidden cell ("< 5" or "x"); "" otherwise.',
    )


class RowOut(Schema):
    key: str = Field(
        description='A stable key for the row (an organisation\'s id, a slug, a month), or "".'
    )
    total: bool = Field(description="The row is a total of the rows above it.")
    cells: dict[str, CellOut] = Field(description="One cell per column, by the column's key.")


class TableOut(Schema):
    key: str
    title: str
    description: str
    withheld: str = Field(
        description="Non-empty when the whole table is withheld (too few people): the "
        "reason. A withheld table has no rows."
    )
    columns: list[ColumnOut]
    rows: list[RowOut]


class PageOut(Schema):
    table: TableOut = Field(description="This page's rows of the list.")
    page: int
    page_size: int
    count: int = Field(description="Rows in the whole list.")
    pages: int
    next: str | None = Field(description="The next page's URL (path and query), or null.")
    previous: str | None = Field(description="The previous page's URL, or null.")
