"""`mbs demo`: demo accounts on the real reference data, idempotent, always usable."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, SQLModel, col, select

from mbs.core import clock
from mbs.core.actors import SystemActor, muhtar_actor, staff_actor
from mbs.core.commands.users import reset_password
from mbs.core.db import make_engine
from mbs.core.demo import DEMO_PASSWORD, create_demo_accounts
from mbs.core.enums import MuhtarlikKind, UnitKind
from mbs.core.errors import NotFound, ValidationError
from mbs.core.models import Event, Muhtar, Muhtarlik, Unit, User
from mbs.core.refdata import LoadReport
from mbs.core.security.passwords import verify_password
from mbs.core.tckn import is_valid_tckn
from tests.builders import (
    make_district,
    make_muhtar,
    make_muhtarlik,
    make_province,
    make_unit,
    make_user,
)


@pytest.fixture
def fixed_clock() -> Iterator[None]:
    clock.set_clock(lambda: datetime(2026, 11, 22, 9, 0, tzinfo=UTC))
    yield
    clock.set_clock(None)


def _demo_users(session: Session) -> dict[str, tuple[User, Unit]]:
    rows = session.exec(select(User, Unit).join(Unit, col(User.unit_id) == col(Unit.id))).all()
    return {user.username: (user, unit) for user, unit in rows}


def test_demo_accounts_on_the_reference_data(
    session: Session, reference_data: LoadReport, fixed_clock: None
) -> None:
    report = create_demo_accounts(session=session)
    users = _demo_users(session)
    expected = {
        "migm": "central",
        "ankara.valilik": "valilik:06",
        "ankara.milliegitim": "il-mudurlugu:06:milli-egitim",
        "ankara.buyuksehir": "belediye:buyuksehir:06",
        "bolu.valilik": "valilik:14",
        "bolu.ozelidare": "ozel-idare:14",
    }
    for username, code in expected.items():
        user, unit = users[username]
        assert unit.code == code and user.is_active
        assert verify_password(DEMO_PASSWORD, user.password_hash)
    assert users["migm"][0].is_admin and not users["ankara.valilik"][0].is_admin
    kaymakamlik = users["cankaya.kaymakamlik"][1]
    assert kaymakamlik.kind is UnitKind.KAYMAKAMLIK and kaymakamlik.name == "Çankaya Kaymakamlığı"
    assert users["cankaya.belediye"][1].name == "Çankaya Belediyesi"
    assert staff_actor(session, users["migm"][0].id or 0).is_central
    assert [s.username for s in report.staff] == [
        "migm",
        "ankara.valilik",
        "ankara.milliegitim",
        "ankara.buyuksehir",
        "cankaya.kaymakamlik",
        "cankaya.belediye",
        "bolu.valilik",
        "bolu.ozelidare",
    ]
    assert report.staff[0].role == "Genel Müdürlük (yönetici)"

    assert len(report.muhtars) == 3
    places = []
    for shown in report.muhtars:
        assert is_valid_tckn(shown.tckn)
        [muhtar] = session.exec(select(Muhtar).where(Muhtar.tckn == shown.tckn)).all()
        assert muhtar.phone.startswith("90555")
        muhtar_actor(session, muhtar.id or 0)  # in term today: the demo muhtar can log in
        places.append(session.get(Muhtarlik, muhtar.muhtarlik_id))
    assert [p.kind for p in places if p] == [MuhtarlikKind.MAHALLE] * 2 + [MuhtarlikKind.KOY]
    assert "Çankaya / Ankara" in report.muhtars[0].muhtarlik
    assert "Bolu" in report.muhtars[2].muhtarlik


def test_running_twice_changes_nothing_and_repairs_drift(
    session: Session, reference_data: LoadReport
) -> None:
    first = create_demo_accounts(session=session)
    assert first.changes == len(first.staff) + len(first.muhtars)
    events = len(session.exec(select(Event.id)).all())
    second = create_demo_accounts(session=session)
    assert second.changes == 0
    assert (second.staff, second.muhtars) == (first.staff, first.muhtars)
    assert len(session.exec(select(Event.id)).all()) == events

    reset_password(
        session=session, actor=SystemActor(), username="ankara.valilik", new_password="Degisti.123"
    )
    user, _ = _demo_users(session)["ankara.valilik"]
    user.is_active = False
    third = create_demo_accounts(session=session)
    assert third.changes == 1
    assert user.is_active and verify_password(DEMO_PASSWORD, user.password_hash)


def test_without_reference_data_it_asks_for_data_load() -> None:
    engine = make_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session, pytest.raises(NotFound) as raised:
        create_demo_accounts(session=session)
    assert "Önce `mbs data load` çalıştırın." in raised.value.message
    engine.dispose()


@pytest.mark.parametrize("extra", ["user", "muhtar"])
def test_refused_where_real_accounts_exist(
    session: Session, reference_data: LoadReport, extra: str
) -> None:
    if extra == "user":
        make_user(session, make_unit(session, UnitKind.VALILIK))
    else:
        district = make_district(session, make_province(session))
        make_muhtar(session, make_muhtarlik(session, district))
    with pytest.raises(ValidationError, match="yalnızca deneme veritabanına"):
        create_demo_accounts(session=session)
    assert session.exec(select(User).where(User.username == "migm")).first() is None
