"""The inbox-lists migration fills the new request columns for requests filed before
it, and goes down and up again cleanly (SQLite, and PostgreSQL when configured)."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from mbs.core.db import make_engine
from mbs.core.migrations import alembic_config
from tests.conftest import _create_postgres_database, _drop_postgres_database

REVISION = "9ba459028f78"
PLACE_ROWS = (
    "INSERT INTO province (id, name, is_metropolitan) VALUES (34, 'İSTANBUL', true)",
    "INSERT INTO district (id, province_id, name) VALUES (1, 34, 'Üsküdar')",
    "INSERT INTO muhtarlik (id, source_key, kind, name, district_id, province_id) "
    "VALUES (1, 'mahalle:1', 'mahalle', 'IŞIKLI', 1, 34)",
    "INSERT INTO muhtar (id, tckn, first_name, last_name, phone, muhtarlik_id, "
    "term_start, term_end) VALUES (1, '10000000146', 'Ayşe', 'Yılmaz', "
    "'905550000101', 1, '2024-04-01', '2029-03-31')",
)


@contextmanager
def empty_database(tmp_path: Path) -> Iterator[str]:
    admin_url = os.environ.get("MBS_TEST_DATABASE_URL")
    if not admin_url:
        yield f"sqlite:///{tmp_path / 'migration.db'}"
        return
    name, url = _create_postgres_database(admin_url)
    try:
        yield url
    finally:
        _drop_postgres_database(admin_url, name)


def test_existing_requests_get_their_place_and_search_text(tmp_path):
    with empty_database(tmp_path) as url:
        config = alembic_config(url)
        before = ScriptDirectory.from_config(config).get_revision(REVISION).down_revision
        command.upgrade(config, before)
        engine = make_engine(url)
        now = datetime(2026, 11, 22, 9, tzinfo=UTC)
        with engine.begin() as connection:
            for statement in PLACE_ROWS:
                connection.execute(text(statement))
            connection.execute(
                text(
                    "INSERT INTO request (id, tracking_no, muhtarlik_id, muhtar_id, type, "
                    "description, status, priority, version, created_at, updated_at) VALUES "
                    "(1, '2026-000001', 1, 1, 'istek', 'Çınar ağacının DALLARI tele değiyor.', "
                    "'pending', 'normal', 1, :now, :now)"
                ),
                {"now": now},
            )
        command.upgrade(config, "head")
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT province_id, district_id, search_text FROM request")
            ).one()
        assert row[:2] == (34, 1)
        # Filled by this revision, then folded to plain letters by 8a5b4c3d2e10.
        assert row[2] == "2026-000001 isikli uskudar istanbul cinar agacinin dallari tele degiyor."
        assert "user_view_settings" in inspect(engine).get_table_names()

        command.downgrade(config, before)
        assert "search_text" not in {c["name"] for c in inspect(engine).get_columns("request")}
        command.upgrade(config, "head")
        engine.dispose()


def test_stored_search_keys_lose_their_turkish_letters(tmp_path):
    """Revision 8a5b4c3d2e10 refolds the keys stored before search_key folded them."""
    with empty_database(tmp_path) as url:
        config = alembic_config(url)
        command.upgrade(config, "7e4f3a2b1c90")
        engine = make_engine(url)
        with engine.begin() as connection:
            for statement in PLACE_ROWS:
                connection.execute(text(statement))
            connection.execute(
                text(
                    "INSERT INTO request (id, tracking_no, muhtarlik_id, province_id, "
                    "district_id, muhtar_id, type, description, status, priority, version, "
                    "created_at, updated_at, search_text) VALUES (1, '2026-000001', 1, 34, 1, "
                    "1, 'istek', 'Çınar ağacı.', 'pending', 'normal', 1, :now, :now, "
                    "'2026-000001 ışıklı üsküdar istanbul çınar ağacı şöyle âşık')"
                ),
                {"now": datetime(2026, 11, 22, 9, tzinfo=UTC)},
            )
        command.upgrade(config, "8a5b4c3d2e10")
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT search_text FROM request")).scalar_one()
        engine.dispose()
    assert stored == "2026-000001 isikli uskudar istanbul cinar agaci soyle asik"
