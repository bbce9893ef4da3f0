"""What a unit does with its assignment: take it on, forward (valilik), finish, return."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from mbs.core import clock
from mbs.core.actors import Actor, StaffActor
from mbs.core.attachments import UploadedFile, check_files, store_files
from mbs.core.commands.central import clean_note
from mbs.core.commands.central_task import refresh_central_task
from mbs.core.commands.locking import claim_assignment, touch_request
from mbs.core.commands.targets import RouteTarget, check_targets
from mbs.core.enums import (
    OPEN_ASSIGNMENT_STATUSES,
    VALILIK_SUB_UNIT_KINDS,
    CompletionOutcome,
    EventKind,
    NegativeReason,
    RequestStatus,
)
from mbs.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from mbs.core.events import record
from mbs.core.mail.queue import mail_new_assignments
from mbs.core.models import Assignment, Request, Unit
from mbs.core.notifications import notify_muhtar, text_unit_completed
from mbs.core.permissions import require_staff
from mbs.core.workflow import AssignmentAction, AssignmentTransition, assignment_transition

NOT_FOUND = "Görev bulunamadı."


def _own_assignment(
    session: Session,
    actor: Actor,
    assignment_id: int,
    expected_version: int,
    action: AssignmentAction,
) -> tuple[StaffActor, Assignment, Request, AssignmentTransition]:
    """Load the actor's own assignment, check the table and lock it."""
    staff = require_staff(actor)
    assignment = session.get(Assignment, assignment_id)
    if assignment is None or assignment.unit_id != staff.unit_id:
        raise NotFound(NOT_FOUND)
    request = session.get(Request, assignment.request_id)
    assert request is not None
    if request.status is not RequestStatus.ROUTED:
        raise InvalidTransition("Bu talep sonuçlanmış; üzerinde işlem yapılamaz.")
    # Lock first: a user acting on an old view gets "changed" rather than a rule error.
    claim_assignment(session, assignment, expected_version)
    transition = assignment_transition(assignment.status, action, staff.unit_kind)
    return staff, assignment, request, transition


def _open_children(session: Session, assignment: Assignment) -> list[str]:
    return list(
        session.exec(
            select(Unit.name)
            .join(Assignment, col(Assignment.unit_id) == Unit.id)
            .where(
                Assignment.parent_id == assignment.id,
                col(Assignment.status).in_(OPEN_ASSIGNMENT_STATUSES),
            )
            .order_by(Unit.name)
        )
    )


def take_on(
    *, session: Session, actor: Actor, assignment_id: int, expected_version: int
) -> Assignment:
    """Üzerime Al: the unit takes the assignment on itself."""
    staff, assignment, request, transition = _own_assignment(
        session, actor, assignment_id, expected_version, AssignmentAction.TAKE_ON
    )
    assignment.status = transition.next_status
    assignment.taken_at = clock.now()
    session.add(assignment)
    touch_request(session, request)
    record(session, EventKind.TAKEN_ON, staff, request_id=request.id, assignment_id=assignment.id)
    return assignment


def forward_assignment(
    *,
    session: Session,
    actor: Actor,
    assignment_id: int,
    expected_version: int,
    targets: Sequence[RouteTarget],
) -> list[Assignment]:
    """A valilik forwards its assignment to one or more of its own sub-units (il
    müdürlüğü, il özel idaresi, kaymakamlık of its province), each with a note."""
    staff, assignment, request, transition = _own_assignment(
        session, actor, assignment_id, expected_version, AssignmentAction.FORWARD
    )
    units = _own_sub_units(session, staff, assignment, targets)
    now = clock.now()
    assignment.status = transition.next_status
    assignment.forwarded_at = now
    session.add(assignment)
    touch_request(session, request)
    children = []
    for target, unit in zip(targets, units, strict=True):
        note = clean_note(target.note)
        child = Assignment(
            request_id=assignment.request_id,
            unit_id=target.unit_id,
            parent_id=assignment.id,
            routing_note=note or None,
            assigned_by_user_id=staff.user_id,
            created_at=now,
        )
        session.add(child)
        session.flush()
        record(
            session,
            EventKind.FORWARDED,
            staff,
            request_id=request.id,
            assignment_id=child.id,
            note=note or None,
            data={"unit_id": unit.id, "unit_name": unit.name, "parent_id": assignment.id},
        )
        children.append(child)
    mail_new_assignments(session, request, children)
    return children


def _own_sub_units(
    session: Session, staff: StaffActor, assignment: Assignment, targets: Sequence[RouteTarget]
) -> list[Unit]:
    def own_sub_unit(unit: Unit) -> None:
        if unit.kind not in VALILIK_SUB_UNIT_KINDS or unit.parent_id != staff.unit_id:
            raise PermissionDenied(
                f"{unit.name} valiliğinizin alt birimi değil; yalnızca kendi il müdürlüklerinize, "
                "il özel idarenize ve kaymakamlıklarınıza yönlendirebilirsiniz."
            )

    return check_targets(
        session,
        targets,
        siblings=col(Assignment.parent_id) == assignment.id,
        allowed=own_sub_unit,
        empty_message="En az bir alt birim seçin.",
    )


def complete_assignment(
    *,
    session: Session,
    actor: Actor,
    assignment_id: int,
    expected_version: int,
    note: str,
    outcome: CompletionOutcome,
    negative_reason: NegativeReason | None = None,
    files: list[UploadedFile] | None = None,
) -> Assignment:
    """İŞLEMİ TAMAMLA: finish the unit's part with a required note, its outcome
    (Olumlu / Olumsuz, with the reason when negative) and optional files.
    A valilik may finish only when every forward it made is finished or returned.
    Finishing a top-level assignment sends the muhtar an SMS."""
    staff, assignment, request, transition = _own_assignment(
        session, actor, assignment_id, expected_version, AssignmentAction.COMPLETE
    )
    text = clean_note(note, required=True, what="Açıklama")
    outcome, negative_reason = _checked_outcome(outcome, negative_reason)
    check_files(files or [])
    waiting = _open_children(session, assignment)
    if waiting:
        raise ValidationError(
            "İşlem tamamlanamaz; şu alt birimler hâlâ çalışıyor: " + ", ".join(waiting) + "."
        )
    assignment.status = transition.next_status
    assignment.completion_note = text
    assignment.outcome = outcome
    assignment.negative_reason = negative_reason
    assignment.finished_at = clock.now()
    assignment.finished_by_user_id = staff.user_id
    session.add(assignment)
    touch_request(session, request)
    refresh_central_task(session, request)
    if files:
        store_files(
            session,
            staff,
            files,
            request_id=request.id,  # type: ignore[arg-type]
            assignment_id=assignment.id,
        )
    unit = session.get(Unit, assignment.unit_id)
    assert unit is not None
    record(
        session,
        EventKind.COMPLETED,
        staff,
        request_id=request.id,
        assignment_id=assignment.id,
        note=text,
        data={
            "unit_name": unit.name,
            "files": len(files or []),
            "outcome": outcome.value,
            "negative_reason": negative_reason.value if negative_reason else None,
        },
    )
    if assignment.parent_id is None:
        notify_muhtar(session, request, text_unit_completed(request.tracking_no, unit.name))
    return assignment


def _checked_outcome(
    outcome: str | None, negative_reason: str | None
) -> tuple[CompletionOutcome, NegativeReason | None]:
    """The outcome and reason as enums; the reason is required for, and only for, a
    negative outcome. Values may come straight from a form, hence the checks."""
    if outcome not in set(CompletionOutcome):
        raise ValidationError("Sonucu seçin: Olumlu veya Olumsuz.")
    checked = CompletionOutcome(outcome)
    if checked is CompletionOutcome.POSITIVE:
        if negative_reason is not None:
            raise ValidationError("Olumlu sonuçlanan işlem için olumsuzluk nedeni seçilmez.")
        return checked, None
    if negative_reason is None:
        raise ValidationError("Olumsuz sonuç için olumsuzluk nedenini seçin.")
    try:
        return checked, NegativeReason(negative_reason)
    except ValueError:
        raise ValidationError("Geçersiz olumsuzluk nedeni.") from None


def return_assignment(
    *, session: Session, actor: Actor, assignment_id: int, expected_version: int, reason: str
) -> Assignment:
    """İade: a unit that is not responsible returns its assignment with a reason; whoever
    routed it sees that and may route elsewhere."""
    staff, assignment, request, transition = _own_assignment(
        session, actor, assignment_id, expected_version, AssignmentAction.RETURN
    )
    text = clean_note(reason, required=True, what="İade gerekçesi")
    waiting = _open_children(session, assignment)
    if waiting:
        raise ValidationError(
            "İade edilemez; şu alt birimler hâlâ çalışıyor: " + ", ".join(waiting) + "."
        )
    assignment.status = transition.next_status
    assignment.return_reason = text
    assignment.returned_at = clock.now()
    session.add(assignment)
    touch_request(session, request)
    refresh_central_task(session, request)
    unit = session.get(Unit, assignment.unit_id)
    record(
        session,
        EventKind.RETURNED,
        staff,
        request_id=request.id,
        assignment_id=assignment.id,
        note=text,
        data={"unit_name": unit.name if unit else ""},
    )
    return assignment
