"""The development provider, the default when no provider is configured: it "delivers"
by printing the message on the console (the number masked, the text in full, since this
is development) and writing it to the dev outbox file (mbs/core/sms/dev_outbox.py, where
login codes stay readable after the database forgets them), and reports every message
delivered."""

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

import httpx

from mbs.core import clock
from mbs.core.sms import dev_outbox
from mbs.core.sms.providers.base import (
    DeliveryReport,
    DeliveryState,
    Outcome,
    OutgoingSms,
    SendResult,
)
from mbs.core.tckn import mask_phone


@dataclass
class DevProvider:
    stream: TextIO | None = None  # None: sys.stderr at the time of writing
    outbox: Path | None = None  # the dev outbox file; None: the console only
    name: str = "dev"
    max_batch: int = 100
    reports_per_poll: int = 1000

    async def send(
        self, client: httpx.AsyncClient, messages: Sequence[OutgoingSms], batch_key: str
    ) -> dict[str, SendResult]:
        out = self.stream or sys.stderr
        for message in messages:
            line = f"[SMS geliştirme] {mask_phone(message.phone)} ({message.kind}): {message.body}"
            print(line, file=out, flush=True)
        if self.outbox is not None:
            dev_outbox.append(self.outbox, messages)
        return {
            m.key: SendResult(Outcome.ACCEPTED, provider_ref=f"dev-{m.key[:12]}") for m in messages
        }

    async def lookup(
        self,
        client: httpx.AsyncClient,
        messages: Sequence[OutgoingSms],
        batch_key: str,
        attempted_at: datetime,
        known_refs: frozenset[str] = frozenset(),
    ) -> dict[str, str | None] | None:
        return None  # the console keeps no record: a lost sender's rows go to review

    async def fetch_reports(
        self, client: httpx.AsyncClient, refs: Sequence[str]
    ) -> list[DeliveryReport]:
        now = clock.now()
        return [
            DeliveryReport(self.name, DeliveryState.DELIVERED, ref, done_at=now) for ref in refs
        ]
