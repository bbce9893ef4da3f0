"""POST /api/sms/verimor/rapor over HTTP (httpx's ASGI transport on the app's backend
routes, without starting Reflex): off without a secret, 401 for a wrong one, 400 with
the reason for a malformed body, 200 and the rows settled for a good push."""

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, delete
from sqlmodel import Session, col

from mbs.core.db import get_engine, transaction
from mbs.core.enums import SmsStatus
from mbs.core.models import SmsMessage
from mbs.core.notifications import queue_sms
from mbs.ui import routes
from mbs.ui.muhtar.api import muhtar_api

SECRET = "verimor-push-" + "s" * 24


class Client:
    """Requests straight to the backend routes' ASGI app, one event loop each, in a
    thread of its own: after the browser tests this thread already runs Playwright's
    loop, and asyncio.run refuses to start a second one in it."""

    def __init__(self) -> None:
        self.app = muhtar_api()

    def request(self, method: str, url: str, **options: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://mbs") as client:
                return await client.request(method, url, **options)

        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, send()).result()

    def post(self, url: str, **options: Any) -> httpx.Response:
        return self.request("POST", url, **options)

    def get(self, url: str) -> httpx.Response:
        return self.request("GET", url)


@pytest.fixture
def client(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    monkeypatch.setenv("MBS_DATABASE_URL", database_url)
    monkeypatch.setenv("MBS_VERIMOR_REPORT_TOKEN", SECRET)
    get_engine.cache_clear()
    try:
        yield Client()
    finally:
        get_engine().dispose()
        get_engine.cache_clear()


@pytest.fixture
def sent(engine: Engine) -> Iterator[SmsMessage]:
    """A notification Verimor accepted (campaign 20121), committed; removed after."""
    with transaction(engine) as session:
        row = queue_sms(session, phone="905550000177", body="MBS: 2026-000177 alındı.")
        row.status, row.provider, row.provider_ref = SmsStatus.SENT, "verimor", "20121"
        session.add(row)
        session.flush()
    try:
        yield row
    finally:
        with transaction(engine) as session:
            session.exec(delete(SmsMessage).where(col(SmsMessage.id) == row.id))  # type: ignore[call-overload]


def report(row: SmsMessage, status: str = "DELIVERED") -> dict[str, object]:
    return {
        "type": "outbound", "campaign_id": 20121, "campaign_custom_id": "parti",
        "message_id": "13582302", "message_custom_id": row.idempotency_key,
        "dest": row.phone, "size": 1, "international_multiplier": 1, "credits": 1,
        "status": status, "gsm_error": "0", "sent_at": "2026-11-22 16:06:00",
        "done_at": "2026-11-22 16:06:30",
    }  # fmt: skip


def stored(engine: Engine, row: SmsMessage) -> SmsMessage:
    with Session(engine) as session:
        found = session.get(SmsMessage, row.id)
        assert found is not None
        return found


def test_a_good_push_settles_the_row_once(client: Client, engine: Engine, sent):
    url = f"{routes.SMS_VERIMOR_REPORTS}?token={SECRET}"
    answer = client.post(url, json=[report(sent)])
    assert answer.status_code == 200 and answer.json() == {"reports": 1, "changed": 1}
    row = stored(engine, sent)
    assert row.status is SmsStatus.DELIVERED and row.delivered_at is not None
    # Verimor repeats a push it thinks we missed: accepted, nothing changes.
    again = client.post(url, json=[report(sent, "NOT_DELIVERED")])
    assert again.status_code == 200 and again.json()["changed"] == 0
    assert stored(engine, sent).status is SmsStatus.DELIVERED


def test_the_secret_may_come_in_a_header(client: Client, engine: Engine, sent):
    answer = client.post(
        routes.SMS_VERIMOR_REPORTS, json=[report(sent)], headers={"X-MBS-Token": SECRET}
    )
    assert answer.status_code == 200
    assert stored(engine, sent).status is SmsStatus.DELIVERED


@pytest.mark.parametrize("token", ["", "yanlis", SECRET[:-1], SECRET + "x"])
def test_a_wrong_secret_is_refused_without_a_reason(
    client: Client, engine: Engine, sent, token: str
):
    answer = client.post(f"{routes.SMS_VERIMOR_REPORTS}?token={token}", json=[report(sent)])
    assert answer.status_code == 401
    assert "token" not in answer.text.lower() and SECRET not in answer.text
    assert stored(engine, sent).status is SmsStatus.SENT


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html>bakim</html>", "JSON değil"),
        (b'{"status": "DELIVERED"}', "JSON listesi olmalı"),
        (b"[1]", "JSON nesnesi olmalı"),
    ],
)
def test_a_malformed_body_gets_400_with_its_reason(client: Client, body: bytes, reason: str):
    answer = client.post(
        f"{routes.SMS_VERIMOR_REPORTS}?token={SECRET}",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 400 and reason in answer.text


def test_a_body_past_the_limit_is_refused(client: Client):
    answer = client.post(f"{routes.SMS_VERIMOR_REPORTS}?token={SECRET}", content=b" " * 1_000_001)
    assert answer.status_code == 413


def test_the_route_is_off_without_a_secret(
    client: Client, engine: Engine, sent, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("MBS_VERIMOR_REPORT_TOKEN")
    answer = client.post(f"{routes.SMS_VERIMOR_REPORTS}?token={SECRET}", json=[report(sent)])
    assert answer.status_code == 404
    assert stored(engine, sent).status is SmsStatus.SENT
    assert client.get(routes.SMS_VERIMOR_REPORTS).status_code == 405  # POST only
