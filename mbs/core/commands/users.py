"""Staff accounts: create, disable, reset a password.

Only an administrator of the central unit (or the operator at the command line) manages
accounts; every change leaves an audit event naming the account, never the password.
"""

import re

from sqlmodel import Session, col, select

from mbs.core import clock, events
from mbs.core.actors import Actor, StaffActor, SystemActor
from mbs.core.enums import EventKind
from mbs.core.errors import NotFound, PermissionDenied, ValidationError
from mbs.core.mail.config import check_address
from mbs.core.models import Unit, User
from mbs.core.security.passwords import check_password_policy, generate_password, hash_password
from mbs.core.text import collapse_whitespace

_USERNAME = re.compile(r"[a-z0-9._-]{3,64}")


def require_account_admin(actor: Actor) -> None:
    """Refuse anyone but a central-unit administrator or the command-line operator."""
    if isinstance(actor, SystemActor):
        return
    if isinstance(actor, StaffActor) and actor.is_central and actor.is_admin:
        return
    raise PermissionDenied(
        "Kullanıcı hesaplarını yalnızca Genel Müdürlük yöneticileri yönetebilir."
    )


def create_user(
    *,
    session: Session,
    actor: Actor,
    username: str,
    full_name: str,
    unit_code: str,
    password: str,
    is_admin: bool = False,
    email: str | None = None,
) -> User:
    """A new active account of the unit with code `unit_code`; the password must meet
    the policy and is stored only as an argon2 hash. `email` (optional) receives the
    notification e-mails."""
    require_account_admin(actor)
    if not _USERNAME.fullmatch(username):
        raise ValidationError(
            "Kullanıcı adı 3–64 karakter olmalı; yalnızca küçük İngilizce harf, rakam, "
            "nokta, tire ve alt çizgi içerebilir."
        )
    full_name = collapse_whitespace(full_name)
    if not 0 < len(full_name) <= 120:
        raise ValidationError("Ad soyad boş olamaz ve en fazla 120 karakter olabilir.")
    unit = unit_by_code(session, unit_code)
    if not unit.is_active:
        raise ValidationError(f"{unit.name} etkin değil; bu birime hesap açılamaz.")
    if session.exec(select(User.id).where(User.username == username)).first() is not None:
        raise ValidationError(f"'{username}' kullanıcı adı zaten kullanılıyor.")
    check_password_policy(password)
    assert unit.id is not None
    user = User(
        username=username,
        full_name=full_name,
        email=check_address(email) if email else None,
        password_hash=hash_password(password),
        unit_id=unit.id,
        is_admin=is_admin,
        created_at=clock.now(),
    )
    session.add(user)
    session.flush()
    data = {"username": username, "unit_code": unit.code, "is_admin": is_admin}
    events.record(session, EventKind.USER_CREATED, actor, data=data)
    return user


def disable_user(*, session: Session, actor: Actor, username: str) -> bool:
    """Disable the account (it can no longer log in); False if it already was."""
    require_account_admin(actor)
    user = user_by_username(session, username)
    if isinstance(actor, StaffActor) and actor.user_id == user.id:
        raise ValidationError("Kendi hesabınızı devre dışı bırakamazsınız.")
    if not user.is_active:
        return False
    user.is_active = False
    session.add(user)
    events.record(session, EventKind.USER_DISABLED, actor, data={"username": username})
    session.flush()
    return True


def set_user_email(*, session: Session, actor: Actor, username: str, email: str | None) -> bool:
    """Set (or with None / "" clear) the address that receives the account's
    notification e-mails; False if it already was that. Records STAFF_EMAIL_SET."""
    require_account_admin(actor)
    user = user_by_username(session, username)
    address = check_address(email) if email and email.strip() else None
    if user.email == address:
        return False
    user.email = address
    session.add(user)
    data = {"username": username, "email": address}
    events.record(session, EventKind.STAFF_EMAIL_SET, actor, data=data)
    session.flush()
    return True


def reset_password(
    *, session: Session, actor: Actor, username: str, new_password: str | None = None
) -> str:
    """Give the account `new_password` (default: a generated one) and lift any login
    lock; returns the password so the caller can show it once."""
    require_account_admin(actor)
    user = user_by_username(session, username)
    password = new_password if new_password is not None else generate_password()
    check_password_policy(password)
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    session.add(user)
    events.record(session, EventKind.PASSWORD_RESET, actor, data={"username": username})
    session.flush()
    return password


def list_users(*, session: Session, unit_code: str | None = None) -> list[tuple[User, Unit]]:
    """Accounts with their units, by username; only those of `unit_code` if given."""
    query = select(User, Unit).join(Unit, col(User.unit_id) == col(Unit.id))
    if unit_code is not None:
        query = query.where(Unit.id == unit_by_code(session, unit_code).id)
    return [(user, unit) for user, unit in session.exec(query.order_by(col(User.username)))]


def unit_by_code(session: Session, code: str) -> Unit:
    unit = session.exec(select(Unit).where(Unit.code == code)).first()
    if unit is None:
        raise NotFound(f"'{code}' kodlu birim bulunamadı.")
    return unit


def user_by_username(session: Session, username: str) -> User:
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise NotFound(f"'{username}' kullanıcısı bulunamadı.")
    return user
