"""A muhtar files a request (başvuru)."""

from sqlmodel import Session, select

from mbs.core import clock
from mbs.core.actors import Actor
from mbs.core.attachments import UploadedFile, check_files, store_files
from mbs.core.commands.central_task import central_task
from mbs.core.enums import EventKind, RequestType
from mbs.core.errors import ValidationError
from mbs.core.events import record
from mbs.core.models import District, Muhtarlik, Province, Request
from mbs.core.notifications import notify_muhtar, text_received
from mbs.core.permissions import require_muhtar
from mbs.core.text import search_key
from mbs.core.tracking import next_tracking_number
from mbs.core.workflow import RequestAction, Role, request_transition

DESCRIPTION_MIN = 20
DESCRIPTION_MAX = 4000


def clean_description(text: str) -> str:
    """Trim and check the length of a muhtar's description."""
    text = (text or "").strip()
    if len(text) < DESCRIPTION_MIN:
        raise ValidationError(f"Açıklama en az {DESCRIPTION_MIN} karakter olmalı.")
    if len(text) > DESCRIPTION_MAX:
        raise ValidationError(f"Açıklama en fazla {DESCRIPTION_MAX} karakter olabilir.")
    return text


def file_request(
    *,
    session: Session,
    actor: Actor,
    type: RequestType,
    description: str,
    files: list[UploadedFile] | None = None,
    idempotency_key: str | None = None,
) -> Request:
    """File a request for the muhtar's own muhtarlık → PENDING, SMS "received".

    With an `idempotency_key` (one per form), filing the same form again returns the
    request it already filed instead of a second one.
    """
    muhtar = require_muhtar(actor)
    transition = request_transition(None, RequestAction.FILE, Role.MUHTAR)
    if idempotency_key:
        existing = session.exec(
            select(Request).where(Request.idempotency_key == idempotency_key)
        ).first()
        if existing is not None and existing.muhtarlik_id == muhtar.muhtarlik_id:
            return existing
    try:
        request_type = RequestType(type)
    except ValueError:
        raise ValidationError("Lütfen başvuru türünü seçin.") from None
    text = clean_description(description)
    check_files(files or [])
    now = clock.now()
    place = session.get(Muhtarlik, muhtar.muhtarlik_id)
    district = session.get(District, place.district_id) if place else None
    province = session.get(Province, place.province_id) if place else None
    assert place is not None and district is not None and province is not None
    tracking_no = next_tracking_number(session)
    request = Request(
        tracking_no=tracking_no,
        muhtarlik_id=muhtar.muhtarlik_id,
        province_id=province.id,
        district_id=district.id,
        muhtar_id=muhtar.muhtar_id,
        type=request_type,
        description=text,
        status=transition.next_status,
        central_task=central_task(transition.next_status, ()),
        idempotency_key=idempotency_key,
        created_at=now,
        updated_at=now,
        search_text=search_key(tracking_no, place.name, district.name, province.name, text),
    )
    session.add(request)
    session.flush()
    assert request.id is not None
    if files:
        store_files(session, actor, files, request_id=request.id)
    record(
        session,
        EventKind.FILED,
        actor,
        request_id=request.id,
        data={"type": request_type.value, "files": len(files or [])},
    )
    notify_muhtar(session, request, text_received(request.tracking_no))
    return request
