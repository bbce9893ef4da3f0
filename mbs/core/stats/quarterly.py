"""The belediyes' quarterly report: per belediye, the requests it received in the quarter,
how many it answered positively and negatively (with the reasons), what is still open,
and how many it answered after the 15-day period."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from mbs.core.actors import Actor
from mbs.core.enums import NegativeReason, UnitKind
from mbs.core.errors import PermissionDenied, ValidationError
from mbs.core.labels import NEGATIVE_REASON
from mbs.core.models import Province, Unit
from mbs.core.stats.filters import StatsFilter
from mbs.core.stats.scope import Scope, require_statistics
from mbs.core.stats.unit_tally import UnitTally, unit_tallies
from mbs.core.text import turkish_sort_key


@dataclass(frozen=True)
class QuarterlyRow:
    unit_id: int
    unit_name: str
    province_name: str
    received: int
    positive: int
    negative: int
    open_now: int
    answered_late: int  # finished 15 days or more after it was received
    negative_reasons: dict[str, int]  # Turkish reason label → count, every reason


def quarter_days(year: int, quarter: int) -> tuple[date, date]:
    """The first and last day of a quarter; ValidationError for a quarter that is not."""
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise ValidationError("Geçerli bir yıl ve çeyrek (1–4) seçin.")
    first = date(year, 3 * quarter - 2, 1)
    following = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


def municipal_quarterly_report(
    *, session: Session, actor: Actor, year: int, quarter: int, now: datetime
) -> list[QuarterlyRow]:
    """The quarterly report of the belediyes the actor may see: every belediye for the
    central unit (those that received something), those of its il for a valilik, itself
    for a belediye. Other units get PermissionDenied. By il, then name."""
    staff = require_statistics(actor)
    first, last = quarter_days(year, quarter)
    statement = select(Unit, Province.name).outerjoin(
        Province, col(Province.id) == col(Unit.province_id)
    )
    statement = statement.where(col(Unit.kind) == UnitKind.BELEDIYE)
    if staff.unit_kind is UnitKind.VALILIK:
        statement = statement.where(col(Unit.province_id) == staff.province_id)
    elif staff.unit_kind is UnitKind.BELEDIYE:
        statement = statement.where(col(Unit.id) == staff.unit_id)
    elif not staff.is_central:
        raise PermissionDenied(
            "Üç aylık belediye raporunu Genel Müdürlük, valilikler ve belediyeler görebilir."
        )
    units = session.exec(statement).all()
    scope = Scope(units=None if staff.is_central else tuple(u.id for u, _ in units if u.id))
    filters = StatsFilter(date_from=first, date_to=last, unit_kind=UnitKind.BELEDIYE)
    tallies = unit_tallies(session, scope, filters, now, ["unit_id"])
    rows = []
    for unit, province in units:
        tally = tallies.get((unit.id,))
        if tally is None and staff.is_central:
            continue
        rows.append(_row(unit, province or "", tally or UnitTally()))
    return sorted(
        rows, key=lambda row: (turkish_sort_key(row.province_name), turkish_sort_key(row.unit_name))
    )


def _row(unit: Unit, province: str, tally: UnitTally) -> QuarterlyRow:
    assert unit.id is not None
    return QuarterlyRow(
        unit_id=unit.id,
        unit_name=unit.name,
        province_name=province,
        received=tally.received,
        positive=tally.positive,
        negative=tally.negative,
        open_now=tally.open_now,
        answered_late=tally.answered_late,
        negative_reasons={
            NEGATIVE_REASON[reason]: count
            for reason, count in zip(NegativeReason, tally.reasons, strict=True)
        },
    )
