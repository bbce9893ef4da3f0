"""Importing the muhtar registry: upsert by term, re-election, every bad row by line."""

from datetime import date

import pytest
from sqlmodel import Session, col, select

from mbs.core.enums import EventKind, MuhtarlikKind
from mbs.core.errors import CsvImportError
from mbs.core.imports import import_muhtars
from mbs.core.models import Event, Muhtar, Province
from tests.builders import make_district, make_muhtar, make_muhtarlik, make_province, valid_tckn

HEADER = "tckn;ad;soyad;cep_telefonu;il;ilce;muhtarlik;muhtarlik_turu;gorev_baslangic;gorev_bitis"
A, B, C = valid_tckn(900_001), valid_tckn(900_002), valid_tckn(900_003)


class Place:
    def __init__(self, session: Session) -> None:
        self.province: Province = make_province(session)
        district = make_district(session, self.province, name="Yayla")
        self.cinar = make_muhtarlik(session, district, name="Çınar")
        self.isikli_koy = make_muhtarlik(session, district, name="Işıklı", kind=MuhtarlikKind.KOY)
        self.isikli = make_muhtarlik(session, district, name="Işıklı")
        self.kavak = [make_muhtarlik(session, district, name="Kavak") for _ in range(2)]
        self.ids = [m.id for m in (self.cinar, self.isikli_koy, self.isikli, *self.kavak)]


@pytest.fixture
def place(session: Session) -> Place:
    return Place(session)


def _muhtars(session: Session, place: Place) -> list[Muhtar]:
    query = select(Muhtar).where(col(Muhtar.muhtarlik_id).in_(place.ids)).order_by(col(Muhtar.id))
    return list(session.exec(query).all())


def _events(session: Session) -> list[Event]:
    return list(session.exec(select(Event).where(Event.kind == EventKind.MUHTARS_IMPORTED)).all())


def _file(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def test_good_file_and_idempotent_reimport(session: Session, place: Place) -> None:
    p = place.province
    text = _file(
        f"{A};  AYŞE ;yılmaz;0532 123 45 67;{p.id};YAYLA;ÇINAR MAHALLESİ;Mahalle;1.4.2024;"
        "31.03.2029",
        f"{B};Mehmet   Ali;Işık;+90 533 000 00 01;{p.name};Yayla;Işıklı;KÖY;2024-04-01;2029-03-31",
    )
    report = import_muhtars(session=session, file=text)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    ayse, mehmet = _muhtars(session, place)
    assert (ayse.tckn, ayse.first_name, ayse.last_name) == (A, "AYŞE", "yılmaz")
    assert ayse.phone == "905321234567" and ayse.muhtarlik_id == place.cinar.id
    assert (ayse.term_start, ayse.term_end) == (date(2024, 4, 1), date(2029, 3, 31))
    # The kind column decides between the köy and the mahalle of the same name.
    assert mehmet.first_name == "Mehmet Ali" and mehmet.muhtarlik_id == place.isikli_koy.id
    [event] = _events(session)
    assert event.data == {"created": 2, "updated": 0, "unchanged": 0}
    assert A not in str(event.data) and A not in (event.note or "")

    again = import_muhtars(session=session, file=text)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert len(_muhtars(session, place)) == 2

    new_phone = text.replace("0532 123 45 67", "0532 999 88 77")
    third = import_muhtars(session=session, file=new_phone)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert ayse.phone == "905329998877"


def test_re_elected_muhtar_gets_a_new_term_of_the_same_muhtarlik(
    session: Session, place: Place
) -> None:
    first = make_muhtar(
        session, place.cinar, tckn=A, term_start=date(2019, 4, 1), term_end=date(2024, 3, 31)
    )
    p = place.province.id
    report = import_muhtars(
        session=session,
        file=_file(f"{A};Ayşe;Yılmaz;05321234567;{p};Yayla;Çınar;mahalle;01.04.2024;31.03.2029"),
    )
    assert report.created == 1
    terms = _muhtars(session, place)
    assert [m.id for m in terms][0] == first.id
    assert {(m.tckn, m.muhtarlik_id) for m in terms} == {(A, place.cinar.id)}
    assert [m.term_start for m in terms] == [date(2019, 4, 1), date(2024, 4, 1)]


def test_a_term_overlapping_a_stored_one_is_refused_unless_the_file_restates_it(
    session: Session, place: Place
) -> None:
    make_muhtar(session, place.cinar, tckn=A, term_start=date(2024, 4, 1))
    p = place.province.id
    newcomer = f"{B};Can;Er;5321234568;{p};Yayla;Çınar;mahalle;01.01.2027;31.03.2029"
    with pytest.raises(CsvImportError) as raised:
        import_muhtars(session=session, file=_file(newcomer))
    [(line, reason)] = raised.value.problems
    assert line == 2 and "01.04.2024–31.03.2029" in reason
    # The registry shortens A's term (it ended early) and adds the successor: accepted.
    shortened = f"{A};Ayşe;Yılmaz;05321234567;{p};Yayla;Çınar;mahalle;01.04.2024;31.12.2026"
    report = import_muhtars(session=session, file=_file(shortened, newcomer))
    assert (report.created, report.updated) == (1, 1)


def test_every_bad_row_is_reported_by_line_and_nothing_is_written(
    session: Session, place: Place
) -> None:
    p = place.province.id
    good = f"{A};Ayşe;Yılmaz;05321234567;{p};Yayla;Çınar;mahalle;01.04.2024;31.03.2029"
    bad_tckn = A[:-1] + str((int(A[-1]) + 1) % 10)
    rows = [
        good,  # 2
        f"{bad_tckn};Ali;Kaya;05321234567;{p};Yayla;Işıklı;mahalle;01.04.2024;31.03.2029",
        f"{C};  ;Kaya;05321234567;{p};Yayla;Işıklı;köy;01.04.2024;31.03.2029",  # 4
        f"{C};Ali; ;05321234567;{p};Yayla;Işıklı;köy;01.04.2024;31.03.2029",  # 5
        f"{C};Ali;Kaya;0312 123 45 67;{p};Yayla;Işıklı;köy;01.04.2024;31.03.2029",  # 6
        f"{C};Ali;Kaya;05321234567;Atlantis;Yayla;Işıklı;köy;01.04.2024;31.03.2029",  # 7
        f"{C};Ali;Kaya;05321234567;{p};Olmayan;Işıklı;köy;01.04.2024;31.03.2029",  # 8
        f"{C};Ali;Kaya;05321234567;{p};Yayla;Yokmuş;köy;01.04.2024;31.03.2029",  # 9
        f"{C};Ali;Kaya;05321234567;{p};Yayla;Kavak;mahalle;01.04.2024;31.03.2029",  # 10
        f"{C};Ali;Kaya;05321234567;{p};Yayla;Işıklı;site;01.04.2024;31.03.2029",  # 11
        f"{C};Ali;Kaya;05321234567;{p};Yayla;Işıklı;köy;31.02.2024;31.03.2029",  # 12
        f"{C};Ali;Kaya;05321234567;{p};Yayla;Işıklı;köy;01.04.2029;31.03.2024",  # 13
        f"{B};Can;Er;05321234568;{p};Yayla;Çınar;mahalle;01.01.2027;31.03.2029",  # 14
        good,  # 15: duplicate of line 2
        f"{A};Ayşe;Yılmaz;05321234567;{p};Yayla;Işıklı;köy;01.04.2024;31.03.2029",  # 16
    ]
    with pytest.raises(CsvImportError) as raised:
        import_muhtars(session=session, file=_file(*rows))
    reasons: dict[int, list[str]] = {}
    for line, reason in raised.value.problems:
        reasons.setdefault(line, []).append(reason)
    assert sorted(reasons) == list(range(3, 17))
    expected = {
        3: "TC kimlik",
        4: "Ad boş",
        5: "Soyad boş",
        6: "cep telefonu",
        7: "Atlantis",
        8: "Olmayan",
        9: "Yokmuş",
        10: "birden fazla",
        11: "site",
        12: "31.02.2024",
        13: "sonra olamaz",
        14: "satır 2",
        15: "satır 2",
        16: "başka bir muhtarlıkta",
    }
    for line, words in expected.items():
        assert any(words in reason for reason in reasons[line]), (line, reasons[line])
    for reason in (r for found in reasons.values() for r in found):
        assert A not in reason and bad_tckn not in reason and C not in reason
    assert _muhtars(session, place) == [] and _events(session) == []


def test_one_row_with_several_problems_reports_each(session: Session, place: Place) -> None:
    row = f"123;;;112;{place.province.id};Yayla;Çınar;mahalle;dün;yarın"
    with pytest.raises(CsvImportError) as raised:
        import_muhtars(session=session, file=_file(row))
    assert [line for line, _ in raised.value.problems] == [2] * 5


def test_muhtarlik_names_with_suffixes_and_without_turkish_letters(
    session: Session, place: Place
) -> None:
    p = place.province.id
    text = _file(
        f"{A};Ayşe;Yılmaz;05321234567;{p};YAYLA;CINAR MAH.;MAHALLE;01.04.2024;31.03.2029",
        f"{B};Can;Er;05321234568;{p};yayla;ISIKLI KOYU;KOY;01.04.2024;31.03.2029",
    )
    assert import_muhtars(session=session, file=text).created == 2
    ids = {m.tckn: m.muhtarlik_id for m in _muhtars(session, place)}
    assert ids == {A: place.cinar.id, B: place.isikli_koy.id}


def test_muhtarlik_lookup_does_not_cross_districts(session: Session, place: Place) -> None:
    elsewhere = make_district(session, place.province, name="Ova")
    other = make_muhtarlik(session, elsewhere, name="Yalnız")
    p = place.province.id
    row = f"{A};Ayşe;Yılmaz;05321234567;{p};Yayla;Yalnız;mahalle;01.04.2024;31.03.2029"
    with pytest.raises(CsvImportError, match="Yalnız"):
        import_muhtars(session=session, file=_file(row))
    assert session.exec(select(Muhtar).where(Muhtar.muhtarlik_id == other.id)).first() is None


def test_two_muhtarliks_of_one_name_are_told_apart_by_code(session: Session, place: Place) -> None:
    first, second = place.kavak
    p = place.province.id
    row = f"{A};Ayşe;Yılmaz;05321234567;{p};Yayla;Kavak;mahalle;01.04.2024;31.03.2029"
    with pytest.raises(CsvImportError) as raised:
        import_muhtars(session=session, file=_file(row))
    [(_, reason)] = raised.value.problems
    assert first.source_key in reason and second.source_key in reason

    header = HEADER + ";muhtarlik_kodu"
    text = "\n".join([header, f"{row};{second.source_key}"])
    assert import_muhtars(session=session, file=text).created == 1
    [muhtar] = _muhtars(session, place)
    assert muhtar.muhtarlik_id == second.id

    wrong_name = row.replace("Kavak", "Çınar")
    with pytest.raises(CsvImportError, match="adı 'Kavak'"):
        import_muhtars(
            session=session, file="\n".join([header, f"{wrong_name};{second.source_key}"])
        )
    with pytest.raises(CsvImportError, match="kodlu mahalle yok"):
        import_muhtars(session=session, file="\n".join([header, f"{row};mahalle:0"]))
