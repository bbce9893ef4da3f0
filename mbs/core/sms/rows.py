"""The outbox rows' state changes, each in one short transaction of its own.

Every change after the claim is conditional on the claim token (and on the row still
being in the state the claimer left it), so a slow sender whose lease ran out cannot
overwrite what another process decided in the meantime.
"""

import random
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Engine, Table, and_, case, or_, select, update

from mbs.core import clock
from mbs.core.enums import SmsKind, SmsStatus
from mbs.core.models import SmsMessage
from mbs.core.sms.config import SenderSettings
from mbs.core.sms.pacing import retry_delay
from mbs.core.sms.providers.base import Outcome, OutgoingSms, SendResult

sms = cast(Table, SmsMessage.__table__)  # type: ignore[attr-defined]
ERROR_LENGTH = 500


@dataclass(frozen=True)
class ClaimedRow:
    id: int
    attempts: int
    message: OutgoingSms


@dataclass(frozen=True)
class Claim:
    token: str
    provider: str | None
    attempted_at: datetime
    rows: list[ClaimedRow]

    @property
    def messages(self) -> list[OutgoingSms]:
        return [row.message for row in self.rows]


@dataclass
class Tally:
    """What a round did, for the CLI and the logs."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    expired: int = 0
    checking: int = 0  # outcome open; the provider is asked later
    review: int = 0
    config_errors: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name in ("sent", "retrying", "failed", "expired", "checking", "review"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.config_errors.extend(other.config_errors)


# Claimed in this order; a kind added later is claimed after these.
CLAIM_ORDER = [SmsKind.OTP, SmsKind.NOTIFICATION]

# A login code's text is the code itself. Once its row reaches one of these states it
# is never sent again (review included: codes are not re-queued, they expire), so the
# text is blanked in the same UPDATE; the login keeps only an HMAC of the code.
CODE_FORGOTTEN_IN = frozenset(
    {SmsStatus.SENT, SmsStatus.DELIVERED, SmsStatus.FAILED, SmsStatus.EXPIRED, SmsStatus.REVIEW}
)


def forget_code(kind: SmsKind, values: dict[str, Any]) -> dict[str, Any]:
    """`values` for an UPDATE of a row of `kind`, with the body blanked when the row is
    a login code whose new status means it will never be sent again."""
    if kind is SmsKind.OTP and values.get("status") in CODE_FORGOTTEN_IN:
        return {**values, "body": ""}
    return values


def claim_batch(engine: Engine, *, provider: str, limit: int, lease: timedelta) -> Claim | None:
    """Claim up to `limit` due rows (login codes first) and commit them as `sending`
    before anyone calls the provider. PostgreSQL: FOR UPDATE SKIP LOCKED lets concurrent
    claimers take different rows; SQLite has one writer, so the conditional UPDATE alone
    is atomic (SQLAlchemy leaves FOR UPDATE out there)."""
    now = clock.now()
    token = secrets.token_hex(16)
    kinds = CLAIM_ORDER + [kind for kind in SmsKind if kind not in CLAIM_ORDER]
    claimed: list[Any] = []
    with engine.begin() as connection:
        for kind in kinds:
            if len(claimed) >= limit:
                break
            statement = _claim_statement(kind, limit - len(claimed), now, token, lease, provider)
            claimed.extend(connection.execute(statement).all())
    if not claimed:
        return None
    rows = [ClaimedRow(r.id, r.attempts, _message(r)) for r in sorted(claimed, key=_order)]
    return Claim(token, provider, now, rows)


def _claim_statement(
    kind: SmsKind, limit: int, now: datetime, token: str, lease: timedelta, provider: str
) -> Any:
    # The candidates are a MATERIALIZED CTE: as a plain `IN (subquery)` PostgreSQL may
    # run the LIMIT subquery again for each row, each time finding the next rows still
    # pending, and claim far more than `limit`. The UPDATE does not test the status
    # again: the CTE's rows are locked (PostgreSQL re-checks its WHERE on the newest row
    # version) or the writer is alone (SQLite), and a second test made SQLite scan every
    # pending row through the status index instead of fetching 50 by id.
    due = (
        select(sms.c.id)
        .where(
            sms.c.status == SmsStatus.PENDING,
            sms.c.kind == kind,
            sms.c.next_attempt_at <= now,
            or_(sms.c.expires_at.is_(None), sms.c.expires_at > now),
        )
        .order_by(sms.c.next_attempt_at, sms.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("due")
        .prefix_with("MATERIALIZED")
    )
    return (
        update(sms)
        .where(sms.c.id.in_(select(due.c.id)))
        .values(
            status=SmsStatus.SENDING,
            claim_token=token,
            lease_until=now + lease,
            attempts=sms.c.attempts + 1,
            last_attempt_at=now,
            provider=provider,
        )
        .returning(
            sms.c.id, sms.c.attempts, sms.c.idempotency_key, sms.c.phone, sms.c.body,
            sms.c.kind, sms.c.expires_at,
        )
    )  # fmt: skip


def _order(row: Any) -> tuple[int, int]:
    return (0 if row.kind is SmsKind.OTP else 1, row.id)


def _message(row: Any) -> OutgoingSms:
    return OutgoingSms(row.idempotency_key, row.phone, row.body, row.kind, row.expires_at)


def expire_codes(engine: Engine) -> int:
    """Login codes still waiting when their time ran out: never sent, marked expired."""
    now = clock.now()
    statement = (
        update(sms)
        .where(sms.c.status == SmsStatus.PENDING, sms.c.expires_at <= now)
        .values(
            status=SmsStatus.EXPIRED,
            last_error="Süresi doldu; gönderilmedi.",
            body=case((sms.c.kind == SmsKind.OTP, ""), else_=sms.c.body),
        )
    )
    with engine.begin() as connection:
        return connection.execute(statement).rowcount


def record_results(
    engine: Engine,
    claim: Claim,
    results: dict[str, SendResult],
    settings: SenderSettings,
    *,
    rng: random.Random | None = None,
) -> Tally:
    """Write what the provider answered for each claimed row, in one transaction. Rows
    that get the same values (a whole accepted batch) share one UPDATE."""
    now = clock.now()
    tally = Tally()
    groups: dict[tuple[tuple[str, Any], ...], list[int]] = {}
    for row in claim.rows:
        result = results.get(row.message.key) or SendResult(
            Outcome.UNKNOWN, reason="Sağlayıcı bu mesaj için sonuç vermedi."
        )
        values, counter = outcome_values(row, result, now, settings, rng)
        groups.setdefault(tuple(sorted(values.items())), []).append(row.id)
        setattr(tally, counter, getattr(tally, counter) + 1)
        if result.config_error and result.reason not in tally.config_errors:
            tally.config_errors.append(result.reason or "")
    with engine.begin() as connection:
        for items, ids in groups.items():
            values = dict(items)
            allowed = [SmsStatus.SENDING]
            if values.get("status") is SmsStatus.SENT:
                allowed.append(SmsStatus.REVIEW)  # a late answer settles a reviewed row
            connection.execute(
                update(sms)
                .where(
                    sms.c.id.in_(ids),
                    sms.c.claim_token == claim.token,
                    sms.c.status.in_(allowed),
                )
                .values(**values)
            )
    return tally


def outcome_values(
    row: ClaimedRow,
    result: SendResult,
    now: datetime,
    settings: SenderSettings,
    rng: random.Random | None = None,
) -> tuple[dict[str, Any], str]:
    """The columns to write for `result`, and which Tally counter it adds to."""
    values, counter = _outcome_values(row, result, now, settings, rng)
    return forget_code(row.message.kind, values), counter


def _outcome_values(
    row: ClaimedRow,
    result: SendResult,
    now: datetime,
    settings: SenderSettings,
    rng: random.Random | None,
) -> tuple[dict[str, Any], str]:
    reason = (result.reason or "")[:ERROR_LENGTH] or None
    if result.outcome is Outcome.ACCEPTED:
        values = {"status": SmsStatus.SENT, "provider_ref": result.provider_ref, "sent_at": now}
        return {**values, "lease_until": None, "last_error": None}, "sent"
    if result.outcome is Outcome.REJECTED:
        return {"status": SmsStatus.FAILED, "last_error": reason, "lease_until": None}, "failed"
    if result.outcome is Outcome.UNKNOWN:
        lease = now + timedelta(seconds=settings.check_after_seconds)
        return {"lease_until": lease, "last_error": reason}, "checking"
    return _retry_values(row, reason, now, settings, rng)


def _retry_values(
    row: ClaimedRow,
    reason: str | None,
    now: datetime,
    settings: SenderSettings,
    rng: random.Random | None,
) -> tuple[dict[str, Any], str]:
    last = f" Son hata: {reason}" if reason else ""
    if row.attempts >= settings.max_attempts:
        text = f"{row.attempts} denemede gönderilemedi.{last}"[:ERROR_LENGTH]
        return {"status": SmsStatus.FAILED, "last_error": text, "lease_until": None}, "failed"
    is_code = row.message.kind is SmsKind.OTP
    base = settings.otp_retry_base_seconds if is_code else settings.retry_base_seconds
    next_at = now + retry_delay(row.attempts, base=base, cap=settings.retry_cap_seconds, rng=rng)
    expires_at = row.message.expires_at
    if expires_at is not None and next_at >= expires_at:
        text = f"Süresi doldu; gönderilemedi.{last}"[:ERROR_LENGTH]
        return {"status": SmsStatus.EXPIRED, "last_error": text, "lease_until": None}, "expired"
    values = {"status": SmsStatus.PENDING, "next_attempt_at": next_at, "last_error": reason}
    return {**values, "lease_until": None}, "retrying"


def stale_claims(engine: Engine, *, lease: timedelta) -> list[Claim]:
    """Claims whose lease ran out with rows still `sending` (the sender died, or the
    provider's answer left the outcome open). Each is taken over by extending its lease
    in a conditional UPDATE, so two recoverers never handle the same claim."""
    now = clock.now()
    with engine.begin() as connection:
        tokens = connection.execute(
            select(sms.c.claim_token)
            .where(sms.c.status == SmsStatus.SENDING, sms.c.lease_until < now)
            .distinct()
            .limit(100)
        ).scalars()
        claims = []
        for token in list(tokens):
            taken = connection.execute(
                update(sms)
                .where(
                    sms.c.claim_token == token,
                    sms.c.status == SmsStatus.SENDING,
                    sms.c.lease_until < now,
                )
                .values(lease_until=now + lease)
                .returning(
                    sms.c.id, sms.c.attempts, sms.c.idempotency_key, sms.c.phone, sms.c.body,
                    sms.c.kind, sms.c.expires_at, sms.c.provider, sms.c.last_attempt_at,
                )
            ).all()  # fmt: skip
            if taken:
                rows = [ClaimedRow(r.id, r.attempts, _message(r)) for r in taken]
                claims.append(Claim(token, taken[0].provider, taken[0].last_attempt_at, rows))
    return claims


def known_refs(engine: Engine, claim: Claim) -> frozenset[str]:
    """References already recorded for the claim's numbers around its attempt."""
    since = claim.attempted_at - timedelta(minutes=30)
    with engine.begin() as connection:
        refs = connection.execute(
            select(sms.c.provider_ref).where(
                sms.c.phone.in_({row.message.phone for row in claim.rows}),
                sms.c.provider_ref.is_not(None),
                sms.c.last_attempt_at >= since,
            )
        ).scalars()
        return frozenset(ref for ref in refs if ref)


def write_rows(engine: Engine, claim: Claim, updates: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """Apply per-row values to a claim's rows that are still `sending` under it."""
    with engine.begin() as connection:
        for row_id, values in updates:
            connection.execute(
                update(sms)
                .where(
                    and_(sms.c.id == row_id, sms.c.claim_token == claim.token),
                    sms.c.status == SmsStatus.SENDING,
                )
                .values(**values)
            )
