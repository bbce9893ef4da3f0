"""Every transition of the request workflow, walked through mbs.core."""

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, col, select

from mbs.core import clock
from mbs.core.commands import (
    RouteTarget,
    add_units,
    complete_assignment,
    conclude_request,
    conclude_unrouted,
    file_request,
    forward_assignment,
    return_assignment,
    route_request,
    set_priority,
    take_on,
)
from mbs.core.enums import (
    AssignmentStatus,
    CompletionOutcome,
    EventKind,
    Priority,
    RequestStatus,
    RequestType,
)
from mbs.core.errors import InvalidTransition, PermissionDenied, ValidationError
from mbs.core.models import Assignment, Event, Request, SmsMessage
from tests.core.world import NOW, World

DESCRIPTION = "Mahallemizdeki parkın aydınlatması üç haftadır çalışmıyor."


def file(session: Session, w: World, **kwargs: object) -> Request:
    return file_request(
        session=session, actor=w.muhtar, type=RequestType.ISTEK, description=DESCRIPTION, **kwargs
    )  # type: ignore[arg-type]


def sms_bodies(session: Session, request: Request) -> list[str]:
    rows = session.exec(
        select(SmsMessage).where(SmsMessage.request_id == request.id).order_by(col(SmsMessage.id))
    )
    return [row.body for row in rows]


def kinds(session: Session, request: Request) -> list[EventKind]:
    rows = session.exec(select(Event).where(Event.request_id == request.id).order_by(col(Event.id)))
    return [row.kind for row in rows]


def routed(session: Session, w: World, *unit_keys: str) -> tuple[Request, list[Assignment]]:
    request = file(session, w)
    assignments = route_request(
        session=session,
        actor=w.central,
        request_id=request.id,
        expected_version=request.version,
        targets=[RouteTarget(w.units[key].id, f"{key} için not") for key in unit_keys],
        priority=Priority.HIGH,
    )
    return request, assignments


def test_filing_creates_a_pending_request_with_a_number_an_event_and_an_sms(session, world):
    request = file(session, world)
    assert request.status is RequestStatus.PENDING
    assert request.tracking_no.startswith("2026-") and len(request.tracking_no) == 11
    assert request.muhtarlik_id == world.muhtarlik.id
    assert kinds(session, request) == [EventKind.FILED]
    [body] = sms_bodies(session, request)
    assert request.tracking_no in body and "alındı" in body
    phone = session.exec(select(SmsMessage.phone).where(SmsMessage.request_id == request.id)).one()
    assert phone == "905550000101"


def test_tracking_numbers_count_up_and_restart_each_year_in_turkish_time(session, world):
    first, second = file(session, world), file(session, world)
    assert int(second.tracking_no[5:]) == int(first.tracking_no[5:]) + 1
    # 31 December 21:30 UTC is already 1 January in Istanbul.
    clock.set_clock(lambda: datetime(2026, 12, 31, 21, 30, tzinfo=UTC))
    assert file(session, world).tracking_no.startswith("2027-")


@pytest.mark.parametrize("text", ["", "çok kısa bir metin", "x" * 4001])
def test_description_must_be_20_to_4000_characters(session, world, text):
    with pytest.raises(ValidationError, match="Açıklama"):
        file_request(
            session=session, actor=world.muhtar, type=RequestType.SIKAYET, description=text
        )


def test_description_of_exactly_20_and_4000_characters_is_accepted(session, world):
    for text in ("a" * 20, "b" * 4000):
        file_request(session=session, actor=world.muhtar, type=RequestType.IHBAR, description=text)


def test_only_a_muhtar_may_file(session, world):
    with pytest.raises(PermissionDenied):
        file_request(
            session=session, actor=world.central, type=RequestType.ISTEK, description=DESCRIPTION
        )


def test_unknown_request_type_is_refused(session, world):
    with pytest.raises(ValidationError, match="başvuru türü"):
        file_request(
            session=session,
            actor=world.muhtar,
            type="dilekce",  # type: ignore[arg-type]
            description=DESCRIPTION,
        )


def test_the_same_form_filed_twice_gives_one_request(session, world):
    first = file(session, world, idempotency_key="form-1")
    again = file(session, world, idempotency_key="form-1")
    assert again.id == first.id
    count = session.exec(select(Request).where(Request.idempotency_key == "form-1")).all()
    assert len(count) == 1


def test_routing_to_a_valilik_and_a_belediye(session, world):
    request, assignments = routed(session, world, "valilik", "belediye")
    assert request.status is RequestStatus.ROUTED
    assert request.priority is Priority.HIGH
    assert request.routed_at == NOW
    assert [a.unit_id for a in assignments] == [
        world.units["valilik"].id,
        world.units["belediye"].id,
    ]
    assert all(a.status is AssignmentStatus.NEW for a in assignments)
    assert assignments[0].routing_note == "valilik için not"
    assert kinds(session, request) == [EventKind.FILED, EventKind.ROUTED, EventKind.ROUTED]
    body = sms_bodies(session, request)[-1]
    assert "Deneme Valiliği" in body and "Yayla Belediyesi" in body


@pytest.mark.parametrize("unit_key", ["il_mudurlugu", "kaymakamlik", "central"])
def test_routing_only_to_valilik_or_belediye(session, world, unit_key):
    request = file(session, world)
    with pytest.raises(ValidationError, match="yalnızca valiliklere ve belediyelere"):
        route_request(
            session=session,
            actor=world.central,
            request_id=request.id,
            expected_version=request.version,
            targets=[RouteTarget(world.units[unit_key].id)],
        )


@pytest.mark.parametrize(
    ("targets", "message"),
    [
        ([], "En az bir birim"),
        (["valilik", "valilik"], "birden fazla"),
        ([None], "bulunamadı"),
        (["inactive"], "etkin değil"),
    ],
)
def test_routing_needs_active_distinct_units(session, world, targets, message):
    world.units["belediye2"].is_active = False
    session.add(world.units["belediye2"])
    keys = {"inactive": "belediye2"}
    ids = [world.units[keys.get(key, key)].id if key else 999_999 for key in targets]
    request = file(session, world)
    with pytest.raises(ValidationError, match=message):
        route_request(
            session=session,
            actor=world.central,
            request_id=request.id,
            expected_version=request.version,
            targets=[RouteTarget(unit_id) for unit_id in ids],
        )


@pytest.mark.parametrize("actor", ["valilik", "belediye", "muhtar"])
def test_only_the_central_unit_routes(session, world, actor):
    request = file(session, world)
    with pytest.raises(PermissionDenied):
        route_request(
            session=session,
            actor=getattr(world, actor),
            request_id=request.id,
            expected_version=request.version,
            targets=[RouteTarget(world.units["valilik"].id)],
        )


def test_set_priority_on_pending_and_routed(session, world):
    request = file(session, world)
    set_priority(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        priority=Priority.URGENT,
    )
    assert request.priority is Priority.URGENT
    assert kinds(session, request)[-1] is EventKind.PRIORITY_SET


def test_add_units_only_while_routed(session, world):
    request = file(session, world)
    with pytest.raises(InvalidTransition):
        add_units(
            session=session,
            actor=world.central,
            request_id=request.id,
            expected_version=request.version,
            targets=[RouteTarget(world.units["belediye"].id)],
        )


def test_adding_a_unit_already_working_is_refused(session, world):
    request, _ = routed(session, world, "valilik")
    with pytest.raises(ValidationError, match="zaten çalışıyor"):
        add_units(
            session=session,
            actor=world.central,
            request_id=request.id,
            expected_version=request.version,
            targets=[RouteTarget(world.units["valilik"].id)],
        )


def test_a_valilik_cannot_finish_while_a_forward_is_open(session, world):
    request, (valilik,) = routed(session, world, "valilik")
    take_on(
        session=session,
        actor=world.valilik,
        assignment_id=valilik.id,
        expected_version=valilik.version,
    )
    assert valilik.status is AssignmentStatus.TAKEN
    [child] = forward_assignment(
        session=session,
        actor=world.valilik,
        assignment_id=valilik.id,
        expected_version=valilik.version,
        targets=[RouteTarget(world.units["il_mudurlugu"].id, "Okul bahçesi, inceleyiniz.")],
    )
    assert valilik.status is AssignmentStatus.FORWARDED
    assert child.parent_id == valilik.id and child.routing_note == "Okul bahçesi, inceleyiniz."
    with pytest.raises(ValidationError, match="Deneme İl Milli Eğitim Müdürlüğü"):
        complete_assignment(
            session=session,
            actor=world.valilik,
            assignment_id=valilik.id,
            expected_version=valilik.version,
            note="Tamamlandı.",
            outcome=CompletionOutcome.POSITIVE,
        )


def test_forward_finish_below_then_valilik_finishes_and_only_that_reaches_the_muhtar(
    session, world
):
    request, (valilik, belediye) = routed(session, world, "valilik", "belediye")
    [child, kaymakamlik] = forward_assignment(
        session=session,
        actor=world.valilik,
        assignment_id=valilik.id,
        expected_version=valilik.version,
        targets=[
            RouteTarget(world.units["il_mudurlugu"].id, "İnceleyiniz."),
            RouteTarget(world.units["kaymakamlik"].id, "Bilginize."),
        ],
    )
    sms_before = len(sms_bodies(session, request))
    complete_assignment(
        session=session,
        actor=world.il_mudurlugu,
        assignment_id=child.id,
        expected_version=child.version,
        note="Aydınlatma onarıldı.",
        outcome=CompletionOutcome.POSITIVE,
    )
    return_assignment(
        session=session,
        actor=world.kaymakamlik,
        assignment_id=kaymakamlik.id,
        expected_version=kaymakamlik.version,
        reason="Konu müdürlüğün.",
    )
    assert child.status is AssignmentStatus.FINISHED and child.finished_at == NOW
    # A sub-unit's completion is internal: no SMS yet.
    assert len(sms_bodies(session, request)) == sms_before
    complete_assignment(
        session=session,
        actor=world.valilik,
        assignment_id=valilik.id,
        expected_version=valilik.version,
        note="Müdürlüğümüzce giderildi.",
        outcome=CompletionOutcome.POSITIVE,
    )
    assert len(sms_bodies(session, request)) == sms_before + 1
    assert "Deneme Valiliği işlemini tamamladı" in sms_bodies(session, request)[-1]
    with pytest.raises(ValidationError, match="hâlâ çalışıyor: Yayla Belediyesi"):
        conclude_request(
            session=session,
            actor=world.central,
            request_id=request.id,
            expected_version=request.version,
            summary="Talebiniz karşılandı.",
        )


def test_conclude_after_every_unit_finished(session, world):
    request, (valilik, belediye) = routed(session, world, "valilik", "belediye")
    take_on(
        session=session,
        actor=world.valilik,
        assignment_id=valilik.id,
        expected_version=valilik.version,
    )
    complete_assignment(
        session=session,
        actor=world.valilik,
        assignment_id=valilik.id,
        expected_version=valilik.version,
        note="Valilikçe çözüldü.",
        outcome=CompletionOutcome.POSITIVE,
    )
    complete_assignment(
        session=session,
        actor=world.belediye,
        assignment_id=belediye.id,
        expected_version=belediye.version,
        note="Lambalar değiştirildi.",
        outcome=CompletionOutcome.POSITIVE,
    )
    conclude_request(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        summary="Aydınlatma onarıldı.",
    )
    assert request.status is RequestStatus.CONCLUDED
    assert request.concluded_at == NOW and request.summary == "Aydınlatma onarıldı."
    assert kinds(session, request)[-1] is EventKind.CONCLUDED
    assert "sonuçlandı" in sms_bodies(session, request)[-1]


def test_a_valilik_must_take_on_or_forward_before_finishing(session, world):
    request, (valilik,) = routed(session, world, "valilik")
    with pytest.raises(InvalidTransition):
        complete_assignment(
            session=session,
            actor=world.valilik,
            assignment_id=valilik.id,
            expected_version=valilik.version,
            note="Bitti.",
            outcome=CompletionOutcome.POSITIVE,
        )


def test_a_belediye_never_forwards(session, world):
    request, (belediye,) = routed(session, world, "belediye")
    with pytest.raises(PermissionDenied):
        forward_assignment(
            session=session,
            actor=world.belediye,
            assignment_id=belediye.id,
            expected_version=belediye.version,
            targets=[RouteTarget(world.units["il_mudurlugu"].id)],
        )


@pytest.mark.parametrize("target", ["other_il_mudurlugu", "belediye", "other_valilik"])
def test_a_valilik_forwards_only_to_its_own_sub_units(session, world, target):
    request, (valilik,) = routed(session, world, "valilik")
    with pytest.raises(PermissionDenied, match="alt birimi değil"):
        forward_assignment(
            session=session,
            actor=world.valilik,
            assignment_id=valilik.id,
            expected_version=valilik.version,
            targets=[RouteTarget(world.units[target].id)],
        )


def test_completion_needs_a_note(session, world):
    request, (belediye,) = routed(session, world, "belediye")
    with pytest.raises(ValidationError, match="Açıklama boş"):
        complete_assignment(
            session=session,
            actor=world.belediye,
            assignment_id=belediye.id,
            expected_version=belediye.version,
            note="   ",
            outcome=CompletionOutcome.POSITIVE,
        )


def test_a_returned_assignment_is_closed_for_its_unit(session, world):
    request, (belediye,) = routed(session, world, "belediye")
    return_assignment(
        session=session,
        actor=world.belediye,
        assignment_id=belediye.id,
        expected_version=belediye.version,
        reason="Konu il belediyesinin.",
    )
    assert belediye.status is AssignmentStatus.RETURNED
    assert belediye.return_reason == "Konu il belediyesinin."
    assert kinds(session, request)[-1] is EventKind.RETURNED
    with pytest.raises(InvalidTransition):
        complete_assignment(
            session=session,
            actor=world.belediye,
            assignment_id=belediye.id,
            expected_version=belediye.version,
            note="Geri aldık.",
            outcome=CompletionOutcome.POSITIVE,
        )


def test_a_returned_assignment_alone_does_not_allow_conclusion(session, world):
    request, (belediye,) = routed(session, world, "belediye")
    return_assignment(
        session=session,
        actor=world.belediye,
        assignment_id=belediye.id,
        expected_version=belediye.version,
        reason="Konu il belediyesinin.",
    )
    with pytest.raises(ValidationError, match="Hiçbir birim"):
        conclude_request(
            session=session,
            actor=world.central,
            request_id=request.id,
            expected_version=request.version,
            summary="Bitti bitti bitti.",
        )


def test_returned_then_replaced_assignment_does_not_block_conclusion(session, world):
    request, (belediye,) = routed(session, world, "belediye")
    return_assignment(
        session=session,
        actor=world.belediye,
        assignment_id=belediye.id,
        expected_version=belediye.version,
        reason="Bizim konumuz değil.",
    )
    [replacement] = add_units(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        targets=[RouteTarget(world.units["belediye2"].id)],
    )
    complete_assignment(
        session=session,
        actor=_actor_for(world, "belediye2", session),
        assignment_id=replacement.id,
        expected_version=replacement.version,
        note="Çözüldü.",
        outcome=CompletionOutcome.POSITIVE,
    )
    conclude_request(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        summary="Talebiniz karşılandı.",
    )
    assert request.status is RequestStatus.CONCLUDED
    assert EventKind.UNITS_ADDED in kinds(session, request)


def _actor_for(world: World, unit_key: str, session: Session):
    from mbs.core.actors import staff_actor
    from mbs.core.models import User

    user = User(
        username=f"extra.{unit_key}",
        full_name="Ek Kullanıcı",
        password_hash="x",
        unit_id=world.units[unit_key].id,
        created_at=NOW,
    )
    session.add(user)
    session.flush()
    return staff_actor(session, user.id)


def test_conclude_without_routing_from_pending(session, world):
    request = file(session, world)
    conclude_unrouted(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        explanation="Bu konu Bakanlığımızın görev alanı dışındadır.",
    )
    assert request.status is RequestStatus.CONCLUDED
    assert kinds(session, request)[-1] is EventKind.CONCLUDED_UNROUTED
    assert "sonuçlandı" in sms_bodies(session, request)[-1]


def test_conclude_without_result_when_every_unit_returned(session, world):
    request, (belediye,) = routed(session, world, "belediye")
    return_assignment(
        session=session,
        actor=world.belediye,
        assignment_id=belediye.id,
        expected_version=belediye.version,
        reason="Yetki alanımız dışında.",
    )
    conclude_unrouted(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        explanation="İlgili kurumlar yetkili olmadıklarını bildirdi.",
    )
    assert request.status is RequestStatus.CONCLUDED


def test_conclude_without_result_refused_while_a_unit_works(session, world):
    request, _ = routed(session, world, "belediye")
    with pytest.raises(ValidationError, match="SÜRECİ TAMAMLA"):
        conclude_unrouted(
            session=session,
            actor=world.central,
            request_id=request.id,
            expected_version=request.version,
            explanation="Kapsam dışı konu.",
        )


def test_nothing_happens_to_a_concluded_request(session, world):
    request, (belediye,) = routed(session, world, "belediye")
    complete_assignment(
        session=session,
        actor=world.belediye,
        assignment_id=belediye.id,
        expected_version=belediye.version,
        note="Yapıldı.",
        outcome=CompletionOutcome.POSITIVE,
    )
    conclude_request(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        summary="Sorun giderildi.",
    )
    with pytest.raises(InvalidTransition):
        add_units(
            session=session,
            actor=world.central,
            request_id=request.id,
            expected_version=request.version,
            targets=[RouteTarget(world.units["valilik"].id)],
        )


def test_summary_is_required_to_conclude(session, world):
    request = file(session, world)
    with pytest.raises(ValidationError, match="en az 10"):
        conclude_unrouted(
            session=session,
            actor=world.central,
            request_id=request.id,
            expected_version=request.version,
            explanation="kısa",
        )
