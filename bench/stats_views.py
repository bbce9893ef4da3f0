"""How fast the İş Zekası Portalı views answer with 1,000,000 requests in PostgreSQL.

    .venv/bin/python bench/stats_views.py                  # fill mbs_bench_stats once, measure
    .venv/bin/python bench/stats_views.py --runs 50 --only units
    .venv/bin/python bench/stats_views.py --database NAME  # another database (filled if empty)
    .venv/bin/python bench/stats_views.py --drop           # drop the database afterwards

The database (default mbs_bench_stats, on MBS_BENCH_POSTGRES_URL, default
postgresql+psycopg://postgres@127.0.0.1:5432/test) is filled the first time by
bench/inbox_queries.py's filler (three years of filings, COPY) and kept, so later runs
only measure. Finished assignments get an outcome (nine in ten positive, negative ones
spread over the reasons), the rollups are rebuilt (`mbs stats rebuild`, timed), and each
view is called through mbs.core as a screen would: one session per call, for the central
unit and for valiliks, without filters (the whole three years) and with filters. The time
around each call is reported as p50 / p95; target p95 ≤ 300 ms (requirement ≤ 1 s).
Then 100 requests filed in the last 60 days are changed and the scheduler's refresh is
timed; for the next 5 minutes (the watermark's margin) their rows are read live, and the
heaviest views are measured again in that state (a busy few minutes; in steady use a
few requests change per minute, mostly recent ones).
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
import inbox_queries  # noqa: E402  (the filler of the inbox benchmark, reused as it is)

from mbs.core import clock, migrations  # noqa: E402
from mbs.core.actors import StaffActor  # noqa: E402
from mbs.core.db import make_engine, transaction  # noqa: E402
from mbs.core.enums import RequestType, UnitKind  # noqa: E402
from mbs.core.stats.filters import Granularity, StatsFilter  # noqa: E402
from mbs.core.stats.general import general_analysis  # noqa: E402
from mbs.core.stats.places import (  # noqa: E402
    district_analysis,
    muhtarlik_analysis,
    province_analysis,
)
from mbs.core.stats.quarterly import municipal_quarterly_report  # noqa: E402
from mbs.core.stats.rollup import rebuild, refresh  # noqa: E402
from mbs.core.stats.savings import stationery_savings  # noqa: E402
from mbs.core.stats.units import unit_kind_performance, unit_performance  # noqa: E402

TARGET_MS = 300.0
LIMIT_MS = 1000.0
DEFAULT_DATABASE = "mbs_bench_stats"
OUTCOMES_SQL = """
UPDATE assignment SET
  outcome = CASE WHEN id % 10 = 0 THEN 'negative' ELSE 'positive' END,
  negative_reason = CASE WHEN id % 10 = 0 THEN (ARRAY['outside_authority', 'no_budget',
    'against_regulations', 'already_done', 'other'])[(id / 10) % 5 + 1] END
WHERE status = 'finished' AND outcome IS NULL
"""


def ensure_database(admin_url: str, name: str, requests: int, now: datetime) -> str:
    """The URL of database `name`, created and filled with `requests` if it has none."""
    admin = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        ).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    migrations.upgrade(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            filled = connection.execute(text("SELECT count(*) FROM request")).scalar_one()
        if filled:
            print(f"Database {name}: {filled:,} requests already there, reused.")
        else:
            options = argparse.Namespace(database=None, requests=requests)
            inbox_queries.prepare(engine, url, options, now)
        started = time.perf_counter()
        with engine.begin() as connection:
            changed = connection.execute(text(OUTCOMES_SQL)).rowcount
        if changed:
            print(f"  outcomes for {changed:,} finished assignments in "
                  f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        inbox_queries.describe_data(engine)
    finally:
        engine.dispose()
    return url


def build_rollups(engine: Engine, now: datetime) -> None:
    started = time.perf_counter()
    with transaction(engine) as session:
        months = rebuild(session=session, now=now)
    seconds = time.perf_counter() - started
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        for table in ("stats_request_daily", "stats_request_period", "stats_request_district",
                      "stats_unit_daily", "stats_unit_period"):  # fmt: skip
            connection.execute(text(f"VACUUM ANALYZE {table}"))
        sizes = connection.execute(
            text(
                "SELECT relname, n_live_tup, pg_size_pretty(pg_total_relation_size(relid)) "
                "FROM pg_stat_user_tables WHERE relname LIKE 'stats%' ORDER BY relname"
            )
        ).all()
    print(f"Rollups rebuilt ({months} months) in {seconds:.0f} s:")
    for name, rows, size in sizes:
        print(f"  {name:<28}{rows:>12,} rows {size:>10}")


def actors(engine: Engine) -> dict[str, Any]:
    with engine.connect() as connection:

        def staff(unit_sql: str) -> list[StaffActor]:
            rows = connection.execute(
                text(
                    "SELECT (SELECT min(id) FROM staff_user s WHERE s.unit_id = u.id), u.id, "
                    f"u.kind, u.province_id FROM unit u WHERE {unit_sql}"
                )
            ).all()
            return [StaffActor(user, unit, UnitKind(kind), province, True)
                    for user, unit, kind, province in rows]  # fmt: skip

        busiest_belediyes = (
            "u.id IN (SELECT a.unit_id FROM assignment a JOIN unit b ON b.id = a.unit_id "
            "WHERE b.kind = 'belediye' GROUP BY a.unit_id ORDER BY count(*) DESC LIMIT 5)"
        )
        big_district = connection.execute(
            text("SELECT district_id FROM request GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
        ).scalar_one()
        return {
            "central": staff("u.kind = 'migm'")[0],
            "valiliks": staff("u.kind = 'valilik'"),
            "big_valiliks": staff("u.kind = 'valilik' AND u.province_id IN (34, 6, 35)"),
            "belediyes": staff(busiest_belediyes),
            "big_district": big_district,
        }


def scenarios(
    found: dict[str, Any], now: datetime
) -> dict[str, Callable[[Session, random.Random], Any]]:
    central: StaffActor = found["central"]
    today = clock.local(now).date()
    everything = StatsFilter()

    def recent(rng: random.Random) -> StatsFilter:
        """A 30 to 120-day window ending some time in the last year, with a type."""
        end = today - timedelta(days=rng.randint(0, 365))
        return StatsFilter(
            date_from=end - timedelta(days=rng.randint(30, 120)),
            date_to=end,
            request_type=rng.choice(list(RequestType)),
        )

    def valilik(rng: random.Random) -> StaffActor:
        return rng.choice(found["valiliks"])

    def big(rng: random.Random) -> StaffActor:
        return rng.choice(found["big_valiliks"])

    def general(actor: StaffActor, filters: StatsFilter, granularity: Granularity) -> Any:
        return lambda session: general_analysis(
            session=session, actor=actor, filters=filters, granularity=granularity, now=now
        )

    def quarter(rng: random.Random) -> tuple[int, int]:
        back = rng.randint(0, 8)
        month = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        index = month.year * 4 + (month.month - 1) // 3 - back
        return index // 4, index % 4 + 1

    return {
        "general, central, 3 years (month)": lambda s, rng: general(
            central, everything, Granularity.MONTH
        )(s),
        "general, central, 3 years (week)": lambda s, rng: general(
            central, everything, Granularity.WEEK
        )(s),
        "general, central, window + type (day)": lambda s, rng: general(
            central, recent(rng), Granularity.DAY
        )(s),
        "general, central, il + unit kind": lambda s, rng: general(
            central,
            StatsFilter(province_id=rng.randint(1, 81), unit_kind=UnitKind.BELEDIYE),
            Granularity.MONTH,
        )(s),
        "general, central, ilçe": lambda s, rng: general(
            central, StatsFilter(district_id=found["big_district"]), Granularity.MONTH
        )(s),
        "general, valilik, 3 years": lambda s, rng: general(
            big(rng), everything, Granularity.MONTH
        )(s),
        "general, valilik, window + type": lambda s, rng: general(
            valilik(rng), recent(rng), Granularity.WEEK
        )(s),
        "general, belediye (live)": lambda s, rng: general(
            rng.choice(found["belediyes"]), everything, Granularity.MONTH
        )(s),
        "iller, central, 3 years": lambda s, rng: province_analysis(
            session=s, actor=central, filters=everything, now=now
        ),
        "iller, central, window + type": lambda s, rng: province_analysis(
            session=s, actor=central, filters=recent(rng), now=now
        ),
        "iller, central, unit kind": lambda s, rng: province_analysis(
            session=s,
            actor=central,
            filters=StatsFilter(unit_kind=rng.choice([UnitKind.VALILIK, UnitKind.BELEDIYE])),
            now=now,
        ),
        "ilçeler, central, İstanbul": lambda s, rng: district_analysis(
            session=s, actor=central, filters=everything, province_id=34, now=now
        ),
        "ilçeler, valilik, window + type": lambda s, rng: district_analysis(
            session=s,
            actor=(actor := big(rng)),
            filters=recent(rng),
            province_id=actor.province_id,  # type: ignore[arg-type]
            now=now,
        ),
        "muhtarlıklar, busiest ilçe": lambda s, rng: muhtarlik_analysis(
            session=s, actor=central, filters=everything, district_id=found["big_district"], now=now
        ),
        "birimler, central, 3 years": lambda s, rng: unit_performance(
            session=s, actor=central, filters=everything, now=now
        ),
        "birimler, central, window + type": lambda s, rng: unit_performance(
            session=s, actor=central, filters=recent(rng), now=now
        ),
        "birimler, central, unit kind": lambda s, rng: unit_performance(
            session=s,
            actor=central,
            filters=StatsFilter(unit_kind=rng.choice(list(UnitKind)[1:])),
            now=now,
        ),
        "birim türleri, central, 3 years": lambda s, rng: unit_kind_performance(
            session=s, actor=central, filters=everything, now=now
        ),
        "birimler, valilik, 3 years": lambda s, rng: unit_performance(
            session=s, actor=big(rng), filters=everything, now=now
        ),
        "tasarruf, central, 3 years": lambda s, rng: stationery_savings(
            session=s, actor=central, filters=everything, now=now
        ),
        "tasarruf, valilik, window": lambda s, rng: stationery_savings(
            session=s, actor=valilik(rng), filters=recent(rng), now=now
        ),
        "çeyrek raporu, central": lambda s, rng: municipal_quarterly_report(
            session=s, actor=central, year=(q := quarter(rng))[0], quarter=q[1], now=now
        ),
        "çeyrek raporu, valilik": lambda s, rng: municipal_quarterly_report(
            session=s, actor=big(rng), year=(q := quarter(rng))[0], quarter=q[1], now=now
        ),
    }


def measure(engine: Engine, name: str, call: Callable, runs: int) -> list[float]:
    rng = random.Random(name)
    timings = []
    for n in range(runs + 3):
        with Session(engine) as session:
            started = time.perf_counter()
            call(session, rng)
            elapsed = (time.perf_counter() - started) * 1000
        if n >= 3:  # the first three warm the caches and the connections
            timings.append(elapsed)
    return timings


def report(engine: Engine, cases: dict[str, Callable], runs: int) -> None:
    print(f"\n{'view':<40}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}   ({runs} runs each)")
    slow, over = [], []
    for name, call in cases.items():
        timings = measure(engine, name, call, runs)
        p50, p95 = statistics.median(timings), inbox_queries.quantile(timings, 0.95)
        mark = "  > 1 s" if p95 > LIMIT_MS else "  > target" if p95 > TARGET_MS else ""
        print(f"{name:<40}{p50:9.1f}{p95:9.1f}{max(timings):9.1f}{mark}")
        (over if p95 > LIMIT_MS else slow if p95 > TARGET_MS else []).append(name)
    verdict = "all met" if not (slow or over) else f"over target: {', '.join(slow + over)}"
    print(f"target: p95 ≤ {TARGET_MS:.0f} ms (required ≤ {LIMIT_MS:.0f} ms); {verdict}")


def changed_after_watermark(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT count(*) FROM request WHERE updated_at > "
                "(SELECT watermark FROM stats_rollup_state)"
            )
        ).scalar_one()


def time_refresh(engine: Engine, changes: int) -> None:
    """A busy minute: `changes` recent requests touched, then one refresh."""
    now = clock.now()
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE request SET updated_at = :now WHERE id IN (SELECT id FROM request "
                "WHERE created_at > :since ORDER BY random() LIMIT :n)"
            ),
            {"now": now, "since": now - timedelta(days=60), "n": changes},
        )
    started = time.perf_counter()
    with transaction(engine) as session:
        refresh(session=session, now=clock.now())
    seconds = time.perf_counter() - started
    print(f"\nScheduler refresh after {changes} changed requests: {seconds * 1000:.0f} ms")
    print(f"Requests changed after the watermark (read live): {changed_after_watermark(engine)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--requests", type=int, default=1_000_000, help="when filling")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", help="only the views whose name contains this")
    parser.add_argument("--no-rebuild", action="store_true", help="keep the rollups as they are")
    parser.add_argument("--drop", action="store_true", help="drop the database afterwards")
    options = parser.parse_args()
    admin_url = os.environ.get(
        "MBS_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    now = clock.now()
    url = ensure_database(admin_url, options.database, options.requests, now)
    engine = make_engine(url)
    try:
        if not options.no_rebuild:
            build_rollups(engine, now)
        cases = scenarios(actors(engine), now)
        if options.only:
            cases = {name: call for name, call in cases.items() if options.only in name}
        print(
            f"Requests changed after the watermark (read live): {changed_after_watermark(engine)}"
        )
        report(engine, cases, options.runs)
        time_refresh(engine, 100)
        busy = {name: call for name, call in cases.items() if "3 years" in name or "live" in name}
        report(engine, busy, options.runs)
    finally:
        engine.dispose()
        if options.drop:
            admin = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.execute(
                    text(f'DROP DATABASE IF EXISTS "{options.database}" WITH (FORCE)')
                )
            admin.dispose()


if __name__ == "__main__":
    main()
