"""`mbs sms send-pending` and `mbs scheduler` as an operator runs them (subprocesses,
the development provider printing to the console)."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from mbs.core.enums import SmsStatus
from tests.fakes import outbox

ROOT = Path(__file__).resolve().parents[2]
MBS = [sys.executable, "-c", "from mbs.cli.main import main; main()"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with outbox.outbox_engine(tmp_path_factory.mktemp("cli")) as engine:
        yield engine


def environment(engine: Engine, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MBS_")}
    env["MBS_DATABASE_URL"] = engine.url.render_as_string(hide_password=False)
    env["MBS_SCHEDULER_LOCK_FILE"] = str(tmp_path / "scheduler.lock")
    env["MBS_SMS_DEV_OUTBOX"] = str(tmp_path / "sms-dev-outbox.jsonl")  # not the repo's var/
    return env


def test_send_pending_drains_once_and_prints_the_counts(db, tmp_path):
    outbox.clear(db)
    outbox.queue(db, 2, to="905321234567")
    done = subprocess.run(
        [*MBS, "sms", "send-pending"],
        env=environment(db, tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Sağlayıcı: dev. Gönderildi: 2," in done.stdout
    assert done.stderr.count("[SMS geliştirme] 0532 *** ** 67") == 2
    assert "5321234567" not in done.stdout + done.stderr
    assert {row.status for row in outbox.rows(db)} == {SmsStatus.SENT}
    assert len((tmp_path / "sms-dev-outbox.jsonl").read_text().splitlines()) == 2


def test_a_bad_provider_setting_is_one_clear_line(db, tmp_path):
    env = {**environment(db, tmp_path), "MBS_SMS_PROVIDER": "netgsm"}
    done = subprocess.run(
        [*MBS, "sms", "send-pending"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr.strip().startswith("Hata: SMS sağlayıcısı için eksik ayar:")
    assert "Traceback" not in done.stderr


def test_the_scheduler_sends_queued_messages_and_stops_on_sigterm(db, tmp_path):
    outbox.clear(db)
    (row_id,) = outbox.queue(db)
    process = subprocess.Popen(
        [*MBS, "scheduler"],
        env=environment(db, tmp_path),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90  # generous: a loaded machine starts Python slowly
        while outbox.row(db, row_id).status is not SmsStatus.SENT:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"the scheduler did not send: {process.communicate()}")
            time.sleep(0.1)
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "Zamanlayıcı çalışıyor" in stdout and "Zamanlayıcı durdu." in stdout
    assert "lider olarak başladı" in stderr
