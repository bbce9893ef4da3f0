"""Loading the packaged reference data (geography and the standard units) into the
database, idempotently: a second load changes nothing, a changed name is updated."""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from mbs.core import events, settings
from mbs.core.actors import SystemActor
from mbs.core.enums import EventKind
from mbs.core.models import District, Muhtarlik, Province, Unit
from mbs.core.refdata.source import read_reference_data
from mbs.core.refdata.units import UnitSpec, reference_units
from mbs.core.refdata.upsert import upsert

TABLES = ("provinces", "districts", "muhtarliks", "units")


@dataclass(frozen=True)
class LoadReport:
    """Rows inserted and updated per table (keys: TABLES)."""

    inserted: dict[str, int]
    updated: dict[str, int]

    @property
    def changed(self) -> bool:
        return any(self.inserted.values()) or any(self.updated.values())


def load_reference_data(*, session: Session, central_unit_name: str | None = None) -> LoadReport:
    """Upsert provinces, districts, muhtarlıks and the standard units, and record one
    DATA_LOADED audit event. The central unit is named `central_unit_name`, by default
    from the configuration (MBS_CENTRAL_UNIT_NAME). Does not commit.
    """
    data = read_reference_data()
    counts: dict[str, tuple[int, int]] = {}
    counts["provinces"] = upsert(
        session,
        Province,
        "id",
        [
            {"id": p.id, "name": p.name, "is_metropolitan": p.is_metropolitan}
            for p in data.provinces
        ],
    )
    counts["districts"] = upsert(
        session,
        District,
        "id",
        [
            {"id": d.id, "province_id": d.province_id, "name": d.name, "population": d.population}
            for d in data.districts
        ],
    )
    counts["muhtarliks"] = upsert(
        session,
        Muhtarlik,
        "source_key",
        [
            {
                "source_key": m.source_key,
                "kind": m.kind,
                "name": m.name,
                "district_id": m.district_id,
                "province_id": m.province_id,
                "population": m.population,
            }
            for m in data.muhtarliks
        ],
    )
    counts["units"] = _load_units(
        session, reference_units(data, central_unit_name or settings.central_unit_name())
    )
    report = LoadReport(
        inserted={table: counts[table][0] for table in TABLES},
        updated={table: counts[table][1] for table in TABLES},
    )
    events.record(
        session,
        EventKind.DATA_LOADED,
        SystemActor(),
        data={"inserted": report.inserted, "updated": report.updated},
    )
    return report


def _load_units(session: Session, units: list[UnitSpec]) -> tuple[int, int]:
    # Parents first, so that the children can point at their ids.
    roots = [unit for unit in units if unit.parent_code is None]
    inserted, updated = upsert(session, Unit, "code", [_unit_row(unit, None) for unit in roots])
    parent_codes = {unit.parent_code for unit in units if unit.parent_code is not None}
    parent_ids = dict(
        session.exec(select(Unit.code, Unit.id).where(col(Unit.code).in_(parent_codes))).all()
    )
    children = [
        _unit_row(unit, parent_ids[unit.parent_code])
        for unit in units
        if unit.parent_code is not None
    ]
    more_inserted, more_updated = upsert(session, Unit, "code", children)
    return inserted + more_inserted, updated + more_updated


def _unit_row(unit: UnitSpec, parent_id: int | None) -> dict[str, Any]:
    return {
        "code": unit.code,
        "kind": unit.kind,
        "belediye_kind": unit.belediye_kind,
        "name": unit.name,
        "province_id": unit.province_id,
        "district_id": unit.district_id,
        "parent_id": parent_id,
    }
