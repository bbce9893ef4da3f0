"""The e-mail outbox sender: delivers pending rows through SMTP (or the development
console), with the SMS outbox's promises (mbs/core/sms/sender.py):

* a row is claimed and committed as `sending` (claim token, lease) before the server is
  called, so two senders (two processes, two hosts) never take the same row:
  PostgreSQL's FOR UPDATE SKIP LOCKED, or SQLite's single writer;
* it goes back to `pending` with exponential backoff and jitter only when the server
  certainly did not take it (no connection, a 4xx answer, a timeout before DATA); after
  MBS_MAIL_MAX_ATTEMPTS attempts it is `failed`, with the reason; a 5xx answer fails it
  at once;
* when the outcome is open (the connection broke during DATA, or the sender died
  between the server's answer and its commit) the row goes to `review` and is never
  re-sent blindly: SMTP offers no way to ask whether a message arrived.

So delivery is at most once, and exactly once whenever the server answers.
"""

import logging
import random
from datetime import timedelta

from sqlalchemy import Engine

from mbs.core.mail import rows
from mbs.core.mail.config import MailSettings, mail_settings, smtp_settings
from mbs.core.mail.transport import DevTransport, MailTransport, SmtpTransport
from mbs.core.sms.rows import Tally

log = logging.getLogger("mbs.mail")


def transport_from_env() -> MailTransport:
    """SMTP when MBS_SMTP_HOST is set, otherwise the development console."""
    settings = smtp_settings()
    return SmtpTransport(settings) if settings is not None else DevTransport()


def send_pending(
    engine: Engine,
    transport: MailTransport,
    settings: MailSettings | None = None,
    *,
    rng: random.Random | None = None,
) -> Tally:
    """Send every row that is due now, one SMTP session for the round, and return the
    counts. Rows retried for later stay for the next round (the scheduler runs one
    every few seconds)."""
    settings = settings or mail_settings()
    tally = Tally()
    tally.review += rows.review_stale_claims(engine)
    lease = timedelta(seconds=settings.lease_seconds)
    with transport.open(settings.sender) as connection:
        while (claim := rows.claim_next(engine, lease=lease)) is not None:
            delivery = connection.send(claim.message)
            counter = rows.record_result(engine, claim, delivery, settings, rng=rng)
            setattr(tally, counter, getattr(tally, counter) + 1)
            if delivery.stop_round:
                tally.config_errors.append(delivery.reason or "")
                break
    if tally.review:
        log.warning("%d e-posta incelemeye alındı: gönderim sonucu bilinmiyor.", tally.review)
    for reason in tally.config_errors:
        log.error("E-posta gönderilemiyor (%s): %s", transport.name, reason)
    return tally
