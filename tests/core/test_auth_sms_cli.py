"""`mbs sms list`: newest first, phones masked, onay kodu bodies hidden in production;
a code the database forgot after sending is read back from the dev outbox file."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from mbs.cli.main import cli
from mbs.core.db import get_engine
from mbs.core.enums import SmsKind, SmsStatus
from mbs.core.models import SmsMessage
from mbs.core.notifications import queue_sms
from mbs.core.sms import dev_outbox
from mbs.core.sms.providers.base import OutgoingSms
from tests.core.test_auth_common import FakeClock, auth_env

OTP_BODY = "MBS onay kodunuz: 482915. 3 dakika geçerlidir. Bu kodu kimseyle paylaşmayın."
NOTICE_BODY = "MBS: 2026-000001 numaralı başvurunuz alındı."


@pytest.fixture
def outbox(
    engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeClock]:
    """Two committed messages (the command reads the database itself), removed after."""
    clock = auth_env(monkeypatch)
    monkeypatch.delenv("MBS_ENV", raising=False)
    monkeypatch.setenv("MBS_DATABASE_URL", database_url)
    get_engine.cache_clear()
    with Session(engine) as session:
        otp = queue_sms(session, phone="905550000101", body=OTP_BODY, kind=SmsKind.OTP)
        clock.advance(minutes=1)
        notice = queue_sms(session, phone="905550000102", body=NOTICE_BODY)
        session.commit()
        ids = [otp.id, notice.id]
    try:
        yield clock
    finally:
        get_engine().dispose()
        get_engine.cache_clear()
        with Session(engine) as session:
            session.exec(delete(SmsMessage).where(col(SmsMessage.id).in_(ids)))
            session.commit()


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, ["sms", "list", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_newest_first_with_masked_phones_and_full_bodies_in_development(outbox: FakeClock):
    out = run()
    assert out.index(NOTICE_BODY) < out.index(OTP_BODY)
    assert "0555 *** ** 01" in out and "0555 *** ** 02" in out
    assert "905550000101" not in out
    assert "22.11.2026 12:00" in out  # Turkey's time


def test_kind_and_limit_filter(outbox: FakeClock) -> None:
    only_otp = run("--kind", "otp")
    assert OTP_BODY in only_otp and NOTICE_BODY not in only_otp
    newest = run("--limit", "1")
    assert NOTICE_BODY in newest and OTP_BODY not in newest


def test_production_hides_login_codes(outbox: FakeClock, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MBS_ENV", "production")
    out = run()
    assert "482915" not in out and "(onay kodu gizlendi)" in out
    assert NOTICE_BODY in out


def test_a_sent_code_is_read_back_from_the_dev_outbox(
    outbox: FakeClock, engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    file = tmp_path / "dev-outbox.jsonl"
    monkeypatch.setenv("MBS_SMS_DEV_OUTBOX", str(file))
    with Session(engine) as session:
        row = session.exec(select(SmsMessage).where(SmsMessage.body == OTP_BODY)).one()
        key, row.body, row.status = row.idempotency_key, "", SmsStatus.SENT
        session.add(row)
        session.commit()
    assert "482915" not in run() and "(onay kodu gönderildikten sonra silindi)" in run()
    dev_outbox.append(file, [OutgoingSms(key, "905550000101", OTP_BODY, SmsKind.OTP)])
    assert OTP_BODY in run()
    monkeypatch.setenv("MBS_ENV", "production")
    assert "482915" not in run()
