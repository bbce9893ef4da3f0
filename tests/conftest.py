"""Test databases: SQLite by default; PostgreSQL when MBS_TEST_DATABASE_URL is set.

Each test run creates its own database (a temporary SQLite file, or a PostgreSQL
database with a random name that is dropped at the end), migrated with Alembic, so
runs never see each other's data. Each test gets a session whose work is rolled back.
"""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from mbs.core import migrations
from mbs.core.db import make_engine


def _create_postgres_database(admin_url: str) -> tuple[str, str]:
    name = f"mbs_test_{secrets.token_hex(4)}"
    admin = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    return name, url


def _drop_postgres_database(admin_url: str, name: str) -> None:
    admin = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@contextmanager
def new_database(tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database (PostgreSQL if MBS_TEST_DATABASE_URL is set), dropped
    afterwards."""
    admin_url = os.environ.get("MBS_TEST_DATABASE_URL")
    if admin_url:
        name, url = _create_postgres_database(admin_url)
        try:
            migrations.upgrade(url)
            yield url
        finally:
            _drop_postgres_database(admin_url, name)
    else:
        url = f"sqlite:///{tmp_path / 'mbs-test.db'}"
        migrations.upgrade(url)
        yield url


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh, migrated database for this test run."""
    with new_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose changes are rolled back after the test (core never commits)."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
    finally:
        session.rollback()
        session.close()
