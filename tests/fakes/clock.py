"""A clock the test moves by hand (mbs.core.clock is the one source of "now")."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from mbs.core import clock


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 22, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@contextmanager
def fake_clock(start: datetime | None = None) -> Iterator[FakeClock]:
    fake = FakeClock(start)
    clock.set_clock(fake)
    try:
        yield fake
    finally:
        clock.set_clock(None)
