"""Writing events: the request timeline (hareket) and the audit log are the same rows."""

from typing import Any

from sqlmodel import Session

from mbs.core import clock
from mbs.core.actors import Actor, MuhtarActor, StaffActor
from mbs.core.enums import EventKind
from mbs.core.models import Event


def record(
    session: Session,
    kind: EventKind,
    actor: Actor,
    *,
    request_id: int | None = None,
    assignment_id: int | None = None,
    note: str | None = None,
    data: dict[str, Any] | None = None,
) -> Event:
    """Add one event for `actor` to the session (the caller commits)."""
    event = Event(
        kind=kind,
        request_id=request_id,
        assignment_id=assignment_id,
        actor_user_id=actor.user_id if isinstance(actor, StaffActor) else None,
        actor_muhtar_id=actor.muhtar_id if isinstance(actor, MuhtarActor) else None,
        unit_id=actor.unit_id if isinstance(actor, StaffActor) else None,
        note=note,
        data=data or {},
        created_at=clock.now(),
    )
    session.add(event)
    return event
