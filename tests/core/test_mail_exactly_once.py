"""Two e-mail senders (two threads, each with its own engine, as two processes or hosts
would be) drain one outbox into one SMTP server at the same time: every message
arrives exactly once."""

import threading
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from mbs.core.db import make_engine
from mbs.core.enums import EmailStatus
from mbs.core.mail.sender import send_pending
from mbs.core.sms.rows import Tally
from tests.fakes import mail_outbox as outbox
from tests.fakes.outbox import outbox_engine
from tests.fakes.smtp import FakeSmtp


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with outbox_engine(tmp_path_factory.mktemp("mail-exactly-once")) as engine:
        yield engine


def test_two_concurrent_senders_never_send_a_message_twice(db):
    count = 150
    outbox.queue(db, count)
    url = db.url.render_as_string(hide_password=False)
    tallies: list[Tally] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)
    with FakeSmtp() as smtp:

        def sender() -> None:
            engine = make_engine(url)  # a connection pool of its own, like another process
            try:
                start.wait()
                transport = outbox.smtp_transport(smtp, timeout=10.0)
                tallies.append(send_pending(engine, transport, outbox.settings()))
            except BaseException as error:
                errors.append(error)
            finally:
                engine.dispose()

        threads = [threading.Thread(target=sender) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        ids = Counter(message["Message-ID"] for message in smtp.messages())
    assert not errors
    assert len(ids) == count and set(ids.values()) == {1}
    assert sum(t.sent for t in tallies) == count
    assert all(t.sent > 0 for t in tallies), "both senders should have taken part"
    assert {row.status for row in outbox.rows(db)} == {EmailStatus.SENT}
