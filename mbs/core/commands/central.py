"""What the central unit (MİGM) does: prioritise, route, add units, conclude."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from mbs.core import clock
from mbs.core.actors import Actor
from mbs.core.commands.central_task import refresh_central_task
from mbs.core.commands.locking import claim_request
from mbs.core.commands.targets import RouteTarget, check_targets
from mbs.core.enums import (
    OPEN_ASSIGNMENT_STATUSES,
    ROUTABLE_UNIT_KINDS,
    AssignmentStatus,
    EventKind,
    Priority,
    RequestStatus,
)
from mbs.core.errors import ValidationError
from mbs.core.events import record
from mbs.core.mail.queue import mail_new_assignments
from mbs.core.models import Assignment, Request, Unit
from mbs.core.notifications import (
    notify_muhtar,
    text_concluded,
    text_routed,
    text_units_added,
)
from mbs.core.permissions import get_visible_request, require_central
from mbs.core.workflow import RequestAction, Role, request_transition

NOTE_MAX = 2000
SUMMARY_MIN = 10
SUMMARY_MAX = 4000


def set_priority(
    *, session: Session, actor: Actor, request_id: int, expected_version: int, priority: Priority
) -> Request:
    """Set the request's priority (PENDING or ROUTED)."""
    staff = require_central(actor)
    request = get_visible_request(session, staff, request_id)
    claim_request(session, request, expected_version)
    request_transition(request.status, RequestAction.SET_PRIORITY, Role.CENTRAL)
    try:
        new_priority = Priority(priority)
    except ValueError:
        raise ValidationError("Geçersiz öncelik.") from None
    old = request.priority
    request.priority = new_priority
    session.add(request)
    record(
        session,
        EventKind.PRIORITY_SET,
        staff,
        request_id=request_id,
        data={"from": old.value, "to": new_priority.value},
    )
    return request


def route_request(
    *,
    session: Session,
    actor: Actor,
    request_id: int,
    expected_version: int,
    targets: Sequence[RouteTarget],
    priority: Priority | None = None,
) -> list[Assignment]:
    """Route a PENDING request to one or more valilik and/or belediye units → ROUTED,
    SMS with the unit names."""
    return _route(
        session, actor, request_id, expected_version, targets, priority, RequestAction.ROUTE
    )


def add_units(
    *,
    session: Session,
    actor: Actor,
    request_id: int,
    expected_version: int,
    targets: Sequence[RouteTarget],
) -> list[Assignment]:
    """Route a ROUTED request to further units (e.g. after a return)."""
    return _route(
        session, actor, request_id, expected_version, targets, None, RequestAction.ADD_UNITS
    )


def _route(
    session: Session,
    actor: Actor,
    request_id: int,
    expected_version: int,
    targets: Sequence[RouteTarget],
    priority: Priority | None,
    action: RequestAction,
) -> list[Assignment]:
    staff = require_central(actor)
    request = get_visible_request(session, staff, request_id)
    claim_request(session, request, expected_version)
    transition = request_transition(request.status, action, Role.CENTRAL)
    units = _routable_units(session, request, targets)
    now = clock.now()
    if priority is not None:
        request.priority = Priority(priority)
    request.status = transition.next_status
    request.routed_at = request.routed_at or now
    session.add(request)
    assignments = []
    for target, unit in zip(targets, units, strict=True):
        note = clean_note(target.note)
        assignment = Assignment(
            request_id=request_id,
            unit_id=target.unit_id,
            routing_note=note or None,
            assigned_by_user_id=staff.user_id,
            created_at=now,
        )
        session.add(assignment)
        session.flush()
        record(
            session,
            EventKind.ROUTED if action is RequestAction.ROUTE else EventKind.UNITS_ADDED,
            staff,
            request_id=request_id,
            assignment_id=assignment.id,
            note=note or None,
            data={"unit_id": unit.id, "unit_name": unit.name},
        )
        assignments.append(assignment)
    refresh_central_task(session, request)
    names = [unit.name for unit in units]
    text = text_routed if action is RequestAction.ROUTE else text_units_added
    notify_muhtar(session, request, text(request.tracking_no, names))
    mail_new_assignments(session, request, assignments)
    return assignments


def _routable_units(
    session: Session, request: Request, targets: Sequence[RouteTarget]
) -> list[Unit]:
    def routable(unit: Unit) -> None:
        if unit.kind not in ROUTABLE_UNIT_KINDS:
            raise ValidationError(
                f"{unit.name}: talepler yalnızca valiliklere ve belediyelere yönlendirilebilir."
            )

    top_level = (col(Assignment.request_id) == request.id) & col(Assignment.parent_id).is_(None)
    return check_targets(
        session,
        targets,
        siblings=top_level,
        allowed=routable,
        empty_message="En az bir birim seçin.",
    )


def conclude_unrouted(
    *, session: Session, actor: Actor, request_id: int, expected_version: int, explanation: str
) -> Request:
    """Conclude a request that no unit finished, with an explanation for the muhtar
    (e.g. outside the remit) → CONCLUDED, SMS. For a PENDING request, or a ROUTED one
    whose every assignment was returned."""
    staff = require_central(actor)
    request = get_visible_request(session, staff, request_id)
    claim_request(session, request, expected_version)
    transition = request_transition(request.status, RequestAction.CONCLUDE_UNROUTED, Role.CENTRAL)
    statuses = set(
        session.exec(select(Assignment.status).where(Assignment.request_id == request_id))
    )
    if statuses & (OPEN_ASSIGNMENT_STATUSES | {AssignmentStatus.FINISHED}):
        raise ValidationError(
            "Bu talepte çalışan veya işlemini tamamlamış birimler var; "
            "SÜRECİ TAMAMLA ile sonuçlandırın."
        )
    return _conclude(
        session, staff, request, transition.next_status, explanation, EventKind.CONCLUDED_UNROUTED
    )


def conclude_request(
    *, session: Session, actor: Actor, request_id: int, expected_version: int, summary: str
) -> Request:
    """SÜRECİ TAMAMLA: close a ROUTED request once no assignment is still open (each is
    finished, or returned), with a summary for the muhtar → CONCLUDED, SMS."""
    staff = require_central(actor)
    request = get_visible_request(session, staff, request_id)
    claim_request(session, request, expected_version)
    transition = request_transition(request.status, RequestAction.CONCLUDE, Role.CENTRAL)
    still_open = session.exec(
        select(Unit.name)
        .join(Assignment, col(Assignment.unit_id) == Unit.id)
        .where(
            Assignment.request_id == request_id,
            col(Assignment.status).in_(OPEN_ASSIGNMENT_STATUSES),
        )
        .order_by(Unit.name)
    ).all()
    if still_open:
        raise ValidationError(
            "Süreç tamamlanamaz; şu birimler hâlâ çalışıyor: " + ", ".join(still_open) + "."
        )
    finished = session.exec(
        select(Assignment.id).where(
            Assignment.request_id == request_id, Assignment.status == AssignmentStatus.FINISHED
        )
    ).first()
    if finished is None:
        raise ValidationError(
            "Hiçbir birim işlemi tamamlamadı; talebi başka bir birime yönlendirin "
            "veya açıklama yazarak sonuçlandırın."
        )
    return _conclude(session, staff, request, transition.next_status, summary, EventKind.CONCLUDED)


def _conclude(
    session: Session,
    staff: Actor,
    request: Request,
    status: RequestStatus,
    text: str,
    kind: EventKind,
) -> Request:
    summary = (text or "").strip()
    if len(summary) < SUMMARY_MIN:
        raise ValidationError(f"Muhtara iletilecek açıklama en az {SUMMARY_MIN} karakter olmalı.")
    if len(summary) > SUMMARY_MAX:
        raise ValidationError(f"Açıklama en fazla {SUMMARY_MAX} karakter olabilir.")
    request.status = status
    request.summary = summary
    request.concluded_at = clock.now()
    session.add(request)
    refresh_central_task(session, request)
    record(session, kind, staff, request_id=request.id, note=summary)
    notify_muhtar(session, request, text_concluded(request.tracking_no))
    return request


def clean_note(text: str | None, *, required: bool = False, what: str = "Not") -> str:
    """Trim a note; check it is present when required and not too long."""
    note = (text or "").strip()
    if required and not note:
        raise ValidationError(f"{what} boş bırakılamaz.")
    if len(note) > NOTE_MAX:
        raise ValidationError(f"{what} en fazla {NOTE_MAX} karakter olabilir.")
    return note
