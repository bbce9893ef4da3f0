"""`mbs users ...`: staff accounts, managed by the operator (SystemActor)."""

import click
from sqlmodel import Session

from mbs.core.actors import SystemActor
from mbs.core.commands.users import (
    create_user,
    disable_user,
    list_users,
    reset_password,
    set_user_email,
)
from mbs.core.db import get_engine, transaction
from mbs.core.errors import ValidationError


@click.group("users")
def users_group() -> None:
    """Kurum kullanıcıları."""


@users_group.command("create")
@click.argument("username")
@click.option("--unit", "unit_code", required=True, help="Unit code, e.g. valilik:06.")
@click.option("--name", "full_name", required=True, help='Full name, e.g. "Ayşe Demir".')
@click.option("--admin", is_flag=True, help="May manage accounts (central unit).")
@click.option("--password", help="Prompted (hidden) when left out; prefer the prompt.")
@click.option("--email", help="Address for notification e-mails (optional).")
def create(
    username: str,
    unit_code: str,
    full_name: str,
    admin: bool,
    password: str | None,
    email: str | None,
) -> None:
    """Create a staff account of one unit."""
    if password is None:
        password = click.prompt("Parola", hide_input=True)
        if click.prompt("Parola (tekrar)", hide_input=True) != password:
            raise ValidationError("Girilen parolalar aynı değil.")
    with transaction() as session:
        create_user(
            session=session,
            actor=SystemActor(),
            username=username,
            full_name=full_name,
            unit_code=unit_code,
            password=password,
            is_admin=admin,
            email=email,
        )
    click.echo(f"Kullanıcı oluşturuldu: {username} ({unit_code}).")


@users_group.command("set-email")
@click.argument("username")
@click.argument("email", required=False)
def set_email(username: str, email: str | None) -> None:
    """Set the account's address for notification e-mails (leave EMAIL out to clear)."""
    with transaction() as session:
        changed = set_user_email(
            session=session, actor=SystemActor(), username=username, email=email
        )
    if not changed:
        click.echo(f"{username}: e-posta adresi zaten buydu; değişiklik yok.")
    elif email:
        click.echo(f"{username}: bildirim e-postaları {email.strip()} adresine gidecek.")
    else:
        click.echo(f"{username}: e-posta adresi kaldırıldı; bildirim e-postası gitmeyecek.")


@users_group.command("disable")
@click.argument("username")
def disable(username: str) -> None:
    """Disable an account (it can no longer log in)."""
    with transaction() as session:
        changed = disable_user(session=session, actor=SystemActor(), username=username)
    verb = "devre dışı bırakıldı" if changed else "zaten devre dışıydı"
    click.echo(f"{username} {verb}.")


@users_group.command("reset-password")
@click.argument("username")
def reset(username: str) -> None:
    """Give an account a new random password, shown once."""
    with transaction() as session:
        password = reset_password(session=session, actor=SystemActor(), username=username)
    click.echo(f"{username} için yeni parola (yalnızca bir kez gösterilir): {password}")


@users_group.command("list")
@click.option("--unit", "unit_code", help="Only the accounts of this unit code.")
def list_command(unit_code: str | None) -> None:
    """List staff accounts."""
    with Session(get_engine()) as session:
        rows = list_users(session=session, unit_code=unit_code)
    if not rows:
        click.echo("Kullanıcı yok.")
        return
    table = [
        [
            user.username,
            user.full_name,
            unit.code,
            "evet" if user.is_admin else "",
            "etkin" if user.is_active else "devre dışı",
            user.email or "",
        ]
        for user, unit in rows
    ]
    header = ["Kullanıcı adı", "Ad soyad", "Birim", "Yönetici", "Durum", "E-posta"]
    click.echo(format_table(header, table))


def format_table(header: list[str], rows: list[list[str]]) -> str:
    """Left-aligned columns separated by two spaces."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    )


COMMANDS = [users_group]
