"""The retry schedule and the sending rate limit (pure, no database)."""

import asyncio
import random

import pytest

from mbs.core.sms.config import SenderSettings
from mbs.core.sms.pacing import TokenBucket, retry_delay


def test_retry_delays_double_with_jitter_up_to_the_cap():
    rng = random.Random(3)
    for attempts, ceiling in [(1, 30), (2, 60), (3, 120), (4, 240), (5, 480), (9, 900)]:
        seconds = [
            retry_delay(attempts, base=30, cap=900, rng=rng).total_seconds() for _ in range(200)
        ]
        assert min(seconds) >= ceiling / 2 and max(seconds) <= ceiling
        assert max(seconds) - min(seconds) > ceiling / 4  # really jittered


class ManualTime:
    """time.monotonic and asyncio.sleep for the bucket, moved only by its sleeps."""

    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_the_bucket_keeps_the_average_rate_after_a_one_second_burst():
    time = ManualTime()
    bucket = TokenBucket(50, monotonic=time.monotonic, sleep=time.sleep)

    async def send(batches: int) -> None:
        for _ in range(batches):
            await bucket.take(10)

    asyncio.run(send(5))  # the first second's worth goes at once
    assert time.now == pytest.approx(100.0)
    asyncio.run(send(50))  # 500 more messages at 50/s
    assert time.now == pytest.approx(110.0)


def test_concurrent_takers_share_the_rate():
    time = ManualTime()
    bucket = TokenBucket(20, monotonic=time.monotonic, sleep=time.sleep)

    async def main() -> None:
        async def worker() -> None:
            for _ in range(10):
                await bucket.take(5)

        await asyncio.gather(*(worker() for _ in range(4)))  # 200 messages

    asyncio.run(main())
    assert time.now == pytest.approx(100.0 + (200 - 20) / 20)


def test_batches_never_exceed_one_second_of_the_rate():
    assert SenderSettings(batch_size=50, rate_per_second=10).effective_batch_size == 10
    assert SenderSettings(batch_size=50, rate_per_second=0.5).effective_batch_size == 1
    assert SenderSettings(batch_size=50).effective_batch_size == 50
