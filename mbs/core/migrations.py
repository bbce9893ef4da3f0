"""Alembic, driven from Python: `mbs db upgrade` and the tests use this."""

from pathlib import Path

from alembic import command
from alembic.config import Config

from mbs.core.db import database_url

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def alembic_config(url: str | None = None) -> Config:
    """The project's Alembic configuration (from pyproject.toml) for database `url`."""
    config = Config(toml_file=str(PROJECT_ROOT / "pyproject.toml"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    if url is not None:
        config.attributes["url"] = url
    return config


def upgrade(url: str | None = None) -> None:
    """Migrate the database at `url` (default: MBS_DATABASE_URL) to the newest schema."""
    command.upgrade(alembic_config(url or database_url()), "head")
