"""Calendar arithmetic of the statistics: Turkey's days, and a date range cut into the
largest whole periods (years, quarters, months) a rollup holds, the days left at its
ends, and the days that must be read live.

A range is also cut where a figure starts to depend on the day (see `Segment`): every
piece then lies in one segment, so a rollup row can be judged by its period alone.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import IntEnum

from mbs.core import clock

DAY = timedelta(days=1)
ALL_GRAINS = ("y", "q", "m")


def day_of(moment: datetime) -> date:
    return clock.local(moment).date()


class Segment(IntEnum):
    """Where a filing (or receiving) day lies relative to today.

    OLD: 31 days or more ago: its 15- and 30-day periods have ended for every request of
    the day, and whatever is still open is overdue. RECENT: 16 to 30 days ago: the 15-day
    period has ended, open means overdue. NEW: 15 days ago or later: no period has ended
    for the whole day; the day exactly 15 days ago is read live, since only the clock
    tells which of its open requests are overdue.
    """

    OLD = 1
    RECENT = 2
    NEW = 3


def segment_starts(today: date) -> tuple[date, date]:
    """The first day of RECENT and of NEW."""
    return today - timedelta(days=30), today - timedelta(days=15)


def segment_of(day: date, today: date) -> Segment:
    recent, new = segment_starts(today)
    if day < recent:
        return Segment.OLD
    return Segment.RECENT if day < new else Segment.NEW


@dataclass(frozen=True)
class Period:
    grain: str  # "y", "q", "m"
    start: date
    end: date  # inclusive


def _month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _whole_periods(day: date) -> Iterator[Period]:
    """The periods starting on `day`, largest first."""
    if day.day != 1:
        return
    if day.month == 1:
        yield Period("y", day, date(day.year, 12, 31))
    if day.month % 3 == 1:
        end = date(day.year + (day.month + 2) // 12, (day.month + 2) % 12 + 1, 1) - DAY
        yield Period("q", day, end)
    yield Period("m", day, _month_after(day) - DAY)


@dataclass
class Plan:
    """How to read [first, last]: coarse periods from the period rollup, days from the
    daily rollup (but, on a day in `patched`, the rows of the members listed there are
    read live: ils or units changed since the last refresh), live days wholly from the
    requests themselves."""

    periods: list[Period] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    live: list[date] = field(default_factory=list)
    patched: dict[date, set[int]] = field(default_factory=dict)


def plan(
    first: date,
    last: date,
    today: date,
    changed: dict[date, set[int]],
    *,
    grains: tuple[str, ...] = ALL_GRAINS,
    daily: bool = True,
    answer_periods: tuple[int, ...] = (15, 30),
) -> Plan:
    """Cut [first, last] into whole periods of `grains`, rollup days (if `daily`) and
    live days. `changed`: the days with rows changed since the last refresh, and the
    members (ils or units) changed on each; no period holds such a day, and on a rollup
    day those members are read live. The day 15 days ago is always live, and so is
    every day when there is no daily rollup. No period crosses the start of a segment
    that matters (`answer_periods`: 30 for the requests' 30-day share, 15 for overdue)."""
    avoid = {day for day in changed if first <= day <= last}
    boundary = today - timedelta(days=15)
    if first <= boundary <= last:
        avoid.add(boundary)
    recent, new = segment_starts(today)
    cuts = {new} | ({recent} if 30 in answer_periods else set())
    result = Plan()
    day = first
    while day <= last:
        period = next(
            (
                candidate
                for candidate in _whole_periods(day)
                if candidate.grain in grains
                and candidate.end <= last
                and not _crosses(candidate, cuts, avoid)
            ),
            None,
        )
        if period is not None:
            result.periods.append(period)
            day = period.end + DAY
            continue
        if day == boundary or not daily:
            result.live.append(day)
        else:
            result.days.append(day)
            if day in changed:
                result.patched[day] = set(changed[day])
        day += DAY
    return result


def _crosses(period: Period, cuts: set[date], avoid: set[date]) -> bool:
    if any(period.start < cut <= period.end for cut in cuts):
        return True
    return any(period.start <= day <= period.end for day in avoid)


def day_runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """Consecutive days as inclusive (first, last) runs: fewer conditions in SQL."""
    runs: list[tuple[date, date]] = []
    for day in sorted(days):
        if runs and runs[-1][1] + DAY == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def moment_runs(days: Iterable[date]) -> list[tuple[datetime, datetime]]:
    """The UTC [start, end) of each run of consecutive days."""
    return [
        (clock.start_of_day(first), clock.start_of_day(last + DAY))
        for first, last in day_runs(days)
    ]
