"""Counting assignments for the unit views: per unit (and request type), received in
the range, from the unit rollups where they are current and live from the assignments
for the rest (see mbs/core/stats/tally.py for requests; the same reading applies)."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, select
from sqlmodel import Session, col

from mbs.core.models import Assignment, Request, Unit
from mbs.core.models.stats import EVERY_TYPE, stats_unit_daily, stats_unit_period
from mbs.core.stats import buckets, facts
from mbs.core.stats.filters import StatsFilter
from mbs.core.stats.periods import Plan, day_of, plan, segment_starts
from mbs.core.stats.reading import (
    Key,
    all_live,
    key_of,
    live_where,
    patched_out,
    read_rollups,
    request_range,
    when,
)
from mbs.core.stats.rollup import UNIT_METRICS, touched_since, watermark
from mbs.core.stats.scope import Scope

B = buckets.BUCKETS


@dataclass
class UnitTally:
    """Assignments received in the range by one unit (or kind)."""

    received: int = 0
    finished: int = 0
    returned: int = 0
    positive: int = 0
    negative: int = 0
    overdue: int = 0  # open and received more than 15 days ago
    reasons: list[int] = field(default_factory=lambda: [0] * 5)
    finish: list[int] = field(default_factory=buckets.empty)

    @property
    def open_now(self) -> int:
        return self.received - self.finished - self.returned

    @property
    def answered_late(self) -> int:
        """Finished 15 days or more after they were received."""
        return sum(self.finish[buckets.WITHIN_15_DAYS :])

    def add(self, values: Sequence[int]) -> None:
        """One row: UNIT_METRICS then the overdue count."""
        self.received += values[0]
        self.finished += values[1]
        self.returned += values[2]
        self.positive += values[3]
        self.negative += values[4]
        for index in range(5):
            self.reasons[index] += values[5 + index]
        buckets.add_into(self.finish, values[10 : 10 + B])
        self.overdue += values[10 + B]

    def merge(self, other: "UnitTally") -> None:
        counts = [other.received, other.finished, other.returned, other.positive, other.negative]
        self.add([*counts, *other.reasons, *other.finish, other.overdue])


def _unit_derived(table: Table, today: date) -> list[Any]:
    _, new = segment_starts(today)
    moment = table.c.period_start if "grain" in table.c else table.c.day
    open_now = table.c.received - table.c.finished - table.c.returned
    return [when(moment < new, open_now).label("overdue")]


def _unit_where(table_unit: Any, scope: Scope, filters: StatsFilter) -> list[Any]:
    where: list[Any] = []
    if scope.units is not None:
        where.append(table_unit.in_(scope.units))
    if filters.unit_kind is not None:
        of_kind = select(col(Unit.id)).where(col(Unit.kind) == filters.unit_kind)
        where.append(table_unit.in_(of_kind))
    return where


def _unit_rollup_where(
    table: Table, scope: Scope, filters: StatsFilter, keys: Sequence[str]
) -> list[Any]:
    where = _unit_where(table.c.unit_id, scope, filters)
    if filters.province_id is not None:
        where.append(table.c.province_id == filters.province_id)
    if filters.request_type is not None:
        where.append(table.c.request_type == filters.request_type.value)
    elif table is stats_unit_period:  # its rows of every type together, or per type
        every = table.c.request_type == EVERY_TYPE
        where.append(~every if "request_type" in keys else every)
    return where


def unit_tallies(
    session: Session, scope: Scope, filters: StatsFilter, now: datetime, keys: Sequence[str]
) -> dict[Key, UnitTally]:
    """Assignments received in the filter's range by the units of `scope`, tallied per
    `keys` (some of unit_id, request_type)."""
    today = day_of(now)
    first, last = request_range(session, filters, now)
    result: dict[Key, UnitTally] = defaultdict(UnitTally)
    if first > last:
        return result
    touched = touched_since(session, watermark(session)) if filters.district_id is None else None
    if touched is None:
        pieces = all_live(first, last)
    else:
        # Units have no 30-day figure: months need not be cut 30 days ago.
        pieces = plan(first, last, today, touched.units_by_day, answer_periods=(15,))
    branches = [
        (table, [*_unit_rollup_where(table, scope, filters, keys), *patched_out(table, pieces)])
        for table in (stats_unit_period, stats_unit_daily)
    ]
    for row in read_rollups(session, branches, pieces, keys, UNIT_METRICS, _unit_derived, today):
        result[key_of(keys, row)].add(row[len(keys) :])
    if pieces.live or pieces.patched:
        _add_live_units(session, scope, filters, now, keys, pieces, result)
    return result


def _add_live_units(
    session: Session,
    scope: Scope,
    filters: StatsFilter,
    now: datetime,
    keys: Sequence[str],
    pieces: Plan,
    result: dict[Key, UnitTally],
) -> None:
    where = [
        live_where(col(Assignment.created_at), col(Assignment.unit_id), pieces),
        *_unit_where(col(Assignment.unit_id), scope, filters),
    ]
    if filters.province_id is not None:
        where.append(col(Request.province_id) == filters.province_id)
    if filters.district_id is not None:
        where.append(col(Request.district_id) == filters.district_id)
    if filters.request_type is not None:
        where.append(col(Request.type) == filters.request_type)
    f = facts.assignment_rows(session.get_bind().dialect.name, *where)
    group = [f.c[key] for key in keys]
    statement = select(*group, *facts.unit_sums(f), facts.unit_overdue(f, now)).group_by(*group)
    for row in session.execute(statement):
        result[key_of(keys, row)].add(row[len(keys) :])
