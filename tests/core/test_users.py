"""Staff account commands: who may manage accounts, the rules, the audit events."""

import pytest
from sqlmodel import Session, select

from mbs.core.actors import StaffActor, SystemActor, staff_actor
from mbs.core.commands.users import create_user, disable_user, list_users, reset_password
from mbs.core.enums import EventKind, UnitKind
from mbs.core.errors import NotFound, PermissionDenied, ValidationError
from mbs.core.models import Event, Unit, User
from mbs.core.security.passwords import check_password_policy, verify_password
from tests.builders import make_province, make_unit, make_user


def _actor(session: Session, user: User) -> StaffActor:
    assert user.id is not None
    return staff_actor(session, user.id)


@pytest.fixture
def central(session: Session) -> Unit:
    return make_unit(session, UnitKind.MIGM)


@pytest.fixture
def valilik(session: Session) -> Unit:
    return make_unit(session, UnitKind.VALILIK, province_id=make_province(session).id)


@pytest.fixture
def admin(session: Session, central: Unit) -> StaffActor:
    return _actor(session, make_user(session, central, is_admin=True))


def _events(session: Session, kind: EventKind, username: str) -> list[Event]:
    found = session.exec(select(Event).where(Event.kind == kind)).all()
    return [event for event in found if event.data.get("username") == username]


def test_central_admin_creates_an_account(
    session: Session, admin: StaffActor, valilik: Unit
) -> None:
    user = create_user(
        session=session,
        actor=admin,
        username="deneme.valilik",
        full_name="  Ayşe   Demir ",
        unit_code=valilik.code,
        password="Guclu.Parola1",
    )
    assert user.id is not None and user.unit_id == valilik.id
    assert user.full_name == "Ayşe Demir" and user.is_active and not user.is_admin
    assert verify_password("Guclu.Parola1", user.password_hash)
    [event] = _events(session, EventKind.USER_CREATED, "deneme.valilik")
    assert event.actor_user_id == admin.user_id
    assert event.data["unit_code"] == valilik.code
    assert "Guclu.Parola1" not in str(event.data)


def test_the_command_line_operator_may_create_accounts(session: Session, central: Unit) -> None:
    user = create_user(
        session=session,
        actor=SystemActor(),
        username="yeni.admin",
        full_name="Yeni Yönetici",
        unit_code=central.code,
        password="Guclu.Parola1",
        is_admin=True,
    )
    assert user.is_admin
    [event] = _events(session, EventKind.USER_CREATED, "yeni.admin")
    assert event.actor_user_id is None


@pytest.mark.parametrize("who", ["central_non_admin", "valilik_admin"])
def test_others_may_not_manage_accounts(
    session: Session, central: Unit, valilik: Unit, who: str
) -> None:
    if who == "central_non_admin":
        actor = _actor(session, make_user(session, central))
    else:
        actor = _actor(session, make_user(session, valilik, is_admin=True))
    target = make_user(session, valilik)
    with pytest.raises(PermissionDenied):
        create_user(
            session=session,
            actor=actor,
            username="olmamali",
            full_name="Olmamalı",
            unit_code=valilik.code,
            password="Guclu.Parola1",
        )
    with pytest.raises(PermissionDenied):
        disable_user(session=session, actor=actor, username=target.username)
    with pytest.raises(PermissionDenied):
        reset_password(session=session, actor=actor, username=target.username)
    assert session.exec(select(User).where(User.username == "olmamali")).first() is None
    assert target.is_active


@pytest.mark.parametrize("username", ["ab", "Ankara", "ali veli", "ayşe", "a" * 65, "x/y"])
def test_username_rules(session: Session, admin: StaffActor, valilik: Unit, username: str) -> None:
    with pytest.raises(ValidationError) as raised:
        create_user(
            session=session,
            actor=admin,
            username=username,
            full_name="Ad Soyad",
            unit_code=valilik.code,
            password="Guclu.Parola1",
        )
    assert "Kullanıcı adı" in raised.value.message


def test_create_refuses_taken_names_weak_passwords_and_unknown_units(
    session: Session, admin: StaffActor, valilik: Unit
) -> None:
    taken = make_user(session, valilik)

    def create(
        username: str = "yeni-kullanici_1",
        full_name: str = "Ad Soyad",
        unit_code: str = valilik.code,
        password: str = "Guclu.Parola1",
    ) -> User:
        return create_user(
            session=session,
            actor=admin,
            username=username,
            full_name=full_name,
            unit_code=unit_code,
            password=password,
        )

    with pytest.raises(ValidationError, match="zaten kullanılıyor"):
        create(username=taken.username)
    with pytest.raises(ValidationError, match="en az 10"):
        create(password="kisa1")
    with pytest.raises(ValidationError, match="Ad soyad"):
        create(full_name="   ")
    with pytest.raises(NotFound):
        create(unit_code="test:yok")
    valilik.is_active = False
    with pytest.raises(ValidationError, match="etkin değil"):
        create()


def test_disable_user(session: Session, admin: StaffActor, valilik: Unit) -> None:
    user = make_user(session, valilik)
    assert disable_user(session=session, actor=admin, username=user.username)
    assert not user.is_active
    with pytest.raises(PermissionDenied):
        _actor(session, user)
    assert not disable_user(session=session, actor=admin, username=user.username)
    assert len(_events(session, EventKind.USER_DISABLED, user.username)) == 1
    with pytest.raises(ValidationError, match="Kendi hesabınızı"):
        disable_user(session=session, actor=admin, username=_username(session, admin))
    with pytest.raises(NotFound):
        disable_user(session=session, actor=admin, username="olmayan.kullanici")


def _username(session: Session, actor: StaffActor) -> str:
    user = session.get(User, actor.user_id)
    assert user is not None
    return user.username


def test_reset_password_gives_a_new_strong_password_and_lifts_the_lock(
    session: Session, admin: StaffActor, valilik: Unit
) -> None:
    user = make_user(session, valilik)
    user.failed_logins = 5
    old_hash = user.password_hash
    password = reset_password(session=session, actor=admin, username=user.username)
    check_password_policy(password)
    assert user.password_hash != old_hash
    assert verify_password(password, user.password_hash)
    assert user.failed_logins == 0 and user.locked_until is None
    [event] = _events(session, EventKind.PASSWORD_RESET, user.username)
    assert password not in str(event.data) and password not in (event.note or "")
    chosen = reset_password(
        session=session, actor=admin, username=user.username, new_password="Secilen.Parola9"
    )
    assert chosen == "Secilen.Parola9" and verify_password(chosen, user.password_hash)
    with pytest.raises(ValidationError):
        reset_password(session=session, actor=admin, username=user.username, new_password="zayif")


def test_list_users_by_unit(session: Session, central: Unit, valilik: Unit) -> None:
    make_user(session, valilik, username="t.liste.b")
    make_user(session, valilik, username="t.liste.a")
    make_user(session, central, username="t.liste.c")
    rows = list_users(session=session, unit_code=valilik.code)
    assert [user.username for user, _ in rows] == ["t.liste.a", "t.liste.b"]
    assert {unit.code for _, unit in rows} == {valilik.code}
    everyone = {user.username for user, _ in list_users(session=session)}
    assert {"t.liste.a", "t.liste.b", "t.liste.c"} <= everyone
