"""Two staff acting on the same request at once: one wins, the other is told it changed.

These tests commit, so they run in a database of their own, with real separate
sessions (and, for the race, a second thread holding its own connection).
"""

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from mbs.core.commands import (
    RouteTarget,
    complete_assignment,
    file_request,
    route_request,
    set_priority,
)
from mbs.core.db import make_engine
from mbs.core.enums import CompletionOutcome, EventKind, Priority, RequestType
from mbs.core.errors import ConflictError
from mbs.core.models import Assignment, Event, Request
from tests.conftest import new_database
from tests.core.world import World, build_world

TEXT = "Mahalle girişindeki trafik levhası devrilmiş durumda."


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, World]]:
    with new_database(tmp_path_factory.mktemp("concurrency")) as url:
        engine = make_engine(url)
        with Session(engine, expire_on_commit=False) as session:
            world = build_world(session, tag="c")
            session.commit()
        yield engine, world
        engine.dispose()


def _file(engine: Engine, world: World) -> Request:
    with Session(engine, expire_on_commit=False) as session:
        request = file_request(
            session=session, actor=world.muhtar, type=RequestType.ISTEK, description=TEXT
        )
        session.commit()
        return request


def _count(engine: Engine, model: type, **where: object) -> int:
    with Session(engine) as session:
        statement = select(func.count()).select_from(model)
        for name, value in where.items():
            statement = statement.where(getattr(model, name) == value)
        return session.exec(statement).one()


def test_acting_on_an_old_view_is_refused(shared):
    engine, world = shared
    request = _file(engine, world)
    seen_version = request.version  # both MİGM users opened the request at this version
    with Session(engine) as first:
        route_request(
            session=first,
            actor=world.central,
            request_id=request.id,
            expected_version=seen_version,
            targets=[RouteTarget(world.units["valilik"].id)],
        )
        first.commit()
    with Session(engine) as second, pytest.raises(ConflictError, match="değiştirildi"):
        route_request(
            session=second,
            actor=world.central2,
            request_id=request.id,
            expected_version=seen_version,
            targets=[RouteTarget(world.units["belediye"].id)],
        )
    assert _count(engine, Assignment, request_id=request.id) == 1
    assert _count(engine, Event, request_id=request.id, kind=EventKind.ROUTED) == 1


def test_two_users_at_the_same_moment_one_wins(shared):
    """The first user's transaction is still open when the second acts: the second
    waits for the row (PostgreSQL) or the database (SQLite), then gets ConflictError."""
    engine, world = shared
    request = _file(engine, world)
    version = request.version
    first = Session(engine)
    route_request(
        session=first,
        actor=world.central,
        request_id=request.id,
        expected_version=version,
        targets=[RouteTarget(world.units["valilik"].id)],
    )
    outcome: list[BaseException | str] = []
    started = threading.Event()

    def second_user() -> None:
        with Session(engine) as second:
            started.set()
            try:
                route_request(
                    session=second,
                    actor=world.central2,
                    request_id=request.id,
                    expected_version=version,
                    targets=[RouteTarget(world.units["belediye"].id)],
                )
                second.commit()
                outcome.append("applied")
            except BaseException as error:  # noqa: BLE001 - reported to the main thread
                outcome.append(error)

    thread = threading.Thread(target=second_user)
    thread.start()
    started.wait(5)
    thread.join(0.5)  # give it time to reach the lock while the first is uncommitted
    first.commit()
    first.close()
    thread.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], ConflictError), outcome
    assert _count(engine, Assignment, request_id=request.id) == 1


def test_priority_and_completion_by_different_people_do_not_collide(shared):
    """A unit finishing its own assignment does not need the request's version, so
    MİGM changing the priority meanwhile does not make the unit's work bounce."""
    engine, world = shared
    request = _file(engine, world)
    with Session(engine, expire_on_commit=False) as session:
        [assignment] = route_request(
            session=session,
            actor=world.central,
            request_id=request.id,
            expected_version=request.version,
            targets=[RouteTarget(world.units["belediye"].id)],
        )
        session.commit()
    with Session(engine) as session:
        set_priority(
            session=session,
            actor=world.central,
            request_id=request.id,
            expected_version=request.version + 1,
            priority=Priority.URGENT,
        )
        session.commit()
    with Session(engine) as session:
        complete_assignment(
            session=session,
            actor=world.belediye,
            assignment_id=assignment.id,
            expected_version=assignment.version,
            note="Levha yeniden dikildi.",
            outcome=CompletionOutcome.POSITIVE,
        )
        session.commit()
    with Session(engine) as session:
        stored = session.get(Request, request.id)
        assert stored.priority is Priority.URGENT and stored.version == request.version + 3


def test_the_same_assignment_finished_twice_is_applied_once(shared):
    engine, world = shared
    request = _file(engine, world)
    with Session(engine, expire_on_commit=False) as session:
        [assignment] = route_request(
            session=session,
            actor=world.central,
            request_id=request.id,
            expected_version=request.version,
            targets=[RouteTarget(world.units["belediye"].id)],
        )
        session.commit()
    with Session(engine) as session:
        complete_assignment(
            session=session,
            actor=world.belediye,
            assignment_id=assignment.id,
            expected_version=assignment.version,
            note="İlk kullanıcı bitirdi.",
            outcome=CompletionOutcome.POSITIVE,
        )
        session.commit()
    with Session(engine) as session, pytest.raises(ConflictError):
        complete_assignment(
            session=session,
            actor=world.belediye,
            assignment_id=assignment.id,
            expected_version=assignment.version,
            note="İkinci kullanıcı.",
            outcome=CompletionOutcome.POSITIVE,
        )
    assert _count(engine, Event, assignment_id=assignment.id, kind=EventKind.COMPLETED) == 1
