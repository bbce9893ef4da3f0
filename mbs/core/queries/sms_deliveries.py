"""The "SMS iletildi" lines of a request's hareket bilgileri, derived from the outbox: every
notification SMS about the request that the operator confirmed delivered. No event is
written for a delivery; the outbox row is the record."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlmodel import Session, col, select

from mbs.core.enums import SmsKind
from mbs.core.models import SmsMessage

DELIVERED_TITLE = "SMS iletildi"
T = TypeVar("T")


@dataclass(frozen=True)
class DeliveredSms:
    delivered_at: datetime
    phone: str  # in full: the staff screen masks it, the muhtar's page leaves it out


def delivered_notifications(session: Session, request_id: int) -> list[DeliveredSms]:
    """The request's delivered notification SMS, oldest first. The caller has already
    checked that its actor may see the request."""
    rows = session.exec(
        select(SmsMessage.delivered_at, SmsMessage.phone)
        .where(
            col(SmsMessage.request_id) == request_id,
            col(SmsMessage.kind) == SmsKind.NOTIFICATION,
            col(SmsMessage.delivered_at).is_not(None),
        )
        .order_by(col(SmsMessage.delivered_at), col(SmsMessage.id))
    )
    return [DeliveredSms(delivered_at, phone) for delivered_at, phone in rows if delivered_at]


def in_time_order(*streams: Iterable[tuple[datetime, T]]) -> list[T]:
    """The items of several (moment, item) streams in time order; on a tie the earlier
    stream's item comes first (an event before the SMS it caused)."""
    merged = [pair for stream in streams for pair in stream]
    return [item for _, item in sorted(merged, key=lambda pair: pair[0])]
