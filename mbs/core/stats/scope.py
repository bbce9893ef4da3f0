"""Who sees which statistics.

- the central unit: every request and every unit;
- a valilik: the requests of its il (wherever they were routed) and, in the unit
  tables, itself and its sub-units;
- a belediye or a valilik's sub-unit: the requests assigned to it, and itself.
Muhtars see no statistics. A filter outside the actor's own il is refused, not emptied.
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from mbs.core.actors import Actor, StaffActor
from mbs.core.enums import UnitKind
from mbs.core.errors import PermissionDenied
from mbs.core.models import District, Unit
from mbs.core.stats.filters import StatsFilter

EVERYWHERE = "Tüm Türkiye"
OWN_PROVINCE_ONLY = "Yalnızca kendi ilinizin istatistiklerini görebilirsiniz."


@dataclass(frozen=True)
class Scope:
    """What one actor's statistics may count."""

    province_id: int | None = None  # a valilik: the requests of this il
    unit_id: int | None = None  # a belediye or sub-unit: the requests assigned to it
    units: tuple[int, ...] | None = None  # the units of the unit tables; None: all


def can_see_statistics(actor: Actor | None) -> bool:
    """Every staff user sees statistics (of their own scope); muhtars do not."""
    return isinstance(actor, StaffActor)


def require_statistics(actor: Actor | None) -> StaffActor:
    if isinstance(actor, StaffActor):
        return actor
    raise PermissionDenied("İstatistikleri yalnızca kurum kullanıcıları görebilir.")


def resolve_scope(session: Session, actor: Actor | None, filters: StatsFilter) -> Scope:
    """The actor's scope; PermissionDenied if `filters` reach outside it (a valilik
    asking for another il or one of its ilçes)."""
    staff = require_statistics(actor)
    if staff.is_central:
        return Scope()
    if staff.unit_kind is UnitKind.VALILIK:
        province = staff.province_id
        if filters.province_id is not None and filters.province_id != province:
            raise PermissionDenied(OWN_PROVINCE_ONLY)
        if filters.district_id is not None:
            district = session.get(District, filters.district_id)
            if district is None or district.province_id != province:
                raise PermissionDenied(OWN_PROVINCE_ONLY)
        sub_units = session.exec(select(Unit.id).where(col(Unit.parent_id) == staff.unit_id))
        units = (staff.unit_id, *sorted(unit for unit in sub_units if unit is not None))
        return Scope(province_id=province, units=units)
    return Scope(unit_id=staff.unit_id, units=(staff.unit_id,))


def stats_scope_label(*, session: Session, actor: Actor | None) -> str:
    """What the actor's statistics cover, for the page header: "Tüm Türkiye" or the
    unit's name ("Ankara Valiliği")."""
    staff = require_statistics(actor)
    if staff.is_central:
        return EVERYWHERE
    unit = session.get(Unit, staff.unit_id)
    return unit.name if unit else ""
