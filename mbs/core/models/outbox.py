"""The SMS outbox: rows written in the same transaction as the action that caused them."""

from datetime import datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from mbs.core.enums import SmsKind, SmsStatus
from mbs.core.models.types import UtcDateTime, enum_type


class SmsMessage(SQLModel, table=True):
    __tablename__ = "sms_message"
    __table_args__ = (Index("ix_sms_status_next_attempt", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    idempotency_key: str = Field(max_length=64, unique=True)
    kind: SmsKind = Field(sa_type=enum_type(SmsKind))
    phone: str = Field(max_length=16)
    body: str = Field(max_length=918)  # at most six concatenated Turkish SMS parts
    muhtar_id: int | None = Field(default=None, foreign_key="muhtar.id", index=True)
    request_id: int | None = Field(default=None, foreign_key="request.id", index=True)
    status: SmsStatus = Field(default=SmsStatus.PENDING, sa_type=enum_type(SmsStatus))
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=500)
    provider_ref: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    next_attempt_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    expires_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))
