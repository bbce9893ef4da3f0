"""Property test: whatever order people click in, the workflow's invariants hold.

Hypothesis drives random sequences of actions by random actors against one request;
each action either succeeds or raises a DomainError (never anything else), and after
every step the stored state agrees with the rules.
"""

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
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
    take_on,
)
from mbs.core.commands.central_task import CENTRAL_TASK_SQL, TopLevel, central_task
from mbs.core.enums import (
    OPEN_ASSIGNMENT_STATUSES,
    AssignmentStatus,
    CompletionOutcome,
    RequestStatus,
    RequestType,
)
from mbs.core.errors import DomainError
from mbs.core.models import Assignment, Request
from tests.core.world import NOW, World, build_world

ACTORS = ["central", "valilik", "il_mudurlugu", "kaymakamlik", "belediye", "other_valilik"]
UNITS = ["valilik", "belediye", "belediye2", "il_mudurlugu", "kaymakamlik"]
STEP = st.tuples(
    st.sampled_from(["route", "add", "take", "forward", "complete", "return", "conclude", "close"]),
    st.sampled_from(ACTORS),
    st.sampled_from(UNITS),
    st.integers(min_value=0, max_value=5),
)


@pytest.fixture
def world(session: Session) -> Iterator[World]:
    clock.set_clock(lambda: NOW)
    try:
        yield build_world(session, tag="prop")
    finally:
        clock.set_clock(None)


def _act(session: Session, w: World, request: Request, step: tuple[str, str, str, int]) -> None:
    action, who, unit_key, pick = step
    actor = getattr(w, who)
    unit_id = w.units[unit_key].id
    assignments = list(
        session.exec(
            select(Assignment)
            .where(Assignment.request_id == request.id)
            .order_by(col(Assignment.id))
        )
    )
    target = assignments[pick % len(assignments)] if assignments else None
    common = {"session": session, "actor": actor}
    if action in ("route", "add"):
        command = route_request if action == "route" else add_units
        command(
            **common,
            request_id=request.id,
            expected_version=request.version,
            targets=[RouteTarget(unit_id, "not")],
        )
    elif action == "conclude":
        conclude_request(
            **common,
            request_id=request.id,
            expected_version=request.version,
            summary="Talebiniz sonuçlandırıldı.",
        )
    elif action == "close":
        conclude_unrouted(
            **common,
            request_id=request.id,
            expected_version=request.version,
            explanation="Görev alanımız dışında kalmaktadır.",
        )
    elif target is not None:
        kwargs = {**common, "assignment_id": target.id, "expected_version": target.version}
        if action == "take":
            take_on(**kwargs)
        elif action == "forward":
            forward_assignment(**kwargs, targets=[RouteTarget(unit_id, "bakınız")])
        elif action == "complete":
            complete_assignment(**kwargs, note="Yapıldı.", outcome=CompletionOutcome.POSITIVE)
        else:
            return_assignment(**kwargs, reason="Bizim değil.")


def _check_invariants(session: Session, request: Request) -> None:
    assignments = list(session.exec(select(Assignment).where(Assignment.request_id == request.id)))
    by_id = {a.id: a for a in assignments}
    if request.status is RequestStatus.PENDING:
        assert not assignments and request.routed_at is None
    if request.status is not RequestStatus.PENDING:
        assert request.routed_at is not None or request.status is RequestStatus.CONCLUDED
    if request.status is RequestStatus.CONCLUDED:
        assert request.concluded_at is not None and request.summary
        assert not any(a.status in OPEN_ASSIGNMENT_STATUSES for a in assignments)
    # The kept central_task is what the rule gives, in Python and in SQL.
    top_level = [
        TopLevel(a.status, a.created_at, a.returned_at) for a in assignments if a.parent_id is None
    ]
    assert request.central_task == central_task(request.status, top_level)
    in_sql = session.execute(
        text(f"SELECT {CENTRAL_TASK_SQL} FROM request WHERE id = :id"), {"id": request.id}
    ).scalar_one()
    assert request.central_task == in_sql
    for a in assignments:
        if a.status is AssignmentStatus.FINISHED:
            assert a.finished_at is not None and a.completion_note
            children = [c for c in assignments if c.parent_id == a.id]
            assert not any(c.status in OPEN_ASSIGNMENT_STATUSES for c in children)
        if a.parent_id is not None:
            parent = by_id[a.parent_id]
            assert parent.status in (
                AssignmentStatus.FORWARDED,
                AssignmentStatus.FINISHED,
                AssignmentStatus.RETURNED,
            )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(STEP, min_size=1, max_size=25))
def test_random_clicks_never_break_the_rules(session, world, steps):
    request = file_request(
        session=session,
        actor=world.muhtar,
        type=RequestType.ISTEK,
        description="Sokak lambaları yanmıyor, karanlıkta kalıyoruz.",
    )
    for step in steps:
        savepoint = session.begin_nested()
        try:
            _act(session, world, request, step)
        except DomainError:
            savepoint.rollback()
            session.expire_all()
        else:
            savepoint.commit()
        session.refresh(request)
        _check_invariants(session, request)
