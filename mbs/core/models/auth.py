"""Login bookkeeping: captchas, SMS login codes, attempts counted by the rate limits, and
web sessions. Secrets are stored only as digests (HMAC or SHA-256), never as typed."""

from datetime import datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from mbs.core.enums import LoginAttemptKind, SessionKind
from mbs.core.models.types import UtcDateTime, enum_type

# A textual IPv6 address is at most 45 characters.
IP_LENGTH = 45


class CaptchaChallenge(SQLModel, table=True):
    """One doğrulama kodu image; the row is deleted when checked (single use)."""

    __tablename__ = "captcha_challenge"

    id: str = Field(primary_key=True, max_length=32)  # random, given to the browser
    answer_digest: str = Field(max_length=64)  # HMAC-SHA256 of the upper-case answer
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False, index=True))


class LoginCode(SQLModel, table=True):
    """One onay kodu sent by SMS to a muhtar; `id` is the login id the browser holds."""

    __tablename__ = "login_code"

    id: str = Field(primary_key=True, max_length=32)
    muhtar_id: int = Field(foreign_key="muhtar.id", index=True)
    code_digest: str = Field(max_length=64)  # HMAC-SHA256 of "<id>:<code>"
    failed_tries: int = 0
    client_ip: str = Field(max_length=IP_LENGTH)
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False, index=True))
    # Set when the code is used, or when a newer code replaces it.
    consumed_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))


class LoginAttempt(SQLModel, table=True):
    """One login attempt, for the per-IP, per-TCKN and per-user-name limits.

    `subject_digest` is an HMAC of the TCKN or user name typed, so limits work for
    strangers' input without storing it.
    """

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_ip_created", "client_ip", "created_at"),
        Index("ix_login_attempt_subject_created", "subject_digest", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False, index=True))
    client_ip: str = Field(max_length=IP_LENGTH)
    subject_digest: str | None = Field(default=None, max_length=64)
    kind: LoginAttemptKind = Field(sa_type=enum_type(LoginAttemptKind))
    success: bool


class WebSession(SQLModel, table=True):
    """A logged-in browser; the browser holds the token, the table its SHA-256 only."""

    __tablename__ = "web_session"

    token_digest: str = Field(primary_key=True, max_length=64)
    kind: SessionKind = Field(sa_type=enum_type(SessionKind))
    muhtar_id: int | None = Field(default=None, foreign_key="muhtar.id", index=True)
    user_id: int | None = Field(default=None, foreign_key="staff_user.id", index=True)
    client_ip: str = Field(max_length=IP_LENGTH)
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    last_seen_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    # last_seen_at plus the idle limit at the time it was written; for purging.
    expires_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False, index=True))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime()))
