"""`mbs mail ...`: the muhtars' corporate addresses and the e-mail outbox.

`assign` gives addresses to muhtars who have none (and syncs active flags), `export`
writes the mailbox list for the mail server, `list` shows the outbox (addresses
masked), `send-pending` runs one round of the sender.
"""

import sys
from pathlib import Path

import click
from sqlmodel import Session, col, select

from mbs.cli.users import format_table
from mbs.core import clock
from mbs.core.db import get_engine, transaction
from mbs.core.mail.accounts import assign_accounts
from mbs.core.mail.config import mail_settings
from mbs.core.mail.export import DEFAULT_HOME_BASE, ExportFormat, export_accounts
from mbs.core.mail.sender import send_pending, transport_from_env
from mbs.core.mail.transport import mask_address
from mbs.core.models import EmailMessage


@click.group("mail")
def mail_group() -> None:
    """Kurumsal e-posta: muhtar adresleri ve e-posta giden kutusu."""


@mail_group.command("assign")
def assign_command() -> None:
    """Give every muhtar of the registry a corporate address (existing ones never change)."""
    with transaction() as session:
        report = assign_accounts(session=session)
    click.echo(
        f"Kurumsal e-posta: {report.created} yeni adres, {report.activated} etkinleşti, "
        f"{report.deactivated} devre dışı kaldı, {report.renamed} adın yazımı güncellendi."
    )


@mail_group.command("export")
@click.option(
    "--format",
    "format_name",
    type=click.Choice([f.value for f in ExportFormat]),
    default=ExportFormat.CSV.value,
    show_default=True,
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file (UTF-8) instead of standard output.",
)
@click.option(
    "--home-base",
    default=DEFAULT_HOME_BASE,
    show_default=True,
    help="dovecot: the folder that holds <domain>/<local part> homes.",
)
def export_command(format_name: str, output: Path | None, home_base: str) -> None:
    """Write the active mailboxes as CSV, a Postfix virtual_mailbox_maps file or a
    Dovecot passwd-file userdb (no passwords)."""
    with Session(get_engine()) as session:
        text, count = export_accounts(
            session=session, format=ExportFormat(format_name), home_base=home_base
        )
    if output is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    output.write_text(text, encoding="utf-8")
    click.echo(f"{count} posta kutusu yazıldı: {output}", err=True)


@mail_group.command("list")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
def list_command(limit: int) -> None:
    """Show the newest e-mails of the outbox (addresses masked)."""
    query = (
        select(EmailMessage)
        .order_by(col(EmailMessage.created_at).desc(), col(EmailMessage.id).desc())
        .limit(limit)
    )
    with Session(get_engine()) as session:
        messages = list(session.exec(query))
    if not messages:
        click.echo("Giden kutusunda e-posta yok.")
        return
    rows = [
        [
            str(m.id),
            clock.format_tr(m.created_at),
            m.kind.value,
            m.status.value,
            mask_address(m.to_address),
            m.subject,
        ]
        for m in messages
    ]
    click.echo(format_table(["No", "Zaman", "Tür", "Durum", "Alıcı", "Konu"], rows))


@mail_group.command("send-pending")
def send_pending_command() -> None:
    """Send the outbox's due e-mails now, once, and print the counts."""
    transport = transport_from_env()
    tally = send_pending(get_engine(), transport, mail_settings())
    click.echo(
        f"Gönderim: {transport.name}. Gönderildi: {tally.sent}, yeniden denenecek: "
        f"{tally.retrying}, başarısız: {tally.failed}, inceleme bekliyor: {tally.review}."
    )
    for reason in tally.config_errors:
        click.echo(f"Uyarı: {reason}", err=True)
    if tally.config_errors:
        raise SystemExit(1)


COMMANDS = [mail_group]
