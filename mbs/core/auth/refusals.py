"""Refused login steps, and the transaction that keeps their bookkeeping.

A refused step must still leave its traces: the attempt row the rate limits count, the
consumed captcha, the spent try of an onay kodu, the audit event. `db.transaction()`
rolls everything back on an error, so the login screens run each step in
`login_transaction()`, which commits when the step ends in a `LoginRefused`.
"""

import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from mbs.core.db import get_engine
from mbs.core.errors import ValidationError


class LoginRefused(ValidationError):
    """A login step refused after its bookkeeping was written (commit, then show)."""


class TooManyAttempts(LoginRefused):
    """A rate limit or lock; `wait` is how long until the next attempt may succeed."""

    def __init__(self, wait: timedelta) -> None:
        super().__init__(
            f"Çok fazla deneme yaptınız. Lütfen {minutes_text(wait)} sonra yeniden deneyin."
        )
        self.wait = wait


def minutes_text(wait: timedelta) -> str:
    """ "3 dakika", rounded up and at least one minute."""
    return f"{max(1, math.ceil(wait.total_seconds() / 60))} dakika"


@contextmanager
def login_transaction(engine: Engine | None = None) -> Iterator[Session]:
    """Like `db.transaction()`, but a `LoginRefused` commits before it propagates."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except LoginRefused:
            session.commit()
            raise
        except BaseException:
            session.rollback()
            raise
