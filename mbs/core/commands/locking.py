"""Optimistic locking: an action names the version its user saw.

The conditional UPDATE is the first write of every action on an existing request, so on
PostgreSQL it also takes the row lock: a second user acting at the same moment waits,
then finds the version moved on and gets ConflictError instead of applying twice.
"""

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col

from mbs.core import clock
from mbs.core.errors import ConflictError
from mbs.core.models import Assignment, Request


def claim_request(session: Session, request: Request, expected_version: int) -> None:
    """Bump the request's version if it is still `expected_version`, else ConflictError."""
    now = clock.now()
    result = session.execute(
        update(Request)
        .where(col(Request.id) == request.id, col(Request.version) == expected_version)
        .values(version=expected_version + 1, updated_at=now)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConflictError()
    set_committed_value(request, "version", expected_version + 1)
    set_committed_value(request, "updated_at", now)


def touch_request(session: Session, request: Request) -> None:
    """Bump the version of the request an assignment belongs to, whatever it is now, so
    that a central user looking at an older state is told it changed."""
    now = clock.now()
    version = session.execute(
        update(Request)
        .where(col(Request.id) == request.id)
        .values(version=col(Request.version) + 1, updated_at=now)
        .returning(col(Request.version))
    ).scalar_one()
    set_committed_value(request, "version", version)
    set_committed_value(request, "updated_at", now)


def claim_assignment(session: Session, assignment: Assignment, expected_version: int) -> None:
    """Bump the assignment's version if it is still `expected_version`, else ConflictError."""
    result = session.execute(
        update(Assignment)
        .where(col(Assignment.id) == assignment.id, col(Assignment.version) == expected_version)
        .values(version=expected_version + 1)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConflictError()
    set_committed_value(assignment, "version", expected_version + 1)
