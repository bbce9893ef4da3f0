"""The rollup tables: built from the requests and assignments, refreshed by the scheduler.

A rollup row holds what was filed (received) in one day or whole period. It goes stale
when one of its requests changes, and every change bumps `request.updated_at`. So:

* `refresh` (the scheduler, every minute) recomputes the rows of the days, ilçes and
  units touched by requests changed since the last watermark, then moves the watermark
  to its own start minus MARGIN (a transaction that began before the refresh but
  committed after it is caught next time: no user action runs for MARGIN);
* a view (mbs/core/stats/tally.py) reads live, from the requests, the rows (day × il,
  or day × unit) holding a request changed after the watermark, and the rollups for
  the rest. A view is therefore exact whatever the scheduler's lag; the lag only costs
  speed.

`rebuild` (`mbs stats rebuild`) makes every row again, month by month.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, delete, func, insert, literal, or_, select, true
from sqlmodel import Session, col

from mbs.core.actors import SystemActor
from mbs.core.clock import start_of_day
from mbs.core.enums import EventKind
from mbs.core.events import record
from mbs.core.models import Assignment, Request, Unit
from mbs.core.models.stats import (
    CONCLUSION,
    EVERY_KIND,
    EVERY_TYPE,
    FINISH,
    REQUEST_COUNTS,
    ROUTING,
    UNIT_COUNTS,
    StatsRollupState,
    stats_request_daily,
    stats_request_district,
    stats_request_period,
    stats_unit_daily,
    stats_unit_period,
)
from mbs.core.stats import facts
from mbs.core.stats.periods import DAY, day_of

MARGIN = timedelta(minutes=5)
REQUEST_METRICS = REQUEST_COUNTS + ROUTING + CONCLUSION
UNIT_METRICS = UNIT_COUNTS + FINISH
ROLLUPS = (
    stats_request_daily,
    stats_request_period,
    stats_request_district,
    stats_unit_daily,
    stats_unit_period,
)
# Each period table with the key a refresh narrows it by.
PERIOD_TABLES = (
    (stats_request_period, "province_id"),
    (stats_request_district, "district_id"),
    (stats_unit_period, "unit_id"),
)


def watermark(session: Session) -> datetime | None:
    """Until when the rollups hold every change; None before the first build."""
    state = session.get(StatsRollupState, 1)
    return state.watermark if state else None


@dataclass(frozen=True)
class Touched:
    """What changed after a watermark: the (day, il, ilçe) of each changed request and
    the (day received, unit) of each of their assignments."""

    requests: set[tuple[date, int, int]]
    assignments: set[tuple[date, int]]

    @property
    def provinces_by_day(self) -> dict[date, set[int]]:
        changed: dict[date, set[int]] = defaultdict(set)
        for day, province, _ in self.requests:
            changed[day].add(province)
        return changed

    @property
    def units_by_day(self) -> dict[date, set[int]]:
        changed: dict[date, set[int]] = defaultdict(set)
        for day, unit in self.assignments:
            changed[day].add(unit)
        return changed


def touched_since(session: Session, moment: datetime | None) -> Touched | None:
    """The days and places changed after `moment`, or None when there are no rollups
    yet (then everything is read live)."""
    if moment is None:
        return None
    changed = col(Request.updated_at) > moment
    requests = session.execute(
        select(col(Request.created_at), col(Request.province_id), col(Request.district_id))
        .where(changed)
    ).all()  # fmt: skip
    # An assignment's rollup figures change only when it is made, finished or returned,
    # and each of those stamps its time: the others of a changed request are as they were.
    assignments = session.execute(
        select(col(Assignment.created_at), col(Assignment.unit_id))
        .join(Request, col(Request.id) == col(Assignment.request_id))
        .where(
            changed,
            or_(
                col(Assignment.created_at) > moment,
                col(Assignment.finished_at) > moment,
                col(Assignment.returned_at) > moment,
            ),
        )
    ).all()
    return Touched(
        requests={(day_of(at), province, district) for at, province, district in requests},
        assignments={(day_of(at), unit) for at, unit in assignments},
    )


def rebuild(*, session: Session, now: datetime) -> int:
    """Make every rollup row again from the requests and assignments (`mbs stats
    rebuild`); returns the number of months built. Records an audit event."""
    horizon = now - MARGIN
    for table in ROLLUPS:
        session.execute(delete(table))
    first = session.execute(select(func.min(col(Request.created_at)))).scalar_one()
    months: list[date] = []
    if first is not None:
        month, last = day_of(first).replace(day=1), day_of(now)
        while month <= last:
            following = next_month(month)
            _requests_daily(session, month, following, provinces=None)
            _units_daily(session, month, following, units=None)
            _request_months(session, stats_request_period, month, None)
            _request_months(session, stats_request_district, month, None)
            _unit_months(session, month, None)
            months.append(month)
            month = following
        for start, grain, members in _coarse_periods(months):
            for table, member in PERIOD_TABLES:
                _roll_up(session, table, grain, start, members, member, None)
    _set_watermark(session, horizon, rebuilt=now)
    record(session, EventKind.STATS_REBUILT, SystemActor(), data={"months": len(months)})
    return len(months)


def refresh(*, session: Session, now: datetime) -> int:
    """Recompute the rows touched since the watermark (the scheduler's job); returns
    how many (day, place) pieces changed. Without rollups yet, builds them."""
    touched = touched_since(session, watermark(session))
    if touched is None:
        rebuild(session=session, now=now)
        return 0
    horizon = now - MARGIN
    provinces_by_day: dict[date, set[int]] = defaultdict(set)
    units_by_day: dict[date, set[int]] = defaultdict(set)
    by_month: dict[Table, dict[date, set[int]]] = {
        table: defaultdict(set) for table, _ in PERIOD_TABLES
    }
    for day, province, district in touched.requests:
        provinces_by_day[day].add(province)
        by_month[stats_request_period][day.replace(day=1)].add(province)
        by_month[stats_request_district][day.replace(day=1)].add(district)
    for day, unit in touched.assignments:
        units_by_day[day].add(unit)
        by_month[stats_unit_period][day.replace(day=1)].add(unit)
    for day, provinces in provinces_by_day.items():
        _requests_daily(session, day, day + DAY, provinces=provinces)
    for day, units in units_by_day.items():
        _units_daily(session, day, day + DAY, units=units)
    for table, member in PERIOD_TABLES:
        changed = by_month[table]
        for month, members in changed.items():
            if table is stats_unit_period:
                _unit_months(session, month, members)
            else:
                _request_months(session, table, month, members)
        for start, grain, months in _coarse_periods(changed):
            members = set().union(*(changed[m] for m in months if m in changed))
            _roll_up(session, table, grain, start, months, member, members)
    _set_watermark(session, horizon)
    return len(touched.requests) + len(touched.assignments)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _coarse_periods(months: Iterable[date]) -> list[tuple[date, str, list[date]]]:
    """The quarters and years containing `months`, each with its three or twelve months."""
    periods: dict[tuple[date, str], list[date]] = {}
    for month in months:
        quarter = date(month.year, (month.month - 1) // 3 * 3 + 1, 1)
        periods[(quarter, "q")] = [date(quarter.year, quarter.month + n, 1) for n in range(3)]
        periods[(date(month.year, 1, 1), "y")] = [date(month.year, n, 1) for n in range(1, 13)]
    return [(start, grain, members) for (start, grain), members in sorted(periods.items())]


def _set_watermark(session: Session, horizon: datetime, rebuilt: datetime | None = None) -> None:
    state = session.get(StatsRollupState, 1)
    if state is None:
        state = StatsRollupState(id=1, watermark=horizon, rebuilt_at=rebuilt or horizon)
    state.watermark = horizon
    if rebuilt is not None:
        state.rebuilt_at = rebuilt
    session.add(state)
    session.flush()


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _among(column: Any, values: Iterable[int] | None) -> Any:
    return column.in_(sorted(values)) if values is not None else true()


def _insert_requests(
    session: Session, table: Table, f: Any, constants: dict[str, Any], keys: list[str]
) -> None:
    """INSERT into a request rollup the sums over the requests of subquery `f`, grouped
    by `keys` (columns of `f`): once for every request (unit_kind "") and, if the table
    has unit kinds, once per unit kind the requests were assigned to."""
    columns = [
        *(literal(value).label(name) for name, value in constants.items()),
        *(f.c[key] for key in keys),
    ]
    group = [f.c[key] for key in keys]
    sums = facts.request_sums(f)
    if "unit_kind" not in table.c:
        names = [*constants, *keys, *REQUEST_METRICS]
        session.execute(insert(table).from_select(names, select(*columns, *sums).group_by(*group)))
        return
    names = [*constants, *keys, "unit_kind", *REQUEST_METRICS]
    every = select(*columns, literal(EVERY_KIND), *sums).group_by(*group)
    session.execute(insert(table).from_select(names, every))
    kinds = (
        select(col(Assignment.request_id).label("request_id"), col(Unit.kind).label("kind"))
        .join(Unit, col(Unit.id) == col(Assignment.unit_id))
        .where(col(Assignment.request_id).in_(select(f.c.id)))
        .distinct()
        .subquery("k")
    )
    per_kind = (
        select(*columns, kinds.c.kind, *sums)
        .select_from(f)
        .join(kinds, kinds.c.request_id == f.c.id)
        .group_by(*group, kinds.c.kind)
    )
    session.execute(insert(table).from_select(names, per_kind))


def _requests_daily(session: Session, first: date, end: date, provinces: set[int] | None) -> None:
    """Daily request rows for the days [first, end), of `provinces` (None: all)."""
    table = stats_request_daily
    session.execute(
        delete(table).where(
            table.c.day >= first, table.c.day < end, _among(table.c.province_id, provinces)
        )
    )
    f = facts.request_rows(
        _dialect(session),
        col(Request.created_at) >= start_of_day(first),
        col(Request.created_at) < start_of_day(end),
        _among(col(Request.province_id), provinces),
        with_day=True,
    )
    _insert_requests(session, table, f, {}, ["day", "province_id", "request_type"])


def _request_months(session: Session, table: Table, month: date, members: set[int] | None) -> None:
    """Month rows of the il table (with unit kinds) or the ilçe table, for the ils or
    ilçes in `members` (None: all)."""
    member = "district_id" if table is stats_request_district else "province_id"
    session.execute(
        delete(table).where(
            table.c.grain == "m", table.c.period_start == month, _among(table.c[member], members)
        )
    )
    f = facts.request_rows(
        _dialect(session),
        col(Request.created_at) >= start_of_day(month),
        col(Request.created_at) < start_of_day(next_month(month)),
        _among(getattr(Request, member), members),
    )
    keys = ["district_id", "province_id"] if member == "district_id" else ["province_id"]
    constants = {"grain": "m", "period_start": month}
    _insert_requests(session, table, f, constants, [*keys, "request_type"])


def _units_daily(session: Session, first: date, end: date, units: set[int] | None) -> None:
    """Daily unit rows for the days [first, end) received, of `units` (None: all)."""
    table = stats_unit_daily
    session.execute(
        delete(table).where(table.c.day >= first, table.c.day < end, _among(table.c.unit_id, units))
    )
    f = facts.assignment_rows(
        _dialect(session),
        col(Assignment.created_at) >= start_of_day(first),
        col(Assignment.created_at) < start_of_day(end),
        _among(col(Assignment.unit_id), units),
        with_day=True,
    )
    keys = [f.c.day, f.c.unit_id, f.c.province_id, f.c.request_type]
    names = ["day", "unit_id", "province_id", "request_type", *UNIT_METRICS]
    statement = select(*keys, *facts.unit_sums(f)).group_by(*keys)
    session.execute(insert(table).from_select(names, statement))


def _unit_months(session: Session, month: date, units: set[int] | None) -> None:
    """Monthly unit rows, summed from the daily ones (they share every key but the day):
    per request type, and for every type together (request_type EVERY_TYPE), which is
    what a table without a type filter reads."""
    daily, table = stats_unit_daily, stats_unit_period
    session.execute(
        delete(table).where(
            table.c.grain == "m", table.c.period_start == month, _among(table.c.unit_id, units)
        )
    )
    names = ["grain", "period_start", "unit_id", "province_id", "request_type", *UNIT_METRICS]
    in_month = (
        daily.c.day >= month,
        daily.c.day < next_month(month),
        _among(daily.c.unit_id, units),
    )
    sums = [func.sum(daily.c[name]) for name in UNIT_METRICS]
    for request_type in (daily.c.request_type, literal(EVERY_TYPE)):
        keys = [daily.c.unit_id, daily.c.province_id]
        group = [*keys, daily.c.request_type] if request_type is daily.c.request_type else keys
        statement = (
            select(literal("m"), literal(month), *keys, request_type, *sums)
            .where(*in_month)
            .group_by(*group)
        )
        session.execute(insert(table).from_select(names, statement))


def _roll_up(
    session: Session,
    table: Table,
    grain: str,
    start: date,
    months: list[date],
    member: str,
    members: set[int] | None,
) -> None:
    """Quarter or year rows of a period table, summed from its month rows (for the
    members, ils, ilçes or units, in `members`; None: all)."""
    session.execute(
        delete(table).where(
            table.c.grain == grain, table.c.period_start == start, _among(table.c[member], members)
        )
    )
    metrics = UNIT_METRICS if table is stats_unit_period else REQUEST_METRICS
    keys = [c for c in table.columns if c.name not in ("grain", "period_start", *metrics)]
    statement = (
        select(
            literal(grain),
            literal(start),
            *keys,
            *(func.sum(table.c[name]) for name in metrics),
        )
        .where(
            table.c.grain == "m",
            table.c.period_start.in_(months),
            _among(table.c[member], members),
        )
        .group_by(*keys)
    )
    names = ["grain", "period_start", *(c.name for c in keys), *metrics]
    session.execute(insert(table).from_select(names, statement))
