"""What every SMS provider adapter offers the outbox sender, and the shared vocabulary.

A provider call ends in one of four outcomes, and the sender's promise rests on telling
them apart honestly:

* ACCEPTED: the provider took the message (it answered with its reference);
* RETRY: the provider certainly did not take it (no connection, a rate limit, an error
  code in a well-formed answer): sending again cannot make a duplicate;
* REJECTED: it never will (bad number, text refused): the row fails now;
* UNKNOWN: it may have taken it (the answer timed out, a 5xx, an answer we cannot read).
  Such rows are never re-sent blindly: the sender asks the provider (`lookup`) or, for a
  provider that cannot be asked, leaves the row for an administrator to review.

Reasons are Turkish and safe to store and log: adapters never put credentials, URLs with
query strings or the exception text of the HTTP library in them.
"""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

import httpx

from mbs.core.enums import SmsKind


@dataclass(frozen=True)
class OutgoingSms:
    key: str  # the outbox row's idempotency key
    phone: str  # "905321234567"
    body: str
    kind: SmsKind = SmsKind.NOTIFICATION
    expires_at: datetime | None = None


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    RETRY = "retry"
    REJECTED = "rejected"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SendResult:
    outcome: Outcome
    provider_ref: str | None = None
    reason: str | None = None
    # Wrong credentials, sender name or IP permission: every other message would fail
    # the same way, so the sender stops this round instead of burning attempts.
    config_error: bool = False


class DeliveryState(StrEnum):
    PENDING = "pending"  # the provider has it, the handset has not confirmed yet
    DELIVERED = "delivered"
    FAILED = "failed"


@dataclass(frozen=True)
class DeliveryReport:
    """One message's fate as the provider reports it (polled or pushed)."""

    provider: str
    state: DeliveryState
    provider_ref: str | None = None  # Netgsm job id, Verimor campaign id
    message_key: str | None = None  # our idempotency key, where the provider echoes it
    phone: str | None = None
    reason: str | None = None  # Turkish, for failed messages
    done_at: datetime | None = None


class ProviderError(Exception):
    """A report or lookup call that did not work; the message is Turkish and safe."""


class SmsProvider(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def max_batch(self) -> int:
        """The most messages one request may carry."""
        ...

    @property
    def reports_per_poll(self) -> int:
        """How many references one report poll (once a minute) may ask about."""
        ...

    async def send(
        self, client: httpx.AsyncClient, messages: Sequence[OutgoingSms], batch_key: str
    ) -> dict[str, SendResult]:
        """Hand `messages` to the provider; one result per message key."""
        ...

    async def lookup(
        self,
        client: httpx.AsyncClient,
        messages: Sequence[OutgoingSms],
        batch_key: str,
        attempted_at: datetime,
        known_refs: frozenset[str] = frozenset(),
    ) -> dict[str, str | None] | None:
        """After an UNKNOWN outcome or a lost sender: key → provider reference if the
        provider has the message, None if it certainly does not. None overall: the
        provider cannot tell. `known_refs` are references already recorded on other rows
        (never the answer). Raises ProviderError when the question itself failed."""
        ...

    async def fetch_reports(
        self, client: httpx.AsyncClient, refs: Sequence[str]
    ) -> list[DeliveryReport]:
        """Delivery reports for messages sent under `refs` (empty when not supported)."""
        ...


def same_for_all(messages: Sequence[OutgoingSms], result: SendResult) -> dict[str, SendResult]:
    return {message.key: result for message in messages}


def transport_failure(error: httpx.HTTPError) -> SendResult:
    """Classify an exception from httpx without keeping its text (it may hold a URL)."""
    if isinstance(error, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return SendResult(Outcome.RETRY, reason="SMS sağlayıcısına bağlanılamadı.")
    if isinstance(error, httpx.WriteTimeout | httpx.WriteError):
        # The request body did not get through, so the provider cannot have acted on it.
        return SendResult(Outcome.RETRY, reason="İstek SMS sağlayıcısına iletilemedi.")
    if isinstance(error, httpx.ReadTimeout):
        return SendResult(Outcome.UNKNOWN, reason="SMS sağlayıcısı zamanında cevap vermedi.")
    return SendResult(Outcome.UNKNOWN, reason="SMS sağlayıcısıyla bağlantı yarıda kesildi.")


def status_failure(status_code: int) -> SendResult | None:
    """The outcome an HTTP status alone decides, or None when the body must be read."""
    if status_code == 429:
        return SendResult(Outcome.RETRY, reason="SMS sağlayıcısının hız sınırı aşıldı.")
    if status_code == 503:
        return SendResult(Outcome.RETRY, reason="SMS sağlayıcısı geçici olarak hizmet dışı.")
    if status_code in (401, 403):
        return SendResult(
            Outcome.RETRY,
            reason="SMS sağlayıcısı kimlik bilgilerini veya IP adresini kabul etmedi.",
            config_error=True,
        )
    if status_code >= 500:
        return SendResult(
            Outcome.UNKNOWN, reason=f"SMS sağlayıcısı sunucu hatası verdi (HTTP {status_code})."
        )
    return None


SendMany = Callable[[Sequence[OutgoingSms]], Awaitable[dict[str, SendResult]]]


async def split_on_rejection(
    send_many: SendMany, messages: Sequence[OutgoingSms]
) -> dict[str, SendResult]:
    """Send a multi-message request; if the provider refuses the whole request for its
    content, find the bad message(s) by sending each one alone. Refused requests were
    not accepted, so re-sending their messages cannot duplicate anything."""
    results = await send_many(messages)
    if len(messages) < 2 or not all(r.outcome is Outcome.REJECTED for r in results.values()):
        return results
    singles: dict[str, SendResult] = {}
    for message in messages:
        singles.update(await send_many([message]))
    return singles


def json_body(response: httpx.Response) -> object | None:
    """The decoded JSON body, or None when the answer is not JSON at all."""
    try:
        return response.json()
    except ValueError:
        return None


def national_number(phone: str) -> str:
    """ "905321234567" → "5321234567" (the ten digits Turkish providers match on)."""
    return phone[-10:]


def international_number(number: str) -> str:
    """Any of "5321234567", "05321234567", "905321234567" → "905321234567"."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return f"90{digits[-10:]}" if len(digits) >= 10 else digits
