"""Requests (başvuru), their assignments to units (yönlendirme), their history
(hareket) and attachments (ek)."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text
from sqlmodel import Field, SQLModel

from mbs.core.enums import AssignmentStatus, EventKind, Priority, RequestStatus, RequestType
from mbs.core.models.types import UtcDateTime, enum_type


def _utc(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UtcDateTime(), nullable=nullable, index=index))


class Request(SQLModel, table=True):
    __table_args__ = (
        Index("ix_request_status_created", "status", "created_at"),
        Index("ix_request_muhtarlik_status_created", "muhtarlik_id", "status", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tracking_no: str = Field(max_length=16, unique=True)  # "2026-000123"
    muhtarlik_id: int = Field(foreign_key="muhtarlik.id")
    muhtar_id: int = Field(foreign_key="muhtar.id", index=True)
    type: RequestType = Field(sa_type=enum_type(RequestType))
    description: str = Field(sa_column=Column(Text, nullable=False))
    status: RequestStatus = Field(default=RequestStatus.PENDING, sa_type=enum_type(RequestStatus))
    priority: Priority = Field(default=Priority.NORMAL, sa_type=enum_type(Priority))
    # Bumped by every change; an action names the version its user saw (optimistic lock).
    version: int = 1
    summary: str | None = Field(default=None, sa_column=Column(Text))
    # Per form: a double tap or a reconnect cannot file the same request twice.
    idempotency_key: str | None = Field(default=None, max_length=64, unique=True)
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    routed_at: datetime | None = _utc()
    concluded_at: datetime | None = _utc()


class Assignment(SQLModel, table=True):
    """The request routed to one unit; a valilik's forward is a child assignment."""

    __table_args__ = (Index("ix_assignment_unit_status", "unit_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="request.id", index=True)
    unit_id: int = Field(foreign_key="unit.id")
    parent_id: int | None = Field(default=None, foreign_key="assignment.id", index=True)
    status: AssignmentStatus = Field(
        default=AssignmentStatus.NEW, sa_type=enum_type(AssignmentStatus)
    )
    version: int = 1
    routing_note: str | None = Field(default=None, sa_column=Column(Text))
    completion_note: str | None = Field(default=None, sa_column=Column(Text))
    return_reason: str | None = Field(default=None, sa_column=Column(Text))
    assigned_by_user_id: int = Field(foreign_key="staff_user.id")
    finished_by_user_id: int | None = Field(default=None, foreign_key="staff_user.id")
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))
    taken_at: datetime | None = _utc()
    forwarded_at: datetime | None = _utc()
    finished_at: datetime | None = _utc()
    returned_at: datetime | None = _utc()


class Event(SQLModel, table=True):
    """One immutable entry: a request's timeline and the audit log are the same rows."""

    __table_args__ = (Index("ix_event_request_created", "request_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: EventKind = Field(sa_type=enum_type(EventKind), index=True)
    request_id: int | None = Field(default=None, foreign_key="request.id")
    assignment_id: int | None = Field(default=None, foreign_key="assignment.id")
    # Exactly one of these two is set for actions by a person; neither for system jobs.
    actor_user_id: int | None = Field(default=None, foreign_key="staff_user.id")
    actor_muhtar_id: int | None = Field(default=None, foreign_key="muhtar.id")
    unit_id: int | None = Field(default=None, foreign_key="unit.id")  # the acting unit
    note: str | None = Field(default=None, sa_column=Column(Text))
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False, index=True))


class Attachment(SQLModel, table=True):
    """A file stored outside any public folder under a random name."""

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="request.id", index=True)
    # Set for a unit's completion attachments; None for the muhtar's own files.
    assignment_id: int | None = Field(default=None, foreign_key="assignment.id")
    storage_key: str = Field(max_length=64, unique=True)
    original_name: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    uploaded_by_user_id: int | None = Field(default=None, foreign_key="staff_user.id")
    uploaded_by_muhtar_id: int | None = Field(default=None, foreign_key="muhtar.id")
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False))


class TrackingCounter(SQLModel, table=True):
    """Last tracking number handed out per year (Turkey's time)."""

    __tablename__ = "tracking_counter"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last: int = 0
