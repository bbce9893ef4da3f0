"""The unit pickers of the routing screens: the central unit's valilik / belediye list
(SEÇİLEN BİRİMLERE YÖNLENDİR) and a valilik's own sub-units.

There are about 1,500 routable units in all of Turkey, so they are read in one small
query and matched here: unit and il names are stored as written, and only Python knows
the Turkish case rules ("IĞDIR" = "ığdır").
"""

import heapq
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from mbs.core.actors import Actor
from mbs.core.enums import (
    OPEN_ASSIGNMENT_STATUSES,
    ROUTABLE_UNIT_KINDS,
    VALILIK_SUB_UNIT_KINDS,
    BelediyeKind,
    UnitKind,
)
from mbs.core.errors import PermissionDenied, ValidationError
from mbs.core.models import Assignment, Province, Unit
from mbs.core.permissions import get_visible_request, require_central, require_staff
from mbs.core.text import search_key, turkish_sort_key

LIMIT_MAX = 200
# The order within an il: the valilik, then belediyes from the largest; a valilik's
# sub-units by kind.
_KIND_ORDER = {
    UnitKind.VALILIK: 0,
    UnitKind.BELEDIYE: 1,
    UnitKind.IL_MUDURLUGU: 2,
    UnitKind.IL_OZEL_IDARESI: 3,
    UnitKind.KAYMAKAMLIK: 4,
}
_BELEDIYE_ORDER = {
    BelediyeKind.BUYUKSEHIR: 0,
    BelediyeKind.IL: 1,
    BelediyeKind.ILCE: 2,
    BelediyeKind.BELDE: 3,
}


# Unit and il names repeat from call to call (the picker runs at every keystroke), so
# their folded and sort forms are kept rather than computed for 1,500 units each time.
_sort_key = lru_cache(maxsize=16384)(turkish_sort_key)
_searched = lru_cache(maxsize=16384)(search_key)


@dataclass(frozen=True)
class UnitChoice:
    id: int
    name: str
    kind: UnitKind
    belediye_kind: BelediyeKind | None
    province_id: int | None
    province_name: str
    busy: bool = False  # already holds an open assignment on the request


def routable_units(
    *, session: Session, actor: Actor, request_id: int, query: str = "", limit: int = 50
) -> list[UnitChoice]:
    """Active valilik and belediye units for routing request `request_id`, those of the
    muhtarlık's own il first. `query`: words that must all occur in the unit's name or
    its il's name, Turkish-aware ("izmir bel" finds İzmir's belediyes)."""
    staff = require_central(actor)
    request = get_visible_request(session, staff, request_id)
    _check_limit(limit)
    busy = set(
        session.execute(
            select(col(Assignment.unit_id)).where(
                col(Assignment.request_id) == request_id,
                col(Assignment.parent_id).is_(None),
                col(Assignment.status).in_(OPEN_ASSIGNMENT_STATUSES),
            )
        ).scalars()
    )
    matching = _units(session, [col(Unit.kind).in_(ROUTABLE_UNIT_KINDS)], query)
    # Only the first `limit` of about 1,500 units are sorted fully and returned.
    first = heapq.nsmallest(
        limit,
        matching,
        key=lambda unit: (
            unit[4] != request.province_id,
            _sort_key(unit[5]),
            _KIND_ORDER[unit[2]],
            _BELEDIYE_ORDER[unit[3]] if unit[3] else 9,
            _sort_key(unit[1]),
        ),
    )
    return [_choice(unit, busy) for unit in first]


def sub_units(*, session: Session, actor: Actor, query: str = "") -> list[UnitChoice]:
    """A valilik's own active il müdürlükleri, il özel idaresi and kaymakamlıklar, by
    kind and then in Turkish alphabetical order."""
    staff = require_staff(actor)
    if staff.unit_kind is not UnitKind.VALILIK:
        raise PermissionDenied("Alt birimlere yalnızca valilikler yönlendirebilir.")
    where = [col(Unit.parent_id) == staff.unit_id, col(Unit.kind).in_(VALILIK_SUB_UNIT_KINDS)]
    matching = _units(session, where, query)
    matching.sort(key=lambda unit: (_KIND_ORDER[unit[2]], _sort_key(unit[1])))
    return [_choice(unit, set()) for unit in matching]


def _units(session: Session, where: list[Any], query: str) -> list[Any]:
    """(id, name, kind, belediye kind, il id, il name) of the active units matching
    `where` whose name or il name holds every word of `query`."""
    words = search_key(query or "").split()
    rows = session.execute(
        select(
            col(Unit.id),
            col(Unit.name),
            col(Unit.kind),
            col(Unit.belediye_kind),
            col(Unit.province_id),
            func.coalesce(col(Province.name), ""),
        )
        .outerjoin(Province, col(Province.id) == col(Unit.province_id))
        .where(col(Unit.is_active), *where)
    ).all()
    return [row for row in rows if all(word in _searched(row[1], row[5]) for word in words)]


def _choice(unit: Any, busy: set[int]) -> UnitChoice:
    unit_id, name, kind, belediye_kind, province_id, province_name = unit
    return UnitChoice(
        unit_id, name, kind, belediye_kind, province_id, province_name, unit_id in busy
    )


def _check_limit(limit: int) -> None:
    if not 1 <= limit <= LIMIT_MAX:
        raise ValidationError(f"En fazla {LIMIT_MAX} birim listelenebilir.")
