"""The İş Zekası pages' pure helpers: reading the filter form and the assumptions form,
sorting and formatting a table, and colouring the map."""

from datetime import date
from decimal import Decimal

import pytest

from mbs.core.enums import RequestType, UnitKind
from mbs.core.errors import ValidationError
from mbs.core.stats.export import Column, Table
from mbs.ui.stats.filters import parse_filters
from mbs.ui.stats.savings import parse_amount
from mbs.ui.stats.tables import SHOWN_ROWS, Listed, shown, sorted_rows
from mbs.ui.stats.turkey_map import NO_DATA, SCALE, colour_scale, outlines


def test_the_filter_form_becomes_a_stats_filter() -> None:
    parsed = parse_filters(
        {
            "date_from": "2026-11-01",
            "date_to": "2026-11-22",
            "province_id": "6",
            "district_id": "",
            "request_type": "sikayet",
            "unit_kind": "belediye",
        }
    )
    assert (parsed.date_from, parsed.date_to) == (date(2026, 11, 1), date(2026, 11, 22))
    assert parsed.province_id == 6 and parsed.district_id is None
    assert parsed.request_type is RequestType.SIKAYET and parsed.unit_kind is UnitKind.BELEDIYE
    assert parse_filters({}) == parse_filters({"province_id": ""})


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"date_from": "2026-11-22", "date_to": "2026-11-01"}, "bitiş tarihinden sonra"),
        ({"date_from": "22.11.2026"}, "geçerli bir tarih değil"),
        ({"province_id": "06; DROP"}, "Geçersiz il"),
        ({"request_type": "dilekce"}, "Geçersiz başvuru türü"),
        ({"unit_kind": "bakanlik"}, "Geçersiz birim türü"),
    ],
)
def test_a_malformed_filter_gets_a_turkish_message(values: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_filters(values)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("0,35", "0.35"), ("1.250,5", "1250.5"), ("2", "2"), (" 100 ₺", "100"), ("0.5", "0.5")],
)
def test_amounts_are_read_as_turkish_users_type_them(text: str, amount: str) -> None:
    assert parse_amount(text, "Posta ücreti") == Decimal(amount)


@pytest.mark.parametrize("text", ["", "birkaç", "1,2,3", "NaN", "Infinity"])
def test_a_non_number_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="Posta ücreti: bir sayı girin"):
        parse_amount(text, "Posta ücreti")


TABLE = Table(
    "İller",
    [Column("name", "Adı", "text"), Column("total", "Başvuru", "int")],
    [
        {"name": "Çorum", "total": 1200},
        {"name": "Bolu", "total": None},
        {"name": "Cide", "total": 7},
        {"name": "Şırnak", "total": 30},
    ],
)


def test_rows_sort_in_turkish_order_with_empty_cells_last() -> None:
    listed = Listed(TABLE, ids=["19", "14", "37", "73"], drill="İlçeler")
    rows, ids = sorted_rows(listed, "name", False)
    assert [r["name"] for r in rows] == ["Bolu", "Cide", "Çorum", "Şırnak"]
    assert ids == ["14", "37", "19", "73"]
    for descending in (True, False):
        rows, _ids = sorted_rows(listed, "total", descending)
        assert rows[-1]["name"] == "Bolu"
    assert [r["total"] for r in sorted_rows(listed, "total", True)[0][:3]] == [1200, 30, 7]


def test_a_shown_table_is_formatted_and_marks_its_sorted_column() -> None:
    table = shown(0, Listed(TABLE), ("total", True))
    assert [h.sort for h in table.heads] == ["none", "descending"]
    assert [h.numeric for h in table.heads] == [False, True]
    assert table.rows[0].cells == ["Çorum", "1.200"]
    assert table.rows[-1].cells == ["Bolu", "—"]
    assert table.more == ""
    many = Table("Birimler", TABLE.columns, [{"name": f"B{i}", "total": i} for i in range(300)])
    assert len(shown(1, Listed(many), None).rows) == SHOWN_ROWS
    assert "300 satırın tamamı" in shown(1, Listed(many), None).more


def test_the_map_has_the_81_provinces_and_colours_every_one() -> None:
    view_box, provinces = outlines()
    assert [p["code"] for p in provinces] == [f"{n:02d}" for n in range(1, 82)]
    assert len(view_box.split()) == 4 and all(p["d"].startswith("M") for p in provinces)
    names = {p["code"]: p["name"] for p in provinces}
    assert (names["06"], names["34"], names["81"]) == ("Ankara", "İstanbul", "Düzce")

    fills, legend = colour_scale({"06": 7, "14": 2, "34": 0}, "int")
    assert set(fills) == set(names)
    assert fills["06"] == SCALE[-1] and fills["34"] == SCALE[0] and fills["01"] == NO_DATA
    assert legend[-1] == {"colour": NO_DATA, "label": "Veri yok / kapsam dışı"}
    shares, share_legend = colour_scale({"06": 1.0, "14": 0.0}, "share")
    assert (shares["06"], shares["14"]) == (SCALE[-1], SCALE[0])
    assert share_legend[0]["label"] == "%0 – %20"
