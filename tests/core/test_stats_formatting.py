"""Turkish number and date formats, the duration buckets and their percentiles, and the
cutting of a date range into rollup periods."""

from datetime import date
from decimal import Decimal

import pytest

from mbs.core.formatting import (
    format_amount,
    format_count,
    format_date,
    format_decimal_tr,
    format_hours,
    format_money,
    format_month,
    format_share,
)
from mbs.core.stats import buckets
from mbs.core.stats.periods import Period, plan


def test_turkish_numbers_and_dates():
    assert format_count(1234) == "1.234"
    assert format_count(1234567) == "1.234.567"
    assert format_count(0) == "0"
    assert format_share(0.125) == "%12,5"
    assert format_share(0.5) == "%50"
    assert format_share(1) == "%100"
    assert format_share(None) == "—"
    assert format_hours(5) == "5 sa"
    assert format_hours(3.5) == "3,5 sa"
    assert format_hours(30.4) == "30 sa"
    assert format_hours(84) == "3,5 gün"
    assert format_hours(None) == "—"
    assert format_money(Decimal("1234.5")) == "1.234,50 ₺"
    assert format_amount(Decimal("0")) == "0,00"
    assert format_decimal_tr(Decimal("2.25"), 2) == "2,25"
    assert format_date(date(2026, 11, 22)) == "22.11.2026"
    assert format_month(date(2026, 11, 1)) == "Kasım 2026"
    assert format_month(date(2026, 8, 1)) == "Ağustos 2026"


def test_each_duration_falls_into_its_bucket():
    assert buckets.bucket_of(0) == 0
    assert buckets.bucket_of(3599) == 0
    assert buckets.bucket_of(3600) == 1
    assert buckets.bucket_of(15 * 86400 - 1) == buckets.WITHIN_15_DAYS - 1
    assert buckets.bucket_of(15 * 86400) == buckets.WITHIN_15_DAYS
    assert buckets.bucket_of(10 * 365 * 86400) == buckets.BUCKETS - 1


def test_percentiles_interpolate_inside_their_bucket():
    counts = buckets.empty()
    assert buckets.percentile(counts, 0.5) is None
    counts[buckets.bucket_of(25 * 3600)] = 4  # four durations in [24, 30) h
    assert buckets.percentile(counts, 0.5) == pytest.approx(27.0)
    assert buckets.percentile(counts, 0.9) == pytest.approx(24 + 6 * 3.6 / 4)
    counts[0] = 4  # and four under an hour
    assert buckets.percentile(counts, 0.5) == pytest.approx(1.0)  # rank 4: the top of [0, 1)
    assert buckets.percentile(counts, 0.25) == pytest.approx(0.5)
    last = buckets.empty()
    last[-1] = 1  # a year or more: the open bucket answers its lower edge
    assert buckets.percentile(last, 0.5) == 8760.0


def test_a_range_is_read_in_the_largest_whole_periods():
    today = date(2026, 11, 22)
    pieces = plan(date(2024, 12, 30), today, today, {date(2025, 8, 14): {34, 6}})
    assert pieces.periods == [
        Period("q", date(2025, 1, 1), date(2025, 3, 31)),
        Period("q", date(2025, 4, 1), date(2025, 6, 30)),
        Period("m", date(2025, 7, 1), date(2025, 7, 31)),
        # August holds a day changed since the last refresh: read by days.
        Period("m", date(2025, 9, 1), date(2025, 9, 30)),
        Period("q", date(2025, 10, 1), date(2025, 12, 31)),
        Period("q", date(2026, 1, 1), date(2026, 3, 31)),
        Period("q", date(2026, 4, 1), date(2026, 6, 30)),
        Period("q", date(2026, 7, 1), date(2026, 9, 30)),
    ]
    # 2025 is not whole (August); October 2026 is cut where the 30-day period ends
    # (23.10) and November where the 15-day one does (07.11, read live).
    assert pieces.live == [date(2026, 11, 7)]
    # On 14.08.2025 the daily rows of ils 34 and 6 changed: they are read live.
    assert pieces.patched == {date(2025, 8, 14): {34, 6}}
    assert date(2025, 8, 14) in pieces.days and date(2024, 12, 31) in pieces.days
    assert date(2026, 10, 22) in pieces.days and date(2026, 11, 22) in pieces.days
    assert len(pieces.days) == 2 + 31 + 31 + 21
    whole_year = plan(date(2024, 1, 1), date(2024, 12, 31), today, {})
    assert whole_year.periods == [Period("y", date(2024, 1, 1), date(2024, 12, 31))]
    assert whole_year.days == whole_year.live == []


def test_without_daily_rollups_the_ends_of_a_range_are_live():
    today = date(2026, 11, 22)
    pieces = plan(date(2026, 9, 29), date(2026, 10, 2), today, {}, daily=False)
    assert pieces.periods == [] and pieces.days == []
    assert pieces.live == [
        date(2026, 9, 29),
        date(2026, 9, 30),
        date(2026, 10, 1),
        date(2026, 10, 2),
    ]
