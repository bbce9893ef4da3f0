"""Staff login (Oturum Aç): user name and password, with a 15-minute lock after 5
consecutive failures.

Nothing in the answer reveals whether a user name exists: an unknown name gets the same
message, costs the same argon2 verification (against a dummy hash), and locks the same
way, counted from login_attempt rows instead of the account's own counter. A disabled
account gets the same message too.
"""

from datetime import datetime, timedelta
from functools import cache
from typing import NoReturn

from sqlmodel import Session, col, func, select

from mbs.core import clock
from mbs.core.actors import StaffActor, staff_actor
from mbs.core.auth.audit import login_event
from mbs.core.auth.digests import keyed_digest
from mbs.core.auth.limits import ip_wait, record_attempt
from mbs.core.auth.refusals import LoginRefused, TooManyAttempts, minutes_text
from mbs.core.auth.sessions import SessionIssued, open_session
from mbs.core.enums import EventKind, LoginAttemptKind
from mbs.core.errors import PermissionDenied
from mbs.core.models import LoginAttempt, User
from mbs.core.security.passwords import hash_password, needs_rehash, verify_password

LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
WRONG = "Kullanıcı adı veya parola hatalı."
LOCKED = "Hesabınız çok sayıda hatalı deneme nedeniyle 15 dakika kilitlendi."


@cache
def _dummy_hash() -> str:
    return hash_password("dummy password for unknown user names")


def staff_login(*, session: Session, username: str, password: str, client_ip: str) -> SessionIssued:
    """Oturum Aç: check the password of an active account and open a staff session.
    Refusals raise LoginRefused; run in `login_transaction()` so they are counted."""
    name = username.strip().lower()
    digest = keyed_digest("staff", name)
    now = clock.now()
    wait = ip_wait(session, client_ip, code_request=False)
    if wait is not None:
        login_event(
            session,
            EventKind.LOGIN_FAILED,
            {"channel": "staff"},
            client_ip=client_ip,
            reason="ip_limit",
        )
        raise TooManyAttempts(wait)
    # FOR UPDATE (PostgreSQL): parallel guesses queue up behind the failure counter.
    user = session.exec(select(User).where(User.username == name).with_for_update()).first()
    # The name goes to the log only when it is an account's: a password typed into the
    # user name field must not end up in the audit log.
    trace = {"channel": "staff", "username": user.username if user else None}

    def refuse(reason: str, message: str) -> NoReturn:
        login_event(session, EventKind.LOGIN_FAILED, trace, client_ip=client_ip, reason=reason)
        raise LoginRefused(message)

    locked_until = _locked_until(session, user, digest, now)
    if locked_until is not None:
        refuse("locked", _locked_message(locked_until - now))

    matches = verify_password(password, user.password_hash if user else _dummy_hash())
    actor = _active_actor(session, user) if matches and user else None
    if actor is None or user is None:
        record_attempt(
            session,
            LoginAttemptKind.STAFF_PASSWORD,
            client_ip=client_ip,
            success=False,
            subject_digest=digest,
        )
        failures = _count_failure(session, user, digest)
        if failures < LOCK_AFTER:
            refuse("disabled" if matches and user else "wrong_password", WRONG)
        record_attempt(
            session,
            LoginAttemptKind.STAFF_LOCK,
            client_ip=client_ip,
            success=False,
            subject_digest=digest,
        )
        if user is not None:
            user.failed_logins = 0
            user.locked_until = now + LOCK_FOR
            session.add(user)
        login_event(session, EventKind.ACCOUNT_LOCKED, trace, client_ip=client_ip)
        refuse("wrong_password", _locked_message(LOCK_FOR))

    user.failed_logins = 0
    user.locked_until = None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    session.add(user)
    record_attempt(
        session,
        LoginAttemptKind.STAFF_PASSWORD,
        client_ip=client_ip,
        success=True,
        subject_digest=digest,
    )
    login_event(session, EventKind.LOGIN_SUCCEEDED, trace, client_ip=client_ip, actor=actor)
    return open_session(session, actor, client_ip=client_ip)


def _locked_message(wait: timedelta) -> str:
    return f"{LOCKED} Lütfen {minutes_text(wait)} sonra yeniden deneyin."


def _active_actor(session: Session, user: User) -> StaffActor | None:
    assert user.id is not None
    try:
        return staff_actor(session, user.id)
    except PermissionDenied:
        return None


def _last_lock(session: Session, digest: str) -> datetime | None:
    return session.exec(
        select(func.max(LoginAttempt.created_at)).where(
            LoginAttempt.subject_digest == digest,
            LoginAttempt.kind == LoginAttemptKind.STAFF_LOCK,
        )
    ).one()


def _locked_until(
    session: Session, user: User | None, digest: str, now: datetime
) -> datetime | None:
    if user is not None:
        # The account's own field rules, so an administrator's password reset unlocks.
        return user.locked_until if user.locked_until and user.locked_until > now else None
    last_lock = _last_lock(session, digest)
    return last_lock + LOCK_FOR if last_lock and last_lock + LOCK_FOR > now else None


def _count_failure(session: Session, user: User | None, digest: str) -> int:
    """Add this failure to the consecutive count and return the count."""
    if user is not None:
        user.failed_logins += 1
        session.add(user)
        return user.failed_logins
    session.flush()
    query = select(func.count()).where(
        LoginAttempt.subject_digest == digest,
        LoginAttempt.kind == LoginAttemptKind.STAFF_PASSWORD,
        col(LoginAttempt.success).is_(False),
    )
    last_lock = _last_lock(session, digest)
    if last_lock is not None:
        query = query.where(col(LoginAttempt.created_at) > last_lock)
    return session.exec(query).one()
