"""Every login step leaves an audit event, and no event or attempt row holds a full
TCKN, an onay kodu, a token or a password."""

import json

import pytest
from sqlmodel import Session, col, select

from mbs.core.auth import LoginRefused, end_session, staff_login, verify_login_code
from mbs.core.enums import EventKind
from mbs.core.models import Event, LoginAttempt, User
from mbs.core.security.passwords import hash_password
from tests.core.test_auth_common import (
    IP,
    OTHER_TCKN,
    TCKN,
    FakeClock,
    ask_code,
    auth_env,
    last_code,
    wrong_code,
)
from tests.core.world import World, build_world

PASSWORD = "Doğru.Parola.2026"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return auth_env(monkeypatch)


@pytest.fixture
def world(session: Session, clock: FakeClock) -> World:
    return build_world(session)


def refused(step: object, *args: object, **kwargs: object) -> None:
    with pytest.raises(LoginRefused):
        step(*args, **kwargs)  # type: ignore[operator]


def login_events(session: Session) -> list[Event]:
    session.flush()
    kinds = [kind for kind in EventKind if kind.value.startswith(("login", "logged", "account"))]
    return list(
        session.exec(select(Event).where(col(Event.kind).in_(kinds)).order_by(col(Event.id)))
    )


def test_each_step_is_audited_with_masked_data_only(
    session: Session, world: World, clock: FakeClock
) -> None:
    refused(ask_code, session, captcha=False)
    refused(ask_code, session, tckn="10000000147")
    refused(ask_code, session, tckn=OTHER_TCKN, name="Ayşe Kaya")
    issued = ask_code(session)
    code = last_code(session)
    refused(ask_code, session)  # within 60 s
    refused(
        verify_login_code,
        session=session,
        login_id=issued.login_id,
        code=wrong_code(code),
        client_ip=IP,
    )
    opened = verify_login_code(session=session, login_id=issued.login_id, code=code, client_ip=IP)
    end_session(session=session, token=opened.token)

    user = session.get(User, world.valilik.user_id)
    assert user is not None
    user.password_hash = hash_password(PASSWORD)
    session.add(user)
    for _ in range(5):
        refused(staff_login, session=session, username="w.valilik", password="yanlis", client_ip=IP)
    refused(staff_login, session=session, username=PASSWORD, password="x", client_ip=IP)
    clock.advance(minutes=15)
    staff = staff_login(session=session, username="w.valilik", password=PASSWORD, client_ip=IP)

    events = login_events(session)
    summary = [(event.kind, event.data.get("reason")) for event in events]
    assert summary == [
        (EventKind.LOGIN_CODE_REFUSED, "captcha"),
        (EventKind.LOGIN_CODE_REFUSED, "tckn_invalid"),
        (EventKind.LOGIN_CODE_REFUSED, "no_match"),
        (EventKind.LOGIN_CODE_SENT, None),
        (EventKind.LOGIN_CODE_REFUSED, "resend_wait"),
        (EventKind.LOGIN_FAILED, "code_wrong"),
        (EventKind.LOGIN_SUCCEEDED, None),
        (EventKind.LOGGED_OUT, None),
        *[(EventKind.LOGIN_FAILED, "wrong_password")] * 4,
        (EventKind.ACCOUNT_LOCKED, None),
        (EventKind.LOGIN_FAILED, "wrong_password"),
        (EventKind.LOGIN_FAILED, "wrong_password"),
        (EventKind.LOGIN_SUCCEEDED, None),
    ]
    sent = events[3]
    assert sent.data == {
        "channel": "muhtar",
        "tckn": "100******46",
        "ip": IP,
        "muhtar_id": world.muhtar.muhtar_id,
    }
    assert events[6].actor_muhtar_id == world.muhtar.muhtar_id
    assert events[-1].actor_user_id == world.valilik.user_id
    assert events[-2].data["username"] is None  # a password typed as a user name

    secrets = [TCKN, OTHER_TCKN, "10000000147", code, opened.token, staff.token, PASSWORD]
    for event in session.exec(select(Event)).all():
        text = json.dumps(event.data, ensure_ascii=False) + (event.note or "")
        assert not [secret for secret in secrets if secret in text], event
    for attempt in session.exec(select(LoginAttempt)).all():
        stored = " ".join(str(value) for value in attempt.model_dump().values())
        assert not [secret for secret in secrets if secret in stored]
