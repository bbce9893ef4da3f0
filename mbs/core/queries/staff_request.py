"""One request as a staff user's unit sees it (the request screen and the TALEP
SONUÇLANDIRMA EKRANI), worded in Turkish, with what the unit may do next.

Built on `request_detail`, which already leaves out what the unit may not see; this
module shapes it and reads the workflow tables to say which actions apply. The
commands check everything again when the user acts.
"""

from dataclasses import dataclass

from sqlmodel import Session

from mbs.core import labels
from mbs.core.actors import Actor
from mbs.core.clock import format_tr
from mbs.core.enums import OPEN_ASSIGNMENT_STATUSES, AssignmentStatus, EventKind, RequestStatus
from mbs.core.models import Assignment, Attachment, District, Province, Unit
from mbs.core.permissions import require_staff
from mbs.core.queries.muhtar_request import file_size
from mbs.core.queries.requests import TimelineEntry, request_detail
from mbs.core.queries.sms_deliveries import (
    DELIVERED_TITLE,
    DeliveredSms,
    delivered_notifications,
    in_time_order,
)
from mbs.core.tckn import mask_phone, mask_tckn
from mbs.core.workflow import (
    ASSIGNMENT_TRANSITIONS,
    REQUEST_TRANSITIONS,
    AssignmentAction,
    RequestAction,
)

EVENT_TITLES = {
    EventKind.FILED: "Talep alındı",
    EventKind.PRIORITY_SET: "Öncelik belirlendi",
    EventKind.ROUTED: "Birime yönlendirildi",
    EventKind.UNITS_ADDED: "Birim eklendi",
    EventKind.CONCLUDED_UNROUTED: "Yönlendirilmeden sonuçlandırıldı",
    EventKind.TAKEN_ON: "Üzerine alındı",
    EventKind.FORWARDED: "Alt birime yönlendirildi",
    EventKind.COMPLETED: "İşlem tamamlandı",
    EventKind.RETURNED: "İade edildi",
    EventKind.CONCLUDED: "Süreç tamamlandı",
}


@dataclass(frozen=True)
class HistoryLine:
    when: str
    title: str
    unit: str  # the acting unit ("" for the muhtar)
    detail: str  # e.g. the unit routed to, or "Acil"
    note: str


@dataclass(frozen=True)
class AssignmentLine:
    id: int
    parent_id: int | None
    unit: str
    status: AssignmentStatus
    status_label: str
    routing_note: str
    completion_note: str
    outcome: str  # "Olumlu" / "Olumsuz: <reason>"; "" until the unit finishes
    return_reason: str
    closed_at: str
    is_open: bool
    mine: bool


@dataclass(frozen=True)
class FileLine:
    id: int
    name: str
    size: str
    added_by: str
    added_at: str


@dataclass(frozen=True)
class StaffRequestView:
    id: int
    version: int
    tracking_no: str
    type: str
    status: RequestStatus
    status_label: str
    priority: str  # the enum value
    filed_at: str
    updated_at: str
    description: str
    summary: str
    muhtar_name: str
    muhtar_tckn: str  # masked
    muhtar_phone: str  # masked
    muhtarlik: str
    district: str
    province: str
    assignments: list[AssignmentLine]
    history: list[HistoryLine]
    files: list[FileLine]
    # The central unit's actions (from REQUEST_TRANSITIONS).
    central_actions: frozenset[RequestAction]
    still_working: list[str]  # units with an open assignment (blocks SÜRECİ TAMAMLA)
    any_finished: bool
    # The unit's own assignment and its actions (from ASSIGNMENT_TRANSITIONS).
    my_assignment_id: int | None
    my_assignment_version: int
    my_actions: frozenset[AssignmentAction]
    open_forwards: list[str]  # the unit's sub-units still working (blocks İŞLEMİ TAMAMLA)


def staff_request_view(*, session: Session, actor: Actor, request_id: int) -> StaffRequestView:
    """Request `request_id` shaped for the staff request screen; NotFound ("Talep
    bulunamadı.") when the actor's unit may not see it."""
    staff = require_staff(actor)
    detail = request_detail(session=session, actor=staff, request_id=request_id)
    request = detail.request
    assert request.id is not None
    district = session.get(District, request.district_id)
    province = session.get(Province, request.province_id)
    pairs = detail.assignments
    mine = _my_assignment(pairs, staff.unit_id) if not staff.is_central else None
    names = {a.id: unit.name for a, unit in pairs}
    central_actions: frozenset[RequestAction] = frozenset()
    if staff.is_central:
        central_actions = frozenset(
            action
            for (status, action), _ in REQUEST_TRANSITIONS.items()
            if status is request.status and action is not RequestAction.FILE
        )
    my_actions: frozenset[AssignmentAction] = frozenset()
    if mine is not None and request.status is RequestStatus.ROUTED:
        my_actions = frozenset(
            action
            for (status, action), row in ASSIGNMENT_TRANSITIONS.items()
            if status is mine.status and staff.unit_kind in row.unit_kinds
        )
    return StaffRequestView(
        id=request.id,
        version=request.version,
        tracking_no=request.tracking_no,
        type=labels.REQUEST_TYPE[request.type],
        status=request.status,
        status_label=labels.REQUEST_STATUS[request.status],
        priority=request.priority.value,
        filed_at=format_tr(request.created_at),
        updated_at=format_tr(request.updated_at),
        description=request.description,
        summary=request.summary or "",
        muhtar_name=detail.filed_by.full_name,
        muhtar_tckn=mask_tckn(detail.filed_by.tckn),
        muhtar_phone=mask_phone(detail.filed_by.phone),
        muhtarlik=f"{detail.muhtarlik.name} {labels.MUHTARLIK_KIND[detail.muhtarlik.kind]}",
        district=district.name if district else "",
        province=province.name if province else "",
        assignments=[_line(a, unit, mine) for a, unit in pairs],
        history=in_time_order(
            ((entry.event.created_at, _history(entry)) for entry in detail.timeline),
            (
                (sms.delivered_at, _delivered(sms))
                for sms in delivered_notifications(session, request.id)
            ),
        ),
        files=[_file(f, names) for f in detail.attachments],
        central_actions=central_actions,
        still_working=[u.name for a, u in pairs if a.status in OPEN_ASSIGNMENT_STATUSES],
        any_finished=any(a.status is AssignmentStatus.FINISHED for a, _ in pairs),
        my_assignment_id=mine.id if mine else None,
        my_assignment_version=mine.version if mine else 0,
        my_actions=my_actions,
        open_forwards=[
            u.name
            for a, u in pairs
            if mine is not None and a.parent_id == mine.id and a.status in OPEN_ASSIGNMENT_STATUSES
        ],
    )


def _my_assignment(pairs: list[tuple[Assignment, Unit]], unit_id: int) -> Assignment | None:
    """The unit's open assignment, else its latest one."""
    own = [a for a, _ in pairs if a.unit_id == unit_id]
    open_ones = [a for a in own if a.status in OPEN_ASSIGNMENT_STATUSES]
    chosen = open_ones or own
    return max(chosen, key=lambda a: a.id or 0) if chosen else None


def _line(assignment: Assignment, unit: Unit, mine: Assignment | None) -> AssignmentLine:
    assert assignment.id is not None
    closed = assignment.finished_at or assignment.returned_at
    return AssignmentLine(
        id=assignment.id,
        parent_id=assignment.parent_id,
        unit=unit.name,
        status=assignment.status,
        status_label=labels.ASSIGNMENT_STATUS[assignment.status],
        routing_note=assignment.routing_note or "",
        completion_note=assignment.completion_note or "",
        outcome=outcome_text(assignment),
        return_reason=assignment.return_reason or "",
        closed_at=format_tr(closed),
        is_open=assignment.status in OPEN_ASSIGNMENT_STATUSES,
        mine=mine is not None and assignment.id == mine.id,
    )


def outcome_text(assignment: Assignment) -> str:
    """How the unit answered, in Turkish: "Olumlu", "Olumsuz: Ödenek yetersiz"."""
    if assignment.outcome is None:
        return ""
    text = labels.COMPLETION_OUTCOME[assignment.outcome]
    if assignment.negative_reason is not None:
        text += f": {labels.NEGATIVE_REASON[assignment.negative_reason]}"
    return text


def _history(entry: TimelineEntry) -> HistoryLine:
    event = entry.event
    data = event.data or {}
    detail = ""
    if event.kind in (EventKind.ROUTED, EventKind.UNITS_ADDED, EventKind.FORWARDED):
        detail = str(data.get("unit_name", ""))
    elif event.kind is EventKind.PRIORITY_SET and data.get("to"):
        detail = labels.PRIORITY.get(data["to"], str(data["to"]))  # type: ignore[call-overload]
    elif event.kind is EventKind.COMPLETED and data.get("files"):
        detail = f"{data['files']} ek"
    return HistoryLine(
        when=format_tr(event.created_at),
        title=EVENT_TITLES.get(event.kind, "İşlem yapıldı"),
        unit=entry.unit_name or "",
        detail=detail,
        note=entry.note or "",
    )


def _delivered(sms: DeliveredSms) -> HistoryLine:
    return HistoryLine(
        when=format_tr(sms.delivered_at),
        title=DELIVERED_TITLE,
        unit="",
        detail=mask_phone(sms.phone),
        note="",
    )


def _file(attachment: Attachment, names: dict[int | None, str]) -> FileLine:
    assert attachment.id is not None
    if attachment.assignment_id is None:
        added_by = "Muhtar"
    else:
        added_by = names.get(attachment.assignment_id, "Birim")
    return FileLine(
        id=attachment.id,
        name=attachment.original_name,
        size=file_size(attachment.size),
        added_by=added_by,
        added_at=format_tr(attachment.created_at),
    )
