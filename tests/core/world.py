"""A small, self-contained world for workflow tests: two fake provinces (ids 95, 96, far
from the real plate codes), their units, staff and muhtars. Flushed, never committed."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session

from mbs.core.actors import MuhtarActor, StaffActor, muhtar_actor, staff_actor
from mbs.core.enums import BelediyeKind, MuhtarlikKind, UnitKind
from mbs.core.models import District, Muhtar, Muhtarlik, Province, Unit, User

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@dataclass
class World:
    muhtarlik: Muhtarlik
    other_muhtarlik: Muhtarlik
    muhtar: MuhtarActor
    other_muhtar: MuhtarActor
    central: StaffActor
    central2: StaffActor
    valilik: StaffActor
    il_mudurlugu: StaffActor
    kaymakamlik: StaffActor
    belediye: StaffActor
    other_valilik: StaffActor
    other_il_mudurlugu: StaffActor
    units: dict[str, Unit]


def build_world(session: Session, tag: str = "w") -> World:
    """Create the world; `tag` keeps codes unique if a test builds two."""
    provinces = [Province(id=95, name="Deneme"), Province(id=96, name="Örnek")]
    for province in provinces:
        if session.get(Province, province.id) is None:
            session.add(province)
    districts = [
        District(id=990001, province_id=95, name="Merkez"),
        District(id=990002, province_id=95, name="Yayla"),
        District(id=990003, province_id=96, name="Çayır"),
    ]
    for district in districts:
        if session.get(District, district.id) is None:
            session.add(district)
    session.flush()
    muhtarlik = Muhtarlik(
        source_key=f"test:{tag}:m1",
        kind=MuhtarlikKind.MAHALLE,
        name="Çınar",
        district_id=990002,
        province_id=95,
    )
    other = Muhtarlik(
        source_key=f"test:{tag}:k1",
        kind=MuhtarlikKind.KOY,
        name="Işıklı",
        district_id=990003,
        province_id=96,
    )
    session.add_all([muhtarlik, other])
    session.flush()

    def unit(
        key: str,
        kind: UnitKind,
        name: str,
        province: int | None = None,
        parent: Unit | None = None,
        **extra: object,
    ) -> Unit:
        row = Unit(
            code=f"test:{tag}:{key}",
            kind=kind,
            name=name,
            province_id=province,
            parent_id=parent.id if parent else None,
            **extra,
        )
        session.add(row)
        session.flush()
        return row

    units: dict[str, Unit] = {}
    units["central"] = unit("central", UnitKind.MIGM, "Mahalli İdareler Genel Müdürlüğü")
    units["valilik"] = unit("valilik", UnitKind.VALILIK, "Deneme Valiliği", 95)
    units["il_mudurlugu"] = unit(
        "mem", UnitKind.IL_MUDURLUGU, "Deneme İl Milli Eğitim Müdürlüğü", 95, units["valilik"]
    )
    units["kaymakamlik"] = unit(
        "kay", UnitKind.KAYMAKAMLIK, "Yayla Kaymakamlığı", 95, units["valilik"], district_id=990002
    )
    units["belediye"] = unit(
        "bel",
        UnitKind.BELEDIYE,
        "Yayla Belediyesi",
        95,
        belediye_kind=BelediyeKind.ILCE,
        district_id=990002,
    )
    units["belediye2"] = unit(
        "bel2", UnitKind.BELEDIYE, "Deneme Belediyesi", 95, belediye_kind=BelediyeKind.IL
    )
    units["other_valilik"] = unit("valilik2", UnitKind.VALILIK, "Örnek Valiliği", 96)
    units["other_il_mudurlugu"] = unit(
        "mem2", UnitKind.IL_MUDURLUGU, "Örnek İl Sağlık Müdürlüğü", 96, units["other_valilik"]
    )

    def staff(key: str, unit_key: str, admin: bool = False) -> StaffActor:
        user = User(
            username=f"{tag}.{key}",
            full_name=f"Test {key}",
            password_hash="x",
            unit_id=units[unit_key].id,
            is_admin=admin,
            created_at=NOW,
        )
        session.add(user)
        session.flush()
        assert user.id is not None
        return staff_actor(session, user.id)

    def muhtar(place: Muhtarlik, tckn: str, phone: str) -> MuhtarActor:
        row = Muhtar(
            tckn=tckn,
            first_name="Ayşe",
            last_name="Yılmaz",
            phone=phone,
            muhtarlik_id=place.id,
            term_start=date(2024, 4, 1),
            term_end=date(2029, 3, 31),
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return muhtar_actor(session, row.id)

    return World(
        muhtarlik=muhtarlik,
        other_muhtarlik=other,
        muhtar=muhtar(muhtarlik, "10000000146", "905550000101"),
        other_muhtar=muhtar(other, "10000000078", "905550000102"),
        central=staff("migm", "central", admin=True),
        central2=staff("migm2", "central"),
        valilik=staff("valilik", "valilik"),
        il_mudurlugu=staff("mem", "il_mudurlugu"),
        kaymakamlik=staff("kay", "kaymakamlik"),
        belediye=staff("bel", "belediye"),
        other_valilik=staff("valilik2", "other_valilik"),
        other_il_mudurlugu=staff("mem2", "other_il_mudurlugu"),
        units=units,
    )
