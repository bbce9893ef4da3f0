"""Verimor SMS API v2: `POST /v2/send.json` answers a campaign id as plain text (200) or
an error name (400); `GET /v2/status` lists a campaign's messages; delivery reports are
also pushed to a callback URL set in Verimor's panel (`parse_push`).

Every request carries our keys: the campaign's `custom_id` (the claim token, or a login
code's own key, since each code goes alone with its own validity) and each message's
`id` (the row's idempotency key). So after an answer that leaves the outcome open,
`lookup` can ask Verimor whether the campaign exists, and know for sure.

The status query takes the credentials in its query string; the `httpx` logger would
print that URL, so a filter on it masks the password.
"""

import functools
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import httpx

from mbs.core import clock
from mbs.core.enums import SmsKind
from mbs.core.sms.providers import reasons
from mbs.core.sms.providers.base import (
    DeliveryReport,
    Outcome,
    OutgoingSms,
    ProviderError,
    SendResult,
    international_number,
    json_body,
    same_for_all,
    split_on_rejection,
    status_failure,
    transport_failure,
)

DEFAULT_BASE_URL = "https://sms.verimor.com.tr"
PAGE_SIZE = 100  # the status query returns at most this many messages


class _MaskPassword(logging.Filter):
    _pattern = re.compile(r"(password=)[^&\s\"']+")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "password=" in message:
            record.msg, record.args = self._pattern.sub(r"\1***", message), ()
        return True


logging.getLogger("httpx").addFilter(_MaskPassword())


@dataclass(frozen=True)
class VerimorProvider:
    username: str
    password: str
    source_addr: str  # the approved sender name (başlık)
    base_url: str = DEFAULT_BASE_URL
    name: str = "verimor"
    max_batch: int = PAGE_SIZE  # so one status page answers for a whole campaign
    reports_per_poll: int = 20  # one status query each; Verimor allows 150 requests a minute in all

    def __repr__(self) -> str:  # never show the password in a traceback
        return f"VerimorProvider(username={self.username!r}, source={self.source_addr!r})"

    async def send(
        self, client: httpx.AsyncClient, messages: Sequence[OutgoingSms], batch_key: str
    ) -> dict[str, SendResult]:
        results: dict[str, SendResult] = {}
        for campaign_id, group in _campaigns(messages, batch_key):
            send_many = functools.partial(self._send_campaign, client, custom_id=campaign_id)
            results.update(await split_on_rejection(send_many, group))
        return results

    async def _send_campaign(
        self, client: httpx.AsyncClient, messages: Sequence[OutgoingSms], custom_id: str
    ) -> dict[str, SendResult]:
        payload = {
            "username": self.username,
            "password": self.password,
            "source_addr": self.source_addr,
            "custom_id": custom_id,
            "valid_for": _valid_for(messages),
            "messages": [{"msg": m.body, "dest": m.phone, "id": m.key} for m in messages],
        }
        try:
            response = await client.post(self.base_url + "/v2/send.json", json=payload)
        except httpx.HTTPError as error:
            return same_for_all(messages, transport_failure(error))
        return same_for_all(messages, _send_answer(response))

    async def lookup(
        self,
        client: httpx.AsyncClient,
        messages: Sequence[OutgoingSms],
        batch_key: str,
        attempted_at: datetime,
        known_refs: frozenset[str] = frozenset(),
    ) -> dict[str, str | None] | None:
        found: dict[str, str | None] = {}
        for campaign_id, group in _campaigns(messages, batch_key):
            rows = await self._status(client, {"custom_id": campaign_id})
            refs = {str(row.get("message_custom_id")): row.get("campaign_id") for row in rows}
            for message in group:
                ref = refs.get(message.key)
                found[message.key] = str(ref) if ref is not None else None
        return found

    async def fetch_reports(
        self, client: httpx.AsyncClient, refs: Sequence[str]
    ) -> list[DeliveryReport]:
        reports: list[DeliveryReport] = []
        for ref in refs:
            rows = await self._status(client, {"id": ref})
            reports.extend(r for row in rows if (r := delivery_report(row)) is not None)
        return reports

    async def _status(self, client: httpx.AsyncClient, query: dict) -> list[Mapping]:
        """All of a campaign's messages (page by page); [] when there is no campaign."""
        rows: list[Mapping] = []
        params = {**query, "username": self.username, "password": self.password}
        while True:
            try:
                response = await client.get(self.base_url + "/v2/status", params=params)
            except httpx.HTTPError:
                raise ProviderError("Verimor rapor servisine ulaşılamadı.") from None
            if response.status_code == 404:
                return rows
            body = json_body(response)
            if response.status_code != 200 or not isinstance(body, list):
                raise ProviderError(f"Verimor raporu alınamadı (HTTP {response.status_code}).")
            page = [row for row in body if isinstance(row, Mapping)]
            rows.extend(page)
            if len(page) < PAGE_SIZE or "id" not in query:
                return rows
            params["greater_than"] = str(page[-1].get("message_id", ""))


def _campaigns(
    messages: Sequence[OutgoingSms], batch_key: str
) -> list[tuple[str, list[OutgoingSms]]]:
    """Notifications share one campaign; each login code goes alone, with its own
    validity, under its own key."""
    notifications = [m for m in messages if m.kind is not SmsKind.OTP]
    groups = [(m.key, [m]) for m in messages if m.kind is SmsKind.OTP]
    return groups + ([(batch_key, notifications)] if notifications else [])


def _valid_for(messages: Sequence[OutgoingSms]) -> str:
    """ "HH:MM", between Verimor's 00:01 and 48:00; login codes live only until expiry."""
    ends = [m.expires_at for m in messages if m.expires_at is not None]
    if not ends:
        return "24:00"
    minutes = int((min(ends) - clock.now()).total_seconds() // 60)
    minutes = max(1, min(minutes, 48 * 60))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _send_answer(response: httpx.Response) -> SendResult:
    text = response.text.strip()
    if response.status_code == 200:
        if text.isdigit():
            return SendResult(Outcome.ACCEPTED, provider_ref=text)
        return SendResult(Outcome.UNKNOWN, reason="Verimor'un cevabı anlaşılamadı.")
    if response.status_code == 413:
        return SendResult(Outcome.REJECTED, reason="İstek Verimor için çok büyük.")
    decided = status_failure(response.status_code)
    if decided is not None:
        return decided
    name = text.split()[0] if text else ""
    reason = reasons.verimor_send_error(name or f"HTTP {response.status_code}")
    if name in reasons.VERIMOR_CONFIG_ERRORS:
        return SendResult(Outcome.RETRY, reason=reason, config_error=True)
    if name in reasons.VERIMOR_REJECTIONS:
        return SendResult(Outcome.REJECTED, reason=reason)
    # A 4xx answer we do not know: refused, so not sent; try again later.
    return SendResult(Outcome.RETRY, reason=reason)


def delivery_report(row: Mapping) -> DeliveryReport | None:
    """One message of a status answer or of a push; None for what is not a report."""
    if row.get("type", "outbound") != "outbound":
        return None
    state, reason = reasons.verimor_status(
        str(row.get("status", "")), str(row.get("gsm_error") or "")
    )
    if state is None:
        return None
    return DeliveryReport(
        provider="verimor",
        state=state,
        provider_ref=str(row["campaign_id"]) if row.get("campaign_id") is not None else None,
        message_key=str(row["message_custom_id"]) if row.get("message_custom_id") else None,
        phone=international_number(str(row.get("dest", ""))) or None,
        reason=reason,
        done_at=_parse_time(row.get("done_at")),
    )


def parse_push(payload: object) -> list[DeliveryReport]:
    """The reports in a body Verimor POSTed to our callback URL (a JSON list)."""
    if not isinstance(payload, list):
        return []
    return [r for row in payload if isinstance(row, Mapping) and (r := delivery_report(row))]


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=clock.ISTANBUL)
