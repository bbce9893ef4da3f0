"""The migration that forgets the text of login codes sent before the outbox did so."""

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import text

from mbs.core.db import make_engine
from mbs.core.migrations import alembic_config
from tests.core.test_inbox_migration import empty_database

NOW = datetime(2026, 11, 22, 9, tzinfo=UTC)


def test_sent_login_codes_lose_their_text_and_nothing_else_does(tmp_path):
    with empty_database(tmp_path) as url:
        config = alembic_config(url)
        command.upgrade(config, "6c3d2e4b7a30")
        engine = make_engine(url)
        rows = [
            ("otp-sent", "otp", "sent", "MBS giriş kodunuz: AB12CD"),
            ("otp-expired", "otp", "expired", "MBS giriş kodunuz: EF34GH"),
            ("otp-waiting", "otp", "pending", "MBS giriş kodunuz: JK56LM"),
            ("note-sent", "notification", "sent", "2026-000001 numaralı talebiniz alındı."),
        ]
        with engine.begin() as connection:
            for key, kind, status, body in rows:
                connection.execute(
                    text(
                        "INSERT INTO sms_message (idempotency_key, kind, phone, body, status, "
                        "attempts, created_at, next_attempt_at) VALUES (:key, :kind, "
                        "'905550000101', :body, :status, 0, :now, :now)"
                    ),
                    {"key": key, "kind": kind, "status": status, "body": body, "now": NOW},
                )
        command.upgrade(config, "7e4f3a2b1c90")
        with engine.connect() as connection:
            bodies = dict(
                connection.execute(text("SELECT idempotency_key, body FROM sms_message")).all()
            )
        engine.dispose()
    assert bodies == {
        "otp-sent": "",
        "otp-expired": "",
        "otp-waiting": "MBS giriş kodunuz: JK56LM",
        "note-sent": "2026-000001 numaralı talebiniz alındı.",
    }
