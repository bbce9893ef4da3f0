"""Exactly one scheduler leads: two runners in one test, a leader that stops or dies is
replaced. On SQLite the lock is a file lock, on PostgreSQL an advisory lock."""

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from mbs.core.db import make_engine
from mbs.core.scheduler.jobs import Job
from mbs.core.scheduler.leader import FileLock, PostgresAdvisoryLock, leader_lock
from mbs.core.scheduler.runner import SchedulerRunner
from tests.conftest import new_database

HOLD_LOCK = """
import sys, time
from mbs.core.scheduler.leader import leader_lock
lock = leader_lock(sys.argv[1])
assert lock.try_acquire()
print("locked", flush=True)
time.sleep(120)
"""


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with new_database(tmp_path_factory.mktemp("leader")) as database_url:
        yield database_url


def wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def runner(url: str, name: str, runs: list[str]) -> SchedulerRunner:
    job = Job("count", 0.05, lambda: runs.append(name))
    return SchedulerRunner(leader_lock(url), [job], retry_seconds=0.1, check_seconds=0.1)


def test_of_two_runners_one_leads_and_the_other_takes_over_when_it_stops(url):
    runs: list[str] = []
    first, second = runner(url, "first", runs), runner(url, "second", runs)
    first.start()
    assert first.leading.wait(10)
    second.start()
    try:
        assert wait_for(lambda: bool(runs))
        time.sleep(0.6)  # the second tries the lock several times meanwhile
        assert not second.leading.is_set()
        assert runs and set(runs) == {"first"}
        first.stop()
        assert not first.leading.is_set()
        assert second.leading.wait(10)
        assert wait_for(lambda: "second" in runs)
        ran_before = len(runs)
        time.sleep(0.3)
        assert "first" not in runs[ran_before:]
    finally:
        first.stop()
        second.stop()


def test_a_dead_leader_is_replaced(url):
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, url],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    lock = leader_lock(url)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == b"locked"
        assert not lock.try_acquire()
        os.kill(child.pid, signal.SIGKILL)  # no chance to unlock: the OS or server must
        child.wait(10)
        assert wait_for(lock.try_acquire)
        assert lock.still_held()
    finally:
        lock.release()
        if child.poll() is None:
            child.kill()


def test_a_deleted_lock_file_ends_the_leadership(tmp_path):
    lock = FileLock(tmp_path / "mbs.db.scheduler.lock")
    assert lock.try_acquire() and lock.still_held()
    assert not FileLock(lock.path).try_acquire()
    lock.path.unlink()  # now a second process could lock a new file at this path
    assert not lock.still_held()
    assert FileLock(lock.path).try_acquire()


def test_a_leader_whose_database_session_ends_stands_down(url):
    if not url.startswith("postgresql"):
        pytest.skip("the advisory lock exists on PostgreSQL only")
    lock = leader_lock(url)
    assert isinstance(lock, PostgresAdvisoryLock) and lock.try_acquire()
    admin = make_engine(url)
    with admin.connect() as connection:
        connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'mbs-scheduler' AND datname = current_database()"
            )
        )
    admin.dispose()
    assert wait_for(lambda: not lock.still_held())
    assert wait_for(lock.try_acquire)  # the lock is free again for whoever asks
    lock.release()


def test_runners_stop_cleanly_from_another_thread(url):
    runs: list[str] = []
    only = runner(url, "only", runs)
    thread = threading.Thread(target=only.run)
    thread.start()
    assert only.leading.wait(10)
    only.request_stop()
    thread.join(10)
    assert not thread.is_alive() and not only.leading.is_set()
    after = leader_lock(url)
    assert after.try_acquire()  # released on the way out
    after.release()
