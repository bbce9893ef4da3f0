"""Demo accounts on top of the reference data: staff of MİGM and of Ankara, Çankaya and
Bolu units, and three fake muhtars with checksum-valid TCKNs: two in Çankaya mahalles
and one in a köy of Bolu (metropolitan Ankara has had no köys since 2014; a Bolu köy
also shows the valilik forwarding to the İl Özel İdaresi). Safe to run again: only what
drifted is fixed. Refused in a database with any other account or muhtar, because the
demo password is published.

Demo passwords are reset whenever they no longer verify (or the account is locked), so
the credentials `mbs demo` prints always work; an untouched demo is left as it is.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select
from stdnum.tr import tckimlik

from mbs.core.actors import SystemActor
from mbs.core.commands.users import create_user, reset_password
from mbs.core.enums import MuhtarlikKind
from mbs.core.errors import NotFound, ValidationError
from mbs.core.labels import UNIT_KIND
from mbs.core.mail.accounts import assign_accounts
from mbs.core.models import District, Muhtar, Muhtarlik, Province, Unit, User
from mbs.core.security.passwords import verify_password
from mbs.core.text import turkish_casefold

DEMO_PASSWORD = "Demo.2026.mbs"
TERM_START, TERM_END = date(2024, 4, 1), date(2029, 3, 31)
LOAD_FIRST = "Önce `mbs data load` çalıştırın."
ANKARA, BOLU = 6, 14


@dataclass(frozen=True)
class StaffSpec:
    username: str
    full_name: str
    unit_code: str  # "{cankaya}" is replaced by Çankaya's district id
    is_admin: bool = False


STAFF = (
    StaffSpec("migm", "Demo MİGM Yöneticisi", "central", is_admin=True),
    StaffSpec("ankara.valilik", "Demo Ankara Valiliği", "valilik:06"),
    StaffSpec("ankara.milliegitim", "Demo Ankara İl MEM", "il-mudurlugu:06:milli-egitim"),
    StaffSpec("ankara.buyuksehir", "Demo Ankara Büyükşehir", "belediye:buyuksehir:06"),
    StaffSpec("cankaya.kaymakamlik", "Demo Çankaya Kaymakamlığı", "kaymakamlik:{cankaya}"),
    StaffSpec("cankaya.belediye", "Demo Çankaya Belediyesi", "belediye:ilce:{cankaya}"),
    StaffSpec("bolu.valilik", "Demo Bolu Valiliği", "valilik:14"),
    StaffSpec("bolu.ozelidare", "Demo Bolu İl Özel İdaresi", "ozel-idare:14"),
)
# (first name, last name, TCKN base: 9 digits, phone); the check digits are computed.
MUHTARS = (
    ("Ayşe", "Demir", "555000001", "905550000001"),
    ("Mehmet", "Yılmaz", "555000002", "905550000002"),
    ("Fatma", "Kaya", "555000003", "905550000003"),
)


@dataclass(frozen=True)
class DemoStaff:
    role: str
    username: str
    unit_name: str


@dataclass(frozen=True)
class DemoMuhtar:
    tckn: str
    full_name: str
    muhtarlik: str


@dataclass(frozen=True)
class DemoReport:
    staff: list[DemoStaff]
    muhtars: list[DemoMuhtar]
    changes: int
    password: str = DEMO_PASSWORD


def create_demo_accounts(*, session: Session) -> DemoReport:
    """Create or repair the demo staff and muhtars; NotFound without reference data,
    ValidationError in a database that already holds real accounts."""
    cankaya, bolu = _district(session, ANKARA, "Çankaya"), _district(session, BOLU, "Merkez")
    _refuse_real_data(session)
    changes, staff = 0, []
    for spec in STAFF:
        unit = _unit(session, spec.unit_code.format(cankaya=cankaya.id))
        changes += _ensure_staff(session, spec, unit)
        role = UNIT_KIND[unit.kind] + (" (yönetici)" if spec.is_admin else "")
        staff.append(DemoStaff(role, spec.username, unit.name))
    places = [
        *_first_muhtarliks(
            session, col(Muhtarlik.district_id) == cankaya.id, MuhtarlikKind.MAHALLE, 2
        ),
        *_first_muhtarliks(session, col(Muhtarlik.district_id) == bolu.id, MuhtarlikKind.KOY, 1),
    ]
    muhtars = []
    for (first, last, base, phone), place in zip(MUHTARS, places, strict=True):
        tckn = demo_tckn(base)
        changes += _ensure_muhtar(session, place, tckn, first, last, phone)
        muhtars.append(DemoMuhtar(tckn, f"{first} {last}", _place_label(session, place)))
    session.flush()
    # Their corporate mailboxes come with them (not counted: part of each muhtar).
    assign_accounts(session=session, tckns=[m.tckn for m in muhtars])
    return DemoReport(staff, muhtars, changes)


def demo_tckn(base: str) -> str:
    return base + tckimlik.calc_check_digits(base)


def _refuse_real_data(session: Session) -> None:
    # A central admin with a published password must never reach a real deployment,
    # and demo muhtars would sit beside real ones in their muhtarlıks.
    usernames = [spec.username for spec in STAFF]
    tckns = [demo_tckn(base) for _, _, base, _ in MUHTARS]
    other_user = select(User.id).where(col(User.username).not_in(usernames))
    other_muhtar = select(Muhtar.id).where(col(Muhtar.tckn).not_in(tckns))
    if (
        session.exec(other_user).first() is not None
        or session.exec(other_muhtar).first() is not None
    ):
        raise ValidationError(
            "Bu veritabanında demo dışı kurum kullanıcıları veya muhtarlar var. Demo "
            "hesapları bilinen bir parolayla açıldığı için yalnızca deneme veritabanına "
            "eklenir."
        )


def _district(session: Session, province_id: int, name: str) -> District:
    districts = session.exec(select(District).where(District.province_id == province_id)).all()
    for district in districts:
        if turkish_casefold(district.name) == turkish_casefold(name):
            return district
    raise NotFound(f"Referans verileri yüklenmemiş ({name} ilçesi yok). {LOAD_FIRST}")


def _unit(session: Session, code: str) -> Unit:
    unit = session.exec(select(Unit).where(Unit.code == code)).first()
    if unit is None:
        raise NotFound(f"Referans verilerinde '{code}' kodlu birim yok. {LOAD_FIRST}")
    return unit


def _first_muhtarliks(
    session: Session, where: ColumnElement[bool], kind: MuhtarlikKind, count: int
) -> list[Muhtarlik]:
    """The `count` most populous: real-sounding places, the same ones on every backend."""
    found = session.exec(select(Muhtarlik).where(where, Muhtarlik.kind == kind)).all()
    if len(found) < count:
        raise NotFound(f"Referans verilerinde yeterli muhtarlık yok. {LOAD_FIRST}")
    return sorted(found, key=lambda m: (-(m.population or 0), m.source_key))[:count]


def _ensure_staff(session: Session, spec: StaffSpec, unit: Unit) -> int:
    """0 if the account is already as the demo needs it, otherwise 1 after fixing it."""
    user = session.exec(select(User).where(User.username == spec.username)).first()
    if user is None:
        create_user(
            session=session,
            actor=SystemActor(),
            username=spec.username,
            full_name=spec.full_name,
            unit_code=unit.code,
            password=DEMO_PASSWORD,
            is_admin=spec.is_admin,
        )
        return 1
    wanted = {"unit_id": unit.id, "is_admin": spec.is_admin, "is_active": True}
    drifted = {key: value for key, value in wanted.items() if getattr(user, key) != value}
    for key, value in drifted.items():
        setattr(user, key, value)
    locked = user.failed_logins > 0 or user.locked_until is not None
    if locked or not verify_password(DEMO_PASSWORD, user.password_hash):
        reset_password(
            session=session, actor=SystemActor(), username=user.username, new_password=DEMO_PASSWORD
        )
        return 1
    return 1 if drifted else 0


def _ensure_muhtar(
    session: Session, place: Muhtarlik, tckn: str, first: str, last: str, phone: str
) -> int:
    muhtar = session.exec(
        select(Muhtar).where(
            Muhtar.tckn == tckn, Muhtar.muhtarlik_id == place.id, Muhtar.term_start == TERM_START
        )
    ).first()
    if muhtar is None:
        assert place.id is not None
        muhtar = Muhtar(
            tckn=tckn,
            muhtarlik_id=place.id,
            term_start=TERM_START,
            first_name="",
            last_name="",
            phone="",
            term_end=TERM_END,
        )
        session.add(muhtar)
    wanted = {"first_name": first, "last_name": last, "phone": phone, "term_end": TERM_END}
    drifted = {key: value for key, value in wanted.items() if getattr(muhtar, key) != value}
    for key, value in drifted.items():
        setattr(muhtar, key, value)
    return 1 if drifted else 0


def _place_label(session: Session, place: Muhtarlik) -> str:
    district = session.get(District, place.district_id)
    province = session.get(Province, place.province_id)
    suffix = "Mahallesi" if place.kind is MuhtarlikKind.MAHALLE else "Köyü"
    assert district is not None and province is not None
    return f"{place.name} {suffix} ({district.name} / {province.name})"
