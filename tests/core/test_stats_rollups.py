"""The rollups: a view is the same whether it reads them or the requests, a change made
after the last refresh is counted at once, a refresh brings the rows up to date, and
`mbs stats rebuild` builds them. Also the savings assumptions."""

import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import delete, func, select
from sqlmodel import col

from mbs.core import clock
from mbs.core.commands import complete_assignment, conclude_request, take_on
from mbs.core.enums import CompletionOutcome, EventKind, RequestType
from mbs.core.errors import PermissionDenied, ValidationError
from mbs.core.models import Event, StatsRollupState
from mbs.core.models.stats import stats_request_daily, stats_unit_daily
from mbs.core.scheduler.jobs import default_jobs
from mbs.core.stats.filters import Granularity, StatsFilter
from mbs.core.stats.general import general_analysis
from mbs.core.stats.places import district_analysis, province_analysis
from mbs.core.stats.quarterly import municipal_quarterly_report
from mbs.core.stats.rollup import MARGIN, rebuild, refresh, watermark
from mbs.core.stats.savings import (
    DEFAULT_ASSUMPTIONS,
    SavingsAssumptions,
    savings_assumptions,
    set_savings_assumptions,
    stationery_savings,
)
from mbs.core.stats.units import unit_performance
from tests.conftest import new_database
from tests.core.stats_world import Acts, History, build_history
from tests.core.world import NOW

EVERYTHING = StatsFilter()
OCTOBER = StatsFilter(date_from=date(2026, 10, 3), date_to=date(2026, 11, 20))


def figures(session, world, now) -> list[object]:
    """What the views show, for comparing two ways of reading them."""
    shown: list[object] = []
    for actor in (world.central, world.valilik):
        for filters in (EVERYTHING, OCTOBER):
            shown.append(
                general_analysis(
                    session=session,
                    actor=actor,
                    filters=filters,
                    granularity=Granularity.WEEK,
                    now=now,
                )
            )
            shown.append(province_analysis(session=session, actor=actor, filters=filters, now=now))
            shown.append(unit_performance(session=session, actor=actor, filters=filters, now=now))
        shown.append(
            district_analysis(
                session=session, actor=actor, filters=EVERYTHING, province_id=95, now=now
            )
        )
        shown.append(
            municipal_quarterly_report(session=session, actor=actor, year=2026, quarter=4, now=now)
        )
    return shown


def live_figures(session, world, now) -> list[object]:
    """The same read straight from the requests (no watermark: no rollups)."""
    state = session.get(StatsRollupState, 1)
    session.execute(delete(StatsRollupState))
    session.expire_all()
    try:
        return figures(session, world, now)
    finally:
        if state is not None:
            session.merge(state)
            session.flush()


@pytest.fixture
def history(session, world) -> History:
    return build_history(session, world)


def test_rollups_and_requests_give_the_same_figures(session, world, history):
    live = figures(session, world, NOW)
    rebuild(session=session, now=NOW)
    assert session.execute(select(func.count()).select_from(stats_request_daily)).scalar() > 0
    assert figures(session, world, NOW) == live
    later = NOW + timedelta(days=40)  # every answer period has ended for every request
    assert figures(session, world, later) == live_figures(session, world, later)


def test_a_change_after_the_refresh_counts_at_once_and_a_refresh_catches_up(
    session, world, history
):
    rebuild(session=session, now=NOW)
    assert watermark(session) == NOW - MARGIN
    c = history.assignments["C"]
    take_on(
        session=session, actor=world.other_valilik, assignment_id=c.id, expected_version=c.version
    )
    complete_assignment(
        session=session,
        actor=world.other_valilik,
        assignment_id=c.id,
        expected_version=c.version,
        note="Yerinde incelendi.",
        outcome=CompletionOutcome.POSITIVE,
    )
    request = history.requests["C"]
    session.refresh(request)
    conclude_request(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        summary="Başvurunuz sonuçlandırılmıştır.",
    )
    a = general_analysis(
        session=session,
        actor=world.central,
        filters=EVERYTHING,
        granularity=Granularity.DAY,
        now=NOW,
    )
    assert a.open_now == 4 and a.to_conclusion.count == 4  # C is concluded now
    assert figures(session, world, NOW) == live_figures(session, world, NOW)

    later = NOW + timedelta(minutes=30)
    clock.set_clock(lambda: later)
    assert refresh(session=session, now=later) > 0
    assert watermark(session) == later - MARGIN
    c_day = stats_request_daily.c
    row = session.execute(
        select(c_day.filed, c_day.pending, c_day.routed).where(
            c_day.day == date(2026, 11, 10), c_day.province_id == 96, c_day.unit_kind == ""
        )
    ).one()
    assert tuple(row) == (1, 0, 0)  # C: filed that day, concluded
    u_day = stats_unit_daily.c
    finished = session.execute(
        select(func.sum(u_day.finished)).where(
            u_day.day == date(2026, 11, 10), u_day.unit_id == c.unit_id
        )
    ).scalar_one()
    assert finished == 1
    assert figures(session, world, later) == live_figures(session, world, later)


def test_a_refresh_without_rollups_builds_them_and_a_rebuild_is_audited(session, world, history):
    assert watermark(session) is None
    refresh(session=session, now=NOW)
    assert watermark(session) == NOW - MARGIN
    event = session.scalars(
        select(Event).where(Event.kind == EventKind.STATS_REBUILT).order_by(col(Event.id).desc())
    ).first()
    assert event is not None and event.data == {"months": 2}  # October and November 2026


def test_the_scheduler_refreshes_the_rollups(engine):
    jobs = default_jobs(engine, provider=None, settings=None)  # type: ignore[arg-type]
    [job] = [job for job in jobs if job.name == "stats-refresh"]
    assert job.every_seconds == 60.0


def test_mbs_stats_rebuild_and_refresh_from_the_command_line(tmp_path):
    with new_database(tmp_path) as url:
        environment = {"MBS_DATABASE_URL": url, "PATH": "/usr/bin:/bin"}
        command = [sys.executable, "-c", "from mbs.cli.main import main; main()", "stats"]
        built = subprocess.run(
            [*command, "rebuild"], env=environment, capture_output=True, text=True, check=False
        )
        assert built.returncode == 0, built.stderr
        assert built.stdout.startswith("İstatistik özetleri yeniden oluşturuldu: 0 ay")
        refreshed = subprocess.run(
            [*command, "refresh"], env=environment, capture_output=True, text=True, check=False
        )
        assert refreshed.returncode == 0, refreshed.stderr
        assert "güncellendi (0 değişiklik)" in refreshed.stdout


def test_concluded_an_hour_before_the_15th_day_counts_as_within_15_days(session, world):
    acts = Acts(session, world)
    filed = NOW - timedelta(days=40)
    request = acts.file(filed, RequestType.ISTEK)
    assignment = acts.route(request, filed + timedelta(hours=1), "belediye")
    acts.finish(assignment, filed + timedelta(hours=300), "belediye")
    acts.conclude(request, filed + timedelta(hours=359))  # in the bucket [336, 360) h
    clock.set_clock(lambda: NOW)
    for _ in ("live", "rollups"):
        a = general_analysis(
            session=session,
            actor=world.central,
            filters=EVERYTHING,
            granularity=Granularity.MONTH,
            now=NOW,
        )
        assert (a.concluded_within_15_days, a.concluded_within_30_days) == (1.0, 1.0)
        rebuild(session=session, now=NOW)


def test_savings_use_the_defaults_until_an_admin_changes_them(session, world, history):
    assert savings_assumptions(session=session) == DEFAULT_ASSUMPTIONS
    savings = stationery_savings(session=session, actor=world.central, filters=EVERYTHING)
    assert savings.requests == 8
    assert savings.pages == Decimal(24)
    assert savings.paper_and_toner == Decimal("24.00")
    assert savings.postage == Decimal("800.00")
    assert savings.total == Decimal("824.00")
    new = SavingsAssumptions(Decimal("2.5"), Decimal("0.85"), Decimal(2), Decimal("112.40"))
    set_savings_assumptions(session=session, actor=world.central, assumptions=new)
    assert savings_assumptions(session=session) == new
    savings = stationery_savings(session=session, actor=world.central, filters=EVERYTHING)
    assert (savings.pages, savings.paper_and_toner) == (Decimal("20.0"), Decimal("17.00"))
    assert (savings.postage, savings.total) == (Decimal("1798.40"), Decimal("1815.40"))
    event = session.scalars(
        select(Event).where(Event.kind == EventKind.SAVINGS_ASSUMPTIONS_SET)
    ).one()
    assert event.actor_user_id == world.central.user_id
    assert event.data["from"]["postage_per_letter"] == "100.00"
    assert event.data["to"]["postage_per_letter"] == "112.40"


def test_only_a_central_admin_changes_the_assumptions_and_never_to_a_negative(session, world):
    for actor in (world.central2, world.valilik, world.muhtar):  # central2 is no admin
        with pytest.raises(PermissionDenied, match="Genel Müdürlük yöneticileri"):
            set_savings_assumptions(session=session, actor=actor, assumptions=DEFAULT_ASSUMPTIONS)
    bad = SavingsAssumptions(Decimal(-1), Decimal(1), Decimal(1), Decimal(1))
    with pytest.raises(ValidationError, match="Sayfa sayısı negatif olamaz."):
        set_savings_assumptions(session=session, actor=world.central, assumptions=bad)
    huge = SavingsAssumptions(Decimal(1), Decimal(1), Decimal(1), Decimal(10**7))
    with pytest.raises(ValidationError, match="Posta ücreti en fazla"):
        set_savings_assumptions(session=session, actor=world.central, assumptions=huge)
    assert savings_assumptions(session=session) == DEFAULT_ASSUMPTIONS
