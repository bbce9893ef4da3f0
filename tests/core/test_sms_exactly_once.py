"""Two senders (two threads, each with its own engine and connections, as two processes
or hosts would be) drain one outbox at the same time: every message reaches the
provider exactly once."""

import asyncio
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine

from mbs.core.db import make_engine
from mbs.core.enums import SmsStatus
from mbs.core.sms import rows as outbox_rows
from mbs.core.sms.providers import NetgsmProvider
from mbs.core.sms.rows import Tally
from mbs.core.sms.sender import drain
from tests.fakes import outbox
from tests.fakes.netgsm import FakeNetgsm


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with outbox.outbox_engine(tmp_path_factory.mktemp("exactly-once")) as engine:
        yield engine


@pytest.fixture(autouse=True)
def empty_outbox(db: Engine) -> None:
    outbox.clear(db)


def test_a_claim_takes_at_most_its_limit(db):
    outbox.queue(db, 25)
    claim = outbox_rows.claim_batch(db, provider="dev", limit=10, lease=timedelta(minutes=2))
    assert claim is not None and len(claim.rows) == 10
    statuses = Counter(row.status for row in outbox.rows(db))
    assert statuses == {SmsStatus.SENDING: 10, SmsStatus.PENDING: 15}


def test_two_concurrent_senders_never_send_a_message_twice(db):
    count = 400
    outbox.queue(db, count)
    url = db.url.render_as_string(hide_password=False)
    tallies: list[Tally] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)
    with FakeNetgsm(latency=0.01) as netgsm:

        def sender() -> None:
            engine = make_engine(url)  # a connection pool of its own, like another process
            provider = NetgsmProvider(
                netgsm.usercode, netgsm.password, netgsm.header, base_url=netgsm.url
            )
            try:
                start.wait()
                settings = outbox.settings(batch_size=5, concurrency=4, read_timeout=5.0)
                tallies.append(asyncio.run(drain(engine, provider, settings)))
            except BaseException as error:
                errors.append(error)
            finally:
                engine.dispose()

        threads = [threading.Thread(target=sender) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        bodies = Counter(netgsm.bodies())
    assert not errors
    assert len(bodies) == count and set(bodies.values()) == {1}
    assert sum(t.sent for t in tallies) == count
    assert all(t.sent > 0 for t in tallies), "both senders should have taken part"
    assert {row.status for row in outbox.rows(db)} == {SmsStatus.SENT}
