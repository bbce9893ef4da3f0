"""Engine and sessions, from MBS_DATABASE_URL (default: a SQLite file in the working
directory). The CLI, the app and Alembic all use this."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

DEFAULT_DATABASE_URL = "sqlite:///mbs.db"


def database_url() -> str:
    return os.environ.get("MBS_DATABASE_URL") or DEFAULT_DATABASE_URL


def make_engine(url: str) -> Engine:
    """An engine with the settings MBS relies on for `url`."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@cache
def get_engine() -> Engine:
    return make_engine(database_url())


@contextmanager
def transaction(engine: Engine | None = None) -> Iterator[Session]:
    """One user action: a session that commits once at the end, or rolls back on error."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
