"""Delivery reports: polled from the provider (Netgsm's report endpoint, Verimor's status
query) or pushed to us (Verimor calls our URL; the HTTP route hands each report to
`record_delivery_report`), and stored on the outbox row."""

import logging
from collections.abc import Sequence
from datetime import timedelta

import httpx
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from mbs.core import clock
from mbs.core.enums import SmsKind, SmsStatus
from mbs.core.models import SmsMessage
from mbs.core.sms.providers.base import DeliveryReport, DeliveryState, SmsProvider
from mbs.core.sms.rows import CODE_FORGOTTEN_IN

log = logging.getLogger("mbs.sms")

# Providers keep a message for at most 48 hours (Verimor's longest validity); a row
# without a final report by then keeps `sent`.
REPORT_HORIZON = timedelta(hours=48)
# A report means the provider has the message, so it settles rows still in these states.
_OPEN = (SmsStatus.SENDING, SmsStatus.REVIEW, SmsStatus.SENT)


def record_delivery_report(session: Session, *, report: DeliveryReport) -> SmsMessage | None:
    """Store one report on its row (matched by our message key, else by the provider's
    reference and the number). Returns the row if it changed, None otherwise: no row
    matches, or the row is already final (a repeated or late report changes nothing).
    The caller commits."""
    row = _find(session, report)
    if row is None or row.status not in _OPEN:
        return None
    before = row.status
    now = clock.now()
    if row.status is not SmsStatus.SENT:
        # The provider has it although our sender never recorded that (it died, or the
        # answer was lost): the report settles the open outcome.
        row.status, row.sent_at, row.lease_until = SmsStatus.SENT, row.sent_at or now, None
        row.provider_ref = row.provider_ref or report.provider_ref
    if report.state is DeliveryState.DELIVERED:
        row.status, row.delivered_at = SmsStatus.DELIVERED, report.done_at or now
        row.last_error = None
    elif report.state is DeliveryState.FAILED:
        row.status = SmsStatus.FAILED
        row.last_error = f"İletilemedi: {report.reason or 'sağlayıcı nedenini bildirmedi'}."[:500]
    if row.status is before:
        return None
    if row.kind is SmsKind.OTP and row.status in CODE_FORGOTTEN_IN:
        row.body = ""
    session.add(row)
    return row


def _find(session: Session, report: DeliveryReport) -> SmsMessage | None:
    if report.message_key:
        return session.exec(
            select(SmsMessage).where(SmsMessage.idempotency_key == report.message_key)
        ).first()
    if not report.provider_ref:
        return None
    # One reference can cover a whole batch, even two messages to one number: prefer a
    # row that is not final yet, so each report settles a different row.
    statement = select(SmsMessage).where(
        SmsMessage.provider_ref == report.provider_ref,
        SmsMessage.provider == report.provider,
        col(SmsMessage.status).in_(_OPEN),
    )
    if report.phone:
        statement = statement.where(SmsMessage.phone == report.phone)
    return session.exec(statement.order_by(col(SmsMessage.id))).first()


def refs_to_poll(session: Session, *, provider: str, limit: int) -> list[str]:
    """References of sent rows still waiting for a final report, oldest first."""
    since = clock.now() - REPORT_HORIZON
    first_sent = func.min(SmsMessage.sent_at)
    statement = (
        select(SmsMessage.provider_ref)
        .where(
            SmsMessage.status == SmsStatus.SENT,
            SmsMessage.provider == provider,
            col(SmsMessage.provider_ref).is_not(None),
            col(SmsMessage.sent_at) >= since,
        )
        .group_by(col(SmsMessage.provider_ref))
        .order_by(first_sent)
        .limit(limit)
    )
    return [ref for ref in session.exec(statement) if ref]


async def poll_delivery_reports(
    engine: Engine, provider: SmsProvider, client: httpx.AsyncClient, *, limit: int = 100
) -> int:
    """Fetch reports for up to `limit` references and store them; returns rows changed.
    Raises ProviderError when the provider's report service fails."""
    with Session(engine) as session:
        refs = refs_to_poll(session, provider=provider.name, limit=limit)
    if not refs:
        return 0
    reports = await provider.fetch_reports(client, refs)
    return store_reports(engine, reports)


def store_reports(engine: Engine, reports: Sequence[DeliveryReport]) -> int:
    changed = 0
    with Session(engine, expire_on_commit=False) as session:
        for report in reports:
            changed += record_delivery_report(session=session, report=report) is not None
        session.commit()
    if changed:
        log.info("%d SMS için iletim raporu kaydedildi.", changed)
    return changed
