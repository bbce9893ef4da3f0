"""Excel and CSV exports: opened back with openpyxl, Turkish headers and number formats;
CSV in Turkish format for Turkish Excel."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from mbs.core.stats.export import (
    Column,
    Table,
    general_tables,
    places_table,
    quarterly_table,
    savings_table,
    to_csv,
    to_xlsx,
    units_table,
)
from mbs.core.stats.filters import Granularity, StatsFilter
from mbs.core.stats.general import general_analysis
from mbs.core.stats.places import province_analysis
from mbs.core.stats.quarterly import municipal_quarterly_report
from mbs.core.stats.savings import stationery_savings
from mbs.core.stats.units import unit_performance
from tests.core.stats_world import build_history
from tests.core.world import NOW

EVERYTHING = StatsFilter()


def sheet_rows(sheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_general_analysis_workbook_opens_with_headers_values_and_formats(session, world):
    build_history(session, world)
    analysis = general_analysis(
        session=session,
        actor=world.central,
        filters=EVERYTHING,
        granularity=Granularity.MONTH,
        now=NOW,
    )
    workbook = load_workbook(io.BytesIO(to_xlsx(general_tables(analysis))))
    assert workbook.sheetnames == [
        "Genel Başvuru Analizi",
        "Başvuru türüne göre",
        "Duruma göre",
        "Zaman içinde başvurular",
    ]
    summary = workbook["Genel Başvuru Analizi"]
    header, values = sheet_rows(summary)
    assert header[:5] == [
        "Toplam başvuru",
        "Açık",
        "Süresi geçen",
        "15 günde sonuçlanan",
        "30 günde sonuçlanan",
    ]
    assert values[:4] == [8, 5, 3, 0.4]
    assert values[7] == pytest.approx(312.0)
    assert summary["A1"].font.bold and summary.freeze_panes == "A2"
    assert summary["A2"].number_format == "#,##0"
    assert summary["D2"].number_format == "%0.0"
    assert summary["H2"].number_format == '#,##0.0 "sa"'
    series = workbook["Zaman içinde başvurular"]
    assert sheet_rows(series)[1][1:3] == ["Ekim 2026", 4]
    assert series["A2"].number_format == "DD.MM.YYYY"
    assert series["A2"].value.date() == date(2026, 10, 1)
    by_type = sheet_rows(workbook["Başvuru türüne göre"])
    assert by_type[0] == ["Başvuru türü", "Başvuru"]
    assert by_type[1:] == [["Şikâyet", 2], ["İstek", 4], ["İhbar", 1], ["Görüş ve Öneri", 1]]


def test_every_view_exports_in_one_workbook(session, world):
    build_history(session, world)
    places = province_analysis(session=session, actor=world.valilik, filters=EVERYTHING, now=NOW)
    units = unit_performance(session=session, actor=world.valilik, filters=EVERYTHING, now=NOW)
    savings = stationery_savings(session=session, actor=world.valilik, filters=EVERYTHING)
    quarterly = municipal_quarterly_report(
        session=session, actor=world.valilik, year=2026, quarter=4, now=NOW
    )
    tables = [
        places_table("İllere göre başvurular", places),
        units_table(units),
        savings_table(savings),
        quarterly_table(quarterly, 2026, 4),
    ]
    workbook = load_workbook(io.BytesIO(to_xlsx(tables)))
    assert workbook.sheetnames == [
        "İllere göre başvurular",
        "Birim performansı",
        "Kırtasiye tasarrufu",
        "Belediye raporu 2026 4. çeyrek",
    ]
    places_rows = sheet_rows(workbook["İllere göre başvurular"])
    assert places_rows[0][:3] == ["Plaka", "Adı", "Başvuru"]
    assert places_rows[1][:3] == ["95", "Deneme", 6]
    money = workbook["Kırtasiye tasarrufu"]
    assert sheet_rows(money)[1] == [6, 3, 1, 1, 100, 18, 18, 600, 618]
    assert money["I2"].number_format == '#,##0.00 "₺"'
    report = sheet_rows(workbook["Belediye raporu 2026 4. çeyrek"])
    assert report[0][:7] == [
        "İl",
        "Belediye",
        "Gelen talep",
        "Olumlu sonuçlanan",
        "Olumsuz sonuçlanan",
        "Açık",
        "15 günden sonra cevaplanan",
    ]
    assert report[0][7] == "Olumsuz: Kurumun yetki alanı dışında"
    assert report[1][:8] == ["Deneme", "Deneme Belediyesi", 1, 0, 1, 0, 1, 1]
    assert report[2][:7] == ["Deneme", "Yayla Belediyesi", 2, 1, 0, 1, 0]


def test_csv_is_turkish_excel_text():
    table = Table(
        "Deneme",
        [
            Column("name", "Adı", "text"),
            Column("count", "Başvuru", "int"),
            Column("share", "Oran", "share"),
            Column("hours", "Süre", "hours"),
            Column("money", "Tutar", "money"),
            Column("day", "Tarih", "date"),
        ],
        [
            {
                "name": "Işıklı; Çınar",
                "count": 12345,
                "share": 0.125,
                "hours": 27.5,
                "money": Decimal("1234.5"),
                "day": date(2026, 11, 22),
            },
            {"name": "Boş", "count": 0, "share": None, "hours": None, "money": Decimal(0)},
        ],
    )
    data = to_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").split("\r\n") == [
        "Adı;Başvuru;Oran;Süre;Tutar;Tarih",
        '"Işıklı; Çınar";12.345;%12,5;27,5;1.234,50;22.11.2026',
        "Boş;0;;;0,00;",
        "",
    ]


def test_sheet_names_are_made_valid_and_unique():
    tables = [Table("İl/ilçe: [özet]?", [], []), Table("İl/ilçe: [özet]?", [], [])]
    workbook = load_workbook(io.BytesIO(to_xlsx(tables)))
    assert workbook.sheetnames == ["İl ilçe   özet", "İl ilçe   özet (2)"]
