"""Requests (başvuru), their assignments to units (yönlendirme), their history
(hareket) and attachments (ek)."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, text
from sqlmodel import Field, SQLModel

from mbs.core.enums import (
    AssignmentStatus,
    CentralTask,
    CompletionOutcome,
    EventKind,
    NegativeReason,
    Priority,
    RequestStatus,
    RequestType,
)
from mbs.core.models.types import UtcDateTime, enum_type


def _utc(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UtcDateTime(), nullable=nullable, index=index))


# "Urgent first" as a number: the stored values sort alphabetically (high, low, normal,
# urgent). The staff lists order by this very text, so the index below serves them. It
# is laid out as PostgreSQL prints it, so Alembic's autogenerate sees no difference.
PRIORITY_RANK_SQL = (
    "(\nCASE priority\n    WHEN 'urgent' THEN 0\n    WHEN 'high' THEN 1\n"
    "    WHEN 'normal' THEN 2\n    ELSE 3\nEND)"
)
PRIORITY_RANK = {Priority.URGENT: 0, Priority.HIGH: 1, Priority.NORMAL: 2, Priority.LOW: 3}
# Predicates of the partial assignment indexes; queries repeat them literally (see
# mbs/core/queries/listing.py) so the planner can prove the index applies.
OPEN_TOP_LEVEL_SQL = "parent_id IS NULL AND status IN ('new', 'taken', 'forwarded')"
RETURNED_TOP_LEVEL_SQL = "parent_id IS NULL AND status = 'returned'"
CLOSED_SQL = "status IN ('finished', 'returned')"
CLOSED_AT_SQL = "coalesce(finished_at, returned_at)"
CENTRAL_WAITING_SQL = "central_task IS NOT NULL"


def _partial(name: str, *columns: Any, where: str) -> Index:
    return Index(name, *columns, postgresql_where=text(where), sqlite_where=text(where))


class Request(SQLModel, table=True):
    # Every list of the staff and muhtar screens walks one of these in its ORDER BY, so
    # a page costs the same with a million requests as with a thousand. Free-text search
    # uses a pg_trgm GIN index on search_text, created by the migration on PostgreSQL
    # only (SQLite has no such index type and scans).
    __table_args__ = (
        # In id order per status, with the lists' sort keys included (PostgreSQL): the
        # central inbox merges the routed requests with the partial assignment indexes
        # below (also in request order) and sorts what waits, all from indexes.
        Index(
            "ix_request_status_id",
            "status",
            "id",
            postgresql_include=["created_at", "updated_at", "priority", "tracking_no"],
        ),
        Index("ix_request_muhtarlik_status_created", "muhtarlik_id", "status", "created_at"),
        Index("ix_request_created_id", "created_at", "id"),
        Index("ix_request_updated_id", "updated_at", "id"),
        Index("ix_request_concluded_id", "concluded_at", "id"),
        Index("ix_request_type_created_id", "type", "created_at", "id"),
        Index("ix_request_province_created_id", "province_id", "created_at", "id"),
        Index("ix_request_district_created_id", "district_id", "created_at", "id"),
        Index(
            "ix_request_priority_rank",
            text(PRIORITY_RANK_SQL),
            text("created_at DESC"),
            text("id DESC"),
        ),
        # The central inbox: only what waits for the central unit, in its default order.
        _partial(
            "ix_request_central_waiting",
            text(PRIORITY_RANK_SQL),
            text("created_at DESC"),
            text("id DESC"),
            where=CENTRAL_WAITING_SQL,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    tracking_no: str = Field(max_length=16, unique=True)  # "2026-000123"
    muhtarlik_id: int = Field(foreign_key="muhtarlik.id")
    # The muhtarlık's il and ilçe, copied at filing, so filters on them need no join.
    province_id: int = Field(foreign_key="province.id")
    district_id: int = Field(foreign_key="district.id")
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
    # Why it waits for the central unit (None: it does not); kept by the commands, see
    # mbs/core/commands/central_task.py.
    central_task: CentralTask | None = Field(default=None, sa_type=enum_type(CentralTask))
    # turkish_casefold of tracking no, muhtarlık, ilçe, il and description (set at filing),
    # matched with LIKE '%term%' by the Görünümler search.
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class Assignment(SQLModel, table=True):
    """The request routed to one unit; a valilik's forward is a child assignment."""

    __table_args__ = (
        # A request's assignments; with unit_id, "is it routed to one of these units?"
        # is answered from the index alone (unit visibility, Görünümler of a unit).
        Index(
            "ix_assignment_request_unit",
            "request_id",
            "unit_id",
            postgresql_include=["parent_id", "status", "created_at"],
        ),
        # A unit's inbox and counts read only the index (request_id included).
        Index("ix_assignment_unit_status_request", "unit_id", "status", "request_id"),
        # The central inbox: requests with no open unit, or with an unreplaced return.
        _partial("ix_assignment_open_top", "request_id", where=OPEN_TOP_LEVEL_SQL),
        _partial(
            "ix_assignment_returned_top", "request_id", "returned_at", where=RETURNED_TOP_LEVEL_SQL
        ),
        # A unit's Tamamlanan list, most recently closed first.
        _partial(
            "ix_assignment_unit_closed",
            "unit_id",
            text(f"{CLOSED_AT_SQL} DESC"),
            text("id DESC"),
            where=CLOSED_SQL,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="request.id")
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
    # Indexed: the unit statistics read assignments by the day they were received.
    created_at: datetime = Field(sa_column=Column(UtcDateTime(), nullable=False, index=True))
    taken_at: datetime | None = _utc()
    forwarded_at: datetime | None = _utc()
    finished_at: datetime | None = _utc()
    returned_at: datetime | None = _utc()
    # Set by İŞLEMİ TAMAMLA (the quarterly municipal report counts them); the reason
    # only for a negative outcome.
    outcome: CompletionOutcome | None = Field(default=None, sa_type=enum_type(CompletionOutcome))
    negative_reason: NegativeReason | None = Field(default=None, sa_type=enum_type(NegativeReason))


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
