"""What a central-unit administrator may do with the SMS outbox (the SMS screen):
re-queue a failed notification, re-queue one in review after confirming that the
muhtar may get it twice, or accept one in review as sent.

Login codes are never re-queued: they expire in minutes and the muhtar asks for a new
one. Each change writes one audit-only event (no request id, so it stays out of the
request's hareket bilgileri).
"""

import secrets

from sqlmodel import Session, select

from mbs.core import clock, events, labels
from mbs.core.actors import Actor, StaffActor
from mbs.core.enums import EventKind, SmsKind, SmsStatus
from mbs.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from mbs.core.models import SmsMessage
from mbs.core.sms.rows import forget_code

DOUBLE_DELIVERY = "Bu mesaj muhtara iki kez ulaşabilir."
NOT_FOUND = "SMS bulunamadı."
CODES_NOT_REQUEUED = (
    "Giriş kodları yeniden gönderilmez: birkaç dakikada geçersiz olurlar. Muhtar yeni kod "
    "isteyebilir."
)


def require_sms_admin(actor: Actor) -> StaffActor:
    """The actor as a central-unit administrator, or PermissionDenied."""
    if isinstance(actor, StaffActor) and actor.is_central and actor.is_admin:
        return actor
    raise PermissionDenied("SMS kayıtlarını yalnızca Genel Müdürlük yöneticileri görebilir.")


def requeue_sms(
    *,
    session: Session,
    actor: Actor,
    sms_id: int,
    expected_status: SmsStatus,
    accept_double_delivery: bool = False,
) -> SmsMessage:
    """Put a failed notification (or one in review, with `accept_double_delivery`) back
    in the queue: pending now, attempts from zero, a new message key (so a late report
    about the earlier attempt cannot settle the new one). `expected_status` is what the
    administrator saw; if the row has moved on since, nothing changes."""
    admin = require_sms_admin(actor)
    row = _locked_row(session, sms_id, expected_status)
    if row.kind is SmsKind.OTP:
        raise ValidationError(CODES_NOT_REQUEUED)
    if row.status is SmsStatus.REVIEW:
        if not accept_double_delivery:
            raise ValidationError(f"{DOUBLE_DELIVERY} Yeniden kuyruğa almak için onaylayın.")
    elif row.status is not SmsStatus.FAILED:
        raise ValidationError(
            f"{labels.SMS_STATUS[row.status]} durumundaki bir SMS yeniden kuyruğa alınamaz."
        )
    data = {
        "sms_id": sms_id,
        "from": row.status.value,
        "attempts": row.attempts,
        "last_error": row.last_error or "",
        "request_id": row.request_id,
        "previous_key": row.idempotency_key,
    }
    now = clock.now()
    row.status, row.attempts, row.next_attempt_at = SmsStatus.PENDING, 0, now
    row.idempotency_key = secrets.token_hex(16)
    row.last_error = row.claim_token = row.lease_until = row.provider_ref = None
    row.sent_at = row.delivered_at = None
    session.add(row)
    events.record(session, EventKind.SMS_REQUEUED, admin, data=data)
    return row


def mark_sms_sent(*, session: Session, actor: Actor, sms_id: int) -> SmsMessage:
    """Gönderildi kabul et: the administrator checked with the provider (or the muhtar)
    that a message in review did go out; it becomes `sent` and is never re-sent."""
    admin = require_sms_admin(actor)
    row = _locked_row(session, sms_id, SmsStatus.REVIEW)
    row.body = forget_code(row.kind, {"status": SmsStatus.SENT, "body": row.body})["body"]
    row.status = SmsStatus.SENT
    row.sent_at = row.sent_at or row.last_attempt_at or clock.now()
    row.last_error = row.lease_until = None
    session.add(row)
    data = {"sms_id": sms_id, "request_id": row.request_id, "kind": row.kind.value}
    events.record(session, EventKind.SMS_MARKED_SENT, admin, data=data)
    return row


def _locked_row(session: Session, sms_id: int, expected: SmsStatus) -> SmsMessage:
    # FOR UPDATE (PostgreSQL): the sender's and the reports' conditional UPDATEs wait
    # for this transaction and then see the new status; SQLite has one writer.
    row = session.exec(select(SmsMessage).where(SmsMessage.id == sms_id).with_for_update()).first()
    if row is None:
        raise NotFound(NOT_FOUND)
    if row.status is not expected:
        raise ConflictError(
            "Bu SMS'in durumu siz bakarken değişti "
            f"(şimdi: {labels.SMS_STATUS[row.status]}). Listeyi yenileyip yeniden deneyin."
        )
    return row
