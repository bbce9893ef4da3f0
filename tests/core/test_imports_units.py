"""Importing the DETSİS unit list: matching, creating, validating every row first."""

from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from mbs.core.enums import BelediyeKind, EventKind, UnitKind
from mbs.core.errors import CsvImportError
from mbs.core.imports import import_units
from mbs.core.models import District, Event, Province, Unit
from tests.builders import make_district, make_province, make_unit

HEADER = "detsis_no;ad;tur;il;ilce;ust_detsis_no;belediye_turu"


class Place:
    """A test province with a district, its valilik, kaymakamlık and ilçe belediyesi."""

    def __init__(self, session: Session) -> None:
        self.province: Province = make_province(session)
        self.district: District = make_district(session, self.province, name="Yayla")
        self.valilik = make_unit(
            session, UnitKind.VALILIK, province_id=self.province.id, name="Deneme Valiliği"
        )
        self.kaymakamlik = make_unit(
            session,
            UnitKind.KAYMAKAMLIK,
            parent=self.valilik,
            district_id=self.district.id,
            name="Yayla Kaymakamlığı",
        )


@pytest.fixture
def place(session: Session) -> Place:
    return Place(session)


def _detsis_units(session: Session, numbers: list[str]) -> list[Unit]:
    return list(session.exec(select(Unit).where(col(Unit.detsis_no).in_(numbers))).all())


def _import_events(session: Session) -> list[Event]:
    return list(session.exec(select(Event).where(Event.kind == EventKind.UNITS_IMPORTED)).all())


def test_good_file_matches_creates_and_is_idempotent(session: Session, place: Place) -> None:
    p = place.province
    text = "\ufeff" + "\n".join(
        [
            HEADER,
            f"7000101;DENEME VALİLİĞİ;Valilik;{p.id};;;",
            # Python's upper() writes "İLI": found by the ASCII fallback.
            f"7000102;yayla kaymakamlığı;KAYMAKAMLIK;{p.name.upper()};YAYLA;7000101;",
            f"7000103;Deneme İl Sağlık Müdürlüğü;İl Müdürlüğü;{p.id};;7000101;",
            f"7000104;Deneme İl Özel İdaresi;il_ozel_idaresi;{p.id};;;",
            f"7000105;Çamlık Belediyesi;Belediye;{p.id};Yayla;;Belde",
            f"7000106;Yayla Belediyesi;belediye;{p.id};yayla;;",
        ]
    )
    report = import_units(session=session, rows_text_or_file=text)
    assert (report.created, report.updated, report.unchanged) == (4, 2, 0)

    assert place.valilik.detsis_no == "7000101"
    assert place.valilik.name == "Deneme Valiliği"  # a case-only difference is no rename
    assert place.kaymakamlik.detsis_no == "7000102"
    created = {u.detsis_no: u for u in _detsis_units(session, ["7000103", "7000104", "7000105"])}
    saglik = created["7000103"]
    assert saglik.code == "detsis:7000103" and saglik.kind is UnitKind.IL_MUDURLUGU
    assert saglik.parent_id == place.valilik.id and saglik.province_id == p.id
    # Without ust_detsis_no a sub-unit belongs to its province's valilik.
    assert created["7000104"].parent_id == place.valilik.id
    belde = created["7000105"]
    assert belde.belediye_kind is BelediyeKind.BELDE and belde.district_id == place.district.id
    [ilce] = _detsis_units(session, ["7000106"])
    assert ilce.belediye_kind is BelediyeKind.ILCE and ilce.parent_id is None
    [event] = _import_events(session)
    assert event.data == {"created": 4, "updated": 2, "unchanged": 0}

    again = import_units(session=session, rows_text_or_file=text)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)

    renamed = text.replace("Deneme İl Sağlık Müdürlüğü", "Deneme İl Sağlık Hizmetleri")
    third = import_units(session=session, rows_text_or_file=renamed)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 5)
    assert saglik.name == "Deneme İl Sağlık Hizmetleri"


def test_comma_files_bytes_and_paths(session: Session, place: Place, tmp_path: Path) -> None:
    text = f'detsis_no,ad,tur,il\r\n7000201,"Deneme Valiliği",valilik,{place.province.id}\r\n'
    report = import_units(session=session, rows_text_or_file=text.encode("utf-8-sig"))
    assert report.updated == 1 and place.valilik.detsis_no == "7000201"
    path = tmp_path / "birimler.csv"
    path.write_text(text, encoding="utf-8")
    assert import_units(session=session, rows_text_or_file=path).unchanged == 1


def test_every_bad_row_is_reported_by_line_and_nothing_is_written(
    session: Session, place: Place
) -> None:
    other = make_province(session)
    make_unit(session, UnitKind.VALILIK, province_id=other.id, detsis_no="7000399")
    p = place.province.id
    lines = [
        HEADER,  # 1
        f"7000301;Deneme Valiliği;valilik;{p};;;",  # 2: good, still not written
        f"73A;Birim;valilik;{p};;;",  # 3
        f"7000301;Başka;valilik;{p};;;",  # 4: duplicate number
        "",  # 5: blank lines are skipped, not counted away
        f'7000305;"Uzun\nAdlı Birim";bakanlık;{p};;;',  # 6-7: quoted line break
        "7000308;Birim;valilik;Atlantis;;;",  # 8
        f"7000309;Yok Kaymakamlığı;kaymakamlık;{p};Olmayan;;",  # 9
        f"7000310;Sağlık;il müdürlüğü;{p};;7009999;",  # 10: parent unknown
        f"7000311;Sağlık;il müdürlüğü;{p};;7000399;",  # 11: parent in another il
        f"7000312;Yayla Kaymakamlığı;kaymakamlik;{p};Yayla;7000301;",  # 12: good
        f"7000313;Alt;il_mudurlugu;{p};;7000312;",  # 13: parent not a valilik
        f"7000314;  ;valilik;{p};;;",  # 14: no name
        f"7000315;Kaymakamlık;kaymakamlik;{p};;;",  # 15: no ilçe
        f"7000316;Bld;belediye;{p};Yayla;;köy",  # 16: unknown belediye kind
        f"7000317;Belediye;belediye;{p};;7000301;",  # 17: parent on a non-sub-unit
        f"7000308;Başka Valilik;valilik;{p};;;",  # 18: repeats the number of bad line 8
    ]
    with pytest.raises(CsvImportError) as raised:
        import_units(session=session, rows_text_or_file="\n".join(lines))
    problems = raised.value.problems
    assert [line for line, _ in problems] == [3, 4, 6, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18]
    reasons = dict(problems)
    assert "yalnızca rakamlardan" in reasons[3]
    assert "satır 2" in reasons[4]
    assert "bakanlık" in reasons[6]
    assert "Atlantis" in reasons[8]
    assert "Olmayan" in reasons[9]
    assert "7009999" in reasons[10]
    assert "aynı ilin valiliği" in reasons[11] and "aynı ilin valiliği" in reasons[13]
    assert "Birim adı" in reasons[14]
    assert "ilçe yazılmalıdır" in reasons[15]
    assert "belediye türü" in reasons[16]
    assert "alt birimleri" in reasons[17]
    assert "satır 8" in reasons[18]
    assert "satır 3:" in raised.value.message
    assert place.valilik.detsis_no is None
    assert _detsis_units(session, ["7000301", "7000312"]) == []
    assert _import_events(session) == []


def test_match_conflicts_are_reported(session: Session, place: Place) -> None:
    place.valilik.detsis_no = "7000499"
    p = place.province.id
    text = "\n".join(
        [
            HEADER,
            f"7000401;Deneme Valiliği;valilik;{p};;;",  # named unit has another number
            f"7000499;Deneme Valiliği;kaymakamlik;{p};Yayla;;",  # number of another kind
            f"7000403;Yayla Kaymakamlığı;kaymakamlik;{p};Yayla;;",
            f"7000404;YAYLA KAYMAKAMLIĞI;kaymakamlik;{p};Yayla;;",  # same unit twice
        ]
    )
    with pytest.raises(CsvImportError) as raised:
        import_units(session=session, rows_text_or_file=text)
    reasons = dict(raised.value.problems)
    assert sorted(reasons) == [2, 3, 5]
    assert "7000499" in reasons[2]
    assert "başka türde" in reasons[3]
    assert "Satır 4" in reasons[5]
    assert place.kaymakamlik.detsis_no is None


def test_file_level_problems(session: Session) -> None:
    with pytest.raises(CsvImportError) as raised:
        import_units(session=session, rows_text_or_file="detsis_no;ad;il;renk\n1;A;6;mavi\n")
    assert raised.value.problems == [(1, "Eksik sütun: tur."), (1, "Bilinmeyen sütun: renk.")]
    with pytest.raises(CsvImportError) as raised:
        import_units(session=session, rows_text_or_file=HEADER + "\n")
    assert raised.value.problems[0][0] == 1
    with pytest.raises(CsvImportError) as raised:
        import_units(session=session, rows_text_or_file=HEADER + "\n1;A;valilik\n")
    assert raised.value.problems == [(2, "7 sütun olmalı, 3 sütun var.")]
    latin = (HEADER + "\n7000501;Ankara Valiliği;valilik;6;;;\n").encode("cp1254")
    with pytest.raises(CsvImportError) as raised:
        import_units(session=session, rows_text_or_file=latin)
    assert raised.value.problems[0][0] == 2
    assert "UTF-8" in raised.value.problems[0][1]
