"""How much reference data the database holds: `mbs data status`."""

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from mbs.core.enums import BelediyeKind, MuhtarlikKind, UnitKind
from mbs.core.models import District, Muhtarlik, Province, Unit


def reference_data_status(*, session: Session) -> dict[str, Any]:
    """Row counts with stable English keys: provinces, metropolitan_provinces,
    districts, muhtarliks (total and by kind), units (total and by kind) and belediyes
    (total and by belediye kind); every kind is present, zero when absent."""
    count = func.count()
    muhtarliks = dict(session.exec(select(Muhtarlik.kind, count).group_by(Muhtarlik.kind)).all())
    units = dict(session.exec(select(Unit.kind, count).group_by(Unit.kind)).all())
    belediyes = dict(
        session.exec(
            select(Unit.belediye_kind, count)
            .where(Unit.kind == UnitKind.BELEDIYE)
            .group_by(Unit.belediye_kind)
        ).all()
    )
    return {
        "provinces": session.exec(select(func.count()).select_from(Province)).one(),
        "metropolitan_provinces": session.exec(
            select(func.count()).where(col(Province.is_metropolitan))
        ).one(),
        "districts": session.exec(select(func.count()).select_from(District)).one(),
        "muhtarliks": _by_kind(muhtarliks, MuhtarlikKind),
        "units": _by_kind(units, UnitKind),
        "belediyes": _by_kind(belediyes, BelediyeKind),
    }


def _by_kind(
    counts: dict[Any, int], kinds: type[MuhtarlikKind | UnitKind | BelediyeKind]
) -> dict[str, int]:
    by_kind = {kind.value: counts.get(kind, 0) for kind in kinds}
    return {"total": sum(by_kind.values()), **by_kind}
