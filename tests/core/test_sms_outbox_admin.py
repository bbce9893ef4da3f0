"""The SMS screen's core: only central-unit administrators see the outbox; counts per
state; the list filtered and paged in SQL with masked numbers; re-queueing failed
notifications, re-queueing reviewed ones only when double delivery is accepted,
accepting reviewed ones as sent, and never re-queueing login codes. One audit-only
event per change."""

from datetime import date, timedelta
from typing import Any

import pytest
from sqlmodel import Session, col, select

from mbs.core.commands import file_request
from mbs.core.commands.sms_admin import (
    CODES_NOT_REQUEUED,
    DOUBLE_DELIVERY,
    mark_sms_sent,
    requeue_sms,
)
from mbs.core.enums import EventKind, RequestType, SmsKind, SmsStatus
from mbs.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from mbs.core.models import Event, Request, SmsMessage
from mbs.core.notifications import queue_sms
from mbs.core.queries.sms_admin import STATUS_ORDER, SmsFilters, sms_counts, sms_page
from tests.core.world import NOW, World


def _request(session: Session, world: World) -> Request:
    return file_request(
        session=session,
        actor=world.muhtar,
        type=RequestType.ISTEK,
        description="Sokak lambaları yanmıyor, akşamları yol karanlık kalıyor.",
    )


def _sms(
    session: Session,
    status: SmsStatus,
    *,
    kind: SmsKind = SmsKind.NOTIFICATION,
    request: Request | None = None,
    **values: Any,
) -> SmsMessage:
    row = queue_sms(
        session,
        phone="905550000101",
        body="" if kind is SmsKind.OTP else "MBS: başvurunuz yönlendirildi.",
        kind=kind,
        request_id=request.id if request else None,
    )
    row.status = status
    for name, value in values.items():
        setattr(row, name, value)
    session.add(row)
    session.flush()
    return row


def _events(session: Session, kind: EventKind) -> list[Event]:
    return list(session.exec(select(Event).where(Event.kind == kind).order_by(col(Event.id))))


def test_only_central_administrators_see_or_change_the_outbox(session, world):
    row = _sms(session, SmsStatus.FAILED)
    assert row.id is not None
    for actor in (world.central2, world.valilik, world.belediye, world.muhtar):
        with pytest.raises(PermissionDenied, match="Genel Müdürlük yöneticileri"):
            sms_counts(session=session, actor=actor)
        with pytest.raises(PermissionDenied):
            sms_page(session=session, actor=actor)
        with pytest.raises(PermissionDenied):
            requeue_sms(
                session=session, actor=actor, sms_id=row.id, expected_status=SmsStatus.FAILED
            )
        with pytest.raises(PermissionDenied):
            mark_sms_sent(session=session, actor=actor, sms_id=row.id)
    assert row.status is SmsStatus.FAILED


def test_counts_per_state_in_the_order_a_person_needs_them(session, world):
    before = {c.status: c.count for c in sms_counts(session=session, actor=world.central)}
    for status in (SmsStatus.FAILED, SmsStatus.FAILED, SmsStatus.REVIEW, SmsStatus.DELIVERED):
        _sms(session, status)
    counts = sms_counts(session=session, actor=world.central)
    assert [c.status for c in counts] == STATUS_ORDER
    added = {c.status: c.count - before[c.status] for c in counts}
    assert added == {s: {"failed": 2, "review": 1, "delivered": 1}.get(s, 0) for s in SmsStatus}
    labels = {c.status: c.label for c in counts}
    assert labels[SmsStatus.REVIEW] == "İnceleme bekliyor"
    assert labels[SmsStatus.DELIVERED] == "İletildi"
    assert not any(c.capped for c in counts)


def test_the_list_is_filtered_and_paged_with_masked_numbers(session, world):
    request = _request(session, world)  # queues "başvurunuz alındı" for the request
    failed = _sms(session, SmsStatus.FAILED, request=request, attempts=6,
                  last_error="6 denemede gönderilemedi.", provider="verimor")  # fmt: skip
    _sms(session, SmsStatus.PENDING, request=request)

    def page(**filters: Any) -> list[Any]:
        found = sms_page(
            session=session,
            actor=world.central,
            filters=SmsFilters(tracking_no=request.tracking_no, **filters),
        )
        return found.rows

    everything = page()
    assert len(everything) == 3
    assert [line.id for line in everything] == sorted(
        (line.id for line in everything), reverse=True
    )
    line = page(status=SmsStatus.FAILED)[0]
    assert line.id == failed.id and line.tracking_no == request.tracking_no
    assert line.request_id == request.id and line.phone == "0555 *** ** 01"
    assert (line.kind_label, line.status_label, line.attempts) == ("Bildirim", "Başarısız", 6)
    assert line.provider == "Verimor" and line.last_error == "6 denemede gönderilemedi."
    assert line.created_at == "22.11.2026 12:00"  # Turkey's time
    assert line.can_requeue and not line.can_mark_sent
    assert page(kind=SmsKind.OTP) == []
    today = date(2026, 11, 22)
    assert len(page(date_from=today, date_to=today)) == 3
    assert page(date_to=today - timedelta(days=1)) == []
    assert page(date_from=today + timedelta(days=1)) == []

    first = sms_page(
        session=session,
        actor=world.central,
        filters=SmsFilters(tracking_no=request.tracking_no),
        page_size=2,
    )
    second = sms_page(
        session=session,
        actor=world.central,
        filters=SmsFilters(tracking_no=request.tracking_no),
        page=2,
        page_size=2,
    )
    assert (len(first.rows), first.total, first.has_next) == (2, 3, True)
    assert (len(second.rows), second.has_next) == (1, False)
    assert (
        sms_page(
            session=session, actor=world.central, filters=SmsFilters(tracking_no="2026-999999")
        ).rows
        == []
    )


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"status": "kayip"}, "Durum veya tür filtresi geçersiz."),
        ({"kind": "eposta"}, "Durum veya tür filtresi geçersiz."),
        ({"date_from": "22.11.2026"}, "biçiminde"),
        ({"date_from": "2026-11-23", "date_to": "2026-11-22"}, "sonra olamaz"),
        ({"tracking_no": "2026-" + "1" * 20}, "2026-000123"),
    ],
)
def test_bad_filters_get_a_turkish_message(form, message):
    with pytest.raises(ValidationError, match=message):
        SmsFilters.from_form(form)


def test_filters_from_the_form():
    filters = SmsFilters.from_form(
        {"status": "review", "kind": "otp", "date_from": "2026-11-01", "tracking_no": " 2026-1 "}
    )
    assert filters == SmsFilters(SmsStatus.REVIEW, SmsKind.OTP, date(2026, 11, 1), None, "2026-1")
    assert SmsFilters.from_form({}) == SmsFilters()


def test_a_failed_notification_is_requeued_from_scratch_with_one_audit_event(session, world):
    request = _request(session, world)
    row = _sms(session, SmsStatus.FAILED, request=request, attempts=6, provider_ref="20121",
               last_error="Numara kara listede.", claim_token="c" * 32)  # fmt: skip
    assert row.id is not None
    old_key = row.idempotency_key
    requeue_sms(session=session, actor=world.central, sms_id=row.id,
                expected_status=SmsStatus.FAILED)  # fmt: skip
    session.flush()
    session.refresh(row)  # what the database holds
    assert row.status is SmsStatus.PENDING and row.attempts == 0
    assert row.next_attempt_at == NOW and row.last_error is None
    assert row.provider_ref is None and row.claim_token is None
    assert row.idempotency_key != old_key and row.body.startswith("MBS:")
    (event,) = _events(session, EventKind.SMS_REQUEUED)
    assert event.request_id is None  # audit only: not in the request's hareket
    assert event.data["sms_id"] == row.id and event.data["from"] == "failed"
    assert event.data["request_id"] == request.id and event.data["previous_key"] == old_key
    assert event.actor_user_id == world.central.user_id


def test_a_reviewed_notification_needs_the_double_delivery_confirmation(session, world):
    row = _sms(session, SmsStatus.REVIEW)
    assert row.id is not None
    with pytest.raises(ValidationError, match=DOUBLE_DELIVERY):
        requeue_sms(
            session=session, actor=world.central, sms_id=row.id, expected_status=SmsStatus.REVIEW
        )
    assert row.status is SmsStatus.REVIEW and _events(session, EventKind.SMS_REQUEUED) == []
    requeue_sms(
        session=session,
        actor=world.central,
        sms_id=row.id,
        expected_status=SmsStatus.REVIEW,
        accept_double_delivery=True,
    )
    assert row.status is SmsStatus.PENDING
    assert [e.data["from"] for e in _events(session, EventKind.SMS_REQUEUED)] == ["review"]


@pytest.mark.parametrize("status", [SmsStatus.FAILED, SmsStatus.REVIEW])
def test_login_codes_are_never_requeued(session, world, status):
    row = _sms(session, status, kind=SmsKind.OTP)
    assert row.id is not None
    with pytest.raises(ValidationError) as refused:
        requeue_sms(
            session=session,
            actor=world.central,
            sms_id=row.id,
            expected_status=status,
            accept_double_delivery=True,
        )
    assert refused.value.message == CODES_NOT_REQUEUED
    assert row.status is status


def test_a_row_that_moved_on_or_cannot_be_requeued_is_left_alone(session, world):
    row = _sms(session, SmsStatus.DELIVERED)
    assert row.id is not None
    with pytest.raises(ConflictError, match="şimdi: İletildi"):
        requeue_sms(
            session=session, actor=world.central, sms_id=row.id, expected_status=SmsStatus.FAILED
        )
    with pytest.raises(ValidationError, match="İletildi durumundaki"):
        requeue_sms(
            session=session,
            actor=world.central,
            sms_id=row.id,
            expected_status=SmsStatus.DELIVERED,
        )
    with pytest.raises(NotFound):
        mark_sms_sent(session=session, actor=world.central, sms_id=row.id + 1000)
    with pytest.raises(ConflictError):
        mark_sms_sent(session=session, actor=world.central, sms_id=row.id)
    assert row.status is SmsStatus.DELIVERED and _events(session, EventKind.SMS_REQUEUED) == []


def test_a_reviewed_message_is_accepted_as_sent_once(session, world):
    attempted = NOW - timedelta(minutes=7)
    row = _sms(session, SmsStatus.REVIEW, last_attempt_at=attempted, last_error="bilinmiyor")
    code = _sms(session, SmsStatus.REVIEW, kind=SmsKind.OTP)
    assert row.id is not None and code.id is not None
    mark_sms_sent(session=session, actor=world.central, sms_id=row.id)
    mark_sms_sent(session=session, actor=world.central, sms_id=code.id)
    assert row.status is SmsStatus.SENT and row.sent_at == attempted and row.last_error is None
    assert code.status is SmsStatus.SENT and code.body == "" and code.sent_at == NOW
    events = _events(session, EventKind.SMS_MARKED_SENT)
    assert [e.data["sms_id"] for e in events] == [row.id, code.id]
    assert all(e.request_id is None for e in events)
    with pytest.raises(ConflictError):
        mark_sms_sent(session=session, actor=world.central, sms_id=row.id)
