""" "SMS iletildi" in a request's hareket bilgileri: one line per delivered notification
SMS of the request, at its delivery time, on the staff screen (with the masked number)
and on the muhtar's page; derived from the outbox, no event written."""

from datetime import timedelta

from sqlmodel import Session, col, func, select

from mbs.core import clock
from mbs.core.commands import RouteTarget, file_request, route_request
from mbs.core.enums import RequestType, SmsKind, SmsStatus
from mbs.core.models import Event, Request, SmsMessage
from mbs.core.notifications import queue_sms
from mbs.core.queries.muhtar_request import muhtar_request_view
from mbs.core.queries.staff_request import staff_request_view
from tests.core.world import NOW, World


def _filed_and_routed(session: Session, world: World) -> tuple[Request, list[SmsMessage]]:
    """Filed at NOW, routed ten minutes later; the two SMS the muhtar was sent."""
    request = file_request(
        session=session,
        actor=world.muhtar,
        type=RequestType.ISTEK,
        description="Köy yolunun kenarındaki su kanalı tıkandı, temizlenmesini istiyoruz.",
    )
    assert request.id is not None
    clock.set_clock(lambda: NOW + timedelta(minutes=10))
    route_request(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        targets=[RouteTarget(world.belediye.unit_id, "")],
    )
    session.flush()
    sent = list(
        session.exec(
            select(SmsMessage)
            .where(SmsMessage.request_id == request.id)
            .order_by(col(SmsMessage.id))
        )
    )
    return request, sent


def _deliver(session: Session, row: SmsMessage, minutes: int) -> None:
    row.status, row.delivered_at = SmsStatus.DELIVERED, NOW + timedelta(minutes=minutes)
    session.add(row)
    session.flush()


def test_the_staff_screen_shows_each_delivery_in_time_order(session, world):
    request, (received, routed) = _filed_and_routed(session, world)
    _deliver(session, received, minutes=1)
    _deliver(session, routed, minutes=12)
    # Not delivered, or not a notification of this request: no line.
    failed = queue_sms(session, phone="905550000101", body="x", request_id=request.id)
    failed.status = SmsStatus.FAILED
    code = queue_sms(session, phone="905550000101", body="", kind=SmsKind.OTP)
    code.status, code.delivered_at = SmsStatus.DELIVERED, NOW
    session.add_all([failed, code])
    events_before = session.exec(select(func.count()).select_from(Event)).one()

    view = staff_request_view(session=session, actor=world.central, request_id=request.id or 0)

    lines = [(line.when, line.title, line.detail) for line in view.history]
    assert lines == [
        ("22.11.2026 12:00", "Talep alındı", ""),
        ("22.11.2026 12:01", "SMS iletildi", "0555 *** ** 01"),
        ("22.11.2026 12:10", "Birime yönlendirildi", "Yayla Belediyesi"),
        ("22.11.2026 12:12", "SMS iletildi", "0555 *** ** 01"),
    ]
    assert session.exec(select(func.count()).select_from(Event)).one() == events_before
    # A unit that may see the request sees the deliveries too.
    unit_view = staff_request_view(session=session, actor=world.belediye, request_id=request.id)
    assert [line.title for line in unit_view.history].count("SMS iletildi") == 2


def test_the_muhtar_page_shows_deliveries_without_the_number(session, world):
    request, (received, routed) = _filed_and_routed(session, world)
    _deliver(session, received, minutes=2)

    view = muhtar_request_view(session=session, actor=world.muhtar, request_id=request.id or 0)

    steps = [(step.when, step.title, step.unit, step.note) for step in view.steps]
    assert steps == [
        ("22.11.2026 12:00", "Talebiniz alındı", "", ""),
        ("22.11.2026 12:02", "SMS iletildi", "", ""),
        (
            "22.11.2026 12:10",
            "Yönlendirildi: Yayla Belediyesi",
            "Mahalli İdareler Genel Müdürlüğü",
            "",
        ),
    ]
    assert routed.delivered_at is None
    _deliver(session, routed, minutes=10)  # the same minute as the routing: after it
    view = muhtar_request_view(session=session, actor=world.muhtar, request_id=request.id or 0)
    assert [step.title for step in view.steps][-2:] == [
        "Yönlendirildi: Yayla Belediyesi",
        "SMS iletildi",
    ]
