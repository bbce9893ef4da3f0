"""One request as an actor may see it: details, assignments, timeline, attachments."""

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from mbs.core.actors import Actor
from mbs.core.attachments import attachment_path
from mbs.core.errors import NotFound
from mbs.core.models import Assignment, Attachment, Event, Muhtar, Muhtarlik, Request, Unit
from mbs.core.permissions import get_visible_request
from mbs.core.queries.visibility import (
    attachment_visible,
    event_note_for,
    event_visible,
    visible_assignment_ids,
)


@dataclass(frozen=True)
class TimelineEntry:
    event: Event
    note: str | None
    unit_name: str | None


@dataclass(frozen=True)
class RequestDetail:
    request: Request
    muhtarlik: Muhtarlik
    filed_by: Muhtar
    assignments: list[tuple[Assignment, Unit]]
    timeline: list[TimelineEntry]
    attachments: list[Attachment]


def request_detail(*, session: Session, actor: Actor, request_id: int) -> RequestDetail:
    """Everything about request `request_id` that `actor` may see; NotFound otherwise."""
    request = get_visible_request(session, actor, request_id)
    pairs = list(
        session.exec(
            select(Assignment, Unit)
            .join(Unit, col(Unit.id) == Assignment.unit_id)
            .where(Assignment.request_id == request_id)
            .order_by(col(Assignment.id))
        )
    )
    visible_ids = visible_assignment_ids(actor, [a for a, _ in pairs])
    events = list(
        session.exec(
            select(Event)
            .where(Event.request_id == request_id)
            .order_by(col(Event.created_at), col(Event.id))
        )
    )
    acting_units = _unit_names(session, events)
    timeline = [
        TimelineEntry(
            event,
            event_note_for(actor, event),
            acting_units.get(event.unit_id) if event.unit_id else None,
        )
        for event in events
        if event_visible(actor, event, visible_ids)
    ]
    attachments = [
        attachment
        for attachment in session.exec(
            select(Attachment)
            .where(Attachment.request_id == request_id)
            .order_by(col(Attachment.id))
        )
        if attachment_visible(actor, attachment, visible_ids)
    ]
    muhtarlik = session.get(Muhtarlik, request.muhtarlik_id)
    filed_by = session.get(Muhtar, request.muhtar_id)
    assert muhtarlik is not None and filed_by is not None
    return RequestDetail(
        request=request,
        muhtarlik=muhtarlik,
        filed_by=filed_by,
        assignments=[(a, u) for a, u in pairs if a.id in visible_ids],
        timeline=timeline,
        attachments=attachments,
    )


def _unit_names(session: Session, events: list[Event]) -> dict[int, str]:
    ids = {event.unit_id for event in events if event.unit_id is not None}
    if not ids:
        return {}
    rows = session.exec(select(Unit.id, Unit.name).where(col(Unit.id).in_(ids)))
    return {unit_id: name for unit_id, name in rows if unit_id is not None}


def open_attachment(
    *, session: Session, actor: Actor, attachment_id: int
) -> tuple[Attachment, Path]:
    """The attachment and its file, if `actor` may see it; NotFound otherwise."""
    attachment = session.get(Attachment, attachment_id)
    if attachment is None:
        raise NotFound("Dosya bulunamadı.")
    try:
        detail = request_detail(session=session, actor=actor, request_id=attachment.request_id)
    except NotFound:
        raise NotFound("Dosya bulunamadı.") from None
    if attachment.id not in {a.id for a in detail.attachments}:
        raise NotFound("Dosya bulunamadı.")
    return attachment, attachment_path(attachment)
