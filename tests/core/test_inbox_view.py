"""Görünümler: filters one by one and together, Turkish-aware search, sorting, paging
and totals; and the muhtar's own lists."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from mbs.core import clock
from mbs.core.actors import MuhtarActor, muhtar_actor
from mbs.core.commands import (
    RouteTarget,
    complete_assignment,
    conclude_request,
    file_request,
    route_request,
    set_priority,
)
from mbs.core.enums import CompletionOutcome, Priority, RequestStatus, RequestType
from mbs.core.errors import PermissionDenied, ValidationError
from mbs.core.models import Muhtar, Muhtarlik, Request
from mbs.core.queries import listing
from mbs.core.queries.listing import Sort, SortKey
from mbs.core.queries.muhtar_lists import muhtar_counts, muhtar_requests
from mbs.core.queries.views import ViewFilters, view
from tests.builders import make_muhtar
from tests.core.world import NOW, World

DAY = timedelta(days=1)


def at(moment: datetime) -> None:
    clock.set_clock(lambda: moment)


def file(session, actor, text, kind=RequestType.SIKAYET, when=NOW) -> Request:
    at(when)
    request = file_request(session=session, actor=actor, type=kind, description=text)
    at(NOW)
    return request


def prioritise(session, w: World, request: Request, priority: Priority, when=NOW) -> None:
    at(when)
    set_priority(
        session=session,
        actor=w.central,
        request_id=request.id,
        expected_version=request.version,
        priority=priority,
    )
    at(NOW)


@dataclass
class Places:
    kuyulu: Muhtarlik  # a third muhtarlık, in Deneme / Merkez
    kuyulu_muhtar: MuhtarActor


@pytest.fixture
def places(session, world) -> Places:
    kuyulu = Muhtarlik(
        source_key="test:w:m3",
        kind=world.muhtarlik.kind,
        name="Kuyulu",
        district_id=990001,
        province_id=95,
    )
    session.add(kuyulu)
    session.flush()
    return Places(kuyulu, muhtar_actor(session, make_muhtar(session, kuyulu).id))


@pytest.fixture
def requests(session, world, places) -> dict[str, Request]:
    w = world
    made = {
        "r1": file(session, w.muhtar, "Sokak IŞIKLARI yanmıyor, gece çok karanlık oluyor.",
                   when=NOW - 10 * DAY),
        "r2": file(session, w.muhtar, "İSTANBUL caddesine yeni bir durak yapılmasını istiyoruz.",
                   RequestType.ISTEK, NOW - 5 * DAY),
        "r3": file(session, w.other_muhtar, "Köy yolunda su_borusu patladı, su israf oluyor.",
                   RequestType.IHBAR, NOW - 3 * DAY),
        "r4": file(session, w.other_muhtar, "Köy meydanına suxborusu hattı için öneri getirdik.",
                   RequestType.GORUS_ONERI, NOW - DAY),
        "r5": file(session, places.kuyulu_muhtar, "Parktaki oyun alanı bakımsız ve tehlikeli.",
                   when=NOW - timedelta(hours=2)),
    }  # fmt: skip
    prioritise(session, w, made["r2"], Priority.URGENT)
    prioritise(session, w, made["r3"], Priority.HIGH)
    route_request(
        session=session,
        actor=w.central,
        request_id=made["r4"].id,
        expected_version=made["r4"].version,
        targets=[RouteTarget(w.units["other_valilik"].id)],
    )
    return made


def found(session, world, **filters) -> set[int]:
    """Ids the central unit finds with `filters`, within the test's own two provinces
    (the database may hold other tests' committed requests)."""
    ids: set[int] = set()
    for province in (95, 96):
        if filters.get("province_id", province) != province:
            continue
        chosen = ViewFilters(**{**filters, "province_id": province})
        result = view(session=session, actor=world.central, filters=chosen, page_size=100)
        assert not result.has_next
        ids |= {row.id for row in result.rows}
    return ids


def named(requests, *names) -> set[int]:
    return {requests[name].id for name in names}


def test_each_filter_on_its_own(session, world, places, requests):
    r = requests
    assert found(session, world) == named(r, "r1", "r2", "r3", "r4", "r5")
    assert found(session, world, province_id=96) == named(r, "r3", "r4")
    assert found(session, world, district_id=990002) == named(r, "r1", "r2")
    assert found(session, world, muhtarlik_id=places.kuyulu.id) == named(r, "r5")
    assert found(session, world, type=RequestType.ISTEK) == named(r, "r2")
    assert found(session, world, priority=Priority.URGENT) == named(r, "r2")
    assert found(session, world, priority=Priority.NORMAL) == named(r, "r1", "r4", "r5")
    assert found(session, world, status=RequestStatus.ROUTED) == named(r, "r4")
    assert found(session, world, date_from=date(2026, 11, 19)) == named(r, "r3", "r4", "r5")
    assert found(session, world, date_to=date(2026, 11, 17)) == named(r, "r1", "r2")


def test_filters_together(session, world, places, requests):
    r = requests
    assert found(session, world, province_id=95, type=RequestType.SIKAYET) == named(r, "r1", "r5")
    assert found(
        session,
        world,
        province_id=96,
        type=RequestType.IHBAR,
        date_from=date(2026, 11, 18),
        date_to=date(2026, 11, 20),
    ) == named(r, "r3")
    assert found(session, world, status=RequestStatus.PENDING, priority=Priority.HIGH) == named(
        r, "r3"
    )
    assert found(session, world, district_id=990002, text="durak") == named(r, "r2")
    assert found(session, world, district_id=990003, type=RequestType.ISTEK) == set()


def test_dates_are_turkish_calendar_days(session, world):
    late = file(session, world.muhtar, "Gece yarısından sonra yazılan bir başvuru metni.",
                when=datetime(2026, 11, 22, 21, 30, tzinfo=UTC))  # fmt: skip
    before = file(session, world.muhtar, "Gece yarısından önce yazılan bir başvuru metni.",
                  when=datetime(2026, 11, 22, 20, 30, tzinfo=UTC))  # fmt: skip
    day = date(2026, 11, 23)  # 21:30 UTC is 00:30 on the 23rd in Turkey
    assert found(session, world, date_from=day, date_to=day) == {late.id}
    assert found(session, world, date_to=date(2026, 11, 22), date_from=date(2026, 11, 22)) == {
        before.id
    }
    with pytest.raises(ValidationError, match="Başlangıç tarihi"):
        found(session, world, date_from=day, date_to=date(2026, 11, 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ışık", {"r1", "r3", "r4"}),  # "IŞIKLARI", and the muhtarlık "Işıklı"
        ("IŞIK", {"r1", "r3", "r4"}),
        ("istanbul", {"r2"}),  # "İSTANBUL"
        ("İstanbul", {"r2"}),
        ("Istanbul", {"r2"}),  # typed on a keyboard without Turkish letters
        ("isik", {"r1", "r3", "r4"}),
        ("cinar", {"r1", "r2"}),
        ("çınar", {"r1", "r2"}),  # the muhtarlık "Çınar"
        ("ÇINAR", {"r1", "r2"}),
        ("yayla", {"r1", "r2"}),  # the ilçe
        ("örnek", {"r3", "r4"}),  # the il
        ("çınar ışık", {"r1"}),  # every word must occur
        ("su israf", {"r3"}),  # a short word: looked for as one phrase
        ("su_bor", {"r3"}),  # "_" is a letter here, not a wildcard
        ("su%bor", set()),
        ("  KARANLIK   oluyor ", {"r1"}),
    ],
)
def test_free_text_is_turkish_aware(session, world, places, requests, text, expected):
    assert found(session, world, text=text) == named(requests, *expected)


def test_free_text_finds_the_tracking_number(session, world, places, requests):
    number = requests["r3"].tracking_no
    assert found(session, world, text=number) == named(requests, "r3")


@pytest.mark.parametrize(
    "text", ["ab", "a", "x" * 101, "bir iki üç dört beş altı yedi sekiz dokuz"]
)
def test_free_text_limits(session, world, text):
    with pytest.raises(ValidationError):
        view(session=session, actor=world.central, filters=ViewFilters(text=text))


def test_sorting(session, world, places, requests):
    r = requests
    extra_high = file(session, world.muhtar, "Yüksek öncelikli ek bir başvuru metni burada.",
                      when=NOW - 7 * DAY)  # fmt: skip
    extra_low = file(session, places.kuyulu_muhtar, "Düşük öncelikli ek bir başvuru metni burada.",
                     when=NOW - DAY)  # fmt: skip
    prioritise(session, world, extra_high, Priority.HIGH, when=NOW + timedelta(minutes=5))
    prioritise(session, world, extra_low, Priority.LOW, when=NOW + timedelta(minutes=1))
    r = {**r, "high": extra_high, "low": extra_low}

    def order(key: SortKey, descending: bool = True) -> list[str]:
        names = {request.id: name for name, request in r.items()}
        result = view(
            session=session,
            actor=world.central,
            filters=ViewFilters(province_id=95),
            sort=Sort(key, descending),
        )
        return [names[row.id] for row in result.rows]

    assert order(SortKey.CREATED_AT) == ["r5", "low", "r2", "high", "r1"]
    assert order(SortKey.CREATED_AT, descending=False) == ["r1", "high", "r2", "low", "r5"]
    assert order(SortKey.PRIORITY) == ["r2", "high", "r5", "r1", "low"]
    assert order(SortKey.PRIORITY, descending=False) == ["low", "r1", "r5", "high", "r2"]
    # Priorities were set at NOW (r2), NOW + 1 min (low) and NOW + 5 min (high).
    assert order(SortKey.UPDATED_AT) == ["high", "low", "r2", "r5", "r1"]
    assert order(SortKey.TRACKING_NO) == ["low", "high", "r5", "r2", "r1"]
    assert order(SortKey.TRACKING_NO, descending=False) == ["r1", "r2", "r5", "high", "low"]


def test_paging_and_totals(session, world, monkeypatch):
    made = [
        file(session, world.muhtar, f"Başvuru numarası {n} için yazılmış açıklama metni.",
             when=NOW - n * timedelta(minutes=1))
        for n in range(7)
    ]  # fmt: skip
    filters = ViewFilters(muhtarlik_id=world.muhtarlik.id)
    pages = [
        view(session=session, actor=world.central, filters=filters, page=n, page_size=3)
        for n in (1, 2, 3)
    ]
    assert [len(page.rows) for page in pages] == [3, 3, 1]
    assert [page.has_next for page in pages] == [True, True, False]
    assert {page.total for page in pages} == {7}
    seen = [row.id for page in pages for row in page.rows]
    assert seen == [request.id for request in made]  # newest first, none twice
    assert (
        view(session=session, actor=world.central, filters=filters, page=4, page_size=3).rows == []
    )

    monkeypatch.setattr(listing, "COUNT_CAP", 5)
    capped = view(session=session, actor=world.central, filters=filters, page_size=3)
    assert (capped.total, capped.total_capped, capped.has_next) == (5, True, True)

    for page, size in ((0, 10), (1, 0), (1, 101)):
        with pytest.raises(ValidationError):
            view(session=session, actor=world.central, page=page, page_size=size)


def test_a_unit_views_only_requests_routed_to_it_or_its_sub_units(session, world, requests):
    r4 = requests["r4"]
    result = view(session=session, actor=world.other_valilik)
    assert [row.id for row in result.rows] == [r4.id] and result.total == 1
    assert view(session=session, actor=world.valilik).total == 0
    filtered = view(session=session, actor=world.other_valilik, filters=ViewFilters(text="ışık"))
    assert [row.id for row in filtered.rows] == [r4.id]


def test_saved_filter_json_round_trip_and_checks():
    filters = ViewFilters(
        date_from=date(2026, 1, 1), priority=Priority.HIGH, province_id=6, text="yol"
    )
    data = filters.to_json()
    assert data == {"date_from": "2026-01-01", "priority": "high", "province_id": 6, "text": "yol"}
    assert ViewFilters.from_json(data) == filters
    bad = [
        {"colour": "red"},
        {"priority": "very"},
        {"date_from": "31.12.2026"},
        {"province_id": "altı"},
        {"province_id": True},
        {"text": 5},
        {"text": "ab"},
        {"date_from": "2026-02-01", "date_to": "2026-01-01"},
    ]
    for item in bad:
        with pytest.raises(ValidationError):
            ViewFilters.from_json(item)


# The muhtar's lists.


def _conclude(session, w: World, request: Request) -> None:
    [assignment] = route_request(
        session=session,
        actor=w.central,
        request_id=request.id,
        expected_version=request.version,
        targets=[RouteTarget(w.units["belediye"].id)],
    )
    complete_assignment(
        session=session,
        actor=w.belediye,
        assignment_id=assignment.id,
        expected_version=assignment.version,
        note="Yapıldı.",
        outcome=CompletionOutcome.POSITIVE,
    )
    conclude_request(
        session=session,
        actor=w.central,
        request_id=request.id,
        expected_version=session.get(Request, request.id).version,
        summary="Talebiniz yerine getirildi.",
    )


def test_muhtar_lists_newest_first_with_counts(session, world):
    texts = [f"Muhtarın {n}. başvurusu, ayrıntılı açıklama metni." for n in range(4)]
    made = [
        file(session, world.muhtar, text, when=NOW - (4 - n) * DAY) for n, text in enumerate(texts)
    ]
    _conclude(session, world, made[0])
    route_request(
        session=session,
        actor=world.central,
        request_id=made[1].id,
        expected_version=made[1].version,
        targets=[RouteTarget(world.units["valilik"].id)],
    )
    file(session, world.other_muhtar, "Başka muhtarlığın başvurusu, görülmemeli.")

    pending = muhtar_requests(session=session, actor=world.muhtar, status=RequestStatus.PENDING)
    assert [row.id for row in pending.rows] == [made[3].id, made[2].id]
    row = pending.rows[0]
    assert (row.tracking_no, row.type, row.excerpt) == (
        made[3].tracking_no,
        RequestType.SIKAYET,
        texts[3],
    )
    assert not hasattr(row, "priority")  # a muhtar never sees priorities
    routed = muhtar_requests(session=session, actor=world.muhtar, status=RequestStatus.ROUTED)
    assert [row.id for row in routed.rows] == [made[1].id]
    done = muhtar_requests(session=session, actor=world.muhtar, status=RequestStatus.CONCLUDED)
    assert [row.id for row in done.rows] == [made[0].id] and done.rows[0].concluded_at
    assert muhtar_counts(session=session, actor=world.muhtar) == {
        RequestStatus.PENDING: 2,
        RequestStatus.ROUTED: 1,
        RequestStatus.CONCLUDED: 1,
    }
    paged = muhtar_requests(
        session=session, actor=world.muhtar, status=RequestStatus.PENDING, page=2, page_size=1
    )
    assert [row.id for row in paged.rows] == [made[2].id] and paged.total == 2


def test_muhtar_sees_only_the_muhtarliks_requests_including_the_previous_muhtars(session, world):
    old = file(session, world.muhtar, "Önceki muhtarın yaptığı başvuru, hâlâ bekliyor.")
    file(session, world.other_muhtar, "Başka muhtarlığın başvurusu, görülmemeli.")
    previous = session.get(Muhtar, world.muhtar.muhtar_id)
    previous.term_end = date(2026, 1, 1)
    session.add(previous)
    successor = make_muhtar(session, world.muhtarlik, term_start=date(2026, 1, 2))
    actor = muhtar_actor(session, successor.id)
    rows = muhtar_requests(session=session, actor=actor, status=RequestStatus.PENDING).rows
    assert [row.id for row in rows] == [old.id]
    other = muhtar_requests(session=session, actor=world.other_muhtar, status=RequestStatus.PENDING)
    assert old.id not in {row.id for row in other.rows} and other.total == 1


def test_muhtar_lists_are_for_muhtars(session, world):
    with pytest.raises(PermissionDenied):
        muhtar_requests(session=session, actor=world.central, status=RequestStatus.PENDING)
    with pytest.raises(PermissionDenied):
        muhtar_counts(session=session, actor=world.belediye)


def test_the_total_of_a_search_of_several_words(session, world, places, requests):
    for text, province, expected in (
        ("çınar ışık", 95, 1),
        ("çınar caddesine yeni", 95, 1),
        ("ışık köy", 96, 2),
    ):
        filters = ViewFilters(text=text, province_id=province)
        result = view(session=session, actor=world.central, filters=filters)
        ids = {row.id for row in result.rows}
        assert result.total == len(ids) == expected, text
