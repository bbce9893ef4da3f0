"""Fixtures shared by the core tests."""

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from mbs.core.refdata import LoadReport, load_reference_data
from mbs.core.settings import DEFAULT_CENTRAL_UNIT_NAME


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
