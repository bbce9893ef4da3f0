"""Durations as histograms with fixed buckets, and percentiles read from them.

Every duration figure of the statistics (filing → routing, filing → conclusion,
assignment → finish) is counted into the same buckets, whether it comes from the rollup
tables or straight from the requests, so a median is the same number however it was
reached and on either database. A percentile is interpolated linearly inside the bucket
it falls in (see `percentile`): exact to the bucket, and the buckets are narrow where
the answers lie (hours in the first day, half-days up to a week, two days up to a month).
15 and 30 days are bucket edges, so "concluded within 15 / 30 days" is exact.
"""

from collections.abc import Sequence

# Upper edges in hours; bucket i holds [EDGES[i-1], EDGES[i]) (bucket 0 from 0), and the
# last bucket everything from a year on.
EDGE_HOURS: tuple[int, ...] = (
    1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 21, 24,
    30, 36, 42, 48, 60, 72, 84, 96, 108, 120, 144, 168,
    192, 216, 240, 288, 336, 360, 408, 456, 504, 576, 648, 720,
    1080, 1440, 2160, 4320, 8760,
)  # fmt: skip
BUCKETS = len(EDGE_HOURS) + 1
EDGE_SECONDS: tuple[int, ...] = tuple(hours * 3600 for hours in EDGE_HOURS)
# Buckets below this index hold durations under 15 (30) days.
WITHIN_15_DAYS = EDGE_HOURS.index(15 * 24) + 1
WITHIN_30_DAYS = EDGE_HOURS.index(30 * 24) + 1


def bucket_of(seconds: float) -> int:
    """The bucket of a duration (what the SQL of mbs/core/stats/facts.py computes)."""
    for index, edge in enumerate(EDGE_SECONDS):
        if seconds < edge:
            return index
    return len(EDGE_SECONDS)


def empty() -> list[int]:
    return [0] * BUCKETS


def add_into(total: list[int], counts: Sequence[int]) -> None:
    for index, count in enumerate(counts):
        total[index] += count


def percentile(counts: Sequence[int], q: float) -> float | None:
    """The q-quantile (0..1) in hours of the durations counted in `counts`, None if
    there are none.

    The rank q × n is found in the cumulative counts and read off linearly inside its
    bucket: with 4 durations in [24, 30) h and nothing else, the median is 24 + 6 × 2/4
    = 27 h. The open last bucket (a year or more) answers its lower edge.
    """
    n = sum(counts)
    if n == 0:
        return None
    rank = q * n
    below = 0
    for index, count in enumerate(counts):
        if count and below + count >= rank:
            low = float(EDGE_HOURS[index - 1]) if index else 0.0
            if index == len(EDGE_HOURS):
                return low
            high = float(EDGE_HOURS[index])
            return low + (high - low) * (rank - below) / count
        below += count
    return float(EDGE_HOURS[-1])
