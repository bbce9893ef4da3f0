"""Handing e-mails to an SMTP server (standard library smtplib), or to the console in
development, and telling the outcomes apart honestly (mbs/core/sms/providers/base.py's
vocabulary):

* ACCEPTED: the server answered 250 to the end of DATA;
* RETRY: it certainly did not take the message: no connection, TLS or login refused,
  a timeout or a dropped connection before DATA, or a 4xx answer anywhere;
* REJECTED: it never will: a 5xx answer (unknown recipient, message refused);
* UNKNOWN: the connection broke or timed out during DATA, while the message was on its
  way or its answer was awaited: the server may have it. SMTP cannot be asked, so the
  row goes to review.

Reasons are Turkish and safe to store and log: they carry the server's answer code
and text, never credentials.
"""

import logging
import smtplib
import ssl
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage as MimeMessage
from email.policy import SMTP
from email.utils import format_datetime
from typing import Protocol, TextIO

from mbs.core import clock
from mbs.core.mail.config import SmtpSettings
from mbs.core.sms.providers.base import Outcome

log = logging.getLogger("mbs.mail")


@dataclass(frozen=True)
class OutgoingEmail:
    key: str  # the outbox row's idempotency key, also the Message-ID's left part
    to_address: str
    subject: str
    body_text: str
    body_html: str


@dataclass(frozen=True)
class Delivery:
    outcome: Outcome
    reason: str | None = None
    # Nothing else will get through this round either (no connection, login refused):
    # the sender stops instead of spending every pending row's attempts.
    stop_round: bool = False


def mime_message(message: OutgoingEmail, sender: Address) -> bytes:
    """The message as sent: multipart/alternative, UTF-8 text and HTML parts, the
    Turkish subject encoded per RFC 2047, and a Message-ID made from the outbox key."""
    mime = MimeMessage(policy=SMTP)
    mime["From"] = sender
    mime["To"] = message.to_address
    mime["Subject"] = message.subject
    mime["Date"] = format_datetime(clock.now())
    mime["Message-ID"] = f"<{message.key}@{sender.domain}>"
    mime["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies
    # Quoted-printable keeps every line 7-bit, for servers without 8BITMIME.
    mime.set_content(message.body_text, charset="utf-8", cte="quoted-printable")
    mime.add_alternative(message.body_html, subtype="html", charset="utf-8", cte="quoted-printable")
    return mime.as_bytes()


def mask_address(address: str) -> str:
    """For logs: "ali.yilmaz@muhtar.gov.tr" → "a***@muhtar.gov.tr"."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


class Connection(Protocol):
    def send(self, message: OutgoingEmail) -> Delivery: ...


class MailTransport(Protocol):
    @property
    def name(self) -> str: ...

    def open(self, sender: Address) -> AbstractContextManager[Connection]: ...


@dataclass
class DevTransport:
    """The default without MBS_SMTP_HOST: "delivers" by printing the masked address and
    the subject on the console, and reports every message sent."""

    stream: TextIO | None = None  # None: sys.stderr at the time of writing
    name: str = "dev"

    @contextmanager
    def open(self, sender: Address) -> Iterator["DevConnection"]:
        yield DevConnection(self.stream)


@dataclass
class DevConnection:
    stream: TextIO | None

    def send(self, message: OutgoingEmail) -> Delivery:
        line = f"[E-posta geliştirme] {mask_address(message.to_address)}: {message.subject}"
        print(line, file=self.stream or sys.stderr, flush=True)
        return Delivery(Outcome.ACCEPTED)


@dataclass
class SmtpTransport:
    settings: SmtpSettings
    name: str = "smtp"

    @contextmanager
    def open(self, sender: Address) -> Iterator["SmtpConnection"]:
        connection = SmtpConnection(self.settings, sender)
        try:
            yield connection
        finally:
            connection.close()


class SmtpConnection:
    """One SMTP session, opened on the first message and again after a failure; every
    message is its own MAIL/RCPT/DATA transaction."""

    def __init__(self, settings: SmtpSettings, sender: Address) -> None:
        self.settings = settings
        self.sender = sender
        self._smtp: smtplib.SMTP | None = None

    def send(self, message: OutgoingEmail) -> Delivery:
        if self._smtp is None:
            failed = self._connect()
            if failed is not None:
                return failed
        assert self._smtp is not None
        data = mime_message(message, self.sender)
        try:
            code, answer = self._smtp.mail(self.sender.addr_spec)
            if code == 250:
                code, answer = self._smtp.rcpt(message.to_address)
        except (OSError, smtplib.SMTPException):
            self.close()
            return Delivery(Outcome.RETRY, "SMTP sunucusu ileti gönderilmeden önce yanıt vermedi.")
        if code not in (250, 251):
            self._reset()
            return _answer(code, answer)
        try:
            code, answer = self._smtp.data(data)
        except smtplib.SMTPDataError as error:  # DATA itself refused: nothing was sent
            self._reset()
            return _answer(error.smtp_code, error.smtp_error)
        except (OSError, smtplib.SMTPException):
            self.close()
            return Delivery(
                Outcome.UNKNOWN,
                "SMTP sunucusuyla bağlantı ileti gönderilirken koptu veya zaman aşımına uğradı; "
                "ileti sunucuya ulaşmış olabilir.",
            )
        if code != 250:
            self._reset()
            return _answer(code, answer)
        return Delivery(Outcome.ACCEPTED)

    def _connect(self) -> Delivery | None:
        settings = self.settings
        context = ssl.create_default_context()
        smtp: smtplib.SMTP | None = None
        try:
            if settings.security == "ssl":
                smtp = smtplib.SMTP_SSL(
                    settings.host, settings.port, timeout=settings.timeout_seconds, context=context
                )
            else:
                smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_seconds)
            smtp.ehlo()
            if settings.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if settings.username:
                smtp.login(settings.username, settings.password)
        except smtplib.SMTPAuthenticationError:
            _quit(smtp)
            log.error("SMTP sunucusu kullanıcı adını veya parolayı kabul etmedi.")
            reason = "SMTP sunucusu kullanıcı adını veya parolayı kabul etmedi."
            return Delivery(Outcome.RETRY, reason, stop_round=True)
        except (OSError, smtplib.SMTPException) as error:
            _quit(smtp)
            reason = f"SMTP sunucusuna bağlanılamadı ({type(error).__name__})."
            return Delivery(Outcome.RETRY, reason, stop_round=True)
        self._smtp = smtp
        return None

    def _reset(self) -> None:
        assert self._smtp is not None
        try:
            self._smtp.rset()
        except (OSError, smtplib.SMTPException):
            self.close()

    def close(self) -> None:
        _quit(self._smtp)
        self._smtp = None


def _quit(smtp: smtplib.SMTP | None) -> None:
    if smtp is None:
        return
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()


def _answer(code: int, answer: bytes | str) -> Delivery:
    text = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer
    reason = f"SMTP sunucusu {code} yanıtı verdi: {' '.join(text.split())}"[:500]
    # 5xx is permanent; 4xx, and anything SMTP does not define, is worth another try.
    outcome = Outcome.REJECTED if 500 <= code < 600 else Outcome.RETRY
    return Delivery(outcome, reason)
