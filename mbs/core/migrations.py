"""Alembic, driven from Python: `mbs db upgrade` and the tests use this."""

from pathlib import Path

from alembic import command
from alembic.config import Config

from mbs.core.db import database_url

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Indexes only the migrations know: the pg_trgm GIN index of the Görünümler search has
# no SQLAlchemy form on the model, so autogenerate must not offer to drop it.
MIGRATION_ONLY_INDEXES = frozenset({"ix_request_search_trgm"})


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic's autogenerate filter (alembic/env.py, and the drift test)."""
    return not (type_ == "index" and name in MIGRATION_ONLY_INDEXES)


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
