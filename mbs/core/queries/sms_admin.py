"""The SMS screen of central-unit administrators: how many outbox rows are in each state,
and the rows themselves, filtered and paged in SQL, newest first (by id, the primary
key, so a page is an index walk however large the outbox grows)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from mbs.core import clock, labels
from mbs.core.actors import Actor
from mbs.core.commands.sms_admin import require_sms_admin
from mbs.core.enums import SmsKind, SmsStatus
from mbs.core.errors import ValidationError
from mbs.core.models import Request, SmsMessage
from mbs.core.queries.listing import (
    DEFAULT_PAGE_SIZE,
    Page,
    capped_count,
    check_paging,
    fixed,
)
from mbs.core.tckn import mask_phone

# The order of the chips: what needs a person first.
STATUS_ORDER = [
    SmsStatus.FAILED,
    SmsStatus.REVIEW,
    SmsStatus.PENDING,
    SmsStatus.SENDING,
    SmsStatus.SENT,
    SmsStatus.DELIVERED,
    SmsStatus.EXPIRED,
]
TRACKING_NO_LENGTH = 16


@dataclass(frozen=True)
class SmsFilters:
    """The screen's filters; dates are Turkey's calendar days, both ends included."""

    status: SmsStatus | None = None
    kind: SmsKind | None = None
    date_from: date | None = None
    date_to: date | None = None
    tracking_no: str = ""

    @classmethod
    def from_form(cls, form: Mapping[str, Any]) -> "SmsFilters":
        """Filters from the screen's form (strings; empty means "any"); a bad value is a
        ValidationError with a Turkish message."""

        def text(name: str) -> str:
            return str(form.get(name) or "").strip()

        try:
            status = SmsStatus(text("status")) if text("status") else None
            kind = SmsKind(text("kind")) if text("kind") else None
        except ValueError:
            raise ValidationError("Durum veya tür filtresi geçersiz.") from None
        try:
            date_from = date.fromisoformat(text("date_from")) if text("date_from") else None
            date_to = date.fromisoformat(text("date_to")) if text("date_to") else None
        except ValueError:
            raise ValidationError("Tarihleri GG.AA.YYYY biçiminde seçin.") from None
        if date_from and date_to and date_from > date_to:
            raise ValidationError("Başlangıç tarihi bitiş tarihinden sonra olamaz.")
        tracking_no = text("tracking_no")
        if len(tracking_no) > TRACKING_NO_LENGTH:
            raise ValidationError("Takip numarası 2026-000123 biçiminde olmalı.")
        return cls(status, kind, date_from, date_to, tracking_no)

    def where(self) -> list[Any]:
        clauses: list[Any] = []
        if self.status is not None:
            clauses.append(col(SmsMessage.status) == fixed(self.status))
        if self.kind is not None:
            clauses.append(col(SmsMessage.kind) == fixed(self.kind))
        if self.date_from is not None:
            clauses.append(col(SmsMessage.created_at) >= clock.start_of_day(self.date_from))
        if self.date_to is not None:
            next_day = self.date_to + timedelta(days=1)
            clauses.append(col(SmsMessage.created_at) < clock.start_of_day(next_day))
        if self.tracking_no:
            # The request first (unique index), then its rows (index on request_id).
            request_id = (
                select(col(Request.id))
                .where(col(Request.tracking_no) == self.tracking_no)
                .scalar_subquery()
            )
            clauses.append(col(SmsMessage.request_id) == request_id)
        return clauses


@dataclass(frozen=True)
class StateCount:
    status: SmsStatus
    label: str
    count: int
    capped: bool  # more than COUNT_CAP rows: show "1.000+"


@dataclass(frozen=True)
class SmsLine:
    """One outbox row as the screen shows it; the phone is masked."""

    id: int
    created_at: str
    kind: SmsKind
    kind_label: str
    phone: str
    request_id: int | None
    tracking_no: str
    status: SmsStatus
    status_label: str
    attempts: int
    last_error: str
    provider: str
    sent_at: str
    delivered_at: str

    @property
    def can_requeue(self) -> bool:
        """Failed, or in review (then only with the double-delivery confirmation)."""
        return self.kind is not SmsKind.OTP and self.status in (
            SmsStatus.FAILED,
            SmsStatus.REVIEW,
        )

    @property
    def can_mark_sent(self) -> bool:
        return self.status is SmsStatus.REVIEW


def sms_counts(*, session: Session, actor: Actor) -> list[StateCount]:
    """How many rows each state holds (each count stops at COUNT_CAP, from the claim
    index), in STATUS_ORDER."""
    require_sms_admin(actor)
    counts = []
    for status in STATUS_ORDER:
        rows = select(col(SmsMessage.id)).where(col(SmsMessage.status) == fixed(status))
        count, capped = capped_count(session, rows)
        counts.append(StateCount(status, labels.SMS_STATUS[status], count, capped))
    return counts


def sms_page(
    *,
    session: Session,
    actor: Actor,
    filters: SmsFilters | None = None,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> Page[SmsLine]:
    """One page of the outbox rows matching `filters`, newest first, with the capped
    count of all that match."""
    require_sms_admin(actor)
    check_paging(page, page_size)
    where = (filters or SmsFilters()).where()
    total, capped = capped_count(session, select(col(SmsMessage.id)).where(*where))
    statement = (
        select(SmsMessage, col(Request.tracking_no))
        .outerjoin(Request, col(Request.id) == col(SmsMessage.request_id))
        .where(*where)
        .order_by(col(SmsMessage.id).desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    rows = [_line(row, tracking_no) for row, tracking_no in session.execute(statement)]
    return Page(rows=rows, total=total, total_capped=capped, page=page, page_size=page_size)


def _line(row: SmsMessage, tracking_no: str | None) -> SmsLine:
    assert row.id is not None
    return SmsLine(
        id=row.id,
        created_at=clock.format_tr(row.created_at),
        kind=row.kind,
        kind_label=labels.SMS_KIND[row.kind],
        phone=mask_phone(row.phone),
        request_id=row.request_id,
        tracking_no=tracking_no or "",
        status=row.status,
        status_label=labels.SMS_STATUS[row.status],
        attempts=row.attempts,
        last_error=row.last_error or "",
        provider=labels.SMS_PROVIDER.get(row.provider or "", row.provider or ""),
        sent_at=clock.format_tr(row.sent_at),
        delivered_at=clock.format_tr(row.delivered_at),
    )
