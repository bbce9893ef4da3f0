"""The staff request screen's query: what each unit sees of one request and which
actions the workflow tables offer it; the accounts screen's and the filters' queries."""

import pytest
from sqlmodel import Session

from mbs.core.attachments import UploadedFile
from mbs.core.commands import (
    RouteTarget,
    complete_assignment,
    file_request,
    forward_assignment,
    route_request,
)
from mbs.core.enums import CompletionOutcome, RequestType
from mbs.core.errors import NotFound, PermissionDenied
from mbs.core.models import Assignment, Request
from mbs.core.queries.accounts import accounts, unit_search
from mbs.core.queries.places import district_choices, province_choices
from mbs.core.queries.staff_request import staff_request_view
from mbs.core.workflow import AssignmentAction, RequestAction
from tests.core.world import World

TEXT = "Köyümüzün okul yolu yağmurda geçilmez hâle geliyor, ıslah edilmesini istiyoruz."
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _routed(session: Session, w: World) -> tuple[Request, Assignment, Assignment]:
    request = file_request(
        session=session, actor=w.muhtar, type=RequestType.ISTEK, description=TEXT
    )
    assert request.id is not None
    valilik, belediye = route_request(
        session=session,
        actor=w.central,
        request_id=request.id,
        expected_version=request.version,
        targets=[
            RouteTarget(w.valilik.unit_id, "Valiliğe not"),
            RouteTarget(w.belediye.unit_id, "Belediyeye not"),
        ],
    )
    return request, valilik, belediye


def test_central_unit_sees_the_masked_muhtar_and_may_route_a_pending_request(session, world):
    request = file_request(
        session=session, actor=world.muhtar, type=RequestType.SIKAYET, description=TEXT
    )
    view = staff_request_view(session=session, actor=world.central, request_id=request.id)
    assert view.muhtar_tckn != "" and "*" in view.muhtar_tckn
    assert "***" in view.muhtar_phone
    assert view.muhtarlik == "Çınar Mahalle" and view.province == "Deneme"
    assert view.central_actions == {
        RequestAction.SET_PRIORITY,
        RequestAction.ROUTE,
        RequestAction.CONCLUDE_UNROUTED,
    }
    assert view.my_assignment_id is None and not view.my_actions
    assert [line.title for line in view.history] == ["Talep alındı"]


def test_a_valilik_may_take_on_forward_or_return_but_not_finish_at_once(session, world):
    request, valilik, _ = _routed(session, world)
    view = staff_request_view(session=session, actor=world.valilik, request_id=request.id)
    assert view.my_assignment_id == valilik.id
    assert view.my_actions == {
        AssignmentAction.TAKE_ON,
        AssignmentAction.FORWARD,
        AssignmentAction.RETURN,
    }
    assert not view.central_actions
    # Another institution's routing note is visible to it, as the seed says.
    assert {line.routing_note for line in view.assignments} == {"Valiliğe not", "Belediyeye not"}


def test_a_belediye_may_finish_directly_and_never_forward(session, world):
    request, _, _ = _routed(session, world)
    view = staff_request_view(session=session, actor=world.belediye, request_id=request.id)
    assert AssignmentAction.COMPLETE in view.my_actions
    assert AssignmentAction.FORWARD not in view.my_actions


def test_open_forwards_block_the_valilik_and_still_working_units_block_the_central_unit(
    session, world
):
    request, valilik, belediye = _routed(session, world)
    [child] = forward_assignment(
        session=session,
        actor=world.valilik,
        assignment_id=valilik.id,
        expected_version=valilik.version,
        targets=[RouteTarget(world.il_mudurlugu.unit_id, "İnceleyin")],
    )
    view = staff_request_view(session=session, actor=world.valilik, request_id=request.id)
    assert view.open_forwards == ["Deneme İl Milli Eğitim Müdürlüğü"]
    complete_assignment(
        session=session,
        actor=world.il_mudurlugu,
        assignment_id=child.id,
        expected_version=child.version,
        note="Yol ıslah edildi.",
        outcome=CompletionOutcome.POSITIVE,
        files=[UploadedFile("rapor.pdf", PDF)],
    )
    view = staff_request_view(session=session, actor=world.valilik, request_id=request.id)
    assert view.open_forwards == []
    assert [f.name for f in view.files] == ["rapor.pdf"]
    assert view.files[0].added_by == "Deneme İl Milli Eğitim Müdürlüğü"
    central = staff_request_view(session=session, actor=world.central, request_id=request.id)
    assert set(central.still_working) == {"Deneme Valiliği", "Yayla Belediyesi"}
    assert "Yol ıslah edildi." in {line.completion_note for line in central.assignments}
    # Another valilik's sub-unit never sees it.
    with pytest.raises(NotFound):
        staff_request_view(session=session, actor=world.other_valilik, request_id=request.id)


def test_staff_view_is_not_for_muhtars(session, world):
    request, _, _ = _routed(session, world)
    with pytest.raises(PermissionDenied):
        staff_request_view(session=session, actor=world.muhtar, request_id=request.id)


def test_accounts_and_units_are_for_central_administrators_only(session, world):
    assert world.central2.is_admin is False
    with pytest.raises(PermissionDenied):
        accounts(session=session, actor=world.central2)
    with pytest.raises(PermissionDenied):
        unit_search(session=session, actor=world.valilik, query="valilik")


def test_accounts_and_units_are_found_by_turkish_words(session, world):
    admin = world.central
    found = accounts(session=session, actor=admin, query="YAYLA bel")
    assert [line.username for line in found] == ["w.bel"]
    assert found[0].unit == "Yayla Belediyesi" and found[0].is_active
    assert [line.name for line in unit_search(session=session, actor=admin, query="örnek val")] == [
        "Örnek Valiliği"
    ]


def test_province_and_district_choices_in_turkish_order(session, world):
    provinces = dict(province_choices(session=session))
    assert provinces[95] == "Deneme" and provinces[96] == "Örnek"
    assert [name for _, name in district_choices(session=session, province_id=95)][:2] == [
        "Merkez",
        "Yayla",
    ]
