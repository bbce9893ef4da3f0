"""Gelen Kutusu / Görevlerim (what waits for the actor's unit) and Tamamlanan (what it
has done), one page at a time.

The central unit's inbox holds PENDING requests (to route) and ROUTED ones that need it
again: every unit closed its part (SÜRECİ TAMAMLA), or a unit returned it after its
latest routing, so nothing replaced the return yet. Any other unit's inbox holds its
own open assignments, one row per assignment; those are always requests it may see
(permissions.visible_requests), so no further check is needed.
"""

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Select, exists, func, literal, select, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from mbs.core import clock
from mbs.core.actors import Actor, StaffActor
from mbs.core.enums import OPEN_ASSIGNMENT_STATUSES, AssignmentStatus, RequestStatus
from mbs.core.errors import ValidationError
from mbs.core.models import Assignment, Request
from mbs.core.permissions import require_staff
from mbs.core.queries.listing import (
    DEFAULT_PAGE_SIZE,
    RANK,
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
    branches = [
        (task, ids)
        for task, ids in _central_waiting()
        if status is None or (status is RequestStatus.PENDING) == (task is CentralTask.ROUTE)
    ]
    # The waiting requests are found once, from the index on (status, id) that includes
    # the sort keys, and sorted there; the page and their number come from that pass.
    waiting = union_all(
        *(
            ids.add_columns(
                literal(task.value, literal_execute=True).label("task"),
                col(Request.created_at),
                col(Request.updated_at),
                col(Request.tracking_no),
                RANK.label("rank"),
            )
            for task, ids in branches
        )
    ).subquery("waiting")
    keys = select(waiting.c.id, waiting.c.task, func.count().over().label("total")).order_by(
        *request_order(sort, waiting)
    )
    page_keys = page_of(keys, page, page_size)
    statement = rows_of(page_keys, request_order(sort), page_keys.c.task, page_keys.c.total)
    rows = session.execute(statement).all()
    if rows:
        total = rows[0][-1]
    else:  # past the last page
        total = session.execute(select(func.count()).select_from(waiting)).scalar_one()
    result = Page(
        rows=[request_row(row, now, central_task=CentralTask(row[-2])) for row in rows],
        total=total,
        total_capped=False,
        page=page,
        page_size=page_size,
    )
    return _tell_conclude_from_reroute(session, result)


def _central_waiting() -> list[tuple[CentralTask, Select[Any]]]:
    """The three disjoint parts of the central inbox, as queries of request ids."""
    top = aliased(Assignment)
    open_top = exists().where(
        col(top.request_id) == col(Request.id),
        col(top.parent_id).is_(None),
        col(top.status).in_(fixed_in(OPEN_ASSIGNMENT_STATUSES)),
    )
    routed = col(Request.status) == fixed(RequestStatus.ROUTED)
    # A return not replaced: a unit returned it after the request's latest routing.
    # Few routed requests have a returned assignment at all; the partial indexes on open
    # and on returned top-level assignments are both in request order, so the planner
    # merges them with the routed requests and looks at the few left one by one.
    returned, routing = aliased(Assignment), aliased(Assignment)
    latest_routing = (
        select(func.max(col(routing.created_at)))
        .where(col(routing.request_id) == col(Request.id), col(routing.parent_id).is_(None))
        .correlate(Request)
        .scalar_subquery()
    )
    unreplaced_return = exists().where(
        col(returned.request_id) == col(Request.id),
        col(returned.parent_id).is_(None),
        col(returned.status) == fixed(AssignmentStatus.RETURNED),
        col(returned.returned_at) > latest_routing,
    )
    reroute = select(col(Request.id)).where(routed, open_top, unreplaced_return)
    return [
        (
            CentralTask.ROUTE,
            select(col(Request.id)).where(col(Request.status) == fixed(RequestStatus.PENDING)),
        ),
        (CentralTask.CONCLUDE, select(col(Request.id)).where(routed, ~open_top)),
        (CentralTask.REROUTE, reroute),
    ]


def _tell_conclude_from_reroute(session: Session, result: Page[RequestRow]) -> Page[RequestRow]:
    """A request whose units all closed but none finished cannot be concluded with
    SÜRECİ TAMAMLA: it is to be routed again (or closed with an explanation)."""
    closed = [row.id for row in result.rows if row.central_task is CentralTask.CONCLUDE]
    if not closed:
        return result
    finished = set(
        session.execute(
            select(col(Assignment.request_id)).where(
                col(Assignment.request_id).in_(closed),
                col(Assignment.parent_id).is_(None),
                col(Assignment.status) == fixed(AssignmentStatus.FINISHED),
            )
        ).scalars()
    )
    rows = [
        replace(row, central_task=CentralTask.REROUTE)
        if row.central_task is CentralTask.CONCLUDE and row.id not in finished
        else row
        for row in result.rows
    ]
    return Page(rows, result.total, result.total_capped, result.page, result.page_size)
