"""search_text without Turkish letters, so searches typed without them find requests

search_key (mbs/core/text.py) now also folds ç ğ ı ö ş ü â î û to their plain letters
("ışık" and "Isik" both find "IŞIK"). The stored keys were already Turkish-casefolded,
so replacing those nine lower-case letters refolds them; nested REPLACE works on SQLite
and PostgreSQL alike. The pg_trgm index follows the new values by itself.

Revision ID: 8a5b4c3d2e10
Revises: 7e4f3a2b1c90
Create Date: 2026-11-22 11:00:00.000000
"""
from collections.abc import Sequence

from alembic import op


revision: str = '8a5b4c3d2e10'
down_revision: str | None = '7e4f3a2b1c90'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Fixed here rather than imported: what this revision did must not change later.
TURKISH, PLAIN = "çğıöşüâîû", "cgiosuaiu"


def upgrade() -> None:
    expression = "search_text"
    for turkish, plain in zip(TURKISH, PLAIN, strict=True):
        expression = f"REPLACE({expression}, '{turkish}', '{plain}')"
    op.execute(f"UPDATE request SET search_text = {expression}")


def downgrade() -> None:
    """The folded keys cannot be unfolded; the older search (Turkish letters required)
    still finds every request whose text has none of them."""
