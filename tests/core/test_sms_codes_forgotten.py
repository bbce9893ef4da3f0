"""A login code's text leaves the database once its row is settled (sent, delivered,
failed, expired, in review), on every path that settles it; notifications keep theirs.
The dev provider's outbox file still lets a developer read the code."""

import asyncio
import io
import json
import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from mbs.core.enums import SmsKind, SmsStatus
from mbs.core.sms import dev_outbox
from mbs.core.sms import rows as outbox_rows
from mbs.core.sms.providers import DevProvider, VerimorProvider, provider_from_env
from mbs.core.sms.push import parse_verimor_push, record_pushed_reports
from mbs.core.sms.sender import drain
from mbs.core.tckn import mask_phone
from tests.fakes import outbox
from tests.fakes.verimor import FakeVerimor

CODE_TEXT = "MBS onay kodunuz: 482915. 3 dakika geçerlidir."


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with outbox.outbox_engine(tmp_path_factory.mktemp("codes")) as engine:
        yield engine


@pytest.fixture(autouse=True)
def empty_outbox(db: Engine) -> None:
    outbox.clear(db)


def run(engine: Engine, provider) -> outbox_rows.Tally:
    return asyncio.run(drain(engine, provider, outbox.settings(), rng=random.Random(3)))


def die(*args: object, **kwargs: object) -> None:
    raise RuntimeError("süreç öldü")


def code(engine: Engine, expires_in: float = 180) -> int:
    (row_id,) = outbox.queue(
        engine, kind=SmsKind.OTP, expires_in=timedelta(seconds=expires_in), text=CODE_TEXT
    )
    return row_id


def test_after_sending_the_code_is_only_in_the_dev_outbox_file(db, now, tmp_path: Path):
    sent_code, notice = code(db), outbox.queue(db)[0]
    file = tmp_path / "dev-outbox.jsonl"
    provider = DevProvider(stream=io.StringIO(), outbox=file)
    assert run(db, provider).sent == 2
    row = outbox.row(db, sent_code)
    assert row.status is SmsStatus.SENT and row.body == ""
    assert outbox.row(db, notice).body.startswith("MBS: 2026-000123")
    assert (dev_outbox.body_of(file, row.idempotency_key) or "").startswith(CODE_TEXT)
    text = file.read_text(encoding="utf-8")
    assert row.phone not in text and mask_phone(row.phone) in text
    assert file.stat().st_mode & 0o077 == 0  # readable by the owner only


def test_an_expired_code_is_blanked_without_being_sent(db, now, tmp_path: Path):
    row_id = code(db)
    now.advance(181)
    file = tmp_path / "dev-outbox.jsonl"
    assert run(db, DevProvider(stream=io.StringIO(), outbox=file)).expired == 1
    row = outbox.row(db, row_id)
    assert row.status is SmsStatus.EXPIRED and row.body == ""
    assert not file.exists()


def test_a_refused_code_is_blanked_and_a_refused_notice_is_kept(db, now):
    refused_code = outbox.queue(db, kind=SmsKind.OTP, text="kod 10000000146")[0]
    refused_notice = outbox.queue(db, text="bildirim 10000000146")[0]
    assert run(db, DevProvider(stream=io.StringIO())).failed == 2
    assert outbox.row(db, refused_code).body == ""
    assert outbox.row(db, refused_notice).body.startswith("bildirim")


def test_a_code_left_for_review_is_blanked(db, now, monkeypatch):
    row_id = code(db, expires_in=3600)
    real = outbox_rows.record_results
    monkeypatch.setattr(outbox_rows, "record_results", die)
    with pytest.raises(RuntimeError):
        run(db, DevProvider(stream=io.StringIO()))
    monkeypatch.setattr(outbox_rows, "record_results", real)
    assert outbox.row(db, row_id).body.startswith(CODE_TEXT)  # still sending
    now.advance(121)
    assert run(db, DevProvider(stream=io.StringIO())).review == 1
    row = outbox.row(db, row_id)
    assert row.status is SmsStatus.REVIEW and row.body == ""


def test_a_delivery_report_that_settles_a_code_blanks_it(db, now, monkeypatch):
    with FakeVerimor() as verimor:
        provider = VerimorProvider(
            verimor.username, verimor.password, verimor.source_addr, base_url=verimor.url
        )
        row_id = code(db)
        monkeypatch.setattr(outbox_rows, "record_results", die)
        with pytest.raises(RuntimeError):
            run(db, provider)
        verimor.deliver()
        body = verimor.push_body()
    with Session(db) as session:
        reports = parse_verimor_push(json.dumps(body).encode())
        assert record_pushed_reports(session, reports) == 1
        session.commit()
    row = outbox.row(db, row_id)
    assert row.status is SmsStatus.DELIVERED and row.body == ""


def test_the_configured_dev_provider_writes_the_outbox_file(tmp_path: Path):
    """MBS_SMS_DEV_OUTBOX names the file; by default it lives in the instance folder."""
    file = tmp_path / "kutu.jsonl"
    provider = provider_from_env({"MBS_SMS_DEV_OUTBOX": str(file)})
    assert isinstance(provider, DevProvider) and provider.outbox == file
    default = provider_from_env({})
    assert isinstance(default, DevProvider)
    assert default.outbox is not None and default.outbox.name == dev_outbox.FILE_NAME
