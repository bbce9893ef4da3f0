"""Genel Başvuru Analizi: requests filed in a range by type and status, per day, week or
month with a trend, how long routing and conclusion took, the share concluded within
the 15- and 30-day answer periods, and what is open and overdue now.

Definitions (README, "İş Zekası Portalı"):
- a request counts on the day it was filed (Turkey's time) and with its status now;
- durations run from filing to the first routing / to the conclusion; median and 90th
  percentile come from the histograms of mbs/core/stats/buckets.py;
- "within 15 days" is the share, among requests filed on days whose 15-day period has
  ended for the whole day (16 days ago or earlier), of those concluded less than 15 × 24
  hours after filing; likewise for 30 days;
- overdue: not concluded and filed more than 15 days ago (as in the staff lists).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from mbs.core.actors import Actor
from mbs.core.enums import RequestStatus, RequestType
from mbs.core.formatting import format_date, format_month
from mbs.core.labels import REQUEST_STATUS, REQUEST_TYPE
from mbs.core.stats import buckets
from mbs.core.stats.filters import Granularity, StatsFilter
from mbs.core.stats.scope import resolve_scope
from mbs.core.stats.tally import RequestTally, filed_per_day, request_range, request_tallies

# The trend is the mean of this many periods up to and including each point.
TREND_WINDOW = {Granularity.DAY: 7, Granularity.WEEK: 4, Granularity.MONTH: 3}


@dataclass(frozen=True)
class CountRow:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class SeriesPoint:
    period_start: date
    label: str  # "22.11.2026", "47. hafta 2026", "Kasım 2026"
    count: int
    trend: float | None  # moving average; None until the window is full


@dataclass(frozen=True)
class DurationStats:
    count: int
    median_hours: float | None
    p90_hours: float | None


@dataclass(frozen=True)
class GeneralAnalysis:
    total: int
    by_type: list[CountRow]
    by_status: list[CountRow]
    granularity: Granularity
    series: list[SeriesPoint]
    to_routing: DurationStats
    to_conclusion: DurationStats
    concluded_within_15_days: float | None
    concluded_within_30_days: float | None
    open_now: int
    overdue_now: int


def duration_stats(histogram: Sequence[int]) -> DurationStats:
    return DurationStats(
        count=sum(histogram),
        median_hours=buckets.percentile(histogram, 0.5),
        p90_hours=buckets.percentile(histogram, 0.9),
    )


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def general_analysis(
    *,
    session: Session,
    actor: Actor,
    filters: StatsFilter,
    granularity: Granularity,
    now: datetime,
) -> GeneralAnalysis:
    """Genel Başvuru Analizi of the requests the actor may see, filed in the filter's
    range (every figure is defined in this module's docstring)."""
    filters = filters.checked()
    scope = resolve_scope(session, actor, filters)
    granularity = Granularity(granularity)
    per_type: dict[str, RequestTally] = defaultdict(RequestTally)
    counts: dict[date, int] = defaultdict(int)
    if scope.unit_id is not None or filters.district_id is not None:
        # Read from the requests anyway (see tally.py): one pass for both groupings.
        for (kind, day), tally in request_tallies(
            session, scope, filters, now, ["request_type", "day"]
        ).items():
            per_type[kind].merge(tally)
            counts[day] += tally.filed
    else:
        for (kind,), tally in request_tallies(
            session, scope, filters, now, ["request_type"]
        ).items():
            per_type[kind] = tally
        months = granularity is Granularity.MONTH
        counts = filed_per_day(session, scope, filters, now, months=months)
    total = RequestTally()
    for tally in per_type.values():
        total.merge(tally)
    by_type = [
        CountRow(kind.value, REQUEST_TYPE[kind], per_type[kind.value].filed) for kind in RequestType
    ]
    statuses = {
        RequestStatus.PENDING: total.pending,
        RequestStatus.ROUTED: total.routed,
        RequestStatus.CONCLUDED: total.concluded,
    }
    first, last = request_range(session, filters, now)
    return GeneralAnalysis(
        total=total.filed,
        by_type=by_type,
        by_status=[CountRow(s.value, REQUEST_STATUS[s], statuses[s]) for s in RequestStatus],
        granularity=granularity,
        series=series(counts, first, last, granularity),
        to_routing=duration_stats(total.routing),
        to_conclusion=duration_stats(total.conclusion),
        concluded_within_15_days=share(total.within_15, total.eligible_15),
        concluded_within_30_days=share(total.within_30, total.eligible_30),
        open_now=total.open_now,
        overdue_now=total.overdue,
    )


def period_start(day: date, granularity: Granularity) -> date:
    if granularity is Granularity.WEEK:
        return day - timedelta(days=day.weekday())  # Monday, as the ISO week
    if granularity is Granularity.MONTH:
        return day.replace(day=1)
    return day


def period_label(start: date, granularity: Granularity) -> str:
    if granularity is Granularity.WEEK:
        year, week, _ = start.isocalendar()
        return f"{week}. hafta {year}"
    if granularity is Granularity.MONTH:
        return format_month(start)
    return format_date(start)


def series(
    counts: dict[date, int], first: date, last: date, granularity: Granularity
) -> list[SeriesPoint]:
    """Every day, week or month from `first` to `last` (zeros included) with its count
    and the moving average of TREND_WINDOW periods."""
    if first > last:
        return []
    totals: dict[date, int] = {}
    day = first
    while day <= last:
        start = period_start(day, granularity)
        totals[start] = totals.get(start, 0) + counts.get(day, 0)
        day += timedelta(days=1)
    window = TREND_WINDOW[granularity]
    values = list(totals.values())
    points = []
    for index, (start, count) in enumerate(totals.items()):
        recent = values[max(0, index - window + 1) : index + 1]
        trend = sum(recent) / window if len(recent) == window else None
        points.append(SeriesPoint(start, period_label(start, granularity), count, trend))
    return points
