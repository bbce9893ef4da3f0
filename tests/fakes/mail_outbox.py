"""Helpers for tests that run the e-mail outbox sender against a database of their own
and the local SMTP server of tests/fakes/smtp.py."""

import itertools
from email.headerregistry import Address
from typing import Any

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from mbs.core.db import transaction
from mbs.core.enums import EmailKind
from mbs.core.mail.compose import Letter
from mbs.core.mail.config import MailSettings, SmtpSettings
from mbs.core.mail.queue import queue_email
from mbs.core.mail.transport import SmtpTransport
from mbs.core.models import EmailMessage
from tests.fakes.smtp import FakeSmtp

_numbers = itertools.count(1)
SENDER = Address("Muhtar Bilgi Sistemi", addr_spec="bildirim@muhtar.gov.tr")


def clear(engine: Engine) -> None:
    with transaction(engine) as session:
        session.exec(delete(EmailMessage))  # type: ignore[call-overload]


def letter(subject: str = "2026-000123 numaralı başvurunuz hakkında bilgilendirme") -> Letter:
    return Letter(
        subject=subject,
        greeting="Sayın Çağlayan Şükrü Ölmez,",
        paragraphs=["2026-000123 numaralı başvurunuz yönlendirildi: Çankaya Belediyesi."],
        details=[("Takip no", "2026-000123")],
    )


def queue(engine: Engine, count: int = 1, *, subject: str | None = None) -> list[int]:
    """Queue `count` e-mails, each to its own address with its own subject; committed."""
    with transaction(engine) as session:
        rows = []
        for _ in range(count):
            n = next(_numbers)
            rows.append(
                queue_email(
                    session,
                    to_address=f"muhtar{n}@muhtar.gov.tr",
                    letter=letter(subject or f"Bildirim #{n}"),
                    kind=EmailKind.MUHTAR_NOTIFICATION,
                )
            )
        session.flush()
        return [row.id for row in rows if row.id is not None]


def rows(engine: Engine) -> list[EmailMessage]:
    with Session(engine) as session:
        return list(session.exec(select(EmailMessage).order_by(col(EmailMessage.id))))


def row(engine: Engine, row_id: int) -> EmailMessage:
    with Session(engine) as session:
        found = session.get(EmailMessage, row_id)
        assert found is not None
        return found


def settings(**overrides: Any) -> MailSettings:
    return MailSettings(**{"sender": SENDER, "max_attempts": 6, **overrides})


def smtp_transport(
    server: FakeSmtp, *, timeout: float = 0.5, port: int | None = None
) -> SmtpTransport:
    """Plain SMTP on loopback (no TLS, no login), with a short timeout."""
    return SmtpTransport(
        SmtpSettings(server.host, port or server.port, "none", timeout_seconds=timeout)
    )
