"""The accounts screen of central-unit administrators: staff accounts and units, found
by a few words (Turkish-aware), a page at a time."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from mbs.core import labels
from mbs.core.actors import Actor
from mbs.core.clock import format_tr
from mbs.core.commands.users import require_account_admin
from mbs.core.models import Province, Unit, User
from mbs.core.text import search_key, turkish_sort_key

LIMIT = 100


@dataclass(frozen=True)
class AccountLine:
    username: str
    full_name: str
    unit: str
    is_admin: bool
    is_active: bool
    locked_until: str  # "" when not locked
    email: str  # "" when none is set


@dataclass(frozen=True)
class UnitLine:
    code: str
    name: str
    kind: str
    province: str


def accounts(*, session: Session, actor: Actor, query: str = "") -> list[AccountLine]:
    """Accounts whose user name, name or unit holds every word of `query` (at most
    LIMIT), by user name."""
    require_account_admin(actor)
    words = search_key(query or "").split()
    rows = session.exec(
        select(User, Unit)
        .join(Unit, col(Unit.id) == col(User.unit_id))
        .order_by(col(User.username))
    )
    found = []
    for user, unit in rows:
        if all(w in search_key(user.username, user.full_name, unit.name) for w in words):
            found.append(
                AccountLine(
                    user.username,
                    user.full_name,
                    unit.name,
                    user.is_admin,
                    user.is_active,
                    format_tr(user.locked_until) if user.locked_until else "",
                    user.email or "",
                )
            )
            if len(found) == LIMIT:
                break
    return found


def unit_search(*, session: Session, actor: Actor, query: str) -> list[UnitLine]:
    """Active units of any kind whose name, code or il holds every word of `query`."""
    require_account_admin(actor)
    words = search_key(query or "").split()
    if not words:
        return []
    rows = session.exec(
        select(Unit, Province.name)
        .join(Province, col(Province.id) == col(Unit.province_id), isouter=True)
        .where(col(Unit.is_active))
    )
    found = [
        UnitLine(unit.code, unit.name, labels.UNIT_KIND[unit.kind], province or "")
        for unit, province in rows
        if all(w in search_key(unit.name, unit.code, province or "") for w in words)
    ]
    found.sort(key=lambda line: turkish_sort_key(line.name))
    return found[:LIMIT]
