"""request.central_task: why a request waits for the central unit, kept by the commands

The central inbox was "PENDING, or ROUTED with no open unit, or returned after its latest
routing", asked of the assignments on every load (a scan of every routed request). The
column holds the answer (mbs/core/commands/central_task.py), filled here for the rows
already there; the partial index holds exactly the waiting requests in the inbox order.

Revision ID: 4a1f0c2d9e10
Revises: 9ba459028f78
Create Date: 2026-11-22 09:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from mbs.core.commands.central_task import FILL_CENTRAL_TASK_SQL


revision: str = '4a1f0c2d9e10'
down_revision: str | None = '9ba459028f78'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PRIORITY_RANK_SQL = (
    "(CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END)"
)
WAITING_SQL = "central_task IS NOT NULL"


def upgrade() -> None:
    # A plain ADD COLUMN (no batch copy): SQLite supports it, and a copy of the table
    # would lose the expression indexes of revision 9ba459028f78.
    op.add_column('request', sa.Column('central_task', sa.Enum(
        'route', 'conclude', 'reroute', name='centraltask', native_enum=False,
        length=24,
    ), nullable=True))
    op.execute(FILL_CENTRAL_TASK_SQL)
    op.create_index(
        'ix_request_central_waiting', 'request',
        [sa.text(PRIORITY_RANK_SQL), sa.text('created_at DESC'), sa.text('id DESC')],
        postgresql_where=sa.text(WAITING_SQL), sqlite_where=sa.text(WAITING_SQL),
    )


def downgrade() -> None:
    op.drop_index('ix_request_central_waiting', table_name='request')
    # Plain DROP COLUMN (SQLite 3.35+), for the same reason as above.
    op.execute("ALTER TABLE request DROP COLUMN central_task")
