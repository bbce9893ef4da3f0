"""The people who act: muhtars (registry, by term) and staff accounts of units."""

from datetime import date, datetime

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from mbs.core.models.types import UtcDateTime


class Muhtar(SQLModel, table=True):
    """One muhtar's term in one muhtarlık; a re-elected muhtar gets a new row."""

    __table_args__ = (UniqueConstraint("tckn", "muhtarlik_id", "term_start"),)

    id: int | None = Field(default=None, primary_key=True)
    tckn: str = Field(max_length=11, index=True)
    first_name: str = Field(max_length=80)
    last_name: str = Field(max_length=80)
    phone: str = Field(max_length=16)  # E.164 without '+', e.g. 905321234567
    muhtarlik_id: int = Field(foreign_key="muhtarlik.id", index=True)
    term_start: date
    term_end: date

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class User(SQLModel, table=True):
    """A staff account (kurum kullanıcısı) of exactly one unit."""

    __tablename__ = "staff_user"  # "user" is reserved in PostgreSQL

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True)
    full_name: str = Field(max_length=120)
    # For notification e-mails (new assignments, the overdue digest); optional.
    email: str | None = Field(default=None, max_length=254)
    password_hash: str = Field(max_length=255)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    is_admin: bool = False
    is_active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
