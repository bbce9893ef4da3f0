"""The one source of "now", so tests can move time (login limits, expiries, overdue)."""

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

ISTANBUL = ZoneInfo("Europe/Istanbul")

_now: Callable[[], datetime] = lambda: datetime.now(UTC)  # noqa: E731


def now() -> datetime:
    """Current time as an aware UTC datetime."""
    return _now()


def set_clock(clock: Callable[[], datetime] | None) -> None:
    """Replace the clock (tests); None restores the real one."""
    global _now
    _now = clock or (lambda: datetime.now(UTC))


def local(moment: datetime) -> datetime:
    """The moment in Turkey's time, for display and for per-year numbering."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ISTANBUL)


def format_tr(moment: datetime | None) -> str:
    """`22.11.2026 14:05` in Turkey's time; empty for None."""
    return local(moment).strftime("%d.%m.%Y %H:%M") if moment else ""


def start_of_day(day: date) -> datetime:
    """The UTC moment Turkey's calendar day `day` begins (for date filters)."""
    return datetime.combine(day, time(0), tzinfo=ISTANBUL).astimezone(UTC)
