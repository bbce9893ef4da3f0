"""Helpers shared by the tests of mbs.core.auth (this module holds no tests).

`auth_env` freezes the clock at `START` (advance it with `clock.advance(...)`), fixes
the server secret and makes every captcha read "ABCDE", so a test can solve it.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from mbs.core import clock as core_clock
from mbs.core.auth import (
    LoginCodeIssued,
    SessionIssued,
    new_captcha,
    request_login_code,
    verify_login_code,
)
from mbs.core.auth import captcha as captcha_module
from mbs.core.enums import SmsKind
from mbs.core.models import SmsMessage

START = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
IP = "198.51.100.7"
TCKN = "10000000146"  # the world's muhtar: Ayşe Yılmaz, 905550000101
OTHER_TCKN = "10000000078"  # the world's other muhtar, 905550000102
NAME = "Ayşe Yılmaz"
CAPTCHA_TEXT = "ABCDE"


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def auth_env(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    monkeypatch.setenv("MBS_SECRET_KEY", "k" * 40)
    monkeypatch.delenv("MBS_SESSION_IDLE_MINUTES", raising=False)
    monkeypatch.setattr(captcha_module, "random_text", lambda: CAPTCHA_TEXT)
    fake = FakeClock(START)
    # Through monkeypatch, so the real clock comes back after the test.
    monkeypatch.setattr(core_clock, "_now", fake)
    return fake


def solved_captcha(session: Session) -> tuple[str, str]:
    """A fresh captcha and its answer, typed the way a user might."""
    challenge_id, _png = new_captcha(session=session)
    return challenge_id, CAPTCHA_TEXT.lower()


def ask_code(
    session: Session, tckn: str = TCKN, name: str = NAME, ip: str = IP, captcha: bool = True
) -> LoginCodeIssued:
    """Onay Kodu Gönder with a solved (or, with captcha=False, a wrongly answered) captcha."""
    challenge_id, answer = solved_captcha(session)
    return request_login_code(
        session=session,
        tckn=tckn,
        full_name=name,
        captcha_id=challenge_id,
        captcha_answer=answer if captcha else "ZZZZZ",
        client_ip=ip,
    )


def last_code(session: Session) -> str:
    """The onay kodu of the newest OTP SMS in the outbox (as a developer reads it)."""
    body = session.exec(
        select(SmsMessage.body)
        .where(SmsMessage.kind == SmsKind.OTP)
        .order_by(col(SmsMessage.id).desc())
    ).first()
    assert body is not None
    match = re.search(r"\b(\d{6})\b", body)
    assert match is not None, body
    return match.group(1)


def log_in_muhtar(session: Session, ip: str = IP) -> SessionIssued:
    issued = ask_code(session, ip=ip)
    return verify_login_code(
        session=session, login_id=issued.login_id, code=last_code(session), client_ip=ip
    )


def wrong_code(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"
