"""How fast the SMS outbox drains: 100,000 queued messages through a local fake Netgsm
that takes 50 ms per request, in a fresh database.

    .venv/bin/python bench/sms_outbox.py                 # SQLite (a temporary file)
    .venv/bin/python bench/sms_outbox.py --postgres      # PostgreSQL
    .venv/bin/python bench/sms_outbox.py --batch-size 1 --concurrency 16

PostgreSQL: a database with a random name, created from MBS_BENCH_POSTGRES_URL (default
postgresql+psycopg://postgres@127.0.0.1:5432/test) and dropped afterwards. The sender's
settings come from the environment (MBS_SMS_RATE_PER_SECOND is respected), the options
override batch size and concurrency. The gateway runs in a process of its own, so the
peak memory printed is the sender's alone. Target: ≥ 200 messages/s.
"""

import argparse
import asyncio
import multiprocessing
import os
import resource
import secrets
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for the fake gateway in tests/fakes

from mbs.core import migrations  # noqa: E402
from mbs.core.db import make_engine  # noqa: E402
from mbs.core.enums import SmsKind, SmsStatus  # noqa: E402
from mbs.core.models import SmsMessage  # noqa: E402
from mbs.core.sms.config import sender_settings  # noqa: E402
from mbs.core.sms.providers import NetgsmProvider  # noqa: E402
from mbs.core.sms.sender import drain  # noqa: E402

TARGET = 200.0
sms = SmsMessage.__table__  # type: ignore[attr-defined]


def gateway(latency: float, ready: Any, stop: Any, result: Any) -> None:
    from tests.fakes.netgsm import FakeNetgsm

    with FakeNetgsm(latency=latency) as fake:
        ready.put((fake.url, fake.usercode, fake.password, fake.header))
        stop.wait()
        bodies = fake.bodies()
        result.put((len(bodies), len(set(bodies)), len(fake.send_requests)))


def queue_messages(engine: Engine, count: int) -> float:
    started = time.perf_counter()
    now = datetime.now(UTC)
    with engine.begin() as connection:
        for first in range(0, count, 5000):
            connection.execute(
                insert(sms),
                [
                    {
                        "idempotency_key": secrets.token_hex(16),
                        "kind": SmsKind.NOTIFICATION,
                        "phone": f"9053{n:08d}",
                        "body": f"MBS: 2026-{n:06d} numaralı başvurunuz yönlendirildi.",
                        "status": SmsStatus.PENDING,
                        "attempts": 0,
                        "created_at": now,
                        "next_attempt_at": now,
                    }
                    for n in range(first, min(first + 5000, count))
                ],
            )
    return time.perf_counter() - started


def measure(label: str, url: str, options: argparse.Namespace) -> None:
    migrations.upgrade(url)
    engine = make_engine(url)
    context = multiprocessing.get_context("fork")
    ready, result, stop = context.Queue(), context.Queue(), context.Event()
    server = context.Process(target=gateway, args=(options.latency, ready, stop, result))
    server.start()
    try:
        base_url, usercode, password, header = ready.get(timeout=30)
        provider = NetgsmProvider(usercode, password, header, base_url=base_url)
        settings = sender_settings()
        if options.batch_size:
            settings = replace(settings, batch_size=options.batch_size)
        if options.concurrency:
            settings = replace(settings, concurrency=options.concurrency)
        queued_in = queue_messages(engine, options.count)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        tally = asyncio.run(drain(engine, provider, settings))
        seconds = time.perf_counter() - started
        rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        stop.set()
        received, distinct, requests = result.get(timeout=60)
        with engine.connect() as connection:
            sent = connection.execute(
                select(func.count()).select_from(sms).where(sms.c.status == SmsStatus.SENT)
            ).scalar_one()
    finally:
        stop.set()
        server.join(30)
        engine.dispose()
    rate = tally.sent / seconds if seconds else 0.0
    limit = f"{settings.rate_per_second:g}/s" if settings.rate_per_second else "none"
    print(
        f"{label:<10} queued {options.count} in {queued_in:.1f} s; batch "
        f"{min(settings.effective_batch_size, provider.max_batch)}, concurrency "
        f"{settings.concurrency}, rate limit {limit}, gateway latency "
        f"{options.latency * 1000:.0f} ms"
    )
    print(
        f"{label:<10} sent {tally.sent} in {seconds:.1f} s = {rate:,.0f} messages/s "
        f"({requests} requests; target ≥ {TARGET:.0f}/s)"
    )
    print(
        f"{label:<10} gateway received {received} messages, {distinct} distinct; "
        f"rows sent {sent}; peak RSS {rss_peak / 1024:.0f} MB "
        f"({rss_before / 1024:.0f} MB before draining)"
    )


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    name = f"mbs_bench_{secrets.token_hex(4)}"
    admin = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--latency", type=float, default=0.05, help="gateway seconds/request")
    parser.add_argument("--batch-size", type=int, help="messages per request")
    parser.add_argument("--concurrency", type=int, help="requests in flight")
    options = parser.parse_args()
    if options.postgres:
        admin_url = os.environ.get(
            "MBS_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        )
        with postgres_database(admin_url) as url:
            measure("PostgreSQL", url, options)
    else:
        with tempfile.TemporaryDirectory() as folder:
            measure("SQLite", f"sqlite:///{Path(folder) / 'bench.db'}", options)


if __name__ == "__main__":
    main()
