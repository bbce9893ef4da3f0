"""One request as its muhtar sees it (TALEP SORGULAMA): the text, where it is now, and
its hareket bilgileri, worded in Turkish for the page.

Built on `request_detail`, which already leaves out what a muhtar may not see (internal
forwards, routing notes, returns, priorities); this module only shapes it, and keeps
returned assignments out of "where it is now" for the same reason.
"""

from dataclasses import dataclass

from sqlmodel import Session

from mbs.core.actors import Actor
from mbs.core.clock import format_tr
from mbs.core.enums import AssignmentStatus, EventKind, RequestStatus
from mbs.core.labels import REQUEST_STATUS, REQUEST_TYPE
from mbs.core.models import Attachment, Event
from mbs.core.permissions import require_muhtar
from mbs.core.queries.muhtar_profile import muhtarlik_title
from mbs.core.queries.requests import TimelineEntry, request_detail
from mbs.core.queries.sms_deliveries import (
    DELIVERED_TITLE,
    delivered_notifications,
    in_time_order,
)
from mbs.core.settings import central_unit_name


@dataclass(frozen=True)
class Step:
    """One line of the hareket bilgileri."""

    when: str  # "22.11.2026 14:05"
    title: str  # what happened, e.g. "Talebiniz alındı"
    unit: str  # who acted ("" if the muhtar)
    note: str  # the unit's completion note or the central summary; "" if none


@dataclass(frozen=True)
class UnitState:
    unit: str
    state: str  # "Birime ulaştı", "İşlemde", "Tamamlandı"
    done: bool


@dataclass(frozen=True)
class FileLink:
    id: int
    name: str
    size: str  # "1,2 MB"
    added_by: str  # "Sizin ekiniz" or the unit's name


@dataclass(frozen=True)
class MuhtarRequestView:
    id: int
    tracking_no: str
    type: str  # "Şikâyet"
    status: RequestStatus
    status_label: str  # "Bekleyen", "Yönlendirilen", "Sonuçlanan"
    filed_at: str
    muhtarlik: str
    filed_by: str
    description: str
    where_now: str
    units: list[UnitState]
    steps: list[Step]
    files: list[FileLink]


_UNIT_STATES = {
    AssignmentStatus.NEW: ("Birime ulaştı", False),
    AssignmentStatus.TAKEN: ("İşlemde", False),
    AssignmentStatus.FORWARDED: ("İşlemde", False),
    AssignmentStatus.FINISHED: ("Tamamlandı", True),
}


def muhtar_request_view(*, session: Session, actor: Actor, request_id: int) -> MuhtarRequestView:
    """Request `request_id` of the muhtar's own muhtarlık, shaped for its page; NotFound
    ("Talep bulunamadı.") for any other id, whether it exists or not."""
    require_muhtar(actor)
    detail = request_detail(session=session, actor=actor, request_id=request_id)
    request = detail.request
    assert request.id is not None
    units = [
        UnitState(unit.name, *_UNIT_STATES[assignment.status])
        for assignment, unit in detail.assignments
        if assignment.status in _UNIT_STATES
    ]
    unit_names = {a.id: unit.name for a, unit in detail.assignments}
    return MuhtarRequestView(
        id=request.id,
        tracking_no=request.tracking_no,
        type=REQUEST_TYPE[request.type],
        status=request.status,
        status_label=REQUEST_STATUS[request.status],
        filed_at=format_tr(request.created_at),
        muhtarlik=muhtarlik_title(detail.muhtarlik),
        filed_by=detail.filed_by.full_name,
        description=request.description,
        where_now=_where_now(request.status, units, format_tr(request.concluded_at)),
        units=units,
        steps=in_time_order(
            ((entry.event.created_at, _step(entry)) for entry in detail.timeline),
            (
                (sms.delivered_at, Step(format_tr(sms.delivered_at), DELIVERED_TITLE, "", ""))
                for sms in delivered_notifications(session, request.id)
            ),
        ),
        files=[_file_link(a, unit_names) for a in detail.attachments if a.id is not None],
    )


def _where_now(status: RequestStatus, units: list[UnitState], concluded_at: str) -> str:
    central = central_unit_name()
    if status is RequestStatus.CONCLUDED:
        return f"Talebiniz {concluded_at} tarihinde sonuçlandı."
    if status is RequestStatus.PENDING or not units:
        return f"Talebiniz {central} tarafından inceleniyor."
    waiting = [u.unit for u in units if not u.done]
    if not waiting:
        return f"Birimler işlemlerini tamamladı; talebin sonuçlanması {central} bekleniyor."
    return "Talebiniz şu birimlerde işlemde: " + ", ".join(waiting) + "."


def _step(entry: TimelineEntry) -> Step:
    event: Event = entry.event
    data = event.data or {}
    unit = entry.unit_name or ""
    match event.kind:
        case EventKind.FILED:
            title, unit = "Talebiniz alındı", ""
        case EventKind.ROUTED | EventKind.UNITS_ADDED:
            target = data.get("unit_name")
            title = f"Yönlendirildi: {target}" if target else "Yönlendirildi"
        case EventKind.COMPLETED:
            title = "Birim işlemini tamamladı"
        case EventKind.CONCLUDED | EventKind.CONCLUDED_UNROUTED:
            title = "Talebiniz sonuçlandırıldı"
        case _:
            title = "İşlem yapıldı"
    return Step(format_tr(event.created_at), title, unit, entry.note or "")


def _file_link(attachment: Attachment, unit_names: dict[int | None, str]) -> FileLink:
    assert attachment.id is not None
    if attachment.assignment_id is None:
        added_by = "Sizin ekiniz" if attachment.uploaded_by_muhtar_id else "Talebin eki"
    else:
        added_by = unit_names.get(attachment.assignment_id, "Birimin eki")
    return FileLink(attachment.id, attachment.original_name, file_size(attachment.size), added_by)


def file_size(size: int) -> str:
    """ "340 KB", "1,2 MB": Turkish decimal comma, no more precision than helps."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
