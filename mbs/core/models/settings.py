"""Per-user settings of the staff lists, kept across sessions."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from mbs.core.models.types import UtcDateTime


class UserViewSettings(SQLModel, table=True):
    """One staff user's columns, sort, page size and saved filters for one screen.

    The JSON is checked by mbs/core/queries/view_settings.py before it is stored.
    """

    __tablename__ = "user_view_settings"
    __table_args__ = (UniqueConstraint("user_id", "screen"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="staff_user.id")
    screen: str = Field(max_length=32)
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
