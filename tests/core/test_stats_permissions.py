"""Who sees which statistics: the central unit everything, a valilik its il and its
sub-units, a belediye or sub-unit what was assigned to it, a muhtar nothing."""

import pytest

from mbs.core.errors import PermissionDenied
from mbs.core.stats.filters import Granularity, StatsFilter
from mbs.core.stats.general import general_analysis
from mbs.core.stats.places import district_analysis, muhtarlik_analysis, province_analysis
from mbs.core.stats.quarterly import municipal_quarterly_report
from mbs.core.stats.savings import stationery_savings
from mbs.core.stats.scope import can_see_statistics, stats_scope_label
from mbs.core.stats.units import unit_performance
from tests.core.stats_world import History, build_history
from tests.core.world import NOW

EVERYTHING = StatsFilter()


@pytest.fixture
def history(session, world) -> History:
    return build_history(session, world)


def total(session, actor, filters=EVERYTHING) -> int:
    return general_analysis(
        session=session, actor=actor, filters=filters, granularity=Granularity.DAY, now=NOW
    ).total


def units_of(session, actor) -> list[tuple[str, int]]:
    rows = unit_performance(session=session, actor=actor, filters=EVERYTHING, now=NOW)
    return [(row.name, row.received) for row in rows]


def test_the_central_unit_sees_every_request_and_unit(session, world, history):
    assert total(session, world.central) == 8
    assert total(session, world.central2) == 8  # not only administrators
    assert len(units_of(session, world.central)) == 5
    assert stats_scope_label(session=session, actor=world.central) == "Tüm Türkiye"


def test_a_valilik_sees_its_il_and_its_sub_units(session, world, history):
    # Every request of il 95, wherever it was routed (A, B, D, F, G, H).
    assert total(session, world.valilik) == 6
    assert units_of(session, world.valilik) == [
        ("Deneme İl Milli Eğitim Müdürlüğü", 1),
        ("Deneme Valiliği", 1),
        ("Yayla Kaymakamlığı", 0),
    ]
    [own] = province_analysis(session=session, actor=world.valilik, filters=EVERYTHING, now=NOW)
    assert (own.place_id, own.total) == (95, 6)
    assert stats_scope_label(session=session, actor=world.valilik) == "Deneme Valiliği"
    assert total(session, world.other_valilik) == 2  # C, E


def test_a_valilik_may_not_look_at_another_il(session, world, history):
    with pytest.raises(PermissionDenied, match="kendi ilinizin"):
        total(session, world.valilik, StatsFilter(province_id=96))
    with pytest.raises(PermissionDenied):
        total(session, world.valilik, StatsFilter(district_id=990003))
    with pytest.raises(PermissionDenied):
        district_analysis(
            session=session, actor=world.valilik, filters=EVERYTHING, province_id=96, now=NOW
        )
    with pytest.raises(PermissionDenied):
        muhtarlik_analysis(
            session=session, actor=world.valilik, filters=EVERYTHING, district_id=990003, now=NOW
        )


def test_a_belediye_and_a_sub_unit_see_what_was_assigned_to_them(session, world, history):
    assert total(session, world.belediye) == 2  # A, F
    assert units_of(session, world.belediye) == [("Yayla Belediyesi", 2)]
    assert total(session, world.il_mudurlugu) == 1  # B, forwarded to it
    assert units_of(session, world.il_mudurlugu) == [("Deneme İl Milli Eğitim Müdürlüğü", 1)]
    assert total(session, world.kaymakamlik) == 0
    provinces = province_analysis(
        session=session, actor=world.belediye, filters=EVERYTHING, now=NOW
    )
    assert [(row.name, row.total) for row in provinces] == [("Deneme", 2)]
    savings = stationery_savings(session=session, actor=world.belediye, filters=EVERYTHING)
    assert savings.requests == 2


def test_the_quarterly_report_follows_the_same_rules(session, world, history):
    def names(actor) -> list[str]:
        rows = municipal_quarterly_report(
            session=session, actor=actor, year=2026, quarter=4, now=NOW
        )
        return [row.unit_name for row in rows]

    assert names(world.central) == ["Deneme Belediyesi", "Yayla Belediyesi"]
    assert names(world.valilik) == ["Deneme Belediyesi", "Yayla Belediyesi"]
    assert names(world.other_valilik) == []  # no belediye in il 96
    assert names(world.belediye) == ["Yayla Belediyesi"]
    assert names(history.belediye2) == ["Deneme Belediyesi"]
    with pytest.raises(PermissionDenied):
        names(world.il_mudurlugu)


def test_muhtars_see_no_statistics(session, world, history):
    assert not can_see_statistics(world.muhtar)
    assert can_see_statistics(world.kaymakamlik)
    with pytest.raises(PermissionDenied, match="kurum kullanıcıları"):
        total(session, world.muhtar)
    with pytest.raises(PermissionDenied):
        unit_performance(session=session, actor=world.muhtar, filters=EVERYTHING, now=NOW)
    with pytest.raises(PermissionDenied):
        municipal_quarterly_report(
            session=session, actor=world.muhtar, year=2026, quarter=4, now=NOW
        )
