"""Reference data: exact counts, the unit hierarchy, idempotent reloads, the CLI."""

import json
from collections import Counter
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from mbs.cli.main import cli
from mbs.core import settings
from mbs.core.db import get_engine
from mbs.core.enums import BelediyeKind, EventKind, MuhtarlikKind, UnitKind
from mbs.core.models import District, Event, Muhtarlik, Province, Unit
from mbs.core.refdata import LoadReport, load_reference_data, reference_data_status
from mbs.core.refdata.units import IL_MUDURLUKLERI

pytestmark = pytest.mark.usefixtures("reference_data")

NOTHING = {"provinces": 0, "districts": 0, "muhtarliks": 0, "units": 0}


def _reference_units(session: Session) -> list[Unit]:
    # Other tests commit units coded "test:..."; they are not reference data.
    return list(session.exec(select(Unit).where(~col(Unit.code).startswith("test:"))))


def _unit(session: Session, code: str) -> Unit:
    return session.exec(select(Unit).where(Unit.code == code)).one()


def test_geography_counts(session: Session) -> None:
    provinces = session.exec(select(Province).where(Province.id <= 81)).all()
    assert len(provinces) == 81
    assert sum(province.is_metropolitan for province in provinces) == 30
    # The source says otherwise; Kayseri has had a büyükşehir belediyesi since 2004.
    kayseri = session.get(Province, 38)
    assert kayseri is not None and kayseri.name == "Kayseri" and kayseri.is_metropolitan
    districts = session.exec(select(func.count()).where(District.province_id <= 81)).one()
    assert districts == 973
    by_kind = dict(
        session.exec(
            select(Muhtarlik.kind, func.count())
            .where(Muhtarlik.province_id <= 81)
            .group_by(Muhtarlik.kind)
        ).all()
    )
    assert by_kind == {MuhtarlikKind.MAHALLE: 32186, MuhtarlikKind.KOY: 18171}
    akoren = session.exec(select(Muhtarlik).where(Muhtarlik.source_key == "mahalle:176887")).one()
    assert (akoren.name, akoren.district_id, akoren.province_id) == ("Akören", 1757, 1)


def test_unit_counts(session: Session) -> None:
    units = _reference_units(session)
    assert Counter(unit.kind for unit in units) == {
        UnitKind.MIGM: 1,
        UnitKind.VALILIK: 81,
        UnitKind.KAYMAKAMLIK: 922,
        UnitKind.IL_OZEL_IDARESI: 51,
        UnitKind.IL_MUDURLUGU: 81 * len(IL_MUDURLUKLERI),
        UnitKind.BELEDIYE: 1393,
    }
    belediyes = [unit for unit in units if unit.kind is UnitKind.BELEDIYE]
    assert Counter(unit.belediye_kind for unit in belediyes) == {
        BelediyeKind.BUYUKSEHIR: 30,
        BelediyeKind.IL: 51,
        BelediyeKind.ILCE: 922,
        BelediyeKind.BELDE: 390,
    }
    metropolitan = set(session.exec(select(Province.id).where(col(Province.is_metropolitan))))
    ilce = Counter(
        unit.province_id in metropolitan
        for unit in belediyes
        if unit.belediye_kind is BelediyeKind.ILCE
    )
    assert ilce == {True: 519, False: 403}
    assert len(IL_MUDURLUKLERI) >= 12


def test_names_and_codes(session: Session) -> None:
    expected = {
        "central": "Mahalli İdareler Genel Müdürlüğü",
        "valilik:06": "Ankara Valiliği",
        "kaymakamlik:1231": "Çankaya Kaymakamlığı",
        "belediye:ilce:1231": "Çankaya Belediyesi",
        "belediye:buyuksehir:06": "Ankara Büyükşehir Belediyesi",
        "belediye:buyuksehir:38": "Kayseri Büyükşehir Belediyesi",
        "belediye:il:14": "Bolu Belediyesi",
        "ozel-idare:14": "Bolu İl Özel İdaresi",
        "il-mudurlugu:06:milli-egitim": "Ankara İl Milli Eğitim Müdürlüğü",
        "il-mudurlugu:06:afad": "Ankara İl Afet ve Acil Durum Müdürlüğü",
    }
    assert {code: _unit(session, code).name for code in expected} == expected
    assert _unit(session, "central").kind is UnitKind.MIGM
    assert session.exec(select(Unit).where(Unit.code == "ozel-idare:38")).first() is None
    belde_names = [
        unit.name for unit in _reference_units(session) if unit.code.startswith("belediye:belde:")
    ]
    # The source's town names carry stray combining dots ("Köseceli̇"); the build drops them.
    assert not [name for name in belde_names if "\u0307" in name or "  " in name]


def test_every_sub_unit_hangs_under_its_own_provinces_valilik(session: Session) -> None:
    units = _reference_units(session)
    by_id = {unit.id: unit for unit in units}
    for unit in units:
        if unit.kind in (UnitKind.KAYMAKAMLIK, UnitKind.IL_MUDURLUGU, UnitKind.IL_OZEL_IDARESI):
            parent = by_id[unit.parent_id]
            assert parent.kind is UnitKind.VALILIK, unit.code
            assert parent.code == f"valilik:{unit.province_id:02d}", unit.code
        else:
            assert unit.parent_id is None, unit.code
    districts = {d.id: d for d in session.exec(select(District).where(District.province_id <= 81))}
    kaymakamliks = [unit for unit in units if unit.kind is UnitKind.KAYMAKAMLIK]
    assert all(districts[u.district_id].province_id == u.province_id for u in kaymakamliks)
    # The Merkez districts are governed by the valilik itself.
    governed = {unit.district_id for unit in kaymakamliks}
    assert {d.id for d in districts.values() if d.name == "Merkez"} == set(districts) - governed


def test_second_load_changes_nothing(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MBS_CENTRAL_UNIT_NAME", raising=False)
    before = reference_data_status(session=session)
    events_before = _data_loaded_events(session)
    report = load_reference_data(session=session)
    assert report == LoadReport(inserted=NOTHING, updated=NOTHING)
    assert not report.changed
    assert reference_data_status(session=session) == before
    assert _data_loaded_events(session) == events_before + 1


def test_changed_names_are_updated_and_detsis_numbers_kept(session: Session) -> None:
    session.exec(update(Province).where(col(Province.id) == 6).values(name="Angora"))
    session.exec(
        update(Muhtarlik).where(col(Muhtarlik.source_key) == "koy:37777").values(name="Yüzüncüyıl")
    )
    session.exec(
        update(Unit).where(col(Unit.code) == "valilik:06").values(name="X", detsis_no="12345678")
    )
    report = load_reference_data(
        session=session, central_unit_name=settings.DEFAULT_CENTRAL_UNIT_NAME
    )
    assert report.inserted == NOTHING
    assert report.updated == {"provinces": 1, "districts": 0, "muhtarliks": 1, "units": 1}
    session.expire_all()
    assert session.get(Province, 6).name == "Ankara"  # type: ignore[union-attr]
    village = session.exec(select(Muhtarlik).where(Muhtarlik.source_key == "koy:37777")).one()
    assert village.name == "100.yıl"
    valilik = _unit(session, "valilik:06")
    assert (valilik.name, valilik.detsis_no) == ("Ankara Valiliği", "12345678")


def test_central_unit_name_comes_from_configuration(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    central_id = _unit(session, "central").id
    monkeypatch.setenv("MBS_CENTRAL_UNIT_NAME", "İller İdaresi Genel Müdürlüğü")
    assert settings.central_unit_name() == "İller İdaresi Genel Müdürlüğü"
    report = load_reference_data(session=session)
    assert report.updated == {**NOTHING, "units": 1}
    session.expire_all()
    central = _unit(session, "central")
    assert (central.id, central.name, central.is_active) == (
        central_id,
        "İller İdaresi Genel Müdürlüğü",
        True,
    )
    monkeypatch.delenv("MBS_CENTRAL_UNIT_NAME")
    assert settings.central_unit_name() == "Mahalli İdareler Genel Müdürlüğü"


def _data_loaded_events(session: Session) -> int:
    return session.exec(select(func.count()).where(Event.kind == EventKind.DATA_LOADED)).one()


@pytest.fixture
def cli_runner(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """A runner whose `mbs` talks to the test database (get_engine() is cached)."""
    monkeypatch.setenv("MBS_DATABASE_URL", database_url)
    monkeypatch.delenv("MBS_CENTRAL_UNIT_NAME", raising=False)
    get_engine.cache_clear()
    try:
        yield CliRunner()
    finally:
        get_engine().dispose()
        get_engine.cache_clear()


def test_cli_status_and_repeated_load(cli_runner: CliRunner, session: Session) -> None:
    status = reference_data_status(session=session)
    session.rollback()  # PostgreSQL: let the command's own connection work unhindered
    result = cli_runner.invoke(cli, ["data", "status", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == status
    table = cli_runner.invoke(cli, ["data", "status"])
    mahalle = f"{status['muhtarliks']['mahalle']:,}".replace(",", ".")
    assert table.exit_code == 0 and "Muhtarlıklar" in table.output and mahalle in table.output
    loaded = cli_runner.invoke(cli, ["data", "load"])
    assert loaded.exit_code == 0, loaded.output
    assert "değişiklik yapılmadı" in loaded.output
