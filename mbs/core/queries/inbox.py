"""Gelen Kutusu / Görevlerim (what waits for the actor's unit) and Tamamlanan (what it
has done), one page at a time.

The central unit's inbox holds PENDING requests (to route) and ROUTED ones that need it
again: every unit closed its part (SÜRECİ TAMAMLA), or a unit returned it after its
latest routing, so nothing replaced the return yet. Any other unit's inbox holds its
own open assignments, one row per assignment; those are always requests it may see
(permissions.visible_requests), so no further check is needed.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from mbs.core import clock
from mbs.core.actors import Actor, StaffActor
from mbs.core.enums import OPEN_ASSIGNMENT_STATUSES, AssignmentStatus, RequestStatus
from mbs.core.errors import ValidationError
from mbs.core.models import Assignment, Request
from mbs.core.permissions import require_staff
from mbs.core.queries.listing import (
    DEFAULT_PAGE_SIZE,
    CentralTask,
    Page,
    RequestRow,
    Sort,
    SortKey,
    fetch_page,
    fixed,
    fixed_in,
    page_of,
    request_order,
    request_row,
    rows_of,
    with_row_columns,
)

CLOSED_ASSIGNMENT_STATUSES = frozenset({AssignmentStatus.FINISHED, AssignmentStatus.RETURNED})
INBOX_SORT = Sort(SortKey.PRIORITY)


def inbox(
    *,
    session: Session,
    actor: Actor,
    status: RequestStatus | AssignmentStatus | None = None,
    sort: Sort = INBOX_SORT,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> Page[RequestRow]:
    """What waits for the actor's unit. `status` narrows it: for the central unit a
    request status (PENDING or ROUTED), for another unit an open assignment status."""
    staff = require_staff(actor)
    now = clock.now()
    if staff.is_central:
        return _central_inbox(session, status, sort, page, page_size, now)
    statuses = set(OPEN_ASSIGNMENT_STATUSES)
    if status is not None:
        if status not in statuses:
            raise ValidationError("Geçersiz durum seçimi.")
        statuses = {AssignmentStatus(status)}
    return _unit_assignments(session, staff, statuses, request_order(sort), page, page_size, now)


def completed(
    *,
    session: Session,
    actor: Actor,
    status: AssignmentStatus | None = None,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> Page[RequestRow]:
    """Tamamlanan, most recently closed first: for the central unit the CONCLUDED
    requests; for another unit its FINISHED and RETURNED assignments (`status` picks
    one of the two)."""
    staff = require_staff(actor)
    now = clock.now()
    if staff.is_central:
        if status is not None:
            raise ValidationError("Geçersiz durum seçimi.")
        base = select(col(Request.id)).where(col(Request.status) == fixed(RequestStatus.CONCLUDED))
        order: list[Any] = [col(Request.concluded_at).desc(), col(Request.id).desc()]
        # Redundant with the status, but it lets the backward walk of the index on
        # concluded_at skip the NULLs of the unconcluded at once.
        base = base.where(col(Request.concluded_at).is_not(None))
        rows = rows_of(
            page_of(base.order_by(*order), page, page_size), order, col(Request.concluded_at)
        )
        return fetch_page(
            session,
            base,
            rows,
            page,
            page_size,
            lambda row: request_row(row, now, closed_at=row[-1]),
        )
    statuses = set(CLOSED_ASSIGNMENT_STATUSES)
    if status is not None:
        if status not in statuses:
            raise ValidationError("Geçersiz durum seçimi.")
        statuses = {AssignmentStatus(status)}
    # The order of the index ix_assignment_unit_closed.
    closed_at = func.coalesce(col(Assignment.finished_at), col(Assignment.returned_at))
    order = [closed_at.desc(), col(Assignment.id).desc()]
    return _unit_assignments(session, staff, statuses, order, page, page_size, now)


def _unit_assignments(
    session: Session,
    staff: StaffActor,
    statuses: set[AssignmentStatus],
    order: list[Any],
    page: int,
    page_size: int,
    now: datetime,
) -> Page[RequestRow]:
    own = [
        col(Assignment.unit_id) == staff.unit_id,
        col(Assignment.status).in_(fixed_in(statuses)),
    ]
    # Counted from the assignment index alone; only the page's rows join the request.
    count = select(col(Assignment.id)).where(*own)
    keys = (
        select(col(Assignment.id))
        .join(Request, col(Request.id) == col(Assignment.request_id))
        .where(*own)
        .order_by(*order)
    )
    page_keys = page_of(keys, page, page_size)
    statement = with_row_columns(
        select(col(Request.id))
        .select_from(page_keys)
        .join(Assignment, col(Assignment.id) == page_keys.c.id)
        .join(Request, col(Request.id) == col(Assignment.request_id)),
        col(Assignment.id),
        col(Assignment.status),
        col(Assignment.version),
        col(Assignment.created_at),
        func.coalesce(col(Assignment.finished_at), col(Assignment.returned_at)),
    ).order_by(*order)

    def make_row(row: Any) -> RequestRow:
        return request_row(
            row,
            now,
            assignment_id=row[-5],
            assignment_status=row[-4],
            assignment_version=row[-3],
            assigned_at=row[-2],
            closed_at=row[-1],
        )

    return fetch_page(session, count, statement, page, page_size, make_row)


def _central_inbox(
    session: Session,
    status: RequestStatus | AssignmentStatus | None,
    sort: Sort,
    page: int,
    page_size: int,
    now: datetime,
) -> Page[RequestRow]:
    if status not in (None, RequestStatus.PENDING, RequestStatus.ROUTED):
        raise ValidationError("Geçersiz durum seçimi.")
    # The commands keep `central_task` (mbs/core/commands/central_task.py); the partial
    # index ix_request_central_waiting holds exactly these rows, in the default order.
    waiting = [col(Request.central_task).is_not(None)]
    if status is RequestStatus.PENDING:
        waiting.append(col(Request.central_task) == fixed(CentralTask.ROUTE))
    elif status is RequestStatus.ROUTED:
        waiting.append(col(Request.central_task) != fixed(CentralTask.ROUTE))
    base = select(col(Request.id)).where(*waiting)
    order = request_order(sort)
    rows = rows_of(page_of(base.order_by(*order), page, page_size), order, Request.central_task)
    total = session.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    return Page(
        rows=[request_row(row, now, central_task=row[-1]) for row in session.execute(rows)],
        total=total,
        total_capped=False,
        page=page,
        page_size=page_size,
    )
