"""Web sessions: idle expiry, sliding, at most one write a minute, Çıkış, re-checks,
purging, and the login transaction that keeps refusals."""

from datetime import timedelta

import pytest
from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from mbs.core.auth import (
    LoginRefused,
    end_session,
    login_transaction,
    new_captcha,
    purge_expired,
    request_login_code,
    resolve_session,
)
from mbs.core.auth.sessions import open_session
from mbs.core.enums import EventKind, LoginAttemptKind
from mbs.core.errors import PermissionDenied, SessionExpired
from mbs.core.models import (
    CaptchaChallenge,
    Event,
    LoginAttempt,
    LoginCode,
    Muhtar,
    User,
    WebSession,
)
from tests.core.test_auth_common import (
    IP,
    START,
    TCKN,
    FakeClock,
    ask_code,
    auth_env,
    log_in_muhtar,
)
from tests.core.world import World, build_world


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return auth_env(monkeypatch)


@pytest.fixture
def world(session: Session, clock: FakeClock) -> World:
    return build_world(session)


def row_of(session: Session) -> WebSession:
    session.flush()
    return session.exec(select(WebSession)).one()


def test_a_session_ends_after_30_idle_minutes(
    session: Session, world: World, clock: FakeClock
) -> None:
    token = log_in_muhtar(session).token
    clock.advance(minutes=30)
    assert resolve_session(session=session, token=token) == world.muhtar
    clock.advance(minutes=30, seconds=1)
    with pytest.raises(SessionExpired) as raised:
        resolve_session(session=session, token=token)
    assert raised.value.message == "Oturumunuzun süresi doldu. Lütfen yeniden giriş yapın."


def test_activity_slides_the_expiry(session: Session, world: World, clock: FakeClock) -> None:
    token = log_in_muhtar(session).token
    for _ in range(6):  # an hour and a half of use, 15 minutes apart
        clock.advance(minutes=15)
        resolve_session(session=session, token=token)
    assert row_of(session).expires_at == clock.now + timedelta(minutes=30)


def test_last_seen_is_written_at_most_once_a_minute(
    session: Session, world: World, clock: FakeClock
) -> None:
    token = log_in_muhtar(session).token
    clock.advance(seconds=59)
    resolve_session(session=session, token=token)
    assert not session.dirty
    assert row_of(session).last_seen_at == START
    clock.advance(seconds=1)
    resolve_session(session=session, token=token)
    assert row_of(session).last_seen_at == START + timedelta(minutes=1)
    # The idle limit counts from the last write: 30 minutes after it, not after 0:59.
    clock.advance(minutes=30, seconds=1)
    with pytest.raises(SessionExpired):
        resolve_session(session=session, token=token)


def test_the_idle_limit_is_configurable(
    session: Session, world: World, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MBS_SESSION_IDLE_MINUTES", "5")
    token = log_in_muhtar(session).token
    clock.advance(minutes=5, seconds=1)
    with pytest.raises(SessionExpired):
        resolve_session(session=session, token=token)


@pytest.mark.parametrize("token", ["", None, "uydurma-bir-anahtar"])
def test_unknown_tokens_are_refused(session: Session, world: World, token: str | None) -> None:
    with pytest.raises(SessionExpired):
        resolve_session(session=session, token=token)


def test_logout_ends_the_session_and_is_audited(session: Session, world: World) -> None:
    token = log_in_muhtar(session).token
    assert end_session(session=session, token=token)
    with pytest.raises(SessionExpired):
        resolve_session(session=session, token=token)
    assert not end_session(session=session, token=token)
    session.flush()
    [event] = session.exec(select(Event).where(Event.kind == EventKind.LOGGED_OUT)).all()
    assert event.actor_muhtar_id == world.muhtar.muhtar_id
    assert event.data == {"channel": "muhtar"}


def test_a_disabled_staff_account_loses_its_session(session: Session, world: World) -> None:
    token = open_session(session, world.valilik, client_ip=IP).token
    assert resolve_session(session=session, token=token) == world.valilik
    user = session.get(User, world.valilik.user_id)
    assert user is not None
    user.is_active = False
    session.add(user)
    with pytest.raises(PermissionDenied):
        resolve_session(session=session, token=token)
    assert end_session(session=session, token=token)  # Çıkış still works


def test_a_muhtar_whose_term_ended_loses_the_session(
    session: Session, world: World, clock: FakeClock
) -> None:
    token = log_in_muhtar(session).token
    muhtar = session.get(Muhtar, world.muhtar.muhtar_id)
    assert muhtar is not None
    muhtar.term_end = START.date() - timedelta(days=1)
    session.add(muhtar)
    with pytest.raises(PermissionDenied):
        resolve_session(session=session, token=token)


def test_purge_deletes_only_what_nobody_can_use(
    session: Session, world: World, clock: FakeClock
) -> None:
    # At 0:00 a muhtar logs in and out (2 attempts, a used code) and a staff member
    # logs in and goes idle.
    end_session(session=session, token=log_in_muhtar(session).token)
    open_session(session, world.valilik, client_ip=IP)
    # At 0:31 a captcha is shown, another code is sent and a session opens.
    clock.advance(minutes=31)
    new_captcha(session=session)
    pending = ask_code(session, ip="198.51.100.9")
    open_session(session, world.belediye, client_ip=IP)

    counts = purge_expired(session=session, now=START + timedelta(minutes=32))
    assert counts == {
        "captcha_challenge": 0,
        "login_code": 1,  # the used one, expired at 0:03
        "web_session": 2,  # the ended one and the idle one
        "login_attempt": 0,
    }
    assert session.get(LoginCode, pending.login_id) is not None
    assert [row.user_id for row in session.exec(select(WebSession))] == [world.belediye.user_id]

    # A day and a minute later the 0:00 attempts go, the 0:31 one stays a little longer.
    counts = purge_expired(session=session, now=START + timedelta(days=1, minutes=1))
    assert counts == {
        "captcha_challenge": 1,
        "login_code": 1,
        "web_session": 1,
        "login_attempt": 2,
    }
    assert len(session.exec(select(LoginAttempt)).all()) == 1


def test_login_transaction_commits_a_refusal(engine: Engine, monkeypatch: pytest.MonkeyPatch):
    auth_env(monkeypatch)
    ip = "203.0.113.250"
    try:
        with pytest.raises(LoginRefused), login_transaction(engine) as session:
            challenge_id, _ = new_captcha(session=session)
            request_login_code(
                session=session,
                tckn=TCKN,
                full_name="Ayşe Yılmaz",
                captcha_id=challenge_id,
                captcha_answer="yanlış",
                client_ip=ip,
            )
        with Session(engine) as check:
            [attempt] = check.exec(select(LoginAttempt).where(LoginAttempt.client_ip == ip)).all()
            assert attempt.kind is LoginAttemptKind.CODE_REQUEST and not attempt.success
            assert check.get(CaptchaChallenge, challenge_id) is None
        with pytest.raises(RuntimeError), login_transaction(engine) as session:
            new_captcha(session=session)
            raise RuntimeError("any other error rolls back")
        with Session(engine) as check:
            assert check.exec(select(CaptchaChallenge)).all() == []
    finally:
        with Session(engine) as cleanup:
            cleanup.exec(delete(LoginAttempt).where(col(LoginAttempt.client_ip) == ip))
            cleanup.exec(delete(Event).where(col(Event.kind) == EventKind.LOGIN_CODE_REFUSED))
            cleanup.exec(delete(CaptchaChallenge))
            cleanup.commit()
