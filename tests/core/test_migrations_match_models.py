"""The migrations build exactly the schema the models describe (what `alembic check`
asks), on SQLite and, when configured, PostgreSQL: a model changed without a migration,
or a migration that drifted from its model, fails here."""

import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import mbs.core.models  # noqa: F401  (registers every table)
from mbs.core import migrations
from mbs.core.db import make_engine
from tests.core.test_inbox_migration import empty_database


def test_upgraded_database_matches_the_models(tmp_path):
    with empty_database(tmp_path) as url:
        migrations.upgrade(url)
        engine = make_engine(url)
        with engine.connect() as connection, warnings.catch_warnings():
            # SQLite cannot reflect expression indexes; SQLAlchemy warns and skips them.
            warnings.simplefilter("ignore")
            context = MigrationContext.configure(
                connection, opts={"include_object": migrations.include_object}
            )
            differences = compare_metadata(context, SQLModel.metadata)
        engine.dispose()
    assert differences == []
