"""`mbs`: the command line. Each concern registers its group here."""

import sys

import click
from sqlalchemy.exc import SQLAlchemyError

from mbs.core.errors import DomainError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Muhtar Bilgi Sistemi: database, reference data, imports and demo accounts.

    The database is MBS_DATABASE_URL (default: sqlite:///mbs.db in this folder).
    """


def _register() -> None:
    from mbs.cli import data, db, demo, imports, mail, scheduler, sms, stats, users

    for module in (db, data, imports, users, demo, sms, mail, stats, scheduler):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    """Entry point: errors are one clear line on stderr and a non-zero exit."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("İptal edildi.", err=True)
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except DomainError as error:
        click.echo(f"Hata: {error.message}", err=True)
        sys.exit(1)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        hint = ""
        if "no such table" in reason or "does not exist" in reason:
            hint = " Önce `mbs db upgrade` çalıştırın."
        click.echo(f"Veritabanı hatası: {reason}.{hint}", err=True)
        sys.exit(1)
    except OSError as error:
        click.echo(f"Hata: {error}", err=True)
        sys.exit(1)
