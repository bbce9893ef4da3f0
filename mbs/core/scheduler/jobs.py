"""The scheduled jobs: the SMS and e-mail outbox senders, delivery-report polling, the
daily overdue digest, the mail accounts' sync and cleanups.

Cleanups are a list other modules can extend (`register_cleanup`): each hook gets a
session in a transaction of its own, so one failing hook does not undo the others.
"""

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from mbs.core import clock
from mbs.core.db import transaction
from mbs.core.mail.accounts import assign_accounts
from mbs.core.mail.config import MailSettings
from mbs.core.mail.digest import queue_overdue_digests
from mbs.core.mail.sender import send_pending as send_pending_mail
from mbs.core.mail.transport import MailTransport
from mbs.core.sms.config import SenderSettings
from mbs.core.sms.providers.base import ProviderError, SmsProvider
from mbs.core.sms.reports import poll_delivery_reports
from mbs.core.sms.sender import http_client, send_pending
from mbs.core.stats.rollup import refresh as refresh_rollups

log = logging.getLogger("mbs.scheduler")

SEND_EVERY_SECONDS = 5.0
REPORTS_EVERY_SECONDS = 60.0  # Netgsm answers at most 10 report queries a minute
CLEANUP_EVERY_SECONDS = 600.0
STATS_EVERY_SECONDS = 60.0  # views stay exact meanwhile; a lag only costs them speed
DIGEST_EVERY_SECONDS = 900.0
DIGEST_HOUR = 8  # the overdue digest arrives with the working day
ACCOUNTS_EVERY_SECONDS = 3600.0

CleanupHook = Callable[[Session], Any]
_cleanup_hooks: dict[str, CleanupHook] = {}


@dataclass(frozen=True)
class Job:
    name: str
    every_seconds: float
    run: Callable[[], Any]


def register_cleanup(name: str, hook: CleanupHook) -> None:
    """Add (or replace) a cleanup run every ten minutes by the leader."""
    _cleanup_hooks[name] = hook


def _purge_auth(session: Session) -> dict[str, int]:
    from mbs.core.auth import purge_expired  # the web's login tables

    return purge_expired(session=session, now=clock.now())


register_cleanup("auth", _purge_auth)


def run_cleanups(engine: Engine) -> None:
    for name, hook in list(_cleanup_hooks.items()):
        try:
            with transaction(engine) as session:
                result = hook(session)
            log.info("Temizlik %s: %s", name, result)
        except Exception:
            log.exception("Temizlik %s başarısız oldu", name)


def send_sms(engine: Engine, provider: SmsProvider, settings: SenderSettings) -> None:
    tally = send_pending(engine, provider, settings)
    if tally.sent or tally.failed or tally.review or tally.expired:
        log.info(
            "SMS: %d gönderildi, %d yeniden denenecek, %d başarısız, %d süresi doldu, "
            "%d inceleme bekliyor",
            tally.sent, tally.retrying, tally.failed, tally.expired, tally.review,
        )  # fmt: skip


def poll_reports(engine: Engine, provider: SmsProvider, settings: SenderSettings) -> None:
    async def poll() -> int:
        async with http_client(settings) as client:
            return await poll_delivery_reports(
                engine, provider, client, limit=provider.reports_per_poll
            )

    try:
        asyncio.run(poll())
    except ProviderError as error:
        log.warning("İletim raporları alınamadı: %s", error)


def send_mail(engine: Engine, transport: MailTransport, settings: MailSettings) -> None:
    tally = send_pending_mail(engine, transport, settings)
    if tally.sent or tally.failed or tally.review:
        log.info(
            "E-posta: %d gönderildi, %d yeniden denenecek, %d başarısız, %d inceleme bekliyor",
            tally.sent, tally.retrying, tally.failed, tally.review,
        )  # fmt: skip


def queue_digests(engine: Engine) -> None:
    """The overdue digest, queued once a day from DIGEST_HOUR (Turkey's time) on; later
    runs the same day find it queued and add nothing."""
    if clock.local(clock.now()).hour < DIGEST_HOUR:
        return
    with transaction(engine) as session:
        queued = queue_overdue_digests(session=session)
    if queued:
        log.info("Süresi geçen talepler için %d özet e-postası kuyruğa alındı.", queued)


def sync_mail_accounts(engine: Engine) -> None:
    """New muhtars get an address; accounts of ended terms go inactive."""
    with transaction(engine) as session:
        report = assign_accounts(session=session)
    if report.changed:
        log.info("Kurumsal e-posta hesapları güncellendi: %s", report)


def mail_jobs(engine: Engine, transport: MailTransport | None, settings: MailSettings) -> list[Job]:
    """The e-mail jobs; without a transport (production without MBS_SMTP_HOST) e-mails
    stay queued until one is configured."""
    jobs = [
        Job("mail-digest", DIGEST_EVERY_SECONDS, lambda: queue_digests(engine)),
        Job("mail-accounts", ACCOUNTS_EVERY_SECONDS, lambda: sync_mail_accounts(engine)),
    ]
    if transport is not None:
        send = Job("mail-send", SEND_EVERY_SECONDS, lambda: send_mail(engine, transport, settings))
        jobs.insert(0, send)
    return jobs


def refresh_stats(engine: Engine) -> None:
    """Bring the statistics rollups up to date (mbs/core/stats/rollup.py)."""
    with transaction(engine) as session:
        changed = refresh_rollups(session=session, now=clock.now())
    if changed:
        log.info("İstatistik özetleri güncellendi (%d değişiklik).", changed)


def default_jobs(engine: Engine, provider: SmsProvider, settings: SenderSettings) -> list[Job]:
    return [
        Job("sms-send", SEND_EVERY_SECONDS, lambda: send_sms(engine, provider, settings)),
        Job("sms-reports", REPORTS_EVERY_SECONDS, lambda: poll_reports(engine, provider, settings)),
        Job("cleanup", CLEANUP_EVERY_SECONDS, lambda: run_cleanups(engine)),
        Job("stats-refresh", STATS_EVERY_SECONDS, lambda: refresh_stats(engine)),
    ]
