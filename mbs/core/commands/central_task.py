"""Whether, and why, a request waits for the central unit (`request.central_task`).

The central inbox is "PENDING requests, and ROUTED ones whose units all closed their
part or that a unit returned after their latest routing". Asked of the assignments on
every page load, that costs a scan of every routed request (~60 ms with a million);
kept on the request by the commands that change it, the inbox is one walk of a partial
index. Every command that changes a request's status or a top-level assignment's state
calls `refresh_central_task` before it returns, in the same transaction.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from mbs.core.enums import OPEN_ASSIGNMENT_STATUSES, AssignmentStatus, CentralTask, RequestStatus
from mbs.core.models import Assignment, Request


@dataclass(frozen=True)
class TopLevel:
    """What the rule needs of one top-level assignment (a routing by the central unit)."""

    status: AssignmentStatus
    created_at: datetime
    returned_at: datetime | None = None


def central_task(status: RequestStatus, top_level: Iterable[TopLevel]) -> CentralTask | None:
    """The rule itself: ROUTE for a pending request; for a routed one CONCLUDE when no
    unit is still working and one finished, REROUTE when none finished or when a unit
    returned it after its latest routing (nothing replaced the return yet)."""
    if status is RequestStatus.PENDING:
        return CentralTask.ROUTE
    if status is not RequestStatus.ROUTED:
        return None
    assignments = list(top_level)
    if not any(a.status in OPEN_ASSIGNMENT_STATUSES for a in assignments):
        finished = any(a.status is AssignmentStatus.FINISHED for a in assignments)
        return CentralTask.CONCLUDE if finished else CentralTask.REROUTE
    latest_routing = max(a.created_at for a in assignments)
    unreplaced_return = any(
        a.status is AssignmentStatus.RETURNED
        and a.returned_at is not None
        and a.returned_at > latest_routing
        for a in assignments
    )
    return CentralTask.REROUTE if unreplaced_return else None


def refresh_central_task(session: Session, request: Request) -> None:
    """Recompute `request.central_task` from its status and top-level assignments (the
    session's pending changes included)."""
    session.flush()
    rows = session.exec(
        select(Assignment.status, Assignment.created_at, Assignment.returned_at).where(
            col(Assignment.request_id) == request.id, col(Assignment.parent_id).is_(None)
        )
    ).all()
    task = central_task(RequestStatus(request.status), (TopLevel(*row) for row in rows))
    if request.central_task != task:
        request.central_task = task
        session.add(request)


# The same rule in SQL, for rows written without the commands: the migration that added
# the column, and bench data written with COPY (which checks its rows against it).
_TOP = "FROM assignment a WHERE a.request_id = request.id AND a.parent_id IS NULL"
CENTRAL_TASK_SQL = f"""CASE
  WHEN status = 'pending' THEN 'route'
  WHEN status <> 'routed' THEN NULL
  WHEN NOT EXISTS (SELECT 1 {_TOP} AND a.status IN ('new', 'taken', 'forwarded')) THEN
    CASE WHEN EXISTS (SELECT 1 {_TOP} AND a.status = 'finished')
      THEN 'conclude' ELSE 'reroute' END
  WHEN EXISTS (
    SELECT 1 {_TOP} AND a.status = 'returned' AND a.returned_at > (
      SELECT max(b.created_at) FROM assignment b
      WHERE b.request_id = request.id AND b.parent_id IS NULL
    )
  ) THEN 'reroute'
  ELSE NULL END"""
FILL_CENTRAL_TASK_SQL = (
    f"UPDATE request SET central_task = {CENTRAL_TASK_SQL} WHERE status IN ('pending', 'routed')"
)
