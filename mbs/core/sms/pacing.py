"""How fast and how often: the retry schedule and the sending rate limit."""

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta


def retry_delay(
    attempts: int, *, base: float, cap: float, rng: random.Random | None = None
) -> timedelta:
    """Exponential backoff with "equal jitter": after the n-th failed attempt wait
    between half and all of min(cap, base·2ⁿ⁻¹) seconds. The jitter keeps many rows that
    failed together (a provider outage) from all coming back in the same second."""
    ceiling = min(cap, base * 2 ** max(0, attempts - 1))
    return timedelta(seconds=ceiling / 2 + (rng or random).uniform(0, ceiling / 2))


class TokenBucket:
    """At most `rate` messages per second on average, bursts of at most one second's
    worth. Waiters are served in turn (the lock is held while one of them sleeps)."""

    def __init__(
        self,
        rate: float,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.rate = rate
        self.capacity = max(1.0, rate)
        self._tokens = self.capacity
        self._monotonic = monotonic
        self._sleep = sleep
        self._last = monotonic()
        self._lock = asyncio.Lock()

    async def take(self, count: int) -> None:
        """Wait until `count` messages may go (count is capped at the capacity)."""
        needed = min(float(count), self.capacity)
        async with self._lock:
            while True:
                now = self._monotonic()
                self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
                self._last = now
                if self._tokens >= needed - 1e-9:  # rounding must not leave a waiter stuck
                    self._tokens = max(0.0, self._tokens - needed)
                    return
                await self._sleep((needed - self._tokens) / self.rate)
