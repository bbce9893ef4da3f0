"""The e-mail outbox sender against a real SMTP server on 127.0.0.1 (aiosmtpd) and a
database of its own (it commits): the message as received, backoff on 4xx and
timeouts, giving up, failing on 5xx, and never sending twice."""

import io
import random
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from mbs.core.enums import EmailStatus
from mbs.core.mail import rows as outbox_rows
from mbs.core.mail.sender import send_pending
from mbs.core.mail.transport import DevTransport
from tests.fakes import mail_outbox as outbox
from tests.fakes.outbox import outbox_engine
from tests.fakes.smtp import FakeSmtp


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with outbox_engine(tmp_path_factory.mktemp("mail-outbox")) as engine:
        yield engine


@pytest.fixture(autouse=True)
def empty_outbox(db: Engine) -> None:
    outbox.clear(db)


@pytest.fixture
def smtp() -> Iterator[FakeSmtp]:
    with FakeSmtp(hang_seconds=1.5) as server:
        yield server


def run(db: Engine, transport, **settings: object):
    return send_pending(db, transport, outbox.settings(**settings), rng=random.Random(7))


def test_the_message_arrives_in_turkish_with_text_and_html_parts(db, now, smtp):
    subject = "Çağlayan Şükrü Ölmez: İĞNE ığne başvurusu"
    (row_id,) = outbox.queue(db, subject=subject)
    tally = run(db, outbox.smtp_transport(smtp))
    assert tally.sent == 1 and tally.failed == tally.retrying == 0
    row = outbox.row(db, row_id)
    assert row.status is EmailStatus.SENT and row.attempts == 1 and row.sent_at == now()
    [raw] = smtp.received
    header = raw.split(b"\r\n\r\n", 1)[0]
    assert b"=?utf-8?" in header.lower() and "Ölmez".encode() not in header  # RFC 2047
    assert raw.isascii()  # quoted-printable parts: fine for servers without 8BITMIME
    [message] = smtp.messages()
    assert message["Subject"] == subject
    assert message["To"] == row.to_address
    assert message["From"].addresses[0].display_name == "Muhtar Bilgi Sistemi"
    assert message["Message-ID"] == f"<{row.idempotency_key}@muhtar.gov.tr>"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Sayın Çağlayan Şükrü Ölmez," in text and "Takip no : 2026-000123" in text
    assert '<html lang="tr">' in html and "<p>Sayın Çağlayan Şükrü Ölmez,</p>" in html
    assert "<td" in html and "Çankaya Belediyesi" in html


def test_4xx_answers_back_off_exponentially_then_send(db, now, smtp):
    (row_id,) = outbox.queue(db)
    smtp.plan("busy_rcpt", "busy_data")
    transport = outbox.smtp_transport(smtp)
    for attempt, base in enumerate([60, 120], start=1):
        assert run(db, transport).retrying == 1
        row = outbox.row(db, row_id)
        wait = (row.next_attempt_at - now()).total_seconds()
        assert base / 2 <= wait <= base, (attempt, wait)
        assert row.status is EmailStatus.PENDING and row.attempts == attempt
        assert row.last_error.startswith("SMTP sunucusu 45")
        now.advance(wait - 1)
        assert run(db, transport).sent == 0  # not due yet
        now.advance(1)
    assert run(db, transport).sent == 1
    row = outbox.row(db, row_id)
    assert row.status is EmailStatus.SENT and row.attempts == 3 and row.last_error is None
    assert len(smtp.received) == 1


def test_a_timeout_before_the_message_is_sent_is_retried(db, now, smtp):
    (row_id,) = outbox.queue(db)
    smtp.plan("hang_rcpt")
    transport = outbox.smtp_transport(smtp)
    assert run(db, transport).retrying == 1
    row = outbox.row(db, row_id)
    assert row.status is EmailStatus.PENDING and "yanıt vermedi" in row.last_error
    assert smtp.received == []
    now.advance(3600)
    assert run(db, transport).sent == 1
    assert len(smtp.received) == 1


def test_gives_up_after_the_configured_number_of_attempts(db, now, smtp):
    (row_id,) = outbox.queue(db)
    smtp.plan(*["busy_rcpt"] * 10)
    transport = outbox.smtp_transport(smtp)
    for _ in range(5):
        run(db, transport, max_attempts=3)
        now.advance(3600)
    row = outbox.row(db, row_id)
    assert row.status is EmailStatus.FAILED and row.attempts == 3
    assert row.last_error.startswith("3 denemede gönderilemedi. Son hata: SMTP sunucusu 451")
    assert smtp.received == []


def test_a_5xx_fails_at_once_and_the_next_message_still_goes(db, now, smtp):
    bad, good = outbox.queue(db, 2)
    smtp.plan("reject_rcpt")
    tally = run(db, outbox.smtp_transport(smtp))
    assert (tally.failed, tally.sent) == (1, 1)
    row = outbox.row(db, bad)
    assert row.status is EmailStatus.FAILED and row.attempts == 1 and "550" in row.last_error
    assert outbox.row(db, good).status is EmailStatus.SENT
    assert len(smtp.received) == 1


def test_a_timeout_during_data_goes_to_review_and_is_never_resent(db, now, smtp):
    (row_id,) = outbox.queue(db)
    smtp.plan("hang_data")
    transport = outbox.smtp_transport(smtp)
    assert run(db, transport).review == 1
    row = outbox.row(db, row_id)
    assert row.status is EmailStatus.REVIEW and "bilinmiyor" in row.last_error
    now.advance(7 * 86400)
    assert run(db, transport).sent == 0
    assert len(smtp.received) == 1  # the server did get it, once


def test_a_crash_between_sending_and_the_commit_never_resends(db, now, smtp, monkeypatch):
    (row_id,) = outbox.queue(db)
    real_record = outbox_rows.record_result

    def die(*args, **kwargs):
        raise RuntimeError("süreç burada öldü")

    monkeypatch.setattr(outbox_rows, "record_result", die)
    transport = outbox.smtp_transport(smtp)
    with pytest.raises(RuntimeError):
        run(db, transport)
    monkeypatch.setattr(outbox_rows, "record_result", real_record)
    assert outbox.row(db, row_id).status is EmailStatus.SENDING
    assert run(db, transport).sent == 0  # the lease has not run out
    now.advance(301)
    assert run(db, transport).review == 1
    row = outbox.row(db, row_id)
    assert row.status is EmailStatus.REVIEW and "bilinmiyor" in row.last_error
    now.advance(86400)
    run(db, transport)
    assert outbox.row(db, row_id).status is EmailStatus.REVIEW
    assert len(smtp.received) == 1


def test_no_server_stops_the_round_after_one_attempt(db, now, smtp):
    outbox.queue(db, 3)
    closed = FakeSmtp()  # a free port nobody listens on
    tally = run(db, outbox.smtp_transport(smtp, port=closed.port))
    assert tally.retrying == 1 and tally.config_errors
    assert "bağlanılamadı" in tally.config_errors[0]
    assert sorted(row.attempts for row in outbox.rows(db)) == [0, 0, 1]


def test_the_dev_transport_prints_masked_addresses_and_marks_rows_sent(db, now):
    (row_id,) = outbox.queue(db, subject="Yeni görev: 2026-000123 numaralı talep")
    console = io.StringIO()
    assert run(db, DevTransport(stream=console)).sent == 1
    printed = console.getvalue()
    address = outbox.row(db, row_id).to_address
    assert "m***@muhtar.gov.tr" in printed and address not in printed
    assert "Yeni görev: 2026-000123" in printed
    assert outbox.row(db, row_id).status is EmailStatus.SENT
