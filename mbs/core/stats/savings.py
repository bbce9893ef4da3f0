"""Kırtasiye tasarrufu: what filing electronically saved in paper, toner and postage.

An estimate, with its assumptions shown and editable by a central-unit administrator:
every request filed through MBS would otherwise have been printed (pages × cost per
page, paper and toner/cartridge together) and posted (letters × postage). Defaults and
their sources are in README ("İş Zekası Portalı").
"""

from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlmodel import Session

from mbs.core import clock
from mbs.core.actors import Actor, StaffActor
from mbs.core.enums import EventKind
from mbs.core.errors import PermissionDenied, ValidationError
from mbs.core.events import record
from mbs.core.models import SavingsAssumptionsRow
from mbs.core.stats.filters import StatsFilter
from mbs.core.stats.scope import resolve_scope
from mbs.core.stats.tally import request_tallies

CENT = Decimal("0.01")
# An upper bound per field, to catch a slipped decimal point rather than to judge.
LIMITS = {
    "pages_per_request": ("Sayfa sayısı", Decimal(1000)),
    "cost_per_page": ("Sayfa maliyeti", Decimal(1000)),
    "letters_per_request": ("Mektup sayısı", Decimal(100)),
    "postage_per_letter": ("Posta ücreti", Decimal(100000)),
}


@dataclass(frozen=True)
class SavingsAssumptions:
    pages_per_request: Decimal
    cost_per_page: Decimal  # TL per page: paper and toner/cartridge
    letters_per_request: Decimal
    postage_per_letter: Decimal  # TL per registered letter


DEFAULT_ASSUMPTIONS = SavingsAssumptions(
    pages_per_request=Decimal("3"),
    cost_per_page=Decimal("1.00"),
    letters_per_request=Decimal("1"),
    postage_per_letter=Decimal("100.00"),
)


@dataclass(frozen=True)
class Savings:
    requests: int
    pages: Decimal
    paper_and_toner: Decimal
    postage: Decimal
    total: Decimal
    assumptions: SavingsAssumptions


def savings_assumptions(*, session: Session) -> SavingsAssumptions:
    """The assumptions in force (the defaults until an administrator sets them)."""
    row = session.get(SavingsAssumptionsRow, 1)
    if row is None:
        return DEFAULT_ASSUMPTIONS
    return SavingsAssumptions(
        pages_per_request=row.pages_per_request,
        cost_per_page=row.cost_per_page,
        letters_per_request=row.letters_per_request,
        postage_per_letter=row.postage_per_letter,
    )


def _checked(assumptions: SavingsAssumptions) -> SavingsAssumptions:
    values = {}
    for name, (label, limit) in LIMITS.items():
        try:
            value = Decimal(getattr(assumptions, name))
        except (InvalidOperation, TypeError, ValueError):
            raise ValidationError(f"{label} bir sayı olmalı.") from None
        if not value.is_finite():
            raise ValidationError(f"{label} bir sayı olmalı.")
        if value < 0:
            raise ValidationError(f"{label} negatif olamaz.")
        if value > limit:
            raise ValidationError(f"{label} en fazla {limit} olabilir.")
        values[name] = value
    return SavingsAssumptions(**values)


def set_savings_assumptions(
    *, session: Session, actor: Actor, assumptions: SavingsAssumptions
) -> None:
    """Change the assumptions: central-unit administrators only; negative or absurd
    values are refused; the change is recorded with the old and new values."""
    if not (isinstance(actor, StaffActor) and actor.is_central and actor.is_admin):
        raise PermissionDenied(
            "Tasarruf varsayımlarını yalnızca Genel Müdürlük yöneticileri değiştirebilir."
        )
    new = _checked(assumptions)
    old = savings_assumptions(session=session)
    row = session.get(SavingsAssumptionsRow, 1)
    if row is None:
        row = SavingsAssumptionsRow(id=1, updated_by_user_id=actor.user_id, updated_at=clock.now())
    for name, value in asdict(new).items():
        setattr(row, name, value)
    row.updated_by_user_id = actor.user_id
    row.updated_at = clock.now()
    session.add(row)
    record(
        session,
        EventKind.SAVINGS_ASSUMPTIONS_SET,
        actor,
        data={
            "from": {name: str(value) for name, value in asdict(old).items()},
            "to": {name: str(value) for name, value in asdict(new).items()},
        },
    )


def estimate(requests: int, assumptions: SavingsAssumptions) -> Savings:
    """The savings of `requests` filed electronically, in lira to the kuruş."""
    pages = requests * assumptions.pages_per_request
    paper = (pages * assumptions.cost_per_page).quantize(CENT)
    letters = requests * assumptions.letters_per_request
    postage = (letters * assumptions.postage_per_letter).quantize(CENT)
    return Savings(
        requests=requests,
        pages=pages,
        paper_and_toner=paper,
        postage=postage,
        total=paper + postage,
        assumptions=assumptions,
    )


def stationery_savings(
    *, session: Session, actor: Actor, filters: StatsFilter, now: datetime | None = None
) -> Savings:
    """The estimate for the requests the actor may see, filed in the filter's range."""
    filters = filters.checked()
    scope = resolve_scope(session, actor, filters)
    tallies = request_tallies(session, scope, filters, now or clock.now(), [])
    requests = sum(tally.filed for tally in tallies.values())
    return estimate(requests, savings_assumptions(session=session))
