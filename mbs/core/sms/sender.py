"""The outbox sender: delivers pending rows through the configured provider.

What is promised, honestly:

* A row is handed to the provider at most once per claim, and a claim is committed
  (status `sending`, a claim token, a lease) BEFORE the provider is called. Two senders
  (two processes, two hosts) never claim the same row: PostgreSQL's FOR UPDATE SKIP
  LOCKED, or SQLite's single writer with a conditional UPDATE.
* A row goes back to `pending` (with exponential backoff and jitter) only when the
  provider certainly did not take it: no connection, a rate limit, an error code in a
  well-formed answer. After MBS_SMS_MAX_ATTEMPTS attempts it is `failed`, with the reason.
* When the outcome is open (the answer timed out, a 5xx, an answer we cannot read, or
  the sender died between the provider's answer and its commit), the row stays
  `sending` until its lease runs out; then the provider is asked (`lookup`): Verimor by
  our campaign id, Netgsm by its report of jobs to that number around that time. If the
  provider has it, the row is `sent`; if it certainly has not, it is retried; if the
  provider cannot tell (or the dev console), the row goes to `review` for an
  administrator, and is never re-sent blindly. So delivery is at-most-once toward the
  provider, and exactly-once whenever the provider can be asked.
* Login codes (SmsKind.OTP) are claimed first, and never sent after `expires_at`: they
  are marked `expired` instead. Their text leaves the database as soon as the row is
  settled (sent, delivered, failed, expired or in review; `rows.forget_code`).

Throughput: MBS_SMS_CONCURRENCY requests in flight, each carrying up to
MBS_SMS_BATCH_SIZE messages, paced by a token bucket (MBS_SMS_RATE_PER_SECOND).
"""

import asyncio
import logging
import random
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import Engine

from mbs.core import clock
from mbs.core.enums import SmsStatus
from mbs.core.sms import rows
from mbs.core.sms.config import SenderSettings, sender_settings
from mbs.core.sms.pacing import TokenBucket
from mbs.core.sms.providers.base import (
    Outcome,
    ProviderError,
    SendResult,
    SmsProvider,
    same_for_all,
)
from mbs.core.sms.rows import Claim, Tally
from mbs.core.tckn import is_valid_tckn

log = logging.getLogger("mbs.sms")

# A provider that cannot be asked for this long after the attempt: a person decides.
GIVE_UP_ASKING = timedelta(hours=1)
REVIEW_REASON = (
    "Gönderim sonucu bilinmiyor: sağlayıcı mesajı almış olabilir, bu yüzden yeniden "
    "gönderilmedi. Kontrol edip gerekirse yeniden kuyruğa alın."
)
NOT_RECEIVED = "Sağlayıcı önceki denemeyi almamış; yeniden gönderilecek."
TCKN_REFUSED = SendResult(
    Outcome.REJECTED, reason="Metin bir TC kimlik numarası içeriyor; KVKK gereği gönderilmedi."
)
_ELEVEN_DIGITS = re.compile(r"(?<!\d)[1-9]\d{10}(?!\d)")


@asynccontextmanager
async def http_client(settings: SenderSettings) -> AsyncIterator[httpx.AsyncClient]:
    timeout = httpx.Timeout(
        settings.read_timeout, connect=settings.connect_timeout, pool=settings.connect_timeout
    )
    limits = httpx.Limits(max_connections=settings.concurrency * 2)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:
        yield client


async def drain(
    engine: Engine,
    provider: SmsProvider,
    settings: SenderSettings | None = None,
    *,
    client: httpx.AsyncClient | None = None,
    rng: random.Random | None = None,
) -> Tally:
    """Send every row that is due now, settle open outcomes, and return the counts.
    Rows retried for later stay for the next round (the scheduler runs one every few
    seconds)."""
    settings = settings or sender_settings()
    tally = Tally()
    tally.expired += await asyncio.to_thread(rows.expire_codes, engine)
    if client is None:
        async with http_client(settings) as own_client:
            await _drain(engine, provider, settings, own_client, rng, tally)
    else:
        await _drain(engine, provider, settings, client, rng, tally)
    for reason in tally.config_errors:
        log.error("SMS sağlayıcısı ayarı hatalı (%s): %s", provider.name, reason)
    return tally


async def _drain(
    engine: Engine,
    provider: SmsProvider,
    settings: SenderSettings,
    client: httpx.AsyncClient,
    rng: random.Random | None,
    tally: Tally,
) -> None:
    tally.add(await recover(engine, provider, client, settings, rng=rng))
    bucket = TokenBucket(settings.rate_per_second) if settings.rate_per_second else None
    size = min(settings.effective_batch_size, provider.max_batch)
    lease = timedelta(seconds=settings.lease_seconds)
    stop = asyncio.Event()
    errors: list[BaseException] = []

    async def worker() -> None:
        while not stop.is_set():
            if bucket is not None:
                await bucket.take(size)
            try:
                claim = await asyncio.to_thread(
                    rows.claim_batch, engine, provider=provider.name, limit=size, lease=lease
                )
                if claim is None:
                    return
                results = await _send(provider, client, claim, settings)
                done = await asyncio.to_thread(
                    rows.record_results, engine, claim, results, settings, rng=rng
                )
            except Exception as error:  # a claimed batch stays `sending`; recovery settles it
                log.exception("SMS gönderimi yarıda kaldı")
                errors.append(error)
                stop.set()
                return
            tally.add(done)
            if done.config_errors:
                stop.set()  # every other message would fail the same way

    await asyncio.gather(*(worker() for _ in range(settings.concurrency)))
    if errors:
        raise errors[0]


async def _send(
    provider: SmsProvider, client: httpx.AsyncClient, claim: Claim, settings: SenderSettings
) -> dict[str, SendResult]:
    # Last line of defence for KVKK: whatever queued it, a text carrying a TCKN never
    # leaves the building.
    refused = {m.key: TCKN_REFUSED for m in claim.messages if contains_tckn(m.body)}
    messages = [m for m in claim.messages if m.key not in refused]
    if not messages:
        return refused
    try:
        async with asyncio.timeout(settings.send_deadline_seconds):
            return {**refused, **await provider.send(client, messages, claim.token)}
    except TimeoutError:
        late = SendResult(Outcome.UNKNOWN, reason="SMS sağlayıcısı zamanında cevap vermedi.")
        return {**refused, **same_for_all(messages, late)}


def contains_tckn(text: str) -> bool:
    """True when `text` holds an 11-digit number that passes the TCKN checksum."""
    return any(is_valid_tckn(match) for match in _ELEVEN_DIGITS.findall(text))


async def recover(
    engine: Engine,
    provider: SmsProvider,
    client: httpx.AsyncClient,
    settings: SenderSettings,
    *,
    rng: random.Random | None = None,
) -> Tally:
    """Settle claims whose lease ran out: ask the provider, then mark each row sent,
    retry it, or leave it for review."""
    tally = Tally()
    lease = timedelta(seconds=settings.lease_seconds)
    for claim in await asyncio.to_thread(rows.stale_claims, engine, lease=lease):
        found: dict[str, str | None] | None = None
        if claim.provider == provider.name:
            known = await asyncio.to_thread(rows.known_refs, engine, claim)
            try:
                found = await provider.lookup(
                    client, claim.messages, claim.token, claim.attempted_at, known
                )
            except ProviderError as error:
                if clock.now() - claim.attempted_at < GIVE_UP_ASKING:
                    log.warning("Gönderim sonucu sorulamadı, sonra yeniden sorulacak: %s", error)
                    tally.checking += len(claim.rows)
                    continue  # the extended lease brings it back later
        tally.add(await asyncio.to_thread(_settle, engine, claim, found, settings, rng))
    return tally


def _settle(
    engine: Engine,
    claim: Claim,
    found: dict[str, str | None] | None,
    settings: SenderSettings,
    rng: random.Random | None,
) -> Tally:
    now = clock.now()
    tally = Tally()
    updates = []
    values: dict[str, Any]
    for row in claim.rows:
        if found is None:
            values = {"status": SmsStatus.REVIEW, "last_error": REVIEW_REASON, "lease_until": None}
            values, counter = rows.forget_code(row.message.kind, values), "review"
        elif found.get(row.message.key):
            accepted = SendResult(Outcome.ACCEPTED, provider_ref=found[row.message.key])
            values, counter = rows.outcome_values(row, accepted, now, settings)
            values["sent_at"] = claim.attempted_at
        else:
            retry = SendResult(Outcome.RETRY, reason=NOT_RECEIVED)
            values, counter = rows.outcome_values(row, retry, now, settings, rng)
        updates.append((row.id, values))
        setattr(tally, counter, getattr(tally, counter) + 1)
    rows.write_rows(engine, claim, updates)
    if tally.review:
        log.warning("%d SMS incelemeye alındı: gönderim sonucu bilinmiyor.", tally.review)
    return tally


def send_pending(
    engine: Engine, provider: SmsProvider, settings: SenderSettings | None = None
) -> Tally:
    """One round, from synchronous code (the CLI, a scheduled job)."""
    return asyncio.run(drain(engine, provider, settings))
