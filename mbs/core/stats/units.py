"""Birim performansı: per unit and per unit kind, the assignments received in the range,
finished, returned, the median time to finish and what is open and overdue now.

The date range is the day the unit received the assignment (Turkey's time); il, ilçe and
type filter by the request; the unit-kind filter keeps units of that kind. Overdue: open
and received more than 15 days ago.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlmodel import Session, col, select

from mbs.core.actors import Actor
from mbs.core.enums import UnitKind
from mbs.core.labels import UNIT_KIND
from mbs.core.models import Province, Unit
from mbs.core.stats import buckets
from mbs.core.stats.filters import StatsFilter
from mbs.core.stats.scope import resolve_scope
from mbs.core.stats.unit_tally import UnitTally, unit_tallies
from mbs.core.text import turkish_sort_key


@dataclass(frozen=True)
class UnitRow:
    unit_id: int | None  # None on the per-kind rows
    name: str
    kind: str
    kind_label: str
    province_name: str
    received: int
    finished: int
    returned: int
    open_now: int
    overdue_now: int
    median_hours_to_finish: float | None


def _row(
    unit_id: int | None, name: str, kind: UnitKind, province: str, tally: UnitTally
) -> UnitRow:
    return UnitRow(
        unit_id=unit_id,
        name=name,
        kind=kind.value,
        kind_label=UNIT_KIND[kind],
        province_name=province,
        received=tally.received,
        finished=tally.finished,
        returned=tally.returned,
        open_now=tally.open_now,
        overdue_now=tally.overdue,
        median_hours_to_finish=buckets.percentile(tally.finish, 0.5),
    )


@dataclass(frozen=True)
class _Unit:
    id: int
    name: str
    kind: UnitKind
    province: str


def _per_unit(
    session: Session, actor: Actor, filters: StatsFilter, now: datetime
) -> list[tuple[_Unit, UnitTally]]:
    filters = filters.checked()
    scope = resolve_scope(session, actor, filters)
    tallies = unit_tallies(session, scope, filters, now, ["unit_id"])
    statement = select(col(Unit.id), col(Unit.name), col(Unit.kind), col(Province.name)).outerjoin(
        Province, col(Province.id) == col(Unit.province_id)
    )
    if scope.units is not None:
        statement = statement.where(col(Unit.id).in_(scope.units))
    else:  # every unit with something to show
        statement = statement.where(col(Unit.id).in_([key[0] for key in tallies]))
    if filters.unit_kind is not None:
        statement = statement.where(col(Unit.kind) == filters.unit_kind)
    return [
        (_Unit(unit_id, name, kind, province or ""), tallies.get((unit_id,), UnitTally()))
        for unit_id, name, kind, province in session.execute(statement)
    ]


@lru_cache(maxsize=16384)
def _name_key(name: str) -> tuple[tuple[float, ...], str]:
    return turkish_sort_key(name)  # unit names rarely change; the key is costly


def unit_performance(
    *, session: Session, actor: Actor, filters: StatsFilter, now: datetime
) -> list[UnitRow]:
    """One row per unit the actor may see: for the central unit every unit that
    received an assignment in the range; for a valilik itself and its sub-units; for
    other units themselves. Busiest first, then by name."""
    rows = [
        _row(unit.id, unit.name, unit.kind, unit.province, tally)
        for unit, tally in _per_unit(session, actor, filters, now)
    ]
    return sorted(rows, key=lambda row: (-row.received, _name_key(row.name)))


def unit_kind_performance(
    *, session: Session, actor: Actor, filters: StatsFilter, now: datetime
) -> list[UnitRow]:
    """The same, added up per unit kind (one row per kind that received anything)."""
    per_kind: dict[UnitKind, UnitTally] = {}
    for unit, tally in _per_unit(session, actor, filters, now):
        per_kind.setdefault(unit.kind, UnitTally()).merge(tally)
    return [
        _row(None, UNIT_KIND[kind], kind, "", per_kind[kind])
        for kind in UnitKind
        if kind in per_kind
    ]
