"""Sisteme Giriş: the onay kodu's tries, expiry and single use."""

import pytest
from sqlmodel import Session, select

from mbs.core.actors import MuhtarActor
from mbs.core.auth import LoginRefused, resolve_session, verify_login_code
from mbs.core.auth.muhtar_login import CODE_DEAD, CODE_EXPIRED, CODE_FORMAT, CODE_INVALID
from mbs.core.models import LoginCode, WebSession
from tests.core.test_auth_common import IP, FakeClock, ask_code, auth_env, last_code, wrong_code
from tests.core.world import World, build_world


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return auth_env(monkeypatch)


@pytest.fixture
def world(session: Session, clock: FakeClock) -> World:
    return build_world(session)


def refusal(session: Session, login_id: str, code: str) -> str:
    with pytest.raises(LoginRefused) as raised:
        verify_login_code(session=session, login_id=login_id, code=code, client_ip=IP)
    return raised.value.message


def test_the_right_code_opens_a_session(session: Session, world: World) -> None:
    issued = ask_code(session)
    opened = verify_login_code(
        session=session, login_id=issued.login_id, code=f" {last_code(session)} ", client_ip=IP
    )
    assert opened.actor == world.muhtar
    assert isinstance(resolve_session(session=session, token=opened.token), MuhtarActor)


def test_a_code_works_only_once(session: Session, world: World) -> None:
    issued = ask_code(session)
    code = last_code(session)
    verify_login_code(session=session, login_id=issued.login_id, code=code, client_ip=IP)
    assert refusal(session, issued.login_id, code) == CODE_INVALID


def test_wrong_codes_count_down_and_five_kill_the_code(session: Session, world: World) -> None:
    issued = ask_code(session)
    code = last_code(session)
    messages = [refusal(session, issued.login_id, wrong_code(code)) for _ in range(5)]
    assert messages == [
        "Onay kodu hatalı. 4 deneme hakkınız kaldı.",
        "Onay kodu hatalı. 3 deneme hakkınız kaldı.",
        "Onay kodu hatalı. 2 deneme hakkınız kaldı.",
        "Onay kodu hatalı. 1 deneme hakkınız kaldı.",
        "Onay kodu hatalı. Deneme hakkınız kalmadı; yeni kod isteyin.",
    ]
    assert refusal(session, issued.login_id, code) == CODE_DEAD


def test_a_code_expires_after_three_minutes(
    session: Session, world: World, clock: FakeClock
) -> None:
    issued = ask_code(session)
    code = last_code(session)
    clock.advance(minutes=3)
    assert refusal(session, issued.login_id, code) == CODE_EXPIRED


def test_a_code_still_works_just_before_three_minutes(
    session: Session, world: World, clock: FakeClock
) -> None:
    issued = ask_code(session)
    clock.advance(minutes=2, seconds=59)
    verify_login_code(
        session=session, login_id=issued.login_id, code=last_code(session), client_ip=IP
    )


def test_a_malformed_code_is_refused_without_spending_a_try(session: Session, world: World):
    issued = ask_code(session)
    for typed in ("12345", "abcdef", ""):
        assert refusal(session, issued.login_id, typed) == CODE_FORMAT
    session.flush()
    row = session.get(LoginCode, issued.login_id)
    assert row is not None and row.failed_tries == 0


def test_an_unknown_login_id_is_refused(session: Session, world: World) -> None:
    assert refusal(session, "bilinmeyen", "123456") == CODE_INVALID


def test_the_token_is_stored_only_as_a_digest(session: Session, world: World) -> None:
    issued = ask_code(session)
    opened = verify_login_code(
        session=session, login_id=issued.login_id, code=last_code(session), client_ip=IP
    )
    session.flush()
    rows = session.exec(select(WebSession)).all()
    stored = " ".join(str(v) for row in rows for v in row.model_dump().values())
    assert len(rows) == 1 and opened.token not in stored
