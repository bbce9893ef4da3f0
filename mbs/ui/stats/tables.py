"""The statistics pages' tables: any core `Table` (mbs/core/stats/export.py) shown with
Turkish number formats and sorted by a click on its header.

The raw tables stay in backend-only state; the browser gets formatted strings only.
A table of places or units may carry one id per row, for the drill-down button.
"""

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

from mbs.core import formatting
from mbs.core.stats.export import Column, Table
from mbs.core.text import turkish_sort_key

NUMERIC_KINDS = frozenset({"int", "share", "hours", "money", "decimal"})
# Rows sent to the browser per table (the unit league table of the whole country has
# thousands); sorting and the exports always use every row.
SHOWN_ROWS = 250


@dataclasses.dataclass(frozen=True)
class Listed:
    """A core table as a page lists it: `ids` (one per row, in row order) and the
    drill button's label when a row opens the next level."""

    table: Table
    ids: list[str] = dataclasses.field(default_factory=list)
    drill: str = ""


@dataclasses.dataclass
class Head:
    key: str
    label: str
    numeric: bool
    sort: str  # the aria-sort value: "ascending", "descending" or "none"


@dataclasses.dataclass
class Row:
    id: str
    label: str  # what the row is about (its name), for the drill button's label
    cells: list[str]


@dataclasses.dataclass
class ShownTable:
    index: int
    title: str
    drill: str
    heads: list[Head]
    rows: list[Row]
    more: str  # "" or how many rows only the export holds, in Turkish


def format_value(value: object, kind: str) -> str:
    """One cell in Turkish format, by the column's kind."""
    if value is None or value == "":
        return "—" if kind in NUMERIC_KINDS else ""
    if kind == "int" and isinstance(value, int):
        return formatting.format_count(value)
    if kind == "share" and isinstance(value, float | int):
        return formatting.format_share(float(value))
    if kind == "hours" and isinstance(value, float | int):
        return formatting.format_hours(float(value))
    if kind == "money" and isinstance(value, Decimal | int | float):
        return formatting.format_money(Decimal(str(value)))
    if kind == "decimal" and isinstance(value, Decimal | int | float):
        return formatting.format_decimal_tr(Decimal(str(value)), 2)
    if kind == "date" and isinstance(value, date):
        return formatting.format_date(value)
    return str(value)


def _sort_value(value: object) -> tuple[int, Any]:
    # Empty cells last whichever way the column is sorted is done by the caller; here
    # numbers compare as numbers and text by Turkish alphabetical order.
    if isinstance(value, str):
        return (1, turkish_sort_key(value))
    if isinstance(value, bool):
        return (0, int(value))
    return (0, value)


def sorted_rows(
    listed: Listed, key: str, descending: bool
) -> tuple[list[dict[str, object]], list[str]]:
    """The rows (and their ids) ordered by column `key`; empty cells always last."""
    ids = listed.ids or [""] * len(listed.table.rows)
    pairs = list(zip(listed.table.rows, ids, strict=True))
    filled = [pair for pair in pairs if pair[0].get(key) not in (None, "")]
    empty = [pair for pair in pairs if pair[0].get(key) in (None, "")]
    filled.sort(key=lambda pair: _sort_value(pair[0].get(key)), reverse=descending)
    ordered = filled + empty
    return [row for row, _ in ordered], [row_id for _, row_id in ordered]


def shown(index: int, listed: Listed, sort: tuple[str, bool] | None) -> ShownTable:
    """What the browser gets for one table: formatted cells and each header's aria-sort."""
    columns: list[Column] = listed.table.columns
    rows, ids = (
        sorted_rows(listed, *sort)
        if sort
        else (listed.table.rows, listed.ids or [""] * len(listed.table.rows))
    )

    def direction(column: Column) -> str:
        if sort is None or sort[0] != column.key:
            return "none"
        return "descending" if sort[1] else "ascending"

    return ShownTable(
        index=index,
        title=listed.table.title,
        drill=listed.drill,
        heads=[Head(c.key, c.label, c.kind in NUMERIC_KINDS, direction(c)) for c in columns],
        rows=[
            Row(
                row_id,
                str(row.get("name", "")),
                [format_value(row.get(c.key), c.kind) for c in columns],
            )
            for row, row_id in zip(rows[:SHOWN_ROWS], ids[:SHOWN_ROWS], strict=True)
        ],
        more=(
            f"İlk {formatting.format_count(SHOWN_ROWS)} satır gösteriliyor; "
            f"{formatting.format_count(len(rows))} satırın tamamı için Excel veya CSV indirin."
            if len(rows) > SHOWN_ROWS
            else ""
        ),
    )
