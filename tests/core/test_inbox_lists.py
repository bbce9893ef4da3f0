"""Gelen Kutusu / Görevlerim and Tamamlanan for the central unit, a valilik, a sub-unit
and belediyes; overdue marks; no unit ever sees another's rows."""

import itertools
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mbs.core import clock
from mbs.core.actors import StaffActor, staff_actor
from mbs.core.commands import (
    RouteTarget,
    add_units,
    complete_assignment,
    conclude_request,
    file_request,
    forward_assignment,
    return_assignment,
    route_request,
    set_priority,
    take_on,
)
from mbs.core.enums import AssignmentStatus, CompletionOutcome, Priority, RequestStatus, RequestType
from mbs.core.errors import PermissionDenied, ValidationError
from mbs.core.models import Assignment, Request
from mbs.core.permissions import visible_requests
from mbs.core.queries.inbox import completed, inbox
from mbs.core.queries.listing import CentralTask, Page, RequestRow, is_overdue
from mbs.core.queries.views import view
from tests.builders import make_user
from tests.core.world import NOW, World

TEXT = "Mahallemizin ana caddesindeki sokak lambaları bir haftadır yanmıyor, karanlık."


@dataclass
class Flows:
    pending: Request
    routed: Request  # valilik (forwarded to the il müdürlüğü) + belediye
    done: Request  # the belediye finished: ready for SÜRECİ TAMAMLA
    returned: Request  # belediye returned, valilik still works: re-route
    all_returned: Request  # its only unit returned: re-route
    replaced: Request  # belediye returned, belediye2 added since
    concluded: Request
    other: Request  # the other province: other valilik → its il müdürlüğü
    belediye2: StaffActor


def _file(session: Session, actor, text: str = TEXT) -> Request:
    return file_request(session=session, actor=actor, type=RequestType.SIKAYET, description=text)


def _route(session: Session, w: World, request: Request, *keys: str) -> list[Assignment]:
    return route_request(
        session=session,
        actor=w.central,
        request_id=request.id,
        expected_version=request.version,
        targets=[RouteTarget(w.units[key].id) for key in keys],
    )


def _finish(session: Session, actor: StaffActor, assignment: Assignment) -> None:
    complete_assignment(
        session=session,
        actor=actor,
        assignment_id=assignment.id,
        expected_version=assignment.version,
        note="Gereken yapıldı.",
        outcome=CompletionOutcome.POSITIVE,
    )


def _return(session: Session, actor: StaffActor, assignment: Assignment) -> None:
    return_assignment(
        session=session,
        actor=actor,
        assignment_id=assignment.id,
        expected_version=assignment.version,
        reason="Görev alanımız dışında.",
    )


@pytest.fixture
def flows(session: Session, world: World) -> Flows:
    """Each action a second after the one before, as in life (a return comes after
    the routing it returns); the clock then stays at the last action."""
    ticks = itertools.count()
    clock.set_clock(lambda: NOW + timedelta(seconds=next(ticks)))
    w = world
    pending = _file(session, w.muhtar)

    routed = _file(session, w.muhtar)
    valilik, _ = _route(session, w, routed, "valilik", "belediye")
    forward_assignment(
        session=session,
        actor=w.valilik,
        assignment_id=valilik.id,
        expected_version=valilik.version,
        targets=[RouteTarget(w.units["il_mudurlugu"].id)],
    )

    done = _file(session, w.muhtar)
    [assignment] = _route(session, w, done, "belediye")
    _finish(session, w.belediye, assignment)

    returned = _file(session, w.muhtar)
    _, assignment = _route(session, w, returned, "valilik", "belediye")
    _return(session, w.belediye, assignment)

    all_returned = _file(session, w.muhtar)
    [assignment] = _route(session, w, all_returned, "belediye")
    _return(session, w.belediye, assignment)

    replaced = _file(session, w.muhtar)
    [assignment] = _route(session, w, replaced, "belediye")
    _return(session, w.belediye, assignment)
    add_units(
        session=session,
        actor=w.central,
        request_id=replaced.id,
        expected_version=replaced.version,
        targets=[RouteTarget(w.units["belediye2"].id)],
    )

    concluded = _file(session, w.muhtar)
    [assignment] = _route(session, w, concluded, "belediye")
    _finish(session, w.belediye, assignment)
    conclude_request(
        session=session,
        actor=w.central,
        request_id=concluded.id,
        expected_version=concluded.version,
        summary="Lambalar yenilendi, sorun giderildi.",
    )

    other = _file(session, w.other_muhtar)
    [assignment] = _route(session, w, other, "other_valilik")
    forward_assignment(
        session=session,
        actor=w.other_valilik,
        assignment_id=assignment.id,
        expected_version=assignment.version,
        targets=[RouteTarget(w.units["other_il_mudurlugu"].id)],
    )
    user = make_user(session, w.units["belediye2"])
    last = clock.now()
    clock.set_clock(lambda: last)
    return Flows(
        pending,
        routed,
        done,
        returned,
        all_returned,
        replaced,
        concluded,
        other,
        staff_actor(session, user.id),
    )


def every_row(fetch, session: Session, actor, **kwargs) -> list[RequestRow]:
    """All rows of a list, page by page (the central lists may hold rows of other tests'
    committed data, so they are read to the end and then narrowed)."""
    rows, page = [], 1
    while True:
        result: Page[RequestRow] = fetch(
            session=session, actor=actor, page=page, page_size=100, **kwargs
        )
        rows.extend(result.rows)
        if not result.has_next:
            return rows
        page += 1


def ours(rows: list[RequestRow], flows: Flows) -> dict[int, RequestRow]:
    ids = {getattr(flows, name).id for name in Flows.__dataclass_fields__ if name != "belediye2"}
    return {row.id: row for row in rows if row.id in ids}


def test_central_inbox_holds_pending_and_routed_requests_that_need_it(session, world, flows):
    rows = ours(every_row(inbox, session, world.central), flows)
    assert {request_id: row.central_task for request_id, row in rows.items()} == {
        flows.pending.id: CentralTask.ROUTE,
        flows.done.id: CentralTask.CONCLUDE,
        flows.returned.id: CentralTask.REROUTE,
        # Every unit returned it and none finished: SÜRECİ TAMAMLA is not possible.
        flows.all_returned.id: CentralTask.REROUTE,
    }
    assert all(row.assignment_id is None for row in rows.values())


def test_central_inbox_by_status(session, world, flows):
    def ids(status):
        return set(ours(every_row(inbox, session, world.central, status=status), flows))

    assert ids(RequestStatus.PENDING) == {flows.pending.id}
    assert ids(RequestStatus.ROUTED) == {flows.done.id, flows.returned.id, flows.all_returned.id}
    with pytest.raises(ValidationError, match="Geçersiz durum"):
        inbox(session=session, actor=world.central, status=RequestStatus.CONCLUDED)


def test_central_completed_lists_concluded_requests(session, world, flows):
    rows = ours(every_row(completed, session, world.central), flows)
    assert set(rows) == {flows.concluded.id}
    assert rows[flows.concluded.id].closed_at == flows.concluded.concluded_at is not None


def _ids(page: Page[RequestRow]) -> set[int]:
    return {row.id for row in page.rows}


def test_valilik_inbox_holds_its_open_assignments_including_forwarded(session, world, flows):
    result = inbox(session=session, actor=world.valilik)
    statuses = {row.id: row.assignment_status for row in result.rows}
    assert statuses == {
        flows.routed.id: AssignmentStatus.FORWARDED,
        flows.returned.id: AssignmentStatus.NEW,
    }
    assert result.total == 2 and not result.total_capped
    forwarded = inbox(session=session, actor=world.valilik, status=AssignmentStatus.FORWARDED)
    assert _ids(forwarded) == {flows.routed.id}
    assert completed(session=session, actor=world.valilik).rows == []


def test_unit_rows_carry_the_assignment_to_act_on(session, world, flows):
    [row] = inbox(session=session, actor=world.il_mudurlugu).rows
    child = session.get(Assignment, row.assignment_id)
    assert child.unit_id == world.units["il_mudurlugu"].id and child.parent_id is not None
    assert (row.assignment_status, row.assignment_version) == (AssignmentStatus.NEW, 1)
    assert row.id == flows.routed.id and row.version == flows.routed.version
    take_on(session=session, actor=world.il_mudurlugu, assignment_id=child.id, expected_version=1)
    [row] = inbox(session=session, actor=world.il_mudurlugu).rows
    assert (row.assignment_status, row.assignment_version) == (AssignmentStatus.TAKEN, 2)


def test_belediye_inbox_and_completed(session, world, flows):
    assert _ids(inbox(session=session, actor=world.belediye)) == {flows.routed.id}
    done = completed(session=session, actor=world.belediye)
    assert {row.id: row.assignment_status for row in done.rows} == {
        flows.done.id: AssignmentStatus.FINISHED,
        flows.returned.id: AssignmentStatus.RETURNED,
        flows.all_returned.id: AssignmentStatus.RETURNED,
        flows.replaced.id: AssignmentStatus.RETURNED,
        flows.concluded.id: AssignmentStatus.FINISHED,
    }
    returned = completed(session=session, actor=world.belediye, status=AssignmentStatus.RETURNED)
    assert returned.total == 3
    assert _ids(inbox(session=session, actor=flows.belediye2)) == {flows.replaced.id}
    with pytest.raises(ValidationError):
        completed(session=session, actor=world.belediye, status=AssignmentStatus.NEW)
    with pytest.raises(ValidationError):
        inbox(session=session, actor=world.belediye, status=AssignmentStatus.FINISHED)


def test_completed_lists_the_most_recently_closed_first(session, world):
    first, second = _file(session, world.muhtar), _file(session, world.muhtar)
    [a] = _route(session, world, first, "belediye")
    [b] = _route(session, world, second, "belediye")
    clock.set_clock(lambda: NOW + timedelta(hours=2))
    _finish(session, world.belediye, b)
    clock.set_clock(lambda: NOW + timedelta(hours=3))
    _finish(session, world.belediye, a)
    rows = completed(session=session, actor=world.belediye).rows
    assert [row.id for row in rows] == [first.id, second.id]
    assert rows[0].closed_at == NOW + timedelta(hours=3)


def test_lists_of_one_unit_never_show_another_units_rows(session, world, flows):
    expected_view = {
        "valilik": {flows.routed.id, flows.returned.id},
        "il_mudurlugu": {flows.routed.id},
        "kaymakamlik": set(),
        "belediye": {
            flows.routed.id,
            flows.done.id,
            flows.returned.id,
            flows.all_returned.id,
            flows.replaced.id,
            flows.concluded.id,
        },
        "other_valilik": {flows.other.id},
        "other_il_mudurlugu": {flows.other.id},
    }
    for name, visible in expected_view.items():
        actor = getattr(world, name)
        seen = set()
        for fetch in (inbox, completed, view):
            seen |= {row.id for row in every_row(fetch, session, actor)}
        assert seen <= visible, name
        assert {row.id for row in every_row(view, session, actor)} == visible, name
        # The same rule as permissions.visible_requests, which the detail screen uses.
        ruled = session.exec(select(Request.id).where(visible_requests(actor))).all()
        assert set(ruled) == visible, name
        # A request routed to the valilik and forwarded to its sub-unit counts once.
        assert view(session=session, actor=actor).total == len(visible), name


def test_a_return_after_the_latest_routing_needs_the_central_unit_again(session, world, flows):
    """The returned-then-replaced request: the unit added since returns it too."""
    [added] = [
        a
        for a in session.exec(select(Assignment).where(Assignment.request_id == flows.replaced.id))
        if a.status is AssignmentStatus.NEW
    ]
    assert flows.replaced.id not in ours(every_row(inbox, session, world.central), flows)
    later = clock.now() + timedelta(minutes=5)
    clock.set_clock(lambda: later)
    _return(session, flows.belediye2, added)
    rows = ours(every_row(inbox, session, world.central), flows)
    assert rows[flows.replaced.id].central_task is CentralTask.REROUTE


def test_a_page_past_the_end_still_tells_the_total(session, world, flows):
    first = inbox(session=session, actor=world.central, status=RequestStatus.ROUTED, page_size=1)
    assert first.total >= 3 and len(first.rows) == 1
    beyond = inbox(
        session=session, actor=world.central, status=RequestStatus.ROUTED, page=10**4, page_size=1
    )
    assert beyond.rows == [] and beyond.total == first.total and not beyond.has_next


def test_the_staff_lists_are_not_for_muhtars(session, world, flows):
    for fetch in (inbox, completed, view):
        with pytest.raises(PermissionDenied):
            fetch(session=session, actor=world.muhtar)


def test_rows_carry_what_the_table_shows(session, world, flows):
    [row] = [r for r in inbox(session=session, actor=world.valilik).rows if r.id == flows.routed.id]
    assert row.tracking_no == flows.routed.tracking_no
    routed = flows.routed
    assert (row.created_at, row.updated_at) == (routed.created_at, routed.updated_at)
    assert (row.type, row.status) == (RequestType.SIKAYET, RequestStatus.ROUTED)
    assert (row.muhtarlik_name, row.district_name, row.province_name) == (
        "Çınar",
        "Yayla",
        "Deneme",
    )
    assert row.muhtarlik_kind.value == "mahalle" and row.priority is Priority.NORMAL
    assert row.excerpt == TEXT  # shorter than the cut
    assert not row.overdue and not row.stands_out


def test_a_long_description_is_cut_for_the_table(session, world):
    long_text = "Köprü " + "çok eski ve tehlikeli durumda, " * 20
    request = _file(session, world.muhtar, long_text)
    [row] = [r for r in every_row(view, session, world.central) if r.id == request.id]
    assert row.excerpt.endswith("…") and len(row.excerpt) <= 121
    assert long_text.startswith(row.excerpt[:-1])


def test_overdue_after_the_answer_period(session, world):
    request = _file(session, world.muhtar)
    [assignment] = _route(session, world, request, "belediye")

    def row_for(actor):
        return [r for r in every_row(view, session, actor) if r.id == request.id][0]

    clock.set_clock(lambda: NOW + timedelta(days=14))
    assert not row_for(world.central).overdue
    assert not inbox(session=session, actor=world.belediye).rows[0].overdue
    clock.set_clock(lambda: NOW + timedelta(days=15, minutes=1))
    assert row_for(world.central).overdue and row_for(world.central).stands_out
    assert inbox(session=session, actor=world.belediye).rows[0].overdue
    _finish(session, world.belediye, assignment)
    conclude_request(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=session.get(Request, request.id).version,
        summary="İşlem tamamlandı, bilginize.",
    )
    assert not row_for(world.central).overdue


def test_an_assignment_open_past_the_period_is_overdue():
    day = timedelta(days=1)
    concluded, routed = RequestStatus.CONCLUDED, RequestStatus.ROUTED
    assert is_overdue(NOW, routed, NOW - 16 * day)
    assert not is_overdue(NOW, concluded, NOW - 16 * day)
    # The rule on its own, whatever the request says.
    assert is_overdue(NOW, concluded, NOW, AssignmentStatus.TAKEN, NOW - 16 * day)
    assert not is_overdue(NOW, concluded, NOW, AssignmentStatus.FINISHED, NOW - 16 * day)
    assert not is_overdue(NOW, routed, NOW - 2 * day, AssignmentStatus.NEW, NOW - day)


def test_high_and_urgent_requests_stand_out(session, world):
    request = _file(session, world.muhtar)
    set_priority(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        priority=Priority.URGENT,
    )
    [row] = [
        r
        for r in inbox(session=session, actor=world.central, page_size=100).rows
        if r.id == request.id
    ]
    assert row.priority is Priority.URGENT and row.stands_out and not row.overdue
