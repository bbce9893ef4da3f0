"""Helpers for tests that run the SMS outbox sender against a database of their own."""

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from mbs.core.db import make_engine, transaction
from mbs.core.enums import SmsKind
from mbs.core.models import SmsMessage
from mbs.core.notifications import queue_sms
from mbs.core.sms.config import SenderSettings
from tests.conftest import new_database

_numbers = itertools.count(1)


@contextmanager
def outbox_engine(folder: Path) -> Iterator[Engine]:
    """A fresh migrated database (PostgreSQL when MBS_TEST_DATABASE_URL is set)."""
    with new_database(folder) as url:
        engine = make_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


def clear(engine: Engine) -> None:
    with transaction(engine) as session:
        session.exec(delete(SmsMessage))  # type: ignore[call-overload]


def phone() -> str:
    return f"90532{next(_numbers):07d}"


def queue(
    engine: Engine,
    count: int = 1,
    *,
    kind: SmsKind = SmsKind.NOTIFICATION,
    expires_in: timedelta | None = None,
    to: str | None = None,
    text: str = "MBS: 2026-000123 numaralı başvurunuz alındı.",
) -> list[int]:
    """Queue `count` messages (each with its own number and a unique text), committed."""
    with transaction(engine) as session:
        rows = [
            queue_sms(
                session,
                phone=to or phone(),
                body=f"{text} #{n}",
                kind=kind,
                expires_in=expires_in,
            )
            for n in range(count)
        ]
        session.flush()
        return [row.id for row in rows if row.id is not None]


def rows(engine: Engine) -> list[SmsMessage]:
    with Session(engine) as session:
        return list(session.exec(select(SmsMessage).order_by(col(SmsMessage.id))))


def row(engine: Engine, row_id: int) -> SmsMessage:
    with Session(engine) as session:
        found = session.get(SmsMessage, row_id)
        assert found is not None
        return found


def settings(**overrides: Any) -> SenderSettings:
    """Sender settings with short timeouts, so planned timeouts take a fraction of a
    second."""
    values: dict[str, Any] = {
        "read_timeout": 1.0,
        "connect_timeout": 2.0,
        "batch_size": 10,
        "concurrency": 4,
        **overrides,
    }
    return SenderSettings(**values)
