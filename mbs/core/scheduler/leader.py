"""The leader lock: exactly one scheduler per database, however many web workers and
hosts run (Reflex starts lifespan tasks in every worker).

* PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`) held on a
  dedicated connection outside the pool. It belongs to that connection, so when the
  process dies the server ends the session and the lock is free again. TCP keepalives
  make a vanished host's session end within about a minute; the leader checks every few
  seconds that its connection still holds the lock and stands down if not.
* SQLite (one host, development): `fcntl.flock` on a lock file next to the database
  file (MBS_SCHEDULER_LOCK_FILE overrides). The kernel drops the lock when the process
  dies. Deleting the lock file would let a second leader in, so the holder also checks
  that the path still names the file it locked.
"""

import contextlib
import fcntl
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

# One 64-bit key for "the MBS scheduler"; advisory locks are per database already.
ADVISORY_KEY = int.from_bytes(hashlib.sha256(b"mbs.scheduler").digest()[:8], "big", signed=True)


class LeaderLock(Protocol):
    description: str

    def try_acquire(self) -> bool: ...

    def still_held(self) -> bool: ...

    def release(self) -> None: ...


class PostgresAdvisoryLock:
    def __init__(self, url: str, key: int = ADVISORY_KEY) -> None:
        self._engine = create_engine(
            url,
            poolclass=NullPool,
            connect_args={
                "keepalives": 1,
                "keepalives_idle": 30,
                "keepalives_interval": 10,
                "keepalives_count": 3,
                "application_name": "mbs-scheduler",
            },
        )
        self._key = key
        self._connection: Connection | None = None
        self.description = f"PostgreSQL advisory lock {key}"

    def try_acquire(self) -> bool:
        if self._connection is not None:
            return self.still_held()
        try:
            connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        except SQLAlchemyError:
            return False
        try:
            got = connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}
            ).scalar()
        except SQLAlchemyError:
            got = False
        if not got:
            connection.close()  # followers hold no connection while they wait
            return False
        self._connection = connection
        return True

    def still_held(self) -> bool:
        if self._connection is None:
            return False
        try:
            held = self._connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND pid = pg_backend_pid() AND granted"
                )
            ).scalar()
        except SQLAlchemyError:
            held = 0
        if not held:
            self._drop()
        return bool(held)

    def release(self) -> None:
        if self._connection is None:
            return
        # Closing the connection (in _drop) releases the lock even if unlocking fails.
        with contextlib.suppress(SQLAlchemyError):
            self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self._key})
        self._drop()

    def _drop(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(SQLAlchemyError):
                self._connection.close()
            self._connection = None


class FileLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.description = f"lock file {path}"

    def try_acquire(self) -> bool:
        if self._fd is not None:
            return self.still_held()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())  # for the operator's eyes only
        self._fd = fd
        return True

    def still_held(self) -> bool:
        if self._fd is None:
            return False
        try:
            same = os.stat(self.path).st_ino == os.fstat(self._fd).st_ino
        except OSError:
            same = False
        if not same:
            self.release()
        return same

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


def leader_lock(url: str) -> LeaderLock:
    """The lock that fits the database at `url`."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        return PostgresAdvisoryLock(url)
    return FileLock(lock_file_path(url))


def lock_file_path(url: str) -> Path:
    explicit = os.environ.get("MBS_SCHEDULER_LOCK_FILE", "").strip()
    if explicit:
        return Path(explicit)
    database = make_url(url).database
    if not database or database == ":memory:":
        return Path(tempfile.gettempdir()) / "mbs-scheduler.lock"
    path = Path(database).resolve()
    return path.with_name(path.name + ".scheduler.lock")
