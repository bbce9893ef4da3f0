"""The request screen shows how each unit answered (Olumlu / Olumsuz and why)."""

from mbs.core.commands import RouteTarget, complete_assignment, file_request, route_request
from mbs.core.enums import CompletionOutcome, NegativeReason, RequestType
from mbs.core.queries.staff_request import staff_request_view


def test_each_units_outcome_is_on_the_request_screen(session, world):
    request = file_request(
        session=session,
        actor=world.muhtar,
        type=RequestType.ISTEK,
        description="Mahallemizin parkına çocuk oyun grubu konulmasını istiyoruz.",
    )
    valilik, belediye = route_request(
        session=session,
        actor=world.central,
        request_id=request.id or 0,
        expected_version=request.version,
        targets=[RouteTarget(world.valilik.unit_id, ""), RouteTarget(world.belediye.unit_id, "")],
    )
    view = staff_request_view(session=session, actor=world.central, request_id=request.id or 0)
    assert [line.outcome for line in view.assignments] == ["", ""]

    complete_assignment(
        session=session,
        actor=world.belediye,
        assignment_id=belediye.id or 0,
        expected_version=belediye.version,
        note="Bütçemizde bu yıl yer yok.",
        outcome=CompletionOutcome.NEGATIVE,
        negative_reason=NegativeReason.NO_BUDGET,
    )
    view = staff_request_view(session=session, actor=world.central, request_id=request.id or 0)
    outcomes = {line.id: line.outcome for line in view.assignments}
    assert outcomes == {belediye.id: "Olumsuz: Ödenek yetersiz", valilik.id: ""}
