"""Who may see and do what: every refusal of the permission rules."""

from datetime import date

import pytest

from mbs.core.actors import muhtar_actor, staff_actor
from mbs.core.commands import (
    RouteTarget,
    complete_assignment,
    file_request,
    forward_assignment,
    return_assignment,
    route_request,
    take_on,
)
from mbs.core.enums import CompletionOutcome, EventKind, RequestType
from mbs.core.errors import NotFound, PermissionDenied
from mbs.core.models import Muhtar, User
from mbs.core.permissions import get_visible_request
from mbs.core.queries.requests import request_detail

TEXT = "Köy yolundaki köprü yıkılmak üzere, acil müdahale gerekiyor."


@pytest.fixture
def flow(session, world):
    """A request routed to the valilik and a belediye, forwarded to the il müdürlüğü."""
    request = file_request(
        session=session, actor=world.muhtar, type=RequestType.SIKAYET, description=TEXT
    )
    valilik, belediye = route_request(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        targets=[
            RouteTarget(world.units["valilik"].id, "Valiliğe gizli not"),
            RouteTarget(world.units["belediye"].id, "Belediyeye not"),
        ],
    )
    [child] = forward_assignment(
        session=session,
        actor=world.valilik,
        assignment_id=valilik.id,
        expected_version=valilik.version,
        targets=[RouteTarget(world.units["il_mudurlugu"].id, "Bakınız")],
    )
    return request, valilik, belediye, child


@pytest.mark.parametrize(
    "who", ["central", "central2", "valilik", "il_mudurlugu", "belediye", "muhtar"]
)
def test_these_see_the_request(session, world, flow, who):
    request = flow[0]
    assert get_visible_request(session, getattr(world, who), request.id).id == request.id


@pytest.mark.parametrize(
    "who", ["other_muhtar", "kaymakamlik", "other_valilik", "other_il_mudurlugu"]
)
def test_others_are_told_it_does_not_exist(session, world, flow, who):
    with pytest.raises(NotFound, match="Talep bulunamadı"):
        request_detail(session=session, actor=getattr(world, who), request_id=flow[0].id)


def test_a_missing_request_and_a_forbidden_one_look_the_same(session, world, flow):
    with pytest.raises(NotFound) as missing:
        request_detail(session=session, actor=world.other_muhtar, request_id=10**9)
    with pytest.raises(NotFound) as forbidden:
        request_detail(session=session, actor=world.other_muhtar, request_id=flow[0].id)
    assert missing.value.message == forbidden.value.message


def test_a_new_muhtar_of_the_same_muhtarlik_sees_the_old_requests(session, world, flow):
    old = session.get(Muhtar, world.muhtar.muhtar_id)
    old.term_end = date(2026, 1, 1)
    successor = Muhtar(
        tckn="10000000214",
        first_name="Mehmet",
        last_name="Kaya",
        phone="905550000103",
        muhtarlik_id=world.muhtarlik.id,
        term_start=date(2026, 1, 2),
        term_end=date(2031, 1, 1),
    )
    session.add_all([old, successor])
    session.flush()
    actor = muhtar_actor(session, successor.id)
    assert request_detail(session=session, actor=actor, request_id=flow[0].id)
    with pytest.raises(PermissionDenied, match="Görev süreniz"):
        muhtar_actor(session, old.id)


def test_a_disabled_staff_account_cannot_act(session, world):
    user = session.get(User, world.belediye.user_id)
    user.is_active = False
    session.add(user)
    session.flush()
    with pytest.raises(PermissionDenied, match="etkin değil"):
        staff_actor(session, user.id)


def test_units_act_only_on_their_own_assignments(session, world, flow):
    request, valilik, belediye, child = flow
    attempts = [
        (world.belediye, take_on, valilik),
        (world.other_valilik, take_on, valilik),
        (world.valilik, take_on, belediye),
        (world.il_mudurlugu, take_on, belediye),
        (world.valilik, take_on, child),  # the parent does not act for its sub-unit
    ]
    for actor, action, assignment in attempts:
        with pytest.raises(NotFound, match="Görev bulunamadı"):
            action(
                session=session,
                actor=actor,
                assignment_id=assignment.id,
                expected_version=assignment.version,
            )


def test_the_central_unit_and_muhtars_hold_no_assignments(session, world, flow):
    request, valilik, belediye, child = flow
    for actor in (world.central, world.muhtar):
        with pytest.raises((PermissionDenied, NotFound)):
            complete_assignment(
                session=session,
                actor=actor,
                assignment_id=belediye.id,
                expected_version=belediye.version,
                note="Bitti",
                outcome=CompletionOutcome.POSITIVE,
            )
        with pytest.raises((PermissionDenied, NotFound)):
            return_assignment(
                session=session,
                actor=actor,
                assignment_id=belediye.id,
                expected_version=belediye.version,
                reason="Değil",
            )


def test_muhtar_sees_progress_but_not_internal_notes(session, world, flow):
    request, valilik, belediye, child = flow
    return_assignment(
        session=session,
        actor=world.il_mudurlugu,
        assignment_id=child.id,
        expected_version=child.version,
        reason="İç gerekçe",
    )
    complete_assignment(
        session=session,
        actor=world.belediye,
        assignment_id=belediye.id,
        expected_version=belediye.version,
        note="Köprü onarıldı.",
        outcome=CompletionOutcome.POSITIVE,
    )
    detail = request_detail(session=session, actor=world.muhtar, request_id=request.id)
    kinds = [entry.event.kind for entry in detail.timeline]
    assert kinds == [EventKind.FILED, EventKind.ROUTED, EventKind.ROUTED, EventKind.COMPLETED]
    notes = [entry.note for entry in detail.timeline]
    assert "Valiliğe gizli not" not in notes and "İç gerekçe" not in notes
    assert "Köprü onarıldı." in notes
    assert {unit.name for _, unit in detail.assignments} == {"Deneme Valiliği", "Yayla Belediyesi"}


def test_valilik_sees_its_sub_units_and_other_institutions_notes(session, world, flow):
    request, valilik, belediye, child = flow
    complete_assignment(
        session=session,
        actor=world.belediye,
        assignment_id=belediye.id,
        expected_version=belediye.version,
        note="Belediye notu",
        outcome=CompletionOutcome.POSITIVE,
    )
    complete_assignment(
        session=session,
        actor=world.il_mudurlugu,
        assignment_id=child.id,
        expected_version=child.version,
        note="Müdürlük notu",
        outcome=CompletionOutcome.POSITIVE,
    )
    notes = {
        e.note
        for e in request_detail(
            session=session, actor=world.valilik, request_id=request.id
        ).timeline
    }
    assert {"Belediyeye not", "Belediye notu", "Bakınız", "Müdürlük notu"} <= notes
    # The belediye sees the valilik's routing note but not the valilik's internal forward.
    belediye_notes = {
        e.note
        for e in request_detail(
            session=session, actor=world.belediye, request_id=request.id
        ).timeline
    }
    assert "Valiliğe gizli not" in belediye_notes
    assert "Bakınız" not in belediye_notes and "Müdürlük notu" not in belediye_notes


def test_the_central_unit_sees_everything(session, world, flow):
    request, valilik, belediye, child = flow
    complete_assignment(
        session=session,
        actor=world.il_mudurlugu,
        assignment_id=child.id,
        expected_version=child.version,
        note="Müdürlük notu",
        outcome=CompletionOutcome.POSITIVE,
    )
    detail = request_detail(session=session, actor=world.central, request_id=request.id)
    assert len(detail.assignments) == 3
    assert "Müdürlük notu" in {e.note for e in detail.timeline}
    assert {e.unit_name for e in detail.timeline} >= {"Deneme İl Milli Eğitim Müdürlüğü"}
