"""Delivery reports: polled from Netgsm, pushed by Verimor, stored on the outbox row."""

import asyncio
import io
import random
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from mbs.core.enums import SmsStatus
from mbs.core.sms import rows as outbox_rows
from mbs.core.sms.providers import DevProvider, NetgsmProvider, VerimorProvider
from mbs.core.sms.providers.verimor import parse_push
from mbs.core.sms.reports import poll_delivery_reports, record_delivery_report, refs_to_poll
from mbs.core.sms.sender import drain, http_client
from tests.fakes import outbox
from tests.fakes.netgsm import FakeNetgsm
from tests.fakes.verimor import FakeVerimor


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with outbox.outbox_engine(tmp_path_factory.mktemp("reports")) as engine:
        yield engine


@pytest.fixture(autouse=True)
def empty_outbox(db: Engine) -> None:
    outbox.clear(db)


def send(engine: Engine, provider) -> None:
    asyncio.run(drain(engine, provider, outbox.settings(), rng=random.Random(1)))


def poll(engine: Engine, provider) -> int:
    async def run() -> int:
        async with http_client(outbox.settings()) as client:
            return await poll_delivery_reports(engine, provider, client)

    return asyncio.run(run())


def push(engine: Engine, body: object) -> int:
    with Session(engine) as session:
        changed = [record_delivery_report(session=session, report=r) for r in parse_push(body)]
        session.commit()
    return sum(row is not None for row in changed)


def test_netgsm_reports_are_polled_and_stored(db, now):
    with FakeNetgsm() as netgsm:
        provider = NetgsmProvider(netgsm.usercode, netgsm.password, "MBS", base_url=netgsm.url)
        delivered, failed, waiting = (outbox.queue(db)[0] for _ in range(3))
        send(db, provider)
        numbers = [outbox.row(db, i).phone[2:] for i in (delivered, failed, waiting)]
        now.advance(30)
        netgsm.deliver(1, number=numbers[0])
        netgsm.deliver(15, number=numbers[1])
        assert poll(db, provider) == 2
    row = outbox.row(db, delivered)
    assert row.status is SmsStatus.DELIVERED and row.delivered_at == now()
    row = outbox.row(db, failed)
    assert row.status is SmsStatus.FAILED and row.last_error == "İletilemedi: Numara kara listede."
    assert outbox.row(db, waiting).status is SmsStatus.SENT
    with Session(db) as session:  # one job id for the batch, still waiting for one number
        assert refs_to_poll(session, provider="netgsm", limit=10) == [row.provider_ref]
        now.advance(49 * 3600)  # past the providers' horizon: no longer asked
        assert refs_to_poll(session, provider="netgsm", limit=10) == []


def test_verimor_pushes_settle_rows_once(db, now):
    with FakeVerimor() as verimor:
        provider = VerimorProvider(
            verimor.username, verimor.password, verimor.source_addr, base_url=verimor.url
        )
        ok, bad = outbox.queue(db, 2)
        send(db, provider)
        dests = {i: outbox.row(db, i).phone for i in (ok, bad)}
        verimor.deliver("DELIVERED", dest=dests[ok])
        verimor.deliver("BLACKLISTED_DESTINATION_ADDRESS", dest=dests[bad])
        body = verimor.push_body()
    assert push(db, body) == 2
    assert outbox.row(db, ok).status is SmsStatus.DELIVERED
    assert outbox.row(db, bad).status is SmsStatus.FAILED
    assert "kara listede" in outbox.row(db, bad).last_error
    assert push(db, body) == 0  # Verimor repeats pushes it thinks we missed: no change
    assert push(db, [{**body[0], "message_custom_id": "bilinmeyen"}]) == 0


def test_a_report_settles_a_row_whose_sender_died_before_recording(db, now, monkeypatch):
    with FakeVerimor() as verimor:
        provider = VerimorProvider(
            verimor.username, verimor.password, verimor.source_addr, base_url=verimor.url
        )
        (row_id,) = outbox.queue(db)

        def die(*args, **kwargs):
            raise RuntimeError("süreç öldü")

        monkeypatch.setattr(outbox_rows, "record_results", die)
        with pytest.raises(RuntimeError):
            send(db, provider)
        assert outbox.row(db, row_id).status is SmsStatus.SENDING
        verimor.deliver()
        assert push(db, verimor.push_body()) == 1
    row = outbox.row(db, row_id)
    assert row.status is SmsStatus.DELIVERED and row.provider_ref and row.lease_until is None


def test_the_dev_provider_reports_everything_delivered(db, now):
    (row_id,) = outbox.queue(db)
    provider = DevProvider(stream=io.StringIO())
    send(db, provider)
    assert poll(db, provider) == 1
    assert outbox.row(db, row_id).status is SmsStatus.DELIVERED
