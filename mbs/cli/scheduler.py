"""`mbs scheduler`: the background jobs in the foreground (SMS sending, delivery reports,
cleanups), run only while this process is the leader; `mbs sms send-pending`: one round
of the SMS outbox sender, with the counts."""

import logging
import signal

import click

from mbs.cli.sms import sms_group
from mbs.core.db import get_engine
from mbs.core.scheduler.runner import runner_from_env
from mbs.core.sms.config import sender_settings
from mbs.core.sms.providers import provider_from_env
from mbs.core.sms.sender import send_pending


@click.command("scheduler")
def scheduler_command() -> None:
    """Run the background jobs until stopped (Ctrl+C or SIGTERM).

    Start as many as you like, on as many hosts: one leads (PostgreSQL advisory lock, or
    a lock file next to the SQLite database), the others wait and take over if it stops.
    """
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    runner = runner_from_env()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: runner.request_stop())
    click.echo(f"Zamanlayıcı çalışıyor ({runner.lock.description}). Durdurmak için Ctrl+C.")
    runner.run()
    click.echo("Zamanlayıcı durdu.")


@sms_group.command("send-pending")
def send_pending_command() -> None:
    """Send the outbox's due messages now, once, and print the counts."""
    provider = provider_from_env()
    tally = send_pending(get_engine(), provider, sender_settings())
    click.echo(
        f"Sağlayıcı: {provider.name}. Gönderildi: {tally.sent}, yeniden denenecek: "
        f"{tally.retrying}, başarısız: {tally.failed}, süresi doldu: {tally.expired}, "
        f"sonucu sorulacak: {tally.checking}, inceleme bekliyor: {tally.review}."
    )
    for reason in tally.config_errors:
        click.echo(f"Uyarı: {reason}", err=True)
    if tally.config_errors:
        raise SystemExit(1)


COMMANDS = [scheduler_command]
