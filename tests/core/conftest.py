"""Fixtures shared by the core tests."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from mbs.core import clock
from mbs.core.refdata import LoadReport, load_reference_data
from mbs.core.settings import DEFAULT_CENTRAL_UNIT_NAME
from tests.core.world import NOW, World, build_world
from tests.fakes.clock import FakeClock, fake_clock


@pytest.fixture(scope="session")
def reference_data(engine: Engine) -> LoadReport:
    """Turkey's reference data (81 provinces, 973 districts, 50,357 muhtarlıks, the
    standard units), loaded once per run and committed, so tests that need real places
    and units can share it. Tests that commit data of their own use unit codes starting
    with "test:" and provinces with ids ≥ 90, so they never collide with it."""
    with Session(engine, expire_on_commit=False) as session:
        # The default name, not the developer's environment, so every run is alike.
        report = load_reference_data(session=session, central_unit_name=DEFAULT_CENTRAL_UNIT_NAME)
        session.commit()
    return report


@pytest.fixture
def world(session: Session) -> Iterator[World]:
    """The small workflow world of tests/core/world.py, with the clock fixed at NOW."""
    clock.set_clock(lambda: NOW)
    try:
        yield build_world(session)
    finally:
        clock.set_clock(None)


@pytest.fixture
def now() -> Iterator[FakeClock]:
    """A clock the test moves by hand (tests/fakes/clock.py)."""
    with fake_clock() as fake:
        yield fake
