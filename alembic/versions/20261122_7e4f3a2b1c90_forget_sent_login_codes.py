"""forget the text of login codes already sent

Since this revision the outbox blanks a login code's text once the code is sent,
delivered, failed, expired or under review (mbs/core/sms/rows.py); this does the same
for the rows written before it. The texts cannot come back: downgrade leaves them blank.

Revision ID: 7e4f3a2b1c90
Revises: 6c3d2e4b7a30
Create Date: 2026-11-22 10:30:00.000000
"""
from collections.abc import Sequence

from alembic import op


revision: str = '7e4f3a2b1c90'
down_revision: str | None = '6c3d2e4b7a30'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE sms_message SET body = '' WHERE kind = 'otp' "
        "AND status IN ('sent', 'delivered', 'failed', 'expired', 'review')"
    )


def downgrade() -> None:
    """Nothing to restore: a forgotten login code stays forgotten."""
