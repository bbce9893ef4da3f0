"""Every statistics table as data (`Table`), and as an Excel workbook or a CSV file.

A column's kind decides its format: in Excel a number format (the numbers stay numbers:
Turkish Excel shows 1.234 · %12,5 · 27,0 sa · 1.234,50 ₺ · 22.11.2026), in CSV the
Turkish text itself, separated by ";" (what Turkish Excel opens), UTF-8 with a BOM.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from mbs.core import formatting
from mbs.core.labels import NEGATIVE_REASON
from mbs.core.stats.general import GeneralAnalysis
from mbs.core.stats.places import PlaceRow
from mbs.core.stats.quarterly import QuarterlyRow
from mbs.core.stats.savings import Savings
from mbs.core.stats.units import UnitRow

KINDS = ("text", "int", "share", "hours", "money", "date", "decimal")
NUMBER_FORMATS = {
    "int": "#,##0",
    "share": "%0.0",  # a % anywhere in the format multiplies by 100: %12,5
    "hours": '#,##0.0 "sa"',
    "money": '#,##0.00 "₺"',
    "date": "DD.MM.YYYY",
    "decimal": "#,##0.00",
}
SHEET_NAME_MAX = 31  # Excel's limit
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str  # one of KINDS


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[Column]
    rows: list[dict[str, object]]


def general_tables(a: GeneralAnalysis) -> list[Table]:
    """The general analysis as four tables: summary, by type, by status, time series."""
    summary = Table(
        "Genel Başvuru Analizi",
        [
            Column("total", "Toplam başvuru", "int"),
            Column("open_now", "Açık", "int"),
            Column("overdue_now", "Süresi geçen", "int"),
            Column("within_15", "15 günde sonuçlanan", "share"),
            Column("within_30", "30 günde sonuçlanan", "share"),
            Column("routing_median", "Yönlendirme süresi (medyan)", "hours"),
            Column("routing_p90", "Yönlendirme süresi (%90)", "hours"),
            Column("conclusion_median", "Sonuçlanma süresi (medyan)", "hours"),
            Column("conclusion_p90", "Sonuçlanma süresi (%90)", "hours"),
        ],
        [
            {
                "total": a.total,
                "open_now": a.open_now,
                "overdue_now": a.overdue_now,
                "within_15": a.concluded_within_15_days,
                "within_30": a.concluded_within_30_days,
                "routing_median": a.to_routing.median_hours,
                "routing_p90": a.to_routing.p90_hours,
                "conclusion_median": a.to_conclusion.median_hours,
                "conclusion_p90": a.to_conclusion.p90_hours,
            }
        ],
    )
    by_type = Table(
        "Başvuru türüne göre",
        [Column("label", "Başvuru türü", "text"), Column("count", "Başvuru", "int")],
        [{"label": row.label, "count": row.count} for row in a.by_type],
    )
    by_status = Table(
        "Duruma göre",
        [Column("label", "Durum", "text"), Column("count", "Başvuru", "int")],
        [{"label": row.label, "count": row.count} for row in a.by_status],
    )
    series = Table(
        "Zaman içinde başvurular",
        [
            Column("period_start", "Dönem başı", "date"),
            Column("label", "Dönem", "text"),
            Column("count", "Başvuru", "int"),
            Column("trend", "Eğilim (hareketli ortalama)", "decimal"),
        ],
        [
            {"period_start": p.period_start, "label": p.label, "count": p.count, "trend": p.trend}
            for p in a.series
        ],
    )
    return [summary, by_type, by_status, series]


PLACE_COLUMNS = [
    Column("total", "Başvuru", "int"),
    Column("open_now", "Açık", "int"),
    Column("overdue_now", "Süresi geçen", "int"),
    Column("concluded", "Sonuçlanan", "int"),
    Column("concluded_within_15_days", "15 günde sonuçlanan", "share"),
    Column("median_hours_to_conclusion", "Sonuçlanma süresi (medyan)", "hours"),
]


def places_table(title: str, rows: list[PlaceRow]) -> Table:
    """İl, ilçe or muhtarlık rows; the plate code column only when rows have codes."""
    coded = any(row.code for row in rows)
    columns = [Column("code", "Plaka", "text")] if coded else []
    columns += [Column("name", "Adı", "text"), *PLACE_COLUMNS]
    keys = [column.key for column in columns]
    return Table(title, columns, [{key: getattr(row, key) for key in keys} for row in rows])


def units_table(rows: list[UnitRow]) -> Table:
    columns = [
        Column("name", "Birim", "text"),
        Column("kind_label", "Birim türü", "text"),
        Column("province_name", "İl", "text"),
        Column("received", "Gelen", "int"),
        Column("finished", "Tamamlanan", "int"),
        Column("returned", "İade edilen", "int"),
        Column("open_now", "Açık", "int"),
        Column("overdue_now", "Süresi geçen", "int"),
        Column("median_hours_to_finish", "Tamamlama süresi (medyan)", "hours"),
    ]
    keys = [column.key for column in columns]
    return Table(
        "Birim performansı", columns, [{key: getattr(row, key) for key in keys} for row in rows]
    )


def savings_table(s: Savings) -> Table:
    a = s.assumptions
    columns = [
        Column("requests", "Elektronik başvuru", "int"),
        Column("pages_per_request", "Başvuru başına sayfa", "decimal"),
        Column("cost_per_page", "Sayfa maliyeti (kâğıt, toner)", "money"),
        Column("letters_per_request", "Başvuru başına mektup", "decimal"),
        Column("postage_per_letter", "Mektup posta ücreti", "money"),
        Column("pages", "Tasarruf edilen sayfa", "decimal"),
        Column("paper_and_toner", "Kâğıt ve toner tasarrufu", "money"),
        Column("postage", "Posta tasarrufu", "money"),
        Column("total", "Toplam tasarruf", "money"),
    ]
    row: dict[str, object] = {
        "requests": s.requests,
        "pages_per_request": a.pages_per_request,
        "cost_per_page": a.cost_per_page,
        "letters_per_request": a.letters_per_request,
        "postage_per_letter": a.postage_per_letter,
        "pages": s.pages,
        "paper_and_toner": s.paper_and_toner,
        "postage": s.postage,
        "total": s.total,
    }
    return Table("Kırtasiye tasarrufu", columns, [row])


def quarterly_table(rows: list[QuarterlyRow], year: int, quarter: int) -> Table:
    reasons = list(NEGATIVE_REASON.values())
    columns = [
        Column("province_name", "İl", "text"),
        Column("unit_name", "Belediye", "text"),
        Column("received", "Gelen talep", "int"),
        Column("positive", "Olumlu sonuçlanan", "int"),
        Column("negative", "Olumsuz sonuçlanan", "int"),
        Column("open_now", "Açık", "int"),
        Column("answered_late", "15 günden sonra cevaplanan", "int"),
        *(Column(f"reason_{n}", f"Olumsuz: {label}", "int") for n, label in enumerate(reasons)),
    ]
    data = []
    for row in rows:
        values: dict[str, object] = {
            "province_name": row.province_name,
            "unit_name": row.unit_name,
            "received": row.received,
            "positive": row.positive,
            "negative": row.negative,
            "open_now": row.open_now,
            "answered_late": row.answered_late,
        }
        for n, label in enumerate(reasons):
            values[f"reason_{n}"] = row.negative_reasons.get(label, 0)
        data.append(values)
    return Table(f"Belediye raporu {year} {quarter}. çeyrek", columns, data)


def _sheet_name(title: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", title).strip()[:SHEET_NAME_MAX] or "Tablo"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def _excel_value(value: object, kind: str) -> object:
    if value is None or kind == "text":
        return value if value is None else str(value)
    if kind == "decimal" and isinstance(value, float):
        return round(value, 2)
    return value


def to_xlsx(tables: list[Table]) -> bytes:
    """One sheet per table: the Turkish headers in bold on a frozen first row, each
    number with its column's number format."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    taken: set[str] = set()
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(_sheet_name(table.title, taken))
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column.label)
            cell.font = bold
            width = max(
                [len(column.label)] + [len(str(r.get(column.key) or "")) for r in table.rows]
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 3)
        for row_index, row in enumerate(table.rows, start=2):
            for index, column in enumerate(table.columns, start=1):
                value = _excel_value(row.get(column.key), column.kind)
                cell = sheet.cell(row=row_index, column=index, value=value)  # type: ignore[arg-type]
                if column.kind in NUMBER_FORMATS:
                    cell.number_format = NUMBER_FORMATS[column.kind]
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_value(value: object, kind: str) -> str:
    """One CSV cell in Turkish format ("" for none)."""
    if value is None:
        return ""
    if kind == "int" and isinstance(value, int):
        return formatting.format_count(value)
    if kind == "share" and isinstance(value, float | int):
        return formatting.format_share(float(value))
    if kind == "hours" and isinstance(value, float | int):
        return formatting.format_decimal_tr(value, 1)
    if kind in ("money", "decimal") and isinstance(value, Decimal | float | int):
        return formatting.format_amount(Decimal(str(value)))
    if kind == "date" and isinstance(value, date):
        return formatting.format_date(value)
    return str(value)


def to_csv(table: Table) -> bytes:
    """The table as CSV for Turkish Excel: UTF-8 with a BOM, ";" between cells, numbers
    and dates in Turkish format, a header row of the Turkish labels."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.label for column in table.columns])
    for row in table.rows:
        writer.writerow([csv_value(row.get(c.key), c.kind) for c in table.columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
