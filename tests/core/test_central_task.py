"""request.central_task: the rule, and the migration that fills it for older rows."""

from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text

from mbs.core.commands.central_task import TopLevel, central_task
from mbs.core.db import make_engine
from mbs.core.enums import AssignmentStatus, CentralTask, RequestStatus
from mbs.core.migrations import alembic_config
from tests.core.test_inbox_migration import empty_database

T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)
LATER = T0 + timedelta(hours=3)
NEW, FINISHED, RETURNED = AssignmentStatus.NEW, AssignmentStatus.FINISHED, AssignmentStatus.RETURNED


@pytest.mark.parametrize(
    ("status", "top_level", "expected"),
    [
        (RequestStatus.PENDING, [], CentralTask.ROUTE),
        (RequestStatus.CONCLUDED, [TopLevel(FINISHED, T0)], None),
        (RequestStatus.ROUTED, [TopLevel(NEW, T0)], None),
        (
            RequestStatus.ROUTED,
            [TopLevel(FINISHED, T0), TopLevel(RETURNED, T0, LATER)],
            CentralTask.CONCLUDE,
        ),  # fmt: skip
        (RequestStatus.ROUTED, [TopLevel(RETURNED, T0, LATER)], CentralTask.REROUTE),
        # Returned while another unit still works: waits to be routed elsewhere ...
        (
            RequestStatus.ROUTED,
            [TopLevel(NEW, T0), TopLevel(RETURNED, T0, LATER)],
            CentralTask.REROUTE,
        ),  # fmt: skip
        # ... until MİGM adds a unit after the return.
        (
            RequestStatus.ROUTED,
            [TopLevel(RETURNED, T0, LATER), TopLevel(NEW, LATER + timedelta(minutes=1))],
            None,
        ),  # fmt: skip
    ],
)
def test_the_rule(status, top_level, expected):
    assert central_task(status, top_level) is expected


REVISION = "4a1f0c2d9e10"
ROWS = (
    "INSERT INTO province (id, name, is_metropolitan) VALUES (6, 'ANKARA', true)",
    "INSERT INTO district (id, province_id, name) VALUES (1, 6, 'Çankaya')",
    "INSERT INTO muhtarlik (id, source_key, kind, name, district_id, province_id) "
    "VALUES (1, 'mahalle:1', 'mahalle', 'KIZILAY', 1, 6)",
    "INSERT INTO muhtar (id, tckn, first_name, last_name, phone, muhtarlik_id, term_start, "
    "term_end) VALUES (1, '10000000146', 'Ayşe', 'Yılmaz', '905550000101', 1, '2024-04-01', "
    "'2029-03-31')",
    "INSERT INTO unit (id, code, kind, name, is_active) VALUES "
    "(1, 'migm', 'migm', 'MİGM', true), (2, 'belediye:1', 'belediye', 'Çankaya Belediyesi', true)",
    "INSERT INTO staff_user (id, username, full_name, password_hash, unit_id, is_admin, "
    "is_active, failed_logins, created_at) VALUES (1, 'migm', 'M', 'x', 1, false, true, 0, :t0)",
)


def test_the_migration_fills_the_column_for_requests_already_there(tmp_path):
    with empty_database(tmp_path) as url:
        config = alembic_config(url)
        before = ScriptDirectory.from_config(config).get_revision(REVISION).down_revision
        command.upgrade(config, before)
        engine = make_engine(url)
        with engine.begin() as connection:
            for statement in ROWS:
                connection.execute(text(statement), {"t0": T0})
            for number, status in enumerate(["pending", "routed", "routed", "concluded"], 1):
                connection.execute(
                    text(
                        "INSERT INTO request (id, tracking_no, muhtarlik_id, province_id, "
                        "district_id, muhtar_id, type, description, status, priority, version, "
                        "created_at, updated_at, search_text) VALUES (:id, :no, 1, 6, 1, 1, "
                        "'istek', 'Yol bozuk, onarılmasını istiyoruz.', :status, 'normal', 1, "
                        ":t0, :t0, '')"
                    ),
                    {"id": number, "no": f"2026-00000{number}", "status": status, "t0": T0},
                )
            # 2: the belediye still works on it; 3 and 4: it finished.
            for number, (request_id, status) in enumerate(
                [(2, "new"), (3, "finished"), (4, "finished")], 1
            ):
                connection.execute(
                    text(
                        "INSERT INTO assignment (id, request_id, unit_id, status, version, "
                        "assigned_by_user_id, created_at) VALUES (:id, :request, 2, :status, 1, "
                        "1, :t0)"
                    ),
                    {"id": number, "request": request_id, "status": status, "t0": T0},
                )
        command.upgrade(config, REVISION)
        with engine.connect() as connection:
            tasks = dict(connection.execute(text("SELECT id, central_task FROM request")).all())
        assert tasks == {1: "route", 2: None, 3: "conclude", 4: None}
        command.downgrade(config, before)
        command.upgrade(config, "head")
        engine.dispose()
