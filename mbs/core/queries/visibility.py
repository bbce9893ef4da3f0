"""Which parts of a request an actor may see inside it.

- the central unit sees everything;
- a unit sees the request-level history, every top-level assignment (the seed: a
  valilik sees what other institutions were told and wrote), and the assignments in
  its own subtree (its forwards and its sub-units' notes), but not the internal forwards
  of another valilik;
- a muhtar sees filing, routing (unit names, not the internal notes), the completion
  notes of the units MİGM routed to, and the conclusion; never returns or priorities.
"""

from mbs.core.actors import Actor, MuhtarActor, StaffActor
from mbs.core.enums import EventKind
from mbs.core.models import Assignment, Attachment, Event

MUHTAR_EVENT_KINDS = frozenset(
    {
        EventKind.FILED,
        EventKind.ROUTED,
        EventKind.UNITS_ADDED,
        EventKind.COMPLETED,
        EventKind.CONCLUDED,
        EventKind.CONCLUDED_UNROUTED,
    }
)
# Notes written for the units, not for the muhtar.
MUHTAR_HIDDEN_NOTES = frozenset({EventKind.ROUTED, EventKind.UNITS_ADDED})


def visible_assignment_ids(actor: Actor, assignments: list[Assignment]) -> set[int]:
    """Ids of the assignments of one request that `actor` may see."""
    top_level = {a.id for a in assignments if a.parent_id is None}
    if isinstance(actor, StaffActor) and actor.is_central:
        return {a.id for a in assignments if a.id is not None}
    if isinstance(actor, MuhtarActor):
        return {i for i in top_level if i is not None}
    if not isinstance(actor, StaffActor):
        return set()
    own = {a.id for a in assignments if a.unit_id == actor.unit_id}
    below = {a.id for a in assignments if a.parent_id in own}
    return {i for i in top_level | own | below if i is not None}


def event_visible(actor: Actor, event: Event, assignment_ids: set[int]) -> bool:
    if isinstance(actor, MuhtarActor):
        if event.kind not in MUHTAR_EVENT_KINDS:
            return False
        return event.kind is not EventKind.COMPLETED or event.assignment_id in assignment_ids
    return event.assignment_id is None or event.assignment_id in assignment_ids


def event_note_for(actor: Actor, event: Event) -> str | None:
    if isinstance(actor, MuhtarActor) and event.kind in MUHTAR_HIDDEN_NOTES:
        return None
    return event.note


def attachment_visible(actor: Actor, attachment: Attachment, assignment_ids: set[int]) -> bool:
    return attachment.assignment_id is None or attachment.assignment_id in assignment_ids
