"""Test data for the staff browser tests, committed to the database the e2e app uses:
one il with a muhtarlık and its muhtar, MİGM, the il's valilik with an il müdürlüğü,
a belediye, another belediye elsewhere, and staff accounts for each."""

from dataclasses import dataclass

from mbs.core.actors import MuhtarActor, StaffActor, staff_actor
from mbs.core.commands import file_request
from mbs.core.db import transaction
from mbs.core.enums import BelediyeKind, RequestType, UnitKind
from mbs.core.models import Request
from tests import builders

PASSWORD = builders.DEFAULT_PASSWORD


@dataclass(frozen=True)
class Staff:
    username: str
    user_id: int
    unit_id: int
    unit_name: str


@dataclass(frozen=True)
class World:
    muhtar: MuhtarActor
    muhtar_phone: str
    muhtar_tckn: str
    province_name: str
    migm: Staff
    migm2: Staff
    admin: Staff
    valilik: Staff
    il_mudurlugu: Staff
    belediye: Staff
    other_belediye: Staff


def build_world(tag: str) -> World:
    """A fresh, independent world; `tag` makes names unique and readable."""
    with transaction() as session:
        province = builders.make_province(session, name=f"Işıklı {tag}")
        district = builders.make_district(session, province, name=f"Merkez {tag}")
        muhtarlik = builders.make_muhtarlik(session, district, name=f"Çamlık {tag}")
        muhtar = builders.make_muhtar(session, muhtarlik)
        other_province = builders.make_province(session, name=f"Uzak İl {tag}")
        migm = builders.make_unit(session, UnitKind.MIGM, name=f"MİGM {tag}")
        valilik = builders.make_unit(
            session, UnitKind.VALILIK, province_id=province.id, name=f"{province.name} Valiliği"
        )
        mudurluk = builders.make_unit(
            session,
            UnitKind.IL_MUDURLUGU,
            parent=valilik,
            name=f"{province.name} İl Sağlık Müdürlüğü",
        )
        belediye = builders.make_unit(
            session,
            UnitKind.BELEDIYE,
            province_id=province.id,
            district_id=district.id,
            belediye_kind=BelediyeKind.ILCE,
            name=f"{district.name} Belediyesi",
        )
        other = builders.make_unit(
            session, UnitKind.BELEDIYE, province_id=other_province.id, name=f"Uzak Belediye {tag}"
        )

        def staff(unit: object, name: str, is_admin: bool = False) -> Staff:
            user = builders.make_user(
                session, unit, username=f"{name}.{tag}", is_admin=is_admin, full_name=name.title()
            )  # type: ignore[arg-type]
            assert user.id is not None
            return Staff(user.username, user.id, unit.id, unit.name)  # type: ignore[attr-defined]

        assert muhtar.id is not None and muhtarlik.id is not None
        return World(
            muhtar=MuhtarActor(muhtar.id, muhtarlik.id),
            muhtar_phone=muhtar.phone,
            muhtar_tckn=muhtar.tckn,
            province_name=province.name,
            migm=staff(migm, "migm"),
            migm2=staff(migm, "migm2"),
            admin=staff(migm, "yonetici", is_admin=True),
            valilik=staff(valilik, "valilik"),
            il_mudurlugu=staff(mudurluk, "mudurluk"),
            belediye=staff(belediye, "belediye"),
            other_belediye=staff(other, "uzak"),
        )


def file(world: World, description: str) -> Request:
    """The muhtar files a request (through the core, as the muhtar portal does)."""
    with transaction() as session:
        request = file_request(
            session=session,
            actor=world.muhtar,
            type=RequestType.ISTEK,
            description=description,
        )
        session.flush()
        return request


def actor_of(staff: Staff) -> StaffActor:
    with transaction() as session:
        return staff_actor(session, staff.user_id)
