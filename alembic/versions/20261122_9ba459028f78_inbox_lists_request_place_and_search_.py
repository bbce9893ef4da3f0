"""inbox lists: request place and search columns, list indexes, user view settings

- request.province_id / district_id (the muhtarlık's, copied at filing) and
  request.search_text (turkish_casefold of tracking no, place names, description),
  filled here for the rows already there;
- the indexes of the staff and muhtar lists (mbs/core/models/requests.py says which
  query uses which); (status, created_at) and (unit_id, status) become (…, id) and
  (…, request_id) so the lists read only the index;
- on PostgreSQL, pg_trgm and a GIN index for LIKE '%term%' on search_text;
- user_view_settings: per-user columns, sort, page size and saved filters.

Revision ID: 9ba459028f78
Revises: c5aec4ac0fe0
Create Date: 2026-11-22 04:10:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import mbs.core.models.types
from mbs.core.text import search_key


revision: str = '9ba459028f78'
down_revision: str | None = 'c5aec4ac0fe0'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PRIORITY_RANK_SQL = (
    "(CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END)"
)
OPEN_TOP_LEVEL_SQL = "parent_id IS NULL AND status IN ('new', 'taken', 'forwarded')"
RETURNED_TOP_LEVEL_SQL = "parent_id IS NULL AND status = 'returned'"
CLOSED_SQL = "status IN ('finished', 'returned')"
BATCH = 2000


def _partial(where: str) -> dict:
    return {"postgresql_where": sa.text(where), "sqlite_where": sa.text(where)}


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")

    op.create_table('user_view_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('screen', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('updated_at', mbs.core.models.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['staff_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'screen')
    )

    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('province_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('district_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
    op.execute(
        "UPDATE request SET "
        "province_id = (SELECT province_id FROM muhtarlik WHERE muhtarlik.id = request.muhtarlik_id), "
        "district_id = (SELECT district_id FROM muhtarlik WHERE muhtarlik.id = request.muhtarlik_id)"
    )
    _fill_search_text()
    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.alter_column('province_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('district_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key('fk_request_province_id_province', 'province', ['province_id'], ['id'])
        batch_op.create_foreign_key('fk_request_district_id_district', 'district', ['district_id'], ['id'])

    # Plain CREATE/DROP INDEX (no batch): SQLite supports them, and a batch copy of the
    # table would not carry the expression indexes over.
    op.drop_index('ix_request_status_created', table_name='request')
    op.create_index(
        'ix_request_status_id', 'request', ['status', 'id'],
        postgresql_include=['created_at', 'updated_at', 'priority', 'tracking_no'],
    )
    op.create_index('ix_request_created_id', 'request', ['created_at', 'id'])
    op.create_index('ix_request_updated_id', 'request', ['updated_at', 'id'])
    op.create_index('ix_request_concluded_id', 'request', ['concluded_at', 'id'])
    op.create_index('ix_request_type_created_id', 'request', ['type', 'created_at', 'id'])
    op.create_index('ix_request_province_created_id', 'request', ['province_id', 'created_at', 'id'])
    op.create_index('ix_request_district_created_id', 'request', ['district_id', 'created_at', 'id'])
    op.create_index(
        'ix_request_priority_rank', 'request',
        [sa.text(PRIORITY_RANK_SQL), sa.text('created_at DESC'), sa.text('id DESC')],
    )
    if postgres:
        op.execute(
            "CREATE INDEX ix_request_search_trgm ON request USING gin (search_text gin_trgm_ops)"
        )

    op.drop_index('ix_assignment_request_id', table_name='assignment')
    op.create_index(
        'ix_assignment_request_unit', 'assignment', ['request_id', 'unit_id'],
        postgresql_include=['parent_id', 'status', 'created_at'],
    )
    op.drop_index('ix_assignment_unit_status', table_name='assignment')
    op.create_index('ix_assignment_unit_status_request', 'assignment', ['unit_id', 'status', 'request_id'])
    op.create_index('ix_assignment_open_top', 'assignment', ['request_id'], **_partial(OPEN_TOP_LEVEL_SQL))
    op.create_index(
        'ix_assignment_returned_top', 'assignment', ['request_id', 'returned_at'],
        **_partial(RETURNED_TOP_LEVEL_SQL),
    )
    op.create_index(
        'ix_assignment_unit_closed', 'assignment',
        ['unit_id', sa.text('coalesce(finished_at, returned_at) DESC'), sa.text('id DESC')],
        **_partial(CLOSED_SQL),
    )


def _fill_search_text() -> None:
    """search_text for the requests filed before this revision, in slices by id."""
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.text(
                "SELECT r.id, r.tracking_no, m.name, d.name, p.name, r.description "
                "FROM request r JOIN muhtarlik m ON m.id = r.muhtarlik_id "
                "JOIN district d ON d.id = m.district_id JOIN province p ON p.id = m.province_id "
                "WHERE r.id > :last ORDER BY r.id LIMIT :batch"
            ),
            {"last": last, "batch": BATCH},
        ).all()
        if not rows:
            return
        connection.execute(
            sa.text("UPDATE request SET search_text = :text WHERE id = :id"),
            [{"id": row[0], "text": search_key(*row[1:])} for row in rows],
        )
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index('ix_assignment_unit_closed', table_name='assignment')
    op.drop_index('ix_assignment_returned_top', table_name='assignment')
    op.drop_index('ix_assignment_open_top', table_name='assignment')
    op.drop_index('ix_assignment_unit_status_request', table_name='assignment')
    op.create_index('ix_assignment_unit_status', 'assignment', ['unit_id', 'status'])
    op.drop_index('ix_assignment_request_unit', table_name='assignment')
    op.create_index('ix_assignment_request_id', 'assignment', ['request_id'])

    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_request_search_trgm")
    for name in (
        'ix_request_priority_rank', 'ix_request_district_created_id',
        'ix_request_province_created_id', 'ix_request_type_created_id',
        'ix_request_concluded_id', 'ix_request_updated_id', 'ix_request_created_id',
        'ix_request_status_id',
    ):
        op.drop_index(name, table_name='request')
    op.create_index('ix_request_status_created', 'request', ['status', 'created_at'])
    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.drop_constraint('fk_request_district_id_district', type_='foreignkey')
        batch_op.drop_constraint('fk_request_province_id_province', type_='foreignkey')
        batch_op.drop_column('search_text')
        batch_op.drop_column('district_id')
        batch_op.drop_column('province_id')

    op.drop_table('user_view_settings')
