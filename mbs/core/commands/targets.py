"""Checking the units an action routes or forwards to."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from mbs.core.enums import OPEN_ASSIGNMENT_STATUSES
from mbs.core.errors import ValidationError
from mbs.core.models import Assignment, Unit


@dataclass(frozen=True)
class RouteTarget:
    """One unit to route to (or forward to), with its own note."""

    unit_id: int
    note: str = ""


def check_targets(
    session: Session,
    targets: Sequence[RouteTarget],
    *,
    siblings: object,
    allowed: Callable[[Unit], None],
    empty_message: str,
) -> list[Unit]:
    """The target units in order, after checking that there is at least one, none twice,
    each exists, is active and passes `allowed` (which raises), and none already has an
    open assignment among `siblings` (a WHERE clause on Assignment)."""
    if not targets:
        raise ValidationError(empty_message)
    ids = [target.unit_id for target in targets]
    if len(set(ids)) != len(ids):
        raise ValidationError("Aynı birim birden fazla seçilmiş.")
    found = {unit.id: unit for unit in session.exec(select(Unit).where(col(Unit.id).in_(ids)))}
    busy = set(
        session.exec(
            select(Assignment.unit_id).where(
                siblings,  # type: ignore[arg-type]
                col(Assignment.status).in_(OPEN_ASSIGNMENT_STATUSES),
            )
        )
    )
    units = []
    for unit_id in ids:
        unit = found.get(unit_id)
        if unit is None or not unit.is_active:
            raise ValidationError("Seçilen birim bulunamadı veya etkin değil.")
        allowed(unit)
        if unit_id in busy:
            raise ValidationError(f"{unit.name} bu talep üzerinde zaten çalışıyor.")
        units.append(unit)
    return units
