"""Oturum Aç: password check, 15-minute lock after 5 failures, and answers that never
reveal whether a user name exists."""

from functools import cache

import pytest
from sqlmodel import Session, select

from mbs.core.actors import SystemActor
from mbs.core.auth import LoginRefused, TooManyAttempts, resolve_session, staff_login
from mbs.core.auth import staff as staff_module
from mbs.core.commands.users import reset_password
from mbs.core.enums import EventKind
from mbs.core.models import Event, Unit, User
from mbs.core.security.passwords import hash_password
from tests.core.test_auth_common import IP, FakeClock, auth_env
from tests.core.world import World, build_world

PASSWORD = "Doğru.Parola.2026"
WRONG = "Kullanıcı adı veya parola hatalı."
LOCKED = "Hesabınız çok sayıda hatalı deneme nedeniyle 15 dakika kilitlendi."


@cache
def password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return auth_env(monkeypatch)


@pytest.fixture
def world(session: Session, clock: FakeClock) -> World:
    world = build_world(session)
    user = account(session, world)
    user.password_hash = password_hash()
    session.add(user)
    return world


@pytest.fixture
def fast_verify(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 takes ~0.3 s a check on purpose; tests of counting need not pay it."""

    def verify(password: str, stored_hash: str) -> bool:
        return stored_hash == password_hash() and password == PASSWORD

    monkeypatch.setattr(staff_module, "verify_password", verify)


def account(session: Session, world: World) -> User:
    user = session.get(User, world.valilik.user_id)
    assert user is not None
    return user


def refusal(session: Session, username: str = "w.valilik", password: str = "yanlis") -> str:
    with pytest.raises(LoginRefused) as raised:
        staff_login(session=session, username=username, password=password, client_ip=IP)
    return raised.value.message


def test_the_right_password_opens_a_session(session: Session, world: World) -> None:
    opened = staff_login(session=session, username="W.Valilik ", password=PASSWORD, client_ip=IP)
    assert opened.actor == world.valilik
    assert resolve_session(session=session, token=opened.token) == world.valilik


def test_wrong_password_and_unknown_user_get_the_same_message(
    session: Session, world: World
) -> None:
    assert refusal(session) == refusal(session, username="kimse.yok") == WRONG


def test_an_unknown_user_costs_a_password_check_too(
    session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []

    def spy(password: str, password_hash: str) -> bool:
        checked.append(password_hash)
        return False

    monkeypatch.setattr(staff_module, "verify_password", spy)
    refusal(session, username="kimse.yok")
    assert len(checked) == 1 and checked[0].startswith("$argon2")


def test_five_failures_lock_the_account_for_15_minutes(
    session: Session, world: World, clock: FakeClock, fast_verify: None
) -> None:
    messages = [refusal(session) for _ in range(5)]
    assert messages[:4] == [WRONG] * 4
    assert messages[4] == f"{LOCKED} Lütfen 15 dakika sonra yeniden deneyin."
    assert account(session, world).locked_until == clock.now.replace() + (staff_module.LOCK_FOR)
    clock.advance(minutes=5)
    # Locked: even the right password is refused, without checking it.
    assert (
        refusal(session, password=PASSWORD) == f"{LOCKED} Lütfen 10 dakika sonra yeniden deneyin."
    )
    clock.advance(minutes=10)
    staff_login(session=session, username="w.valilik", password=PASSWORD, client_ip=IP)
    assert account(session, world).failed_logins == 0
    session.flush()
    locks = session.exec(select(Event).where(Event.kind == EventKind.ACCOUNT_LOCKED)).all()
    assert [event.data["username"] for event in locks] == ["w.valilik"]


def test_failures_must_be_consecutive(session: Session, world: World, fast_verify: None) -> None:
    for _ in range(4):
        refusal(session)
    staff_login(session=session, username="w.valilik", password=PASSWORD, client_ip=IP)
    assert account(session, world).failed_logins == 0
    assert [refusal(session) for _ in range(4)] == [WRONG] * 4


def test_an_unknown_user_name_locks_the_same_way(
    session: Session, world: World, clock: FakeClock, fast_verify: None
) -> None:
    known = [refusal(session) for _ in range(6)]
    unknown = [refusal(session, username="kimse.yok") for _ in range(6)]
    assert known == unknown
    clock.advance(minutes=15)
    assert refusal(session, username="kimse.yok") == WRONG


def test_an_administrators_password_reset_lifts_the_lock(session: Session, world: World):
    for _ in range(5):
        refusal(session)
    new = reset_password(session=session, actor=SystemActor(), username="w.valilik")
    staff_login(session=session, username="w.valilik", password=new, client_ip=IP)


def test_a_disabled_account_gets_the_generic_message(session: Session, world: World) -> None:
    user = account(session, world)
    user.is_active = False
    session.add(user)
    assert refusal(session, password=PASSWORD) == WRONG


def test_an_account_of_a_disabled_unit_gets_the_generic_message(
    session: Session, world: World
) -> None:
    unit = session.get(Unit, world.valilik.unit_id)
    assert unit is not None
    unit.is_active = False
    session.add(unit)
    assert refusal(session, password=PASSWORD) == WRONG


def test_an_ip_with_30_failures_an_hour_is_stopped(
    session: Session, world: World, clock: FakeClock, fast_verify: None
) -> None:
    for number in range(30):  # different names, so no name locks
        refusal(session, username=f"deneme.{number // 4}")
        clock.advance(minutes=1)
    with pytest.raises(TooManyAttempts) as raised:
        staff_login(session=session, username="w.valilik", password=PASSWORD, client_ip=IP)
    assert (
        raised.value.message == "Çok fazla deneme yaptınız. Lütfen 30 dakika sonra yeniden deneyin."
    )
    staff_login(session=session, username="w.valilik", password=PASSWORD, client_ip="192.0.2.1")
    clock.advance(minutes=30)
    staff_login(session=session, username="w.valilik", password=PASSWORD, client_ip=IP)
