"""Netgsm REST v2: `POST /sms/rest/v2/send` (many messages, one job id), `/otp` (login
codes, one message each) and `/report` (delivery reports), with HTTP Basic auth.

Netgsm takes no idempotency key. After an answer that leaves the outcome open, `lookup`
asks the report endpoint for jobs to the same numbers in a window around the attempt,
ignoring job ids already recorded on other rows: this assumes the Netgsm account sends
only MBS's messages (a shared account could make a foreign job look like ours).
"""

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx

from mbs.core import clock
from mbs.core.enums import SmsKind
from mbs.core.sms.providers import reasons
from mbs.core.sms.providers.base import (
    DeliveryReport,
    DeliveryState,
    Outcome,
    OutgoingSms,
    ProviderError,
    SendResult,
    international_number,
    json_body,
    national_number,
    same_for_all,
    split_on_rejection,
    status_failure,
    transport_failure,
)

DEFAULT_BASE_URL = "https://api.netgsm.com.tr"
LOOKUP_WINDOW_BEFORE = timedelta(minutes=2)
LOOKUP_WINDOW_AFTER = timedelta(minutes=10)

_CONFIG = {"30", "40", "41", "50", "51", "60"}
_REJECTED = {"20", "70"}
# Codes with their own meaning on the OTP endpoint: 50–52 are about the number.
_OTP_REJECTED = {"20", "50", "51", "52", "70"}


@dataclass(frozen=True)
class NetgsmProvider:
    usercode: str
    password: str
    header: str  # msgheader: the approved sender name
    base_url: str = DEFAULT_BASE_URL
    use_otp_endpoint: bool = True
    name: str = "netgsm"
    max_batch: int = 100
    reports_per_poll: int = 100  # one report query carries them all

    def __repr__(self) -> str:  # never show the password in a traceback
        return f"NetgsmProvider(usercode={self.usercode!r}, header={self.header!r})"

    async def send(
        self, client: httpx.AsyncClient, messages: Sequence[OutgoingSms], batch_key: str
    ) -> dict[str, SendResult]:
        codes = [m for m in messages if m.kind is SmsKind.OTP and self.use_otp_endpoint]
        others = [m for m in messages if m not in codes]
        results: dict[str, SendResult] = {}
        for single in await asyncio.gather(*(self._send_otp(client, m) for m in codes)):
            results.update(single)
        if others:
            results.update(await split_on_rejection(lambda ms: self._send_bulk(client, ms), others))
        return results

    async def _send_bulk(
        self, client: httpx.AsyncClient, messages: Sequence[OutgoingSms]
    ) -> dict[str, SendResult]:
        payload = {
            "msgheader": self.header,
            "encoding": "TR",
            "messages": [{"msg": m.body, "no": national_number(m.phone)} for m in messages],
        }
        result = await self._post_send(client, "/sms/rest/v2/send", payload, _REJECTED)
        return same_for_all(messages, result)

    async def _send_otp(
        self, client: httpx.AsyncClient, message: OutgoingSms
    ) -> dict[str, SendResult]:
        payload = {
            "msgheader": self.header,
            "msg": message.body,
            "no": national_number(message.phone),
        }
        result = await self._post_send(client, "/sms/rest/v2/otp", payload, _OTP_REJECTED)
        return {message.key: result}

    async def _post_send(
        self, client: httpx.AsyncClient, path: str, payload: dict, rejected: set[str]
    ) -> SendResult:
        try:
            response = await client.post(
                self.base_url + path, json=payload, auth=(self.usercode, self.password)
            )
        except httpx.HTTPError as error:
            return transport_failure(error)
        body = json_body(response)
        code = str(body.get("code", "")).strip() if isinstance(body, dict) else ""
        if not code:
            return status_failure(response.status_code) or _unreadable(response.status_code)
        if code == "00":
            jobid = body.get("jobid") if isinstance(body, dict) else None
            return SendResult(Outcome.ACCEPTED, provider_ref=str(jobid) if jobid else None)
        return _error(code, rejected)

    async def lookup(
        self,
        client: httpx.AsyncClient,
        messages: Sequence[OutgoingSms],
        batch_key: str,
        attempted_at: datetime,
        known_refs: frozenset[str] = frozenset(),
    ) -> dict[str, str | None] | None:
        window = {
            "startdate": _netgsm_time(attempted_at - LOOKUP_WINDOW_BEFORE),
            "stopdate": _netgsm_time(attempted_at + LOOKUP_WINDOW_AFTER),
        }
        jobs = await self._report(client, window)
        by_number: dict[str, set[str]] = {}
        for job in jobs:
            ref = str(job.get("jobid", ""))
            if ref and ref not in known_refs:
                number = international_number(str(job.get("number", "")))
                by_number.setdefault(number, set()).add(ref)
        found: dict[str, str | None] = {}
        for message in messages:
            refs = by_number.get(international_number(message.phone), set())
            if len(refs) > 1:
                return None  # two unexplained jobs to one number: a person must decide
            found[message.key] = next(iter(refs)) if refs else None
        return found

    async def fetch_reports(
        self, client: httpx.AsyncClient, refs: Sequence[str]
    ) -> list[DeliveryReport]:
        if not refs:
            return []
        jobs = await self._report(client, {"jobids": list(refs)})
        return [report for job in jobs if (report := self._delivery(job)) is not None]

    async def _report(self, client: httpx.AsyncClient, query: dict) -> list[Mapping]:
        try:
            response = await client.post(
                self.base_url + "/sms/rest/v2/report",
                json=query,
                auth=(self.usercode, self.password),
            )
        except httpx.HTTPError:
            raise ProviderError("Netgsm rapor servisine ulaşılamadı.") from None
        body = json_body(response)
        code = str(body.get("code", "")).strip() if isinstance(body, dict) else ""
        if code == "60":
            return []  # no records for the query
        if code != "00" or not isinstance(body, dict):
            raise ProviderError(reasons.netgsm_report_error(code, response.status_code))
        jobs = body.get("jobs") or []
        if not isinstance(jobs, list):
            raise ProviderError("Netgsm rapor cevabı anlaşılamadı.")
        return [job for job in jobs if isinstance(job, Mapping)]

    def _delivery(self, job: Mapping) -> DeliveryReport | None:
        try:
            status = int(job.get("status", -1))
        except (TypeError, ValueError):
            return None
        state, reason = reasons.netgsm_status(status)
        if state is None:
            return None
        return DeliveryReport(
            provider=self.name,
            state=state,
            provider_ref=str(job.get("jobid", "")) or None,
            phone=international_number(str(job.get("number", ""))) or None,
            reason=reason,
            done_at=_parse_time(job.get("deliveredDate"))
            if state is DeliveryState.DELIVERED
            else None,
        )


def _error(code: str, rejected: set[str]) -> SendResult:
    reason = reasons.netgsm_send_error(code)
    if code in _CONFIG:
        return SendResult(Outcome.RETRY, reason=reason, config_error=True)
    if code in rejected:
        return SendResult(Outcome.REJECTED, reason=reason)
    # A well-formed error answer (rate limits 80/85, system errors 100/101, codes we do
    # not know): the message was not queued.
    return SendResult(Outcome.RETRY, reason=reason)


def _unreadable(status_code: int) -> SendResult:
    if status_code < 300:
        return SendResult(Outcome.UNKNOWN, reason="Netgsm'in cevabı anlaşılamadı.")
    return SendResult(
        Outcome.RETRY,
        reason=f"Netgsm isteği kabul etmedi (HTTP {status_code}); adres ayarını denetleyin.",
        config_error=True,
    )


def _netgsm_time(moment: datetime) -> str:
    return clock.local(moment).strftime("%d%m%Y%H%M%S")


def _parse_time(value: object) -> datetime | None:
    """Netgsm writes Turkish local time ("22.11.2026 14:05:09" or ISO)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for pattern in ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=clock.ISTANBUL)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=clock.ISTANBUL)
