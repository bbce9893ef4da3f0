"""changes_since: which requests changed after an event id, and whose screens show them."""

from mbs.core.commands import RouteTarget, file_request, forward_assignment, route_request
from mbs.core.enums import RequestType
from mbs.core.live import changes_since, latest_event_id


def test_nothing_new_gives_the_same_id_back(session, world):
    start = latest_event_id(session)
    assert changes_since(session, start) == (start, [])


def test_a_routed_and_forwarded_request_reaches_every_unit_and_the_muhtarlik(session, world):
    start = latest_event_id(session)
    request = file_request(
        session=session,
        actor=world.muhtar,
        type=RequestType.ISTEK,
        description="Çeşme suyu kesik, tamir edilmesi gerekiyor.",
    )
    session.flush()
    after_filing, [filed] = changes_since(session, start)
    assert filed.request_id == request.id and filed.muhtarlik_id == world.muhtarlik.id
    assert filed.unit_ids == frozenset()

    [valilik] = route_request(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        targets=[RouteTarget(world.units["valilik"].id)],
    )
    forward_assignment(
        session=session,
        actor=world.valilik,
        assignment_id=valilik.id,
        expected_version=valilik.version,
        targets=[RouteTarget(world.units["il_mudurlugu"].id)],
    )
    session.flush()
    newest, [change] = changes_since(session, after_filing)
    assert newest > after_filing
    assert change.unit_ids == {world.units["valilik"].id, world.units["il_mudurlugu"].id}
    assert changes_since(session, newest) == (newest, [])


def test_a_burst_is_read_in_slices(session, world):
    start = latest_event_id(session)
    for _ in range(3):
        file_request(
            session=session,
            actor=world.muhtar,
            type=RequestType.ISTEK,
            description="Yol çukurlarla dolu, kış gelmeden onarılmalı.",
        )
    session.flush()
    first, changes = changes_since(session, start, limit=2)
    assert len(changes) == 2
    second, rest = changes_since(session, first, limit=2)
    assert len(rest) == 1 and second > first
