"""The SMS outbox: rows written in the same transaction as the action that caused them.

The sender (mbs/core/sms/sender.py) moves a row pending → sending → sent → delivered,
or to failed / expired / review; the columns below the first block are its bookkeeping.
"""

from datetime import datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from mbs.core.enums import SmsKind, SmsStatus
from mbs.core.models.types import UtcDateTime, enum_type


class SmsMessage(SQLModel, table=True):
    __tablename__ = "sms_message"
    __table_args__ = (
        # The sender claims by (status, kind, next_attempt_at) in index order, one kind
        # at a time (login codes first), so a claim costs the same with 100,000 rows
        # waiting as with ten.
        Index("ix_sms_claim_order", "status", "kind", "next_attempt_at", "id"),
        Index("ix_sms_provider_ref", "provider_ref"),
    )

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

    # Sender bookkeeping. `claim_token` names one claim (one request to the provider);
    # it is also the batch id given to providers that can be asked about it later.
    claim_token: str | None = Field(default=None, max_length=32, index=True)
    lease_until: datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))
    last_attempt_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))
    provider: str | None = Field(default=None, max_length=16)
    delivered_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))
