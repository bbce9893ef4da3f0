"""Rate limits of the login, counted in the login_attempt table over sliding windows."""

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from mbs.core import clock
from mbs.core.enums import LoginAttemptKind
from mbs.core.models import LoginAttempt
from mbs.core.models.auth import IP_LENGTH

WINDOW = timedelta(hours=1)
IP_MAX_FAILURES = 30  # failed captchas, mismatches, codes and passwords, per hour
IP_MAX_CODE_REQUESTS = 20  # Onay Kodu Gönder presses, per hour
TCKN_MAX_CODES = 5  # codes sent for one TCKN, per hour
RESEND_AFTER = timedelta(seconds=60)

_FAILURE_KINDS = (
    LoginAttemptKind.CODE_REQUEST,
    LoginAttemptKind.CODE_VERIFY,
    LoginAttemptKind.STAFF_PASSWORD,
)
_REQUEST_KINDS = (LoginAttemptKind.CODE_REQUEST, LoginAttemptKind.CODE_THROTTLED)


def clean_ip(client_ip: str) -> str:
    """The address as stored: trimmed to the column (it may come from a header)."""
    return (client_ip or "?").strip()[:IP_LENGTH]


def record_attempt(
    session: Session,
    kind: LoginAttemptKind,
    *,
    client_ip: str,
    success: bool,
    subject_digest: str | None = None,
) -> None:
    session.add(
        LoginAttempt(
            created_at=clock.now(),
            client_ip=clean_ip(client_ip),
            subject_digest=subject_digest,
            kind=kind,
            success=success,
        )
    )


def ip_wait(session: Session, client_ip: str, *, code_request: bool) -> timedelta | None:
    """How long `client_ip` must wait, or None if it may try now. Failures count for
    every step; presses of Onay Kodu Gönder count only when `code_request`."""
    ip = clean_ip(client_ip)
    waits = [
        _window_wait(
            session,
            IP_MAX_FAILURES,
            col(LoginAttempt.client_ip) == ip,
            col(LoginAttempt.kind).in_(_FAILURE_KINDS),
            col(LoginAttempt.success).is_(False),
        )
    ]
    if code_request:
        waits.append(
            _window_wait(
                session,
                IP_MAX_CODE_REQUESTS,
                col(LoginAttempt.client_ip) == ip,
                col(LoginAttempt.kind).in_(_REQUEST_KINDS),
            )
        )
    return max((wait for wait in waits if wait is not None), default=None)


def tckn_code_wait(session: Session, subject_digest: str) -> tuple[timedelta | None, bool]:
    """(wait, hourly) before another code may be sent for this TCKN: the 60-second
    resend pause (hourly False) or the hourly cap (hourly True); (None, False) if free."""
    sent: list[ColumnElement[bool]] = [
        col(LoginAttempt.subject_digest) == subject_digest,
        col(LoginAttempt.kind) == LoginAttemptKind.CODE_REQUEST,
        col(LoginAttempt.success).is_(True),
    ]
    hourly = _window_wait(session, TCKN_MAX_CODES, *sent)
    if hourly is not None:
        return hourly, True
    last = session.exec(
        select(LoginAttempt.created_at).where(*sent).order_by(col(LoginAttempt.created_at).desc())
    ).first()
    if last is not None and clock.now() - last < RESEND_AFTER:
        return last + RESEND_AFTER - clock.now(), False
    return None, False


def _window_wait(
    session: Session, limit: int, *conditions: ColumnElement[bool]
) -> timedelta | None:
    """None while fewer than `limit` rows match within WINDOW; otherwise the time until
    enough of them have aged out of it."""
    now = clock.now()
    times: list[datetime] = list(
        session.exec(
            select(LoginAttempt.created_at)
            .where(col(LoginAttempt.created_at) > now - WINDOW, *conditions)
            .order_by(col(LoginAttempt.created_at))
        )
    )
    if len(times) < limit:
        return None
    return times[len(times) - limit] + WINDOW - now
