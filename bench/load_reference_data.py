"""How long `mbs data load` takes into a fresh database, and a second (idempotent) time.

    .venv/bin/python bench/load_reference_data.py

SQLite: a temporary file. PostgreSQL: a database with a random name, created from
MBS_BENCH_POSTGRES_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test)
and dropped afterwards; skipped with a message when the server cannot be reached.
"""

import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from mbs.core import migrations
from mbs.core.db import make_engine, transaction
from mbs.core.refdata import load_reference_data

TARGETS = {"SQLite": 20.0, "PostgreSQL": 10.0}  # seconds for the first load


def measure(label: str, url: str) -> None:
    migrations.upgrade(url)
    engine = make_engine(url)
    try:
        for attempt in ("first load", "second load"):
            started = time.perf_counter()
            with transaction(engine) as session:
                report = load_reference_data(session=session)
            seconds = time.perf_counter() - started
            rows = sum(report.inserted.values()) + sum(report.updated.values())
            print(f"{label:<11} {attempt:<12} {seconds:6.2f} s  ({rows} rows written)")
        print(f"{label:<11} target       ≤ {TARGETS[label]:.0f} s for the first load")
    finally:
        engine.dispose()


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
    with tempfile.TemporaryDirectory() as folder:
        measure("SQLite", f"sqlite:///{Path(folder) / 'bench.db'}")
    admin_url = os.environ.get(
        "MBS_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    try:
        with postgres_database(admin_url) as url:
            measure("PostgreSQL", url)
    except OperationalError as error:
        reason = str(error.orig or error).splitlines()[0]
        print(f"PostgreSQL  skipped: {reason}")


if __name__ == "__main__":
    main()
