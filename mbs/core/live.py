"""What changed since a given moment, and who should see it, for live screens.

Every change to a request leaves an Event row (whatever process made it: a web worker,
the command line, a scheduled job), so "what changed" is simply "events after the last
id I saw". The web layer polls this cheap, indexed query and pushes to the open screens
of the audience: the muhtarlık's muhtar, the units holding an assignment (and the
valilik above a sub-unit), and the central unit.
"""

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from mbs.core.models import Assignment, Event, Request, Unit


@dataclass(frozen=True)
class Change:
    request_id: int
    muhtarlik_id: int
    unit_ids: frozenset[int] = field(default_factory=frozenset)


def latest_event_id(session: Session) -> int:
    """The newest event id, the starting point for a fresh poller."""
    return session.exec(select(func.max(Event.id))).one() or 0


def changes_since(
    session: Session, last_event_id: int, limit: int = 1000
) -> tuple[int, list[Change]]:
    """Requests touched by events after `last_event_id`, with their audience.

    Returns the id to pass next time and one Change per request (however many events it
    had). At most `limit` events are read per call, so a burst is taken in slices.
    """
    rows = session.exec(
        select(Event.id, Event.request_id)
        .where(col(Event.id) > last_event_id)
        .order_by(col(Event.id))
        .limit(limit)
    ).all()
    if not rows:
        return last_event_id, []
    newest = max(event_id for event_id, _ in rows if event_id is not None)
    request_ids = sorted({request_id for _, request_id in rows if request_id is not None})
    if not request_ids:
        return newest, []
    muhtarliks = dict(
        session.exec(
            select(Request.id, Request.muhtarlik_id).where(col(Request.id).in_(request_ids))
        ).all()
    )
    units: dict[int, set[int]] = {request_id: set() for request_id in request_ids}
    assigned = session.exec(
        select(Assignment.request_id, Assignment.unit_id, Unit.parent_id)
        .join(Unit, col(Unit.id) == Assignment.unit_id)
        .where(col(Assignment.request_id).in_(request_ids))
    ).all()
    for request_id, unit_id, parent_id in assigned:
        units[request_id].add(unit_id)
        if parent_id is not None:
            units[request_id].add(parent_id)
    changes = [
        Change(request_id, muhtarliks[request_id], frozenset(units[request_id]))
        for request_id in request_ids
        if request_id in muhtarliks
    ]
    return newest, changes
