"""corporate e-mail: mail_account (one address per muhtar, by TCKN), the email_message
outbox, and staff_user.email

Statuses and kinds are plain VARCHAR(24) without a CHECK constraint, like every enum
(models/types.py enum_type).

Revision ID: 5b2e1d3c8f20
Revises: 4a1f0c2d9e10
Create Date: 2026-11-22 12:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import mbs.core.models.types


revision: str = '5b2e1d3c8f20'
down_revision: str | None = '4a1f0c2d9e10'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'mail_account',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('tckn', sqlmodel.sql.sqltypes.AutoString(length=11), nullable=False),
        sa.Column('local_part', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=161), nullable=False),
        sa.Column('created_at', mbs.core.models.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column('is_active', sa.Boolean(), nullable=False),
        sa.Column('notify_by_email', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('local_part'),
        sa.UniqueConstraint('tckn'),
    )
    op.create_table(
        'email_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('kind', sa.Enum('muhtar_notification', 'new_assignment', 'overdue_digest', name='emailkind', native_enum=False, length=24, create_constraint=False), nullable=False),
        sa.Column('to_address', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('body_text', sa.Text(), nullable=False),
        sa.Column('body_html', sa.Text(), nullable=False),
        sa.Column('request_id', sa.Integer(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('account_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.Enum('pending', 'sending', 'sent', 'failed', 'review', name='emailstatus', native_enum=False, length=24, create_constraint=False), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column('created_at', mbs.core.models.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column('next_attempt_at', mbs.core.models.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column('sent_at', mbs.core.models.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column('claim_token', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column('lease_until', mbs.core.models.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column('last_attempt_at', mbs.core.models.types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['mail_account.id'], ),
        sa.ForeignKeyConstraint(['request_id'], ['request.id'], ),
        sa.ForeignKeyConstraint(['user_id'], ['staff_user.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('idempotency_key'),
    )
    with op.batch_alter_table('email_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_email_message_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_email_message_claim_token'), ['claim_token'], unique=False)
        batch_op.create_index(batch_op.f('ix_email_message_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_email_message_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_email_claim_order', ['status', 'next_attempt_at', 'id'], unique=False)

    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_column('email')

    with op.batch_alter_table('email_message', schema=None) as batch_op:
        batch_op.drop_index('ix_email_claim_order')
        batch_op.drop_index(batch_op.f('ix_email_message_user_id'))
        batch_op.drop_index(batch_op.f('ix_email_message_request_id'))
        batch_op.drop_index(batch_op.f('ix_email_message_claim_token'))
        batch_op.drop_index(batch_op.f('ix_email_message_account_id'))

    op.drop_table('email_message')
    op.drop_table('mail_account')
