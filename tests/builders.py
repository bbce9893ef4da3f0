"""Small builders for test data. Each adds rows and flushes (never commits), so the
test's rolled-back session removes them.

Ids and codes stay clear of the real reference data a session fixture may have
committed: provinces from 100 up, districts from 9,100,001 up, muhtarlık source keys
"test:...", unit codes "test:...", usernames "t.<n>...". Every call takes the next
number, so a test may call a builder many times.
"""

import itertools
from datetime import date
from functools import cache

from sqlmodel import Session
from stdnum.tr import tckimlik

from mbs.core import clock
from mbs.core.enums import BelediyeKind, MuhtarlikKind, UnitKind
from mbs.core.models import District, Muhtar, Muhtarlik, Province, Unit, User
from mbs.core.security.passwords import hash_password

DEFAULT_PASSWORD = "Parola.2026"
TERM_START, TERM_END = date(2024, 4, 1), date(2029, 3, 31)

_numbers = itertools.count(1)


def _next() -> int:
    return next(_numbers)


def valid_tckn(seed: int) -> str:
    """A TCKN with correct check digits, different for each seed below 900,000,000."""
    base = str(100_000_000 + seed)
    return base + tckimlik.calc_check_digits(base)


def make_province(
    session: Session, id: int | None = None, name: str | None = None, is_metropolitan: bool = False
) -> Province:
    id = id if id is not None else 99 + _next()
    province = Province(id=id, name=name or f"Deneme İli {id}", is_metropolitan=is_metropolitan)
    session.add(province)
    session.flush()
    return province


def make_district(
    session: Session, province: Province, name: str | None = None, id: int | None = None
) -> District:
    id = id if id is not None else 9_100_000 + _next()
    district = District(id=id, province_id=province.id, name=name or f"İlçe {id}")
    session.add(district)
    session.flush()
    return district


def make_muhtarlik(
    session: Session,
    district: District,
    name: str | None = None,
    kind: MuhtarlikKind = MuhtarlikKind.MAHALLE,
) -> Muhtarlik:
    number = _next()
    muhtarlik = Muhtarlik(
        source_key=f"test:{kind.value}:{number}",
        kind=kind,
        name=name or f"Mahalle {number}",
        district_id=district.id,
        province_id=district.province_id,
    )
    session.add(muhtarlik)
    session.flush()
    return muhtarlik


def make_unit(
    session: Session,
    kind: UnitKind,
    code: str | None = None,
    parent: Unit | None = None,
    province_id: int | None = None,
    name: str | None = None,
    district_id: int | None = None,
    belediye_kind: BelediyeKind | None = None,
    detsis_no: str | None = None,
) -> Unit:
    number = _next()
    if kind is UnitKind.BELEDIYE and belediye_kind is None:
        belediye_kind = BelediyeKind.ILCE if district_id else BelediyeKind.IL
    unit = Unit(
        code=code or f"test:{kind.value}:{number}",
        kind=kind,
        belediye_kind=belediye_kind,
        name=name or f"Deneme Birimi {number}",
        province_id=province_id
        if province_id is not None
        else getattr(parent, "province_id", None),
        district_id=district_id,
        parent_id=parent.id if parent else None,
        detsis_no=detsis_no,
    )
    session.add(unit)
    session.flush()
    return unit


@cache
def _hash(password: str) -> str:
    # argon2 takes ~0.1 s on purpose; tests reuse one hash per password.
    return hash_password(password)


def make_user(
    session: Session,
    unit: Unit,
    username: str | None = None,
    password: str = DEFAULT_PASSWORD,
    is_admin: bool = False,
    full_name: str = "Deneme Kullanıcı",
    is_active: bool = True,
) -> User:
    assert unit.id is not None
    user = User(
        username=username or f"t.{_next()}",
        full_name=full_name,
        password_hash=_hash(password),
        unit_id=unit.id,
        is_admin=is_admin,
        is_active=is_active,
        created_at=clock.now(),
    )
    session.add(user)
    session.flush()
    return user


def make_muhtar(
    session: Session,
    muhtarlik: Muhtarlik,
    tckn: str | None = None,
    first_name: str = "Ayşe",
    last_name: str = "Yılmaz",
    phone: str | None = None,
    term_start: date = TERM_START,
    term_end: date = TERM_END,
) -> Muhtar:
    assert muhtarlik.id is not None
    number = _next()
    muhtar = Muhtar(
        tckn=tckn or valid_tckn(number),
        first_name=first_name,
        last_name=last_name,
        phone=phone or f"90555{number:07d}",
        muhtarlik_id=muhtarlik.id,
        term_start=term_start,
        term_end=term_end,
    )
    session.add(muhtar)
    session.flush()
    return muhtar
