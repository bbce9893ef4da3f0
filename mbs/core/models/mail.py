"""Corporate e-mail: each muhtar's address (one per person, kept for life) and the
e-mail outbox, written in the same transaction as the action that caused a message.

The outbox sender (mbs/core/mail/sender.py) moves a row pending → sending → sent, or
to failed / review; the columns below the first block are its bookkeeping.
"""

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from mbs.core.enums import EmailKind, EmailStatus
from mbs.core.models.types import UtcDateTime, enum_type


class MailAccount(SQLModel, table=True):
    """A muhtar's corporate mailbox `local_part@MBS_MAIL_DOMAIN`.

    It belongs to the person (the TCKN), not to a term: a re-elected muhtar keeps it,
    and a local part once given is never given to anyone else. `is_active` follows the
    registry (the person holds a current or future term); only active accounts are
    exported to the mail server.
    """

    __tablename__ = "mail_account"

    id: int | None = Field(default=None, primary_key=True)
    tckn: str = Field(max_length=11, unique=True)
    local_part: str = Field(max_length=64, unique=True)
    display_name: str = Field(max_length=161)
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    is_active: bool = True
    # The muhtar's choice in the portal: notifications by e-mail as well as by SMS.
    notify_by_email: bool = False


class EmailMessage(SQLModel, table=True):
    __tablename__ = "email_message"
    __table_args__ = (
        # The sender claims due rows in this index's order.
        Index("ix_email_claim_order", "status", "next_attempt_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Also the Message-ID's left part, so a receiving server can spot a duplicate.
    idempotency_key: str = Field(max_length=64, unique=True)
    kind: EmailKind = Field(sa_type=enum_type(EmailKind))
    to_address: str = Field(max_length=254)
    subject: str = Field(max_length=200)
    body_text: str = Field(sa_column=Column(Text, nullable=False))
    body_html: str = Field(sa_column=Column(Text, nullable=False))
    request_id: int | None = Field(default=None, foreign_key="request.id", index=True)
    user_id: int | None = Field(default=None, foreign_key="staff_user.id", index=True)
    account_id: int | None = Field(default=None, foreign_key="mail_account.id", index=True)
    status: EmailStatus = Field(default=EmailStatus.PENDING, sa_type=enum_type(EmailStatus))
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    next_attempt_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))

    # Sender bookkeeping: `claim_token` names one claim; the lease says when a claim
    # whose sender vanished is looked at again.
    claim_token: str | None = Field(default=None, max_length=32, index=True)
    lease_until: datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))
    last_attempt_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))
