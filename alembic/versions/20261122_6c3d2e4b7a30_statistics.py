"""statistics: completion outcome of assignments, rollup tables, savings assumptions

- assignment.outcome (positive / negative) and assignment.negative_reason, set by
  İŞLEMİ TAMAMLA; NULL for assignments finished before this revision and for open or
  returned ones. The quarterly municipal report counts them.
- assignment.created_at gets an index (assignments by the day they were received);
- stats_request_daily / stats_request_period / stats_request_district and
  stats_unit_daily / stats_unit_period: the statistics rollups (mbs/core/models/stats.py), empty until `mbs stats rebuild` or
  the scheduler's first refresh; stats_rollup_state holds their watermark.
- stats_savings_assumptions: the stationery-savings assumptions an admin may change.

Revision ID: 6c3d2e4b7a30
Revises: 5b2e1d3c8f20
Create Date: 2026-11-22 13:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import mbs.core.models.stats
import mbs.core.models.types


revision: str = '6c3d2e4b7a30'
down_revision: str | None = '5b2e1d3c8f20'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BUCKETS = 43  # mbs/core/stats/buckets.py
REASONS = ('outside_authority', 'no_budget', 'against_regulations', 'already_done', 'other')


def _counts(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.Integer(), server_default='0', nullable=False) for name in names]


def _request_metrics() -> list[sa.Column]:
    histograms = [f'{p}{i:02d}' for p in ('r', 'c') for i in range(BUCKETS)]
    return _counts('filed', 'pending', 'routed', *histograms)


def _unit_metrics() -> list[sa.Column]:
    reasons = [f'reason_{reason}' for reason in REASONS]
    finish = [f'f{i:02d}' for i in range(BUCKETS)]
    return _counts('received', 'finished', 'returned', 'positive', 'negative', *reasons, *finish)


def upgrade() -> None:
    # Plain ADD COLUMN (no batch): SQLite supports it, and a batch copy of the table
    # would not carry the partial and expression indexes over.
    op.add_column('assignment', sa.Column('outcome', sa.Enum(
        'positive', 'negative', name='completionoutcome', native_enum=False, length=24,
    ), nullable=True))
    op.add_column('assignment', sa.Column('negative_reason', sa.Enum(
        'outside_authority', 'no_budget', 'against_regulations', 'already_done', 'other',
        name='negativereason', native_enum=False, length=24,
    ), nullable=True))

    # Assignments by the day they were received: the unit statistics' live days and
    # rollup builds.
    op.create_index('ix_assignment_created_at', 'assignment', ['created_at'])

    op.create_table('stats_request_daily',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('province_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('request_type', sa.String(length=24), nullable=False),
    sa.Column('unit_kind', sa.String(length=24), nullable=False),
    *_request_metrics(),
    sa.PrimaryKeyConstraint('day', 'province_id', 'request_type', 'unit_kind'),
    )
    op.create_index('ix_stats_request_daily_province_day', 'stats_request_daily', ['province_id', 'day'])
    op.create_index(
        'ix_stats_request_daily_series', 'stats_request_daily', ['unit_kind', 'day'],
        postgresql_include=['province_id', 'request_type', 'filed'],
    )
    op.create_table('stats_request_period',
    sa.Column('grain', sa.String(length=1), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('province_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('request_type', sa.String(length=24), nullable=False),
    sa.Column('unit_kind', sa.String(length=24), nullable=False),
    *_request_metrics(),
    sa.PrimaryKeyConstraint('grain', 'period_start', 'province_id', 'request_type', 'unit_kind'),
    )
    op.create_table('stats_request_district',
    sa.Column('grain', sa.String(length=1), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('district_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('request_type', sa.String(length=24), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    *_request_metrics(),
    sa.PrimaryKeyConstraint('grain', 'period_start', 'district_id', 'request_type'),
    )
    op.create_index('ix_stats_request_district_province', 'stats_request_district', ['province_id', 'grain', 'period_start'])
    op.create_table('stats_unit_daily',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('unit_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('province_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('request_type', sa.String(length=24), nullable=False),
    *_unit_metrics(),
    sa.PrimaryKeyConstraint('day', 'unit_id', 'province_id', 'request_type'),
    )
    op.create_index('ix_stats_unit_daily_unit_day', 'stats_unit_daily', ['unit_id', 'day'])
    op.create_table('stats_unit_period',
    sa.Column('grain', sa.String(length=1), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('unit_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('province_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('request_type', sa.String(length=24), nullable=False),
    *_unit_metrics(),
    sa.PrimaryKeyConstraint('grain', 'period_start', 'unit_id', 'province_id', 'request_type'),
    )
    op.create_index('ix_stats_unit_period_unit', 'stats_unit_period', ['unit_id', 'grain', 'period_start'])
    op.create_table('stats_rollup_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('watermark', mbs.core.models.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('rebuilt_at', mbs.core.models.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    )
    op.create_table('stats_savings_assumptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pages_per_request', mbs.core.models.stats.DecimalText(), nullable=False),
    sa.Column('cost_per_page', mbs.core.models.stats.DecimalText(), nullable=False),
    sa.Column('letters_per_request', mbs.core.models.stats.DecimalText(), nullable=False),
    sa.Column('postage_per_letter', mbs.core.models.stats.DecimalText(), nullable=False),
    sa.Column('updated_by_user_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', mbs.core.models.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_user_id'], ['staff_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_index('ix_assignment_created_at', table_name='assignment')
    op.drop_table('stats_savings_assumptions')
    op.drop_table('stats_rollup_state')
    for table in (
        'stats_unit_period', 'stats_unit_daily', 'stats_request_district', 'stats_request_period',
        'stats_request_daily',
    ):
        op.drop_table(table)
    # Plain DROP COLUMN (SQLite 3.35+), for the same reason as above.
    op.execute("ALTER TABLE assignment DROP COLUMN negative_reason")
    op.execute("ALTER TABLE assignment DROP COLUMN outcome")
