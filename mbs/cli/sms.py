"""`mbs sms list`: the SMS outbox, newest first, for developers and operators.

Phone numbers are always masked. Outside production the message bodies are shown in
full, so a developer without an SMS provider can read the onay kodu: the database
forgets a code's text once it is sent, so it is read back from the dev provider's
outbox file (mbs/core/sms/dev_outbox.py). In production (MBS_ENV=production)
login-code bodies are hidden.
"""

import click
from sqlmodel import Session, col, select

from mbs.cli.users import format_table
from mbs.core import clock, settings
from mbs.core.db import get_engine
from mbs.core.enums import SmsKind
from mbs.core.models import SmsMessage
from mbs.core.sms import dev_outbox
from mbs.core.tckn import mask_phone

HIDDEN_OTP = "(onay kodu gizlendi)"
FORGOTTEN_OTP = "(onay kodu gönderildikten sonra silindi)"


@click.group("sms")
def sms_group() -> None:
    """SMS giden kutusu."""


@sms_group.command("list")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--kind", type=click.Choice([kind.value for kind in SmsKind]), help="Only this kind.")
def list_command(limit: int, kind: str | None) -> None:
    """Show the newest messages of the outbox."""
    query = select(SmsMessage).order_by(
        col(SmsMessage.created_at).desc(), col(SmsMessage.id).desc()
    )
    if kind is not None:
        query = query.where(SmsMessage.kind == SmsKind(kind))
    with Session(get_engine()) as session:
        messages = list(session.exec(query.limit(limit)))
    if not messages:
        click.echo("Giden kutusunda SMS yok.")
        return
    hide_otp = settings.is_production()
    forgotten = any(m.kind is SmsKind.OTP and not m.body for m in messages)
    sent = dev_outbox.bodies(dev_outbox.outbox_path()) if forgotten and not hide_otp else {}
    rows = [
        [
            str(message.id),
            clock.format_tr(message.created_at),
            message.kind.value,
            message.status.value,
            mask_phone(message.phone),
            HIDDEN_OTP if hide_otp and message.kind is SmsKind.OTP else _text(message, sent),
        ]
        for message in messages
    ]
    click.echo(format_table(["No", "Zaman", "Tür", "Durum", "Telefon", "Metin"], rows))


def _text(message: SmsMessage, sent: dict[str, str]) -> str:
    """The text; a sent login code's from the dev provider's file, if it has it."""
    if message.body or message.kind is not SmsKind.OTP:
        return message.body
    return sent.get(message.idempotency_key, FORGOTTEN_OTP)


COMMANDS = [sms_group]
