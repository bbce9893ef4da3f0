"""`mbs db ...`: schema migrations."""

import click

from mbs.core import migrations
from mbs.core.db import database_url


@click.group("db")
def db_group() -> None:
    """Veritabanı şeması (Alembic)."""


@db_group.command("upgrade")
def upgrade() -> None:
    """Migrate the database to the newest schema."""
    migrations.upgrade()
    click.echo(f"Veritabanı güncel: {_safe_url(database_url())}")


def _safe_url(url: str) -> str:
    # Never print a password that may be inside the URL.
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


COMMANDS = [db_group]
