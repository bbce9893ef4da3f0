"""The e-mail outbox rows' state changes, each in one short transaction of its own.

Like the SMS outbox (mbs/core/sms/rows.py): a claim is committed before the server is
called, and every later change is conditional on the claim token and on the row still
being `sending`, so a sender whose lease ran out cannot overwrite a later decision.
"""

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Engine, Table, select, update

from mbs.core import clock
from mbs.core.enums import EmailStatus
from mbs.core.mail.config import MailSettings
from mbs.core.mail.transport import Delivery, OutgoingEmail
from mbs.core.models import EmailMessage
from mbs.core.sms.pacing import retry_delay
from mbs.core.sms.providers.base import Outcome

email = cast(Table, EmailMessage.__table__)  # type: ignore[attr-defined]
ERROR_LENGTH = 500
REVIEW_REASON = (
    "Gönderim sonucu bilinmiyor: SMTP sunucusu iletiyi almış olabilir, bu yüzden yeniden "
    "gönderilmedi. Kontrol edip gerekirse yeniden kuyruğa alın."
)


@dataclass(frozen=True)
class Claim:
    id: int
    token: str
    attempts: int
    message: OutgoingEmail


def claim_next(engine: Engine, *, lease: timedelta) -> Claim | None:
    """Claim the oldest due row and commit it as `sending` before anyone calls the
    server. PostgreSQL: FOR UPDATE SKIP LOCKED lets concurrent senders take different
    rows; SQLite has one writer, so the conditional UPDATE alone is atomic. One row per
    claim: if the sender dies, only the message it was sending is in doubt."""
    now = clock.now()
    token = secrets.token_hex(16)
    due = (
        select(email.c.id)
        .where(email.c.status == EmailStatus.PENDING, email.c.next_attempt_at <= now)
        .order_by(email.c.next_attempt_at, email.c.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    statement = (
        update(email)
        .where(email.c.id == due, email.c.status == EmailStatus.PENDING)
        .values(
            status=EmailStatus.SENDING,
            claim_token=token,
            lease_until=now + lease,
            attempts=email.c.attempts + 1,
            last_attempt_at=now,
        )
        .returning(
            email.c.id, email.c.attempts, email.c.idempotency_key, email.c.to_address,
            email.c.subject, email.c.body_text, email.c.body_html,
        )
    )  # fmt: skip
    with engine.begin() as connection:
        row = connection.execute(statement).first()
    if row is None:
        return None
    message = OutgoingEmail(row[2], row[3], row[4], row[5], row[6])
    return Claim(row.id, token, row.attempts, message)


def record_result(
    engine: Engine,
    claim: Claim,
    delivery: Delivery,
    settings: MailSettings,
    *,
    rng: random.Random | None = None,
) -> str:
    """Write what the server answered; returns the Tally counter it adds to."""
    values, counter = outcome_values(claim, delivery, clock.now(), settings, rng)
    with engine.begin() as connection:
        connection.execute(
            update(email)
            .where(
                email.c.id == claim.id,
                email.c.claim_token == claim.token,
                email.c.status == EmailStatus.SENDING,
            )
            .values(**values)
        )
    return counter


def outcome_values(
    claim: Claim,
    delivery: Delivery,
    now: datetime,
    settings: MailSettings,
    rng: random.Random | None = None,
) -> tuple[dict[str, Any], str]:
    """The columns to write for `delivery`, and which Tally counter it adds to."""
    reason = (delivery.reason or "")[:ERROR_LENGTH] or None
    done: dict[str, Any] = {"lease_until": None}
    if delivery.outcome is Outcome.ACCEPTED:
        return {**done, "status": EmailStatus.SENT, "sent_at": now, "last_error": None}, "sent"
    if delivery.outcome is Outcome.REJECTED:
        return {**done, "status": EmailStatus.FAILED, "last_error": reason}, "failed"
    if delivery.outcome is Outcome.UNKNOWN:
        text = f"{REVIEW_REASON} {reason or ''}".strip()[:ERROR_LENGTH]
        return {**done, "status": EmailStatus.REVIEW, "last_error": text}, "review"
    if claim.attempts >= settings.max_attempts:
        last = f" Son hata: {reason}" if reason else ""
        text = f"{claim.attempts} denemede gönderilemedi.{last}"[:ERROR_LENGTH]
        return {**done, "status": EmailStatus.FAILED, "last_error": text}, "failed"
    wait = retry_delay(
        claim.attempts, base=settings.retry_base_seconds, cap=settings.retry_cap_seconds, rng=rng
    )
    values = {"status": EmailStatus.PENDING, "next_attempt_at": now + wait, "last_error": reason}
    return {**done, **values}, "retrying"


def review_stale_claims(engine: Engine) -> int:
    """Rows still `sending` after their lease ran out: the sender died between handing
    the message over and writing the answer. The server may have it and cannot be
    asked, so a person decides; the row is never re-sent blindly."""
    now = clock.now()
    statement = (
        update(email)
        .where(email.c.status == EmailStatus.SENDING, email.c.lease_until < now)
        .values(status=EmailStatus.REVIEW, last_error=REVIEW_REASON, lease_until=None)
    )
    with engine.begin() as connection:
        return connection.execute(statement).rowcount
