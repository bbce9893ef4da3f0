"""Reading the rollups and the requests for a view: the range of days, the rows of the
rollup tables for a plan's pieces summed per group in one statement, and the rows that
must be read live instead (mbs/core/stats/periods.plan decides which is which)."""

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, case, func, or_, select, union_all
from sqlmodel import Session, col

from mbs.core.clock import start_of_day
from mbs.core.models import Request
from mbs.core.stats.filters import StatsFilter
from mbs.core.stats.periods import DAY, Plan, day_of, day_runs, moment_runs

Key = tuple[Any, ...]


def date_range(
    filters: StatsFilter, first_filed: datetime | None, today: date
) -> tuple[date, date]:
    """The days to count: the filter's, from the first request on, never past today."""
    first = filters.date_from or (day_of(first_filed) if first_filed else today)
    last = min(filters.date_to or today, today)
    return first, last


def request_range(session: Session, filters: StatsFilter, now: datetime) -> tuple[date, date]:
    """The filing days a request view covers (first > last: none). No assignment is
    older than its request, so the unit views start there too."""
    first_filed = session.execute(select(func.min(col(Request.created_at)))).scalar_one()
    return date_range(filters, first_filed, day_of(now))


def all_live(first: date, last: date) -> Plan:
    return Plan(live=[first + DAY * n for n in range((last - first).days + 1)])


def norm(key: str, value: Any) -> Any:
    if key == "day" and isinstance(value, str):
        return date.fromisoformat(value)
    return value.value if hasattr(value, "value") else value


def key_of(keys: Sequence[str], row: Sequence[Any]) -> Key:
    return tuple(norm(k, v) for k, v in zip(keys, row[: len(keys)], strict=True))


def when(condition: Any, value: Any) -> ColumnElement[int]:
    return case((condition, value), else_=0)


def sum_of(table: Table, names: Sequence[str]) -> Any:
    total: Any = table.c[names[0]]
    for name in names[1:]:
        total = total + table.c[name]
    return total


def pieces_where(table: Table, pieces: Plan) -> Any:
    if "grain" in table.c:
        by_grain: dict[str, list[date]] = defaultdict(list)
        for period in pieces.periods:
            by_grain[period.grain].append(period.start)
        return or_(
            *(
                and_(table.c.grain == grain, table.c.period_start.in_(starts))
                for grain, starts in by_grain.items()
            )
        )
    return or_(*(and_(table.c.day >= a, table.c.day <= b) for a, b in day_runs(pieces.days)))


def read_rollups(
    session: Session,
    branches: list[tuple[Table, list[Any]]],
    pieces: Plan,
    keys: Sequence[str],
    metrics: Sequence[str],
    derived: Callable[[Table, date], list[Any]],
    today: date,
) -> list[Any]:
    """Rows of the rollup tables for `pieces`, each table with its conditions, summed
    per `keys` in one statement: one row per group."""
    selects = []
    for table, where in branches:
        if not (pieces.periods if "grain" in table.c else pieces.days):
            continue
        columns = [
            *(table.c[key].label(key) for key in keys),
            *(table.c[name].label(name) for name in metrics),
            *derived(table, today),
        ]
        selects.append(select(*columns).where(pieces_where(table, pieces), *where))
    if not selects:
        return []
    rows = union_all(*selects).subquery("r") if len(selects) > 1 else selects[0].subquery("r")
    names = [*metrics, *(c.name for c in derived(branches[0][0], today))]
    statement = select(
        *(rows.c[key] for key in keys), *(func.sum(rows.c[name]) for name in names)
    ).group_by(*(rows.c[key] for key in keys))
    return [row for row in session.execute(statement) if row[len(keys)] is not None]


def patched_out(table: Table, pieces: Plan) -> list[Any]:
    """Leave out the daily rows of the members changed since the last refresh (they
    are read live instead)."""
    if "day" not in table.c or not pieces.patched:
        return []
    member = table.c.unit_id if "unit_id" in table.c else table.c.province_id
    changed = [
        and_(table.c.day == day, member.in_(sorted(members)))
        for day, members in pieces.patched.items()
    ]
    return [~or_(*changed)]


def live_where(moment: Any, member: Any, pieces: Plan) -> Any:
    """The rows to read live: every row of the live days, and those of the changed
    members (ils or units) on the patched days."""
    ranges: list[tuple[datetime, datetime, set[int] | None]] = [
        (start, end, None) for start, end in moment_runs(pieces.live)
    ]
    ranges += [
        (start_of_day(day), start_of_day(day + DAY), members)
        for day, members in pieces.patched.items()
    ]
    ranges.sort(key=lambda piece: piece[0])
    parts = [
        and_(moment >= start, moment < end, *([member.in_(sorted(ms))] if ms else []))
        for start, end, ms in ranges
    ]
    # The whole span too, so the index on `moment` reads only that span.
    envelope = and_(moment >= ranges[0][0], moment < max(end for _, end, _ in ranges))
    return and_(envelope, or_(*parts))
