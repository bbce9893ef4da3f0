"""Queueing SMS to the muhtar in the outbox, in the caller's transaction.

The request belongs to the muhtarlık, so the message goes to whoever is muhtar of it
today (after an election, the new muhtar hears about the old requests). Messages never
contain the TCKN. Delivery is the outbox sender's job, not this module's.
"""

import secrets
from datetime import timedelta

from sqlmodel import Session, col, select

from mbs.core import clock
from mbs.core.enums import SmsKind
from mbs.core.mail.queue import mail_muhtar
from mbs.core.models import Muhtar, Request, SmsMessage

# One SMS with Turkish characters holds 155 characters (Netgsm "TR" encoding); the
# list of unit names is cut to keep routing messages within one or two parts.
_MAX_UNITS_IN_TEXT = 3


def current_muhtar(session: Session, muhtarlik_id: int) -> Muhtar | None:
    """The muhtar in office today for `muhtarlik_id`, if any."""
    today = clock.local(clock.now()).date()
    return session.exec(
        select(Muhtar)
        .where(
            Muhtar.muhtarlik_id == muhtarlik_id,
            Muhtar.term_start <= today,
            Muhtar.term_end >= today,
        )
        .order_by(col(Muhtar.term_start).desc())
    ).first()


def queue_sms(
    session: Session,
    *,
    phone: str,
    body: str,
    kind: SmsKind = SmsKind.NOTIFICATION,
    muhtar_id: int | None = None,
    request_id: int | None = None,
    expires_in: timedelta | None = None,
) -> SmsMessage:
    """Add one outbox row; the sender delivers it after the transaction commits."""
    now = clock.now()
    message = SmsMessage(
        idempotency_key=secrets.token_hex(16),
        kind=kind,
        phone=phone,
        body=body,
        muhtar_id=muhtar_id,
        request_id=request_id,
        created_at=now,
        next_attempt_at=now,
        expires_at=now + expires_in if expires_in else None,
    )
    session.add(message)
    return message


def notify_muhtar(session: Session, request: Request, body: str) -> SmsMessage | None:
    """Queue `body` to the muhtarlık's current muhtar (and by e-mail too, if they chose
    that: mbs/core/mail/queue.py); None when the office is vacant."""
    muhtar = current_muhtar(session, request.muhtarlik_id)
    if muhtar is None:
        return None
    mail_muhtar(session, muhtar, request, body)
    return queue_sms(
        session, phone=muhtar.phone, body=body, muhtar_id=muhtar.id, request_id=request.id
    )


def unit_list_text(names: list[str]) -> str:
    """ "Ankara Valiliği, Çankaya Belediyesi ve 2 birim daha"."""
    shown = ", ".join(names[:_MAX_UNITS_IN_TEXT])
    rest = len(names) - _MAX_UNITS_IN_TEXT
    return f"{shown} ve {rest} birim daha" if rest > 0 else shown


def text_received(tracking_no: str) -> str:
    return f"MBS: {tracking_no} numaralı başvurunuz alındı. Her aşamada SMS ile bilgi verilecek."


def text_routed(tracking_no: str, unit_names: list[str]) -> str:
    return f"MBS: {tracking_no} numaralı başvurunuz yönlendirildi: {unit_list_text(unit_names)}."


def text_units_added(tracking_no: str, unit_names: list[str]) -> str:
    return (
        f"MBS: {tracking_no} numaralı başvurunuz ayrıca yönlendirildi: "
        f"{unit_list_text(unit_names)}."
    )


def text_unit_completed(tracking_no: str, unit_name: str) -> str:
    return f"MBS: {tracking_no} numaralı başvurunuzda {unit_name} işlemini tamamladı."


def text_concluded(tracking_no: str) -> str:
    return (
        f"MBS: {tracking_no} numaralı başvurunuz sonuçlandı. Sonucu Sonuçlanan "
        "Taleplerim bölümünde görebilirsiniz."
    )
