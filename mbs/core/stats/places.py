"""İllere Göre Başvuru Analizi: the figures of the general analysis per il, and the
drill-down to the ilçes of an il and the muhtarlıks of an ilçe."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel import Session, col, select

from mbs.core.actors import Actor
from mbs.core.errors import NotFound
from mbs.core.labels import MUHTARLIK_KIND
from mbs.core.models import District, Muhtarlik, Province, Unit
from mbs.core.stats import buckets
from mbs.core.stats.filters import StatsFilter
from mbs.core.stats.general import share
from mbs.core.stats.scope import Scope, resolve_scope
from mbs.core.stats.tally import Key, RequestTally, request_tallies
from mbs.core.text import turkish_sort_key


@dataclass(frozen=True)
class PlaceRow:
    place_id: int
    code: str  # the plate code for an il ("06"); "" for an ilçe or muhtarlık
    name: str
    total: int
    open_now: int
    overdue_now: int
    concluded: int
    concluded_within_15_days: float | None
    median_hours_to_conclusion: float | None


# The measures a map can be coloured by (PlaceRow fields), with their Turkish labels.
MEASURES: dict[str, str] = {
    "total": "Başvuru sayısı",
    "open_now": "Açık başvuru",
    "overdue_now": "Süresi geçen",
    "concluded": "Sonuçlanan",
    "concluded_within_15_days": "15 günde sonuçlanma oranı",
    "median_hours_to_conclusion": "Sonuçlanma süresi (medyan)",
}


def place_row(place_id: int, code: str, name: str, tally: RequestTally) -> PlaceRow:
    return PlaceRow(
        place_id=place_id,
        code=code,
        name=name,
        total=tally.filed,
        open_now=tally.open_now,
        overdue_now=tally.overdue,
        concluded=tally.concluded,
        concluded_within_15_days=share(tally.within_15, tally.eligible_15),
        median_hours_to_conclusion=buckets.percentile(tally.conclusion, 0.5),
    )


def _rows(
    places: Iterable[tuple[int, str, str]], tallies: dict[Key, RequestTally]
) -> list[PlaceRow]:
    rows = [
        place_row(place_id, code, name, tallies.get((place_id,), RequestTally()))
        for place_id, code, name in places
    ]
    return sorted(rows, key=lambda row: turkish_sort_key(row.name))


def province_analysis(
    *, session: Session, actor: Actor, filters: StatsFilter, now: datetime
) -> list[PlaceRow]:
    """One row per il the actor may see (every il for the central unit, its own for a
    valilik, those of its requests for a belediye or sub-unit), zeros included, in
    Turkish alphabetical order."""
    filters = filters.checked()
    scope = resolve_scope(session, actor, filters)
    tallies = request_tallies(session, scope, filters, now, ["province_id"])
    ids = _visible_provinces(session, scope, filters, tallies)
    provinces = session.exec(select(Province).where(col(Province.id).in_(ids))).all()
    return _rows(((p.id, f"{p.id:02d}", p.name) for p in provinces), tallies)


def _visible_provinces(
    session: Session, scope: Scope, filters: StatsFilter, tallies: dict[Key, RequestTally]
) -> list[int]:
    if filters.province_id is not None:
        return [filters.province_id]
    if scope.province_id is not None:
        return [scope.province_id]
    if scope.unit_id is not None:
        unit = session.get(Unit, scope.unit_id)
        own = [unit.province_id] if unit and unit.province_id else []
        return sorted({*own, *(key[0] for key in tallies)})
    return list(session.exec(select(Province.id)).all())


def district_analysis(
    *, session: Session, actor: Actor, filters: StatsFilter, province_id: int, now: datetime
) -> list[PlaceRow]:
    """The ilçes of il `province_id`, zeros included (drill-down from the il table or
    map); PermissionDenied for a valilik's other il."""
    filters = replace(filters.checked(), province_id=province_id)
    scope = resolve_scope(session, actor, filters)
    if session.get(Province, province_id) is None:
        raise NotFound("İl bulunamadı.")
    tallies = request_tallies(session, scope, filters, now, ["district_id"])
    districts = session.exec(select(District).where(col(District.province_id) == province_id)).all()
    return _rows(((d.id, "", d.name) for d in districts), tallies)


def muhtarlik_analysis(
    *, session: Session, actor: Actor, filters: StatsFilter, district_id: int, now: datetime
) -> list[PlaceRow]:
    """The muhtarlıks of ilçe `district_id`, zeros included."""
    district = session.get(District, district_id)
    if district is None:
        raise NotFound("İlçe bulunamadı.")
    filters = replace(filters.checked(), province_id=district.province_id, district_id=district_id)
    scope = resolve_scope(session, actor, filters)
    tallies = request_tallies(session, scope, filters, now, ["muhtarlik_id"])
    muhtarliks = session.exec(
        select(Muhtarlik).where(col(Muhtarlik.district_id) == district_id)
    ).all()
    return _rows(
        ((m.id, "", f"{m.name} ({MUHTARLIK_KIND[m.kind]})") for m in muhtarliks if m.id),
        tallies,
    )
