"""The SQL over the requests and assignments themselves: one row per request (or
assignment) with its duration buckets, and the sums the rollups and the live part of a
view are made of. Both read the same expressions, so a figure is the same whether it
came from a rollup or straight from the requests.

Dialects differ in three places only: Turkey's calendar day of a moment, the seconds
between two moments and the bucket of a duration (PostgreSQL: time zone database and
width_bucket; SQLite, for development and tests: UTC+3, which Turkey has kept all year
since September 2016, and a CASE).
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Float,
    Integer,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import col

from mbs.core.enums import (
    OPEN_ASSIGNMENT_STATUSES,
    AssignmentStatus,
    CompletionOutcome,
    NegativeReason,
    RequestStatus,
)
from mbs.core.models import Assignment, Request
from mbs.core.models.stats import CONCLUSION, FINISH, REASONS, ROUTING
from mbs.core.queries.listing import ANSWER_PERIOD
from mbs.core.stats.buckets import EDGE_SECONDS

POSTGRESQL = "postgresql"


def local_day(dialect: str, moment: Any) -> ColumnElement[Any]:
    """Turkey's calendar day of a UTC timestamp column."""
    if dialect == POSTGRESQL:
        return cast(func.timezone("Europe/Istanbul", moment), Date)
    return func.date(moment, "+3 hours")


def _epoch(dialect: str, moment: Any) -> ColumnElement[Any]:
    # Whole seconds on both, so a duration falls into the same bucket on either.
    if dialect == POSTGRESQL:
        return func.floor(func.date_part("epoch", moment))
    return cast(func.strftime("%s", moment), Integer)


def duration_bucket(dialect: str, start: Any, end: Any) -> ColumnElement[Any]:
    """The histogram bucket (mbs/core/stats/buckets.py) of end - start; NULL if end is."""
    seconds = _epoch(dialect, end) - _epoch(dialect, start)
    if dialect == POSTGRESQL:
        edges = literal([float(edge) for edge in EDGE_SECONDS], ARRAY(Float))
        bucket: ColumnElement[Any] = func.width_bucket(seconds, edges)
    else:
        bucket = case(
            *((seconds < edge, index) for index, edge in enumerate(EDGE_SECONDS)),
            else_=len(EDGE_SECONDS),
        )
    return case((end.is_(None), None), else_=bucket)


def request_rows(dialect: str, *where: Any, with_day: bool = False) -> Any:
    """One row per request matching `where`: its place, type, status, filing moment
    (and, `with_day`, Turkey's day of it) and the buckets of its routing and conclusion
    times (a subquery named "f")."""
    day = [local_day(dialect, Request.created_at).label("day")] if with_day else []
    return (
        select(
            *day,
            col(Request.id).label("id"),
            col(Request.created_at).label("created_at"),
            col(Request.province_id).label("province_id"),
            col(Request.district_id).label("district_id"),
            col(Request.muhtarlik_id).label("muhtarlik_id"),
            col(Request.type).label("request_type"),
            col(Request.status).label("status"),
            duration_bucket(dialect, Request.created_at, Request.routed_at).label("rb"),
            duration_bucket(dialect, Request.created_at, Request.concluded_at).label("cb"),
        )
        .where(*where)
        # OFFSET 0 keeps PostgreSQL from merging the subquery into the sums, which
        # would compute each bucket once per histogram column instead of once.
        .offset(0)
        .subquery("f")
    )


def _count_if(condition: Any) -> ColumnElement[int]:
    return func.count().filter(condition)


def request_sums(f: Any) -> list[ColumnElement[int]]:
    """filed, pending, routed and the two histograms, in the rollup tables' order."""
    return [
        func.count().label("filed"),
        _count_if(f.c.status == RequestStatus.PENDING.value).label("pending"),
        _count_if(f.c.status == RequestStatus.ROUTED.value).label("routed"),
        *(_count_if(f.c.rb == i).label(name) for i, name in enumerate(ROUTING)),
        *(_count_if(f.c.cb == i).label(name) for i, name in enumerate(CONCLUSION)),
    ]


def request_overdue(f: Any, now: datetime) -> ColumnElement[int]:
    """Requests not concluded ANSWER_PERIOD after filing, at `now`."""
    return _count_if(
        (f.c.status != RequestStatus.CONCLUDED.value) & (f.c.created_at < now - ANSWER_PERIOD)
    ).label("overdue")


def assignment_rows(dialect: str, *where: Any, with_day: bool = False) -> Any:
    """One row per assignment matching `where` (on Assignment and Request): its
    unit, status and outcome, when it was received (and, `with_day`, Turkey's day of
    it), its request's place and type, and the bucket of the time it took to finish (a
    subquery named "f")."""
    day = [local_day(dialect, Assignment.created_at).label("day")] if with_day else []
    return (
        select(
            *day,
            col(Assignment.id).label("id"),
            col(Assignment.unit_id).label("unit_id"),
            col(Assignment.created_at).label("created_at"),
            col(Assignment.status).label("status"),
            col(Assignment.outcome).label("outcome"),
            col(Assignment.negative_reason).label("negative_reason"),
            col(Request.province_id).label("province_id"),
            col(Request.district_id).label("district_id"),
            col(Request.type).label("request_type"),
            duration_bucket(dialect, Assignment.created_at, Assignment.finished_at).label("fb"),
        )
        .join(Request, col(Request.id) == col(Assignment.request_id))
        .where(*where)
        # OFFSET 0 keeps PostgreSQL from merging the subquery into the sums, which
        # would compute each bucket once per histogram column instead of once.
        .offset(0)
        .subquery("f")
    )


def unit_sums(f: Any) -> list[ColumnElement[int]]:
    """received, finished, returned, the outcomes and reasons and the finish-time
    histogram, in the rollup tables' order."""
    finished = f.c.status == AssignmentStatus.FINISHED.value
    negative = finished & (f.c.outcome == CompletionOutcome.NEGATIVE.value)
    return [
        func.count().label("received"),
        _count_if(finished).label("finished"),
        _count_if(f.c.status == AssignmentStatus.RETURNED.value).label("returned"),
        _count_if(finished & (f.c.outcome == CompletionOutcome.POSITIVE.value)).label("positive"),
        _count_if(negative).label("negative"),
        *(
            _count_if(negative & (f.c.negative_reason == reason.value)).label(name)
            for reason, name in zip(NegativeReason, REASONS, strict=True)
        ),
        *(_count_if(f.c.fb == i).label(name) for i, name in enumerate(FINISH)),
    ]


def unit_overdue(f: Any, now: datetime) -> ColumnElement[int]:
    """Assignments still open ANSWER_PERIOD after the unit received them, at `now`."""
    open_statuses = sorted(status.value for status in OPEN_ASSIGNMENT_STATUSES)
    return _count_if(f.c.status.in_(open_statuses) & (f.c.created_at < now - ANSWER_PERIOD)).label(
        "overdue"
    )


def moment_ranges(column: Any, ranges: Sequence[tuple[datetime, datetime]]) -> Any:
    """`column` within any of the half-open [start, end) ranges (sorted). The whole
    span is stated too, so an index on `column` reads only that span."""
    if not ranges:
        return false()
    within = or_(*((column >= start) & (column < end) for start, end in ranges))
    if len(ranges) == 1:
        return within
    return (column >= ranges[0][0]) & (column < ranges[-1][1]) & within
