"""Counting requests for a view: rollup rows where they are current, the requests
themselves for the rest, added up per group.

A request view asks for tallies grouped by some of request_type, province_id,
district_id, muhtarlik_id and day. The date range is cut by
mbs/core/stats/periods.plan; the pieces are read from the period rollup (whole months,
quarters, years) and the daily rollup in one statement (mbs/core/stats/reading.py), and
live from the requests. The scope of a belediye or sub-unit (requests assigned to it),
an ilçe filter and the muhtarlık drill-down are always read live: they are small.

The figures that depend on the day (overdue, the 15- and 30-day shares) are worked out
in SQL from each piece's segment (mbs/core/stats/periods.Segment), so one row per group
comes back.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Integer, Table, any_, exists, func, literal, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session, col

from mbs.core.clock import start_of_day
from mbs.core.models import Assignment, Request, Unit
from mbs.core.models.stats import (
    CONCLUSION,
    EVERY_KIND,
    stats_request_daily,
    stats_request_district,
    stats_request_period,
)
from mbs.core.stats import buckets, facts
from mbs.core.stats.filters import StatsFilter
from mbs.core.stats.periods import ALL_GRAINS, Plan, day_of, plan, segment_starts
from mbs.core.stats.reading import (
    Key,
    all_live,
    key_of,
    live_where,
    norm,
    patched_out,
    read_rollups,
    request_range,
    sum_of,
    when,
)
from mbs.core.stats.rollup import REQUEST_METRICS, touched_since, watermark
from mbs.core.stats.scope import Scope

B = buckets.BUCKETS
# What a request row adds up to after REQUEST_METRICS (see RequestTally.add).
REQUEST_DERIVED = ("overdue", "eligible_15", "within_15", "eligible_30", "within_30")


@dataclass
class RequestTally:
    """Requests filed in the range: their status now, durations and answer periods."""

    filed: int = 0
    pending: int = 0
    routed: int = 0
    overdue: int = 0  # open and filed more than 15 days ago
    # Requests of days whose 15 (30) day period has ended, and those concluded in time.
    eligible_15: int = 0
    within_15: int = 0
    eligible_30: int = 0
    within_30: int = 0
    routing: list[int] = field(default_factory=buckets.empty)
    conclusion: list[int] = field(default_factory=buckets.empty)

    @property
    def concluded(self) -> int:
        return self.filed - self.pending - self.routed

    @property
    def open_now(self) -> int:
        return self.pending + self.routed

    def add(self, values: Sequence[int]) -> None:
        """One row: REQUEST_METRICS then REQUEST_DERIVED."""
        self.filed += values[0]
        self.pending += values[1]
        self.routed += values[2]
        buckets.add_into(self.routing, values[3 : 3 + B])
        buckets.add_into(self.conclusion, values[3 + B : 3 + 2 * B])
        overdue, eligible_15, within_15, eligible_30, within_30 = values[3 + 2 * B :]
        self.overdue += overdue
        self.eligible_15 += eligible_15
        self.within_15 += within_15
        self.eligible_30 += eligible_30
        self.within_30 += within_30

    def merge(self, other: "RequestTally") -> None:
        counts = [other.filed, other.pending, other.routed]
        derived = [other.overdue, other.eligible_15, other.within_15]
        self.add(
            [
                *counts,
                *other.routing,
                *other.conclusion,
                *derived,
                other.eligible_30,
                other.within_30,
            ]
        )


def _request_derived(table: Table, today: date) -> list[Any]:
    """Per rollup row: overdue and the answer-period figures, from the row's segment."""
    recent, new = segment_starts(today)
    moment = table.c.period_start if "grain" in table.c else table.c.day
    open_now = table.c.pending + table.c.routed
    in_15 = sum_of(table, CONCLUSION[: buckets.WITHIN_15_DAYS])
    in_30 = sum_of(table, CONCLUSION[: buckets.WITHIN_30_DAYS])
    return [
        when(moment < new, open_now).label("overdue"),
        when(moment < new, table.c.filed).label("eligible_15"),
        when(moment < new, in_15).label("within_15"),
        when(moment < recent, table.c.filed).label("eligible_30"),
        when(moment < recent, in_30).label("within_30"),
    ]


def _request_plan(
    session: Session,
    scope: Scope,
    filters: StatsFilter,
    now: datetime,
    keys: Sequence[str],
    grains: tuple[str, ...] = ALL_GRAINS,
) -> Plan | None:
    first, last = request_range(session, filters, now)
    if first > last:
        return None
    rollups = scope.unit_id is None and filters.district_id is None
    rollups = rollups and "muhtarlik_id" not in keys
    # The ilçe table has no unit kinds: an ilçe table of one kind is read live.
    rollups = rollups and not ("district_id" in keys and filters.unit_kind is not None)
    touched = touched_since(session, watermark(session)) if rollups else None
    if touched is None:
        return all_live(first, last)
    return plan(
        first,
        last,
        day_of(now),
        touched.provinces_by_day,
        grains=grains,
        daily="district_id" not in keys,
    )


def _request_rollup_where(table: Table, scope: Scope, filters: StatsFilter) -> list[Any]:
    where = []
    if "unit_kind" in table.c:
        kind = filters.unit_kind.value if filters.unit_kind else EVERY_KIND
        where.append(table.c.unit_kind == kind)
    province = scope.province_id or filters.province_id
    if province is not None:
        where.append(table.c.province_id == province)
    if filters.request_type is not None:
        where.append(table.c.request_type == filters.request_type.value)
    return where


def request_tallies(
    session: Session, scope: Scope, filters: StatsFilter, now: datetime, keys: Sequence[str]
) -> dict[Key, RequestTally]:
    """Requests filed in the filter's range within `scope`, tallied per `keys`."""
    result: dict[Key, RequestTally] = defaultdict(RequestTally)
    pieces = _request_plan(session, scope, filters, now, keys)
    if pieces is None:
        return result
    tables = (
        (stats_request_district,)
        if "district_id" in keys
        else (stats_request_period, stats_request_daily)
    )
    branches = [
        (table, [*_request_rollup_where(table, scope, filters), *patched_out(table, pieces)])
        for table in tables
    ]
    for row in read_rollups(
        session, branches, pieces, keys, REQUEST_METRICS, _request_derived, day_of(now)
    ):
        result[key_of(keys, row)].add(row[len(keys) :])
    if pieces.live or pieces.patched:
        _add_live_requests(session, scope, filters, now, keys, pieces, result)
    return result


def filed_per_day(
    session: Session, scope: Scope, filters: StatsFilter, now: datetime, months: bool = False
) -> dict[date, int]:
    """How many requests were filed on each day of the range (for the time series;
    only the "filed" column of the rollups is read). `months`: whole months may be
    answered at once, their count on their first day (for a monthly series)."""
    counts: dict[date, int] = defaultdict(int)
    pieces = _request_plan(session, scope, filters, now, ["day"], ("m",) if months else ())
    if pieces is None:
        return counts
    today = day_of(now)
    for table, key in ((stats_request_period, "period_start"), (stats_request_daily, "day")):
        where = [*_request_rollup_where(table, scope, filters), *patched_out(table, pieces)]
        for day, filed in read_rollups(
            session, [(table, where)], pieces, [key], ["filed"], lambda *_: [], today
        ):
            counts[norm("day", day)] += filed
    if pieces.live or pieces.patched:
        live: dict[Key, RequestTally] = defaultdict(RequestTally)
        _add_live_requests(session, scope, filters, now, ["day"], pieces, live)
        for (day,), tally in live.items():
            counts[day] += tally.filed
    return counts


def _add_live_requests(
    session: Session,
    scope: Scope,
    filters: StatsFilter,
    now: datetime,
    keys: Sequence[str],
    pieces: Plan,
    result: dict[Key, RequestTally],
) -> None:
    where: list[Any] = [live_where(col(Request.created_at), col(Request.province_id), pieces)]
    province = scope.province_id or filters.province_id
    if province is not None:
        where.append(col(Request.province_id) == province)
    if filters.district_id is not None:
        where.append(col(Request.district_id) == filters.district_id)
    if filters.request_type is not None:
        where.append(col(Request.type) == filters.request_type)
    if filters.unit_kind is not None:
        # Correlated: a few live days' requests are probed, not every request of a kind.
        where.append(
            exists().where(
                col(Assignment.request_id) == col(Request.id),
                col(Assignment.unit_id) == col(Unit.id),
                col(Unit.kind) == filters.unit_kind,
            )
        )
    dialect = session.get_bind().dialect.name
    if scope.unit_id is not None:
        mine = select(col(Assignment.request_id)).where(col(Assignment.unit_id) == scope.unit_id)
        if dialect == facts.POSTGRESQL:
            # The ids themselves, as one array: PostgreSQL then fetches just those rows
            # by primary key instead of scanning every request of the range.
            ids = sorted(set(session.execute(mine).scalars()))
            where.append(col(Request.id) == any_(literal(ids, ARRAY(Integer))))
        else:
            where.append(col(Request.id).in_(mine))
    f = facts.request_rows(dialect, *where, with_day="day" in keys)
    recent, new = (start_of_day(day) for day in segment_starts(day_of(now)))
    in_15, in_30 = f.c.cb < buckets.WITHIN_15_DAYS, f.c.cb < buckets.WITHIN_30_DAYS
    derived = [
        facts.request_overdue(f, now),
        func.count().filter(f.c.created_at < new),
        func.count().filter((f.c.created_at < new) & in_15),
        func.count().filter(f.c.created_at < recent),
        func.count().filter((f.c.created_at < recent) & in_30),
    ]
    group = [f.c[key] for key in keys]
    statement = select(*group, *facts.request_sums(f), *derived).group_by(*group)
    for row in session.execute(statement):
        result[key_of(keys, row)].add(row[len(keys) :])
