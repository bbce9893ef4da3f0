"""Alembic environment: the database comes from MBS_DATABASE_URL, like the app's."""

from alembic import context
from sqlmodel import SQLModel

import mbs.core.models  # noqa: F401  (registers every table)
from mbs.core.db import database_url, make_engine
from mbs.core.migrations import include_object

target_metadata = SQLModel.metadata


def _url() -> str:
    return context.config.attributes.get("url") or database_url()


def run_migrations_offline() -> None:
    context.configure(
        url=_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection: object) -> None:
    # Batch mode lets later migrations alter tables on SQLite too.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
