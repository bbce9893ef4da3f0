"""The leader's jobs: cleanups (the login tables' purge, and hooks added later), each in
a transaction of its own."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from mbs.core import clock
from mbs.core.db import make_engine, transaction
from mbs.core.models.auth import CaptchaChallenge
from mbs.core.scheduler import jobs
from tests.conftest import new_database


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with new_database(tmp_path_factory.mktemp("jobs")) as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


def test_cleanups_purge_expired_logins_and_survive_a_failing_hook(db, monkeypatch):
    monkeypatch.setattr(jobs, "_cleanup_hooks", dict(jobs._cleanup_hooks))
    now = clock.now()
    with transaction(db) as session:
        for name, expires in (
            ("eski", now - timedelta(minutes=1)),
            ("yeni", now + timedelta(minutes=5)),
        ):
            session.add(
                CaptchaChallenge(
                    id=name, answer_digest="x" * 64, created_at=now, expires_at=expires
                )
            )
    ran: list[str] = []

    def broken(session: Session) -> None:
        raise RuntimeError("bozuk temizlik")

    jobs.register_cleanup("broken", broken)
    jobs.register_cleanup("later", lambda session: ran.append("later"))
    jobs.run_cleanups(db)
    with Session(db) as session:
        assert list(session.exec(select(CaptchaChallenge.id))) == ["yeni"]
    assert ran == ["later"]
