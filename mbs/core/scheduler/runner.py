"""Runs the jobs on the leader only.

Every process that wants to (each Reflex backend worker through a lifespan task, or the
`mbs scheduler` command) starts a `SchedulerRunner`. It tries the leader lock
(mbs/core/scheduler/leader.py) every few seconds; the one that holds it starts an
APScheduler 3 BackgroundScheduler with the jobs, checks that it still holds the lock, and
stops the jobs the moment it does not. When the leader stops or dies, another runner
takes over within `retry_seconds`.

Even a short overlap of two leaders (a partitioned host whose PostgreSQL session ended)
cannot send an SMS twice: the outbox sender claims rows in the database
(mbs/core/sms/sender.py). The lock is about doing the work once, not about correctness.
"""

import asyncio
import logging
import os
import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine

from mbs.core.db import database_url, get_engine
from mbs.core.mail.config import mail_settings, smtp_settings
from mbs.core.mail.sender import transport_from_env
from mbs.core.mail.transport import MailTransport
from mbs.core.scheduler.jobs import Job, default_jobs, mail_jobs
from mbs.core.scheduler.leader import LeaderLock, leader_lock
from mbs.core.settings import is_production
from mbs.core.sms.config import sender_settings
from mbs.core.sms.providers import provider_from_env

log = logging.getLogger("mbs.scheduler")


class SchedulerRunner:
    def __init__(
        self,
        lock: LeaderLock,
        jobs: Sequence[Job],
        *,
        retry_seconds: float = 10.0,
        check_seconds: float = 5.0,
    ) -> None:
        self.lock = lock
        self.jobs = list(jobs)
        self.retry_seconds = retry_seconds
        self.check_seconds = check_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._scheduler: BackgroundScheduler | None = None
        self.leading = threading.Event()  # set while this runner runs the jobs

    def run(self) -> None:
        """Elect and run until `stop()` (the `mbs scheduler` command's foreground)."""
        try:
            while not self._stop.is_set():
                if self._scheduler is None:
                    if self.lock.try_acquire():
                        self._lead()
                    else:
                        self._stop.wait(self.retry_seconds)
                        continue
                elif not self.lock.still_held():
                    log.warning("Zamanlayıcı liderliği kaybedildi (%s).", self.lock.description)
                    self._stand_down(wait=False)
                    continue
                self._stop.wait(self.check_seconds)
        finally:
            self._stand_down(wait=True)
            self.lock.release()

    def start(self) -> "SchedulerRunner":
        """Run in a daemon thread (a web worker's lifespan task)."""
        self._thread = threading.Thread(target=self.run, name="mbs-scheduler", daemon=True)
        self._thread.start()
        return self

    def request_stop(self) -> None:
        """Ask `run()` to stand down and return (safe from a signal handler)."""
        self._stop.set()

    def stop(self, timeout: float | None = 30.0) -> None:
        """Stop and wait for the thread `start()` began; the lock is released."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _lead(self) -> None:
        scheduler = BackgroundScheduler(timezone=UTC)
        for job in self.jobs:
            scheduler.add_job(
                job.run,
                "interval",
                seconds=job.every_seconds,
                id=job.name,
                name=job.name,
                max_instances=1,  # a slow round is never doubled
                coalesce=True,
                misfire_grace_time=None,
                next_run_time=datetime.now(UTC),
            )
        scheduler.start()
        self._scheduler = scheduler
        self.leading.set()
        log.info("Zamanlayıcı lider olarak başladı (%s).", self.lock.description)

    def _stand_down(self, *, wait: bool) -> None:
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=wait)
            self._scheduler = None
        self.leading.clear()


def runner_from_env(engine: Engine | None = None, url: str | None = None) -> SchedulerRunner:
    """The runner for this deployment: the database, provider, SMS and e-mail settings
    from the environment. Raises ValidationError for a bad SMS or SMTP configuration
    before starting."""
    url = url or database_url()
    engine = engine or get_engine()
    settings = sender_settings()
    provider = provider_from_env()
    jobs = default_jobs(engine, provider, settings) + mail_jobs(
        engine, mail_transport_from_env(), mail_settings()
    )
    return SchedulerRunner(leader_lock(url), jobs)


def mail_transport_from_env() -> MailTransport | None:
    """SMTP, or the development console; None in production without MBS_SMTP_HOST,
    so nothing is marked sent that no server took."""
    if smtp_settings() is None and is_production():
        log.warning("MBS_SMTP_HOST ayarlı değil: e-postalar kuyrukta bekleyecek.")
        return None
    return transport_from_env()


@asynccontextmanager
async def app_lifespan() -> AsyncIterator[None]:
    """For the web app's lifespan (Reflex runs it in every backend worker; the leader
    lock keeps the jobs to one). MBS_SCHEDULER_IN_APP=0 leaves the jobs to a separate
    `mbs scheduler` process."""
    if os.environ.get("MBS_SCHEDULER_IN_APP", "1").strip() == "0":
        yield
        return
    runner = runner_from_env().start()
    try:
        yield
    finally:
        await asyncio.to_thread(runner.stop)
