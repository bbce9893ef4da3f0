"""The statistics portal's tables: rollups of requests and assignments per period, their
refresh watermark, and the stationery-savings assumptions.

The rollups are derived data: `mbs stats rebuild` makes them again from the requests, and
the scheduler keeps them current (mbs/core/stats/rollup.py explains how a view stays
exact while they lag). Each row counts what was filed (or received) in one period, per
place, request type and unit kind, with the duration histograms of
mbs/core/stats/buckets.py as one column per bucket, so summing rows sums histograms.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Date, Index, Integer, String, Table, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

from mbs.core.enums import NegativeReason
from mbs.core.models.types import UtcDateTime
from mbs.core.stats.buckets import BUCKETS

ROUTING = tuple(f"r{i:02d}" for i in range(BUCKETS))  # filing → routing
CONCLUSION = tuple(f"c{i:02d}" for i in range(BUCKETS))  # filing → conclusion
FINISH = tuple(f"f{i:02d}" for i in range(BUCKETS))  # assignment → finished
# Status now: concluded = filed - pending - routed.
REQUEST_COUNTS = ("filed", "pending", "routed")
REASONS = tuple(f"reason_{reason.value}" for reason in NegativeReason)
# open = received - finished - returned
UNIT_COUNTS = ("received", "finished", "returned", "positive", "negative", *REASONS)
# unit_kind of the request rollups for "every request" (the other values: requests with
# an assignment to a unit of that kind).
EVERY_KIND = ""
EVERY_TYPE = ""


def _counts(names: tuple[str, ...]) -> list[Column[Any]]:
    return [Column(name, Integer, nullable=False, server_default="0") for name in names]


def _request_metrics() -> list[Column[Any]]:
    return _counts(REQUEST_COUNTS + ROUTING + CONCLUSION)


def _unit_metrics() -> list[Column[Any]]:
    return _counts(UNIT_COUNTS + FINISH)


# Per Turkey's calendar day and il: the days a range starts and ends with.
stats_request_daily = Table(
    "stats_request_daily",
    SQLModel.metadata,
    Column("day", Date, primary_key=True),
    Column("province_id", Integer, primary_key=True, autoincrement=False),
    Column("request_type", String(24), primary_key=True),
    Column("unit_kind", String(24), primary_key=True),
    *_request_metrics(),
    Index("ix_stats_request_daily_province_day", "province_id", "day"),
    # The time series reads only "filed" of a long run of days: from the index alone.
    Index(
        "ix_stats_request_daily_series",
        "unit_kind",
        "day",
        postgresql_include=["province_id", "request_type", "filed"],
    ),
)

# Per whole month, quarter or year ("m", "q", "y") and il: the bulk of a long range.
stats_request_period = Table(
    "stats_request_period",
    SQLModel.metadata,
    Column("grain", String(1), primary_key=True),
    Column("period_start", Date, primary_key=True),
    Column("province_id", Integer, primary_key=True, autoincrement=False),
    Column("request_type", String(24), primary_key=True),
    Column("unit_kind", String(24), primary_key=True),
    *_request_metrics(),
)

# The same per ilçe, for every request only (no unit kinds): the ilçes of one il.
stats_request_district = Table(
    "stats_request_district",
    SQLModel.metadata,
    Column("grain", String(1), primary_key=True),
    Column("period_start", Date, primary_key=True),
    Column("district_id", Integer, primary_key=True, autoincrement=False),
    Column("request_type", String(24), primary_key=True),
    Column("province_id", Integer, nullable=False),
    *_request_metrics(),
    Index("ix_stats_request_district_province", "province_id", "grain", "period_start"),
)

# Assignments per day they were received, unit, il of the request and request type
# (and request_type EVERY_TYPE: all types together, what an unfiltered table reads).
stats_unit_daily = Table(
    "stats_unit_daily",
    SQLModel.metadata,
    Column("day", Date, primary_key=True),
    Column("unit_id", Integer, primary_key=True, autoincrement=False),
    Column("province_id", Integer, primary_key=True, autoincrement=False),
    Column("request_type", String(24), primary_key=True),
    *_unit_metrics(),
    Index("ix_stats_unit_daily_unit_day", "unit_id", "day"),
)

stats_unit_period = Table(
    "stats_unit_period",
    SQLModel.metadata,
    Column("grain", String(1), primary_key=True),
    Column("period_start", Date, primary_key=True),
    Column("unit_id", Integer, primary_key=True, autoincrement=False),
    Column("province_id", Integer, primary_key=True, autoincrement=False),
    Column("request_type", String(24), primary_key=True),
    *_unit_metrics(),
    Index("ix_stats_unit_period_unit", "unit_id", "grain", "period_start"),
)


class StatsRollupState(SQLModel, table=True):
    """One row: the rollups hold every change made up to `watermark` (see rollup.py)."""

    __tablename__ = "stats_rollup_state"

    id: int = Field(default=1, primary_key=True)
    watermark: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    rebuilt_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))


class DecimalText(TypeDecorator[Decimal]):
    """An exact decimal stored as its text: SQLite has no decimal type and would round
    through a float."""

    impl = String(24)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else str(Decimal(value))

    def process_result_value(self, value: str | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


def _decimal() -> Any:
    return Field(sa_column=Column(DecimalText(), nullable=False))


class SavingsAssumptionsRow(SQLModel, table=True):
    """The stationery-savings assumptions (one row; defaults in stats/savings.py)."""

    __tablename__ = "stats_savings_assumptions"

    id: int = Field(default=1, primary_key=True)
    pages_per_request: Decimal = _decimal()
    cost_per_page: Decimal = _decimal()
    letters_per_request: Decimal = _decimal()
    postage_per_letter: Decimal = _decimal()
    updated_by_user_id: int = Field(foreign_key="staff_user.id")
    updated_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
