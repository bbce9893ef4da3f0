"""Every figure of the statistics views, checked against values worked out by hand from
the history of tests/core/stats_world.py, read straight from the requests ("live") and
from the rollup tables ("rollups"): both must give the very same numbers.

Durations: a percentile is read off the bucket histogram (mbs/core/stats/buckets.py):
with n durations, rank q × n, interpolated linearly inside its bucket.
"""

from datetime import date

import pytest

from mbs.core.enums import RequestType, UnitKind
from mbs.core.stats.filters import Granularity, StatsFilter
from mbs.core.stats.general import general_analysis
from mbs.core.stats.places import district_analysis, muhtarlik_analysis, province_analysis
from mbs.core.stats.quarterly import municipal_quarterly_report
from mbs.core.stats.rollup import rebuild
from mbs.core.stats.units import unit_kind_performance, unit_performance
from tests.core.stats_world import History, build_history
from tests.core.world import NOW

EVERYTHING = StatsFilter()


@pytest.fixture(params=["live", "rollups"])
def history(request, session, world) -> History:
    built = build_history(session, world)
    if request.param == "rollups":
        rebuild(session=session, now=NOW)
    return built


def general(session, actor, filters=EVERYTHING, granularity=Granularity.MONTH):
    return general_analysis(
        session=session, actor=actor, filters=filters, granularity=granularity, now=NOW
    )


def test_counts_by_type_and_status(session, world, history):
    a = general(session, world.central)
    assert a.total == 8
    assert [(row.label, row.count) for row in a.by_type] == [
        ("Şikâyet", 2),  # B, H
        ("İstek", 4),  # A, C, F, G
        ("İhbar", 1),  # D
        ("Görüş ve Öneri", 1),  # E
    ]
    assert [(row.key, row.label, row.count) for row in a.by_status] == [
        ("pending", "Bekleyen", 2),  # D, G
        ("routed", "Yönlendirilen", 3),  # C, F, H
        ("concluded", "Sonuçlanan", 3),  # A, B, E
    ]


def test_durations_to_routing_and_conclusion(session, world, history):
    a = general(session, world.central)
    # Routing: 1, 1, 1 h (C, F, H) in [1, 2), 2 h (B) in [2, 3), 5 h (A) in [5, 6),
    # 10 h (E) in [10, 12). Median: rank 3 is the last of the three in [1, 2): 1 + 1 × 3/3.
    # 90th: rank 5.4, the 0.4 of the one in [10, 12): 10 + 2 × 0.4.
    assert a.to_routing.count == 6
    assert a.to_routing.median_hours == pytest.approx(2.0)
    assert a.to_routing.p90_hours == pytest.approx(10.8)
    # Conclusion: 74 h (A) in [72, 84), 288 h (E) in [288, 336), 504 h (B) in [504, 576).
    # Median: rank 1.5 → 288 + 48 × 0.5; 90th: rank 2.7 → 504 + 72 × 0.7.
    assert a.to_conclusion.count == 3
    assert a.to_conclusion.median_hours == pytest.approx(312.0)
    assert a.to_conclusion.p90_hours == pytest.approx(554.4)


def test_answer_periods_open_and_overdue(session, world, history):
    a = general(session, world.central)
    # Days whose 15 days have ended (06.11 or before): D, E, H, A, B; in time: A, E.
    assert a.concluded_within_15_days == pytest.approx(2 / 5)
    # Days whose 30 days have ended (22.10 or before): D, E, H; in time: E.
    assert a.concluded_within_30_days == pytest.approx(1 / 3)
    assert a.open_now == 5  # C, D, F, G, H
    # D (33 days), H (48 days) and F (15 days 4 hours); not G (14 days 16 hours), not C.
    assert a.overdue_now == 3


def test_series_counts_each_request_on_its_day_in_turkish_time(session, world, history):
    days = general(
        session,
        world.central,
        StatsFilter(date_from=date(2026, 10, 30), date_to=date(2026, 11, 2)),
        Granularity.DAY,
    )
    # A at 22:00 on 31.10; B at 01:30 on 01.11 (still 31.10 in UTC).
    assert [(p.label, p.count) for p in days.series] == [
        ("30.10.2026", 0),
        ("31.10.2026", 1),
        ("01.11.2026", 1),
        ("02.11.2026", 0),
    ]
    assert days.total == 2
    months = general(session, world.central)
    # E at 01:00 on 01.10 is October's (30.09 in UTC); B is November's.
    assert [(p.period_start, p.label, p.count) for p in months.series] == [
        (date(2026, 10, 1), "Ekim 2026", 4),  # E, H, D, A
        (date(2026, 11, 1), "Kasım 2026", 4),  # B, F, G, C
    ]
    assert [p.trend for p in months.series] == [None, None]  # three months make a trend


def test_weekly_series_with_its_trend(session, world, history):
    weeks = general(session, world.central, granularity=Granularity.WEEK)
    labels = [(p.label, p.count) for p in weeks.series]
    # Mondays from 29.09 (E on Thursday 01.10) to 16.11 (today, Sunday 22.11, is in it).
    assert labels == [
        ("40. hafta 2026", 1),  # E
        ("41. hafta 2026", 1),  # H (05.10)
        ("42. hafta 2026", 0),
        ("43. hafta 2026", 1),  # D (20.10)
        ("44. hafta 2026", 2),  # A (31.10, Saturday), B (01.11, Sunday)
        ("45. hafta 2026", 2),  # F, G (07.11, Saturday)
        ("46. hafta 2026", 1),  # C (10.11)
        ("47. hafta 2026", 0),
    ]
    assert [p.trend for p in weeks.series] == [None, None, None, 0.75, 1.0, 1.25, 1.5, 1.25]


def test_filters_by_type_place_and_unit_kind(session, world, history):
    istek = general(session, world.central, StatsFilter(request_type=RequestType.ISTEK))
    assert istek.total == 4 and istek.open_now == 3 and istek.overdue_now == 1  # C, F, G; F
    other = general(session, world.central, StatsFilter(province_id=96))
    assert other.total == 2 and other.to_conclusion.count == 1  # C, E
    district = general(session, world.central, StatsFilter(district_id=990002))
    assert district.total == 6
    # Requests assigned to a belediye at some time: A, F (Yayla), H (Deneme).
    belediye = general(session, world.central, StatsFilter(unit_kind=UnitKind.BELEDIYE))
    assert belediye.total == 3
    assert [row.count for row in belediye.by_status] == [0, 2, 1]
    # To an il müdürlüğü: B only, though it returned it.
    mudurluk = general(session, world.central, StatsFilter(unit_kind=UnitKind.IL_MUDURLUGU))
    assert mudurluk.total == 1 and mudurluk.to_conclusion.median_hours == pytest.approx(540.0)


def test_provinces_ilces_and_muhtarliks(session, world, history):
    rows = {row.place_id: row for row in province_analysis(
        session=session, actor=world.central, filters=EVERYTHING, now=NOW
    )}  # fmt: skip
    assert sum(row.total for row in rows.values()) == 8
    deneme, ornek = rows[95], rows[96]
    assert (deneme.code, deneme.name) == ("95", "Deneme")
    assert (deneme.total, deneme.open_now, deneme.overdue_now, deneme.concluded) == (6, 4, 3, 2)
    assert deneme.concluded_within_15_days == pytest.approx(1 / 4)  # D, H, A, B; A
    assert deneme.median_hours_to_conclusion == pytest.approx(84.0)  # 74 h, 504 h: 72 + 12
    assert (ornek.total, ornek.open_now, ornek.overdue_now, ornek.concluded) == (2, 1, 0, 1)
    assert ornek.concluded_within_15_days == 1.0
    assert ornek.median_hours_to_conclusion == pytest.approx(312.0)
    districts = district_analysis(
        session=session, actor=world.central, filters=EVERYTHING, province_id=95, now=NOW
    )
    assert [(row.name, row.total, row.overdue_now) for row in districts] == [
        ("Merkez", 0, 0),
        ("Yayla", 6, 3),
    ]
    [cinar] = muhtarlik_analysis(
        session=session, actor=world.central, filters=EVERYTHING, district_id=990002, now=NOW
    )
    assert (cinar.name, cinar.total, cinar.concluded, cinar.code) == ("Çınar (Mahalle)", 6, 2, "")


def test_unit_league_table(session, world, history):
    rows = unit_performance(session=session, actor=world.central, filters=EVERYTHING, now=NOW)
    figures = [
        (r.name, r.kind_label, r.received, r.finished, r.returned, r.open_now, r.overdue_now)
        for r in rows
    ]
    assert figures == [
        ("Örnek Valiliği", "Valilik", 2, 0, 1, 1, 0),  # C open, E returned
        ("Yayla Belediyesi", "Belediye", 2, 1, 0, 1, 1),  # A finished, F open 15 days 3 h
        ("Deneme Belediyesi", "Belediye", 1, 1, 0, 0, 0),  # H
        ("Deneme İl Milli Eğitim Müdürlüğü", "İl Müdürlüğü", 1, 0, 1, 0, 0),  # B's forward
        ("Deneme Valiliği", "Valilik", 1, 1, 0, 0, 0),  # B
    ]
    medians = [row.median_hours_to_finish for row in rows]
    # 30 h in [30, 36): 30 + 6 × 0.5; 384 h in [360, 408); 480 h in [456, 504).
    assert medians == [None, pytest.approx(33.0), pytest.approx(384.0), None, pytest.approx(480.0)]
    kinds = unit_kind_performance(session=session, actor=world.central, filters=EVERYTHING, now=NOW)
    figures = [
        (r.unit_id, r.name, r.received, r.finished, r.returned, r.overdue_now) for r in kinds
    ]
    assert figures == [
        (None, "Valilik", 3, 1, 1, 0),
        (None, "İl Müdürlüğü", 1, 0, 1, 0),
        (None, "Belediye", 3, 2, 0, 1),
    ]
    assert kinds[2].median_hours_to_finish == pytest.approx(36.0)  # 30 h and 384 h: rank 1


def test_units_count_assignments_by_the_day_they_were_received(session, world, history):
    october = StatsFilter(date_from=date(2026, 10, 1), date_to=date(2026, 10, 31))
    rows = unit_performance(session=session, actor=world.central, filters=october, now=NOW)
    assert [(row.name, row.received) for row in rows] == [
        ("Deneme Belediyesi", 1),  # H, received 05.10
        ("Örnek Valiliği", 1),  # E, received 01.10
    ]


def test_quarterly_municipal_report(session, world, history):
    rows = municipal_quarterly_report(
        session=session, actor=world.central, year=2026, quarter=4, now=NOW
    )
    assert [
        (r.unit_name, r.province_name, r.received, r.positive, r.negative, r.open_now,
         r.answered_late)
        for r in rows
    ] == [
        ("Deneme Belediyesi", "Deneme", 1, 0, 1, 0, 1),  # H: negative after 16 days
        ("Yayla Belediyesi", "Deneme", 2, 1, 0, 1, 0),  # A positive in 30 h, F open
    ]  # fmt: skip
    assert rows[0].negative_reasons == {
        "Kurumun yetki alanı dışında": 1,
        "Ödenek yetersiz": 0,
        "Mevzuata uygun değil": 0,
        "Daha önce yapıldı / yapılıyor": 0,
        "Diğer": 0,
    }
    assert (
        municipal_quarterly_report(
            session=session, actor=world.central, year=2026, quarter=3, now=NOW
        )
        == []
    )
