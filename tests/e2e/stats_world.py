"""Test data for the İş Zekası browser test, committed through the core commands to the
database the e2e app uses.

Two ils with their real plate codes (06 Ankara, 14 Bolu), so they are on the map:
Ankara has two ilçes (Çankaya, Keçiören) with a muhtarlık each, Bolu one. Requests of every type
are filed today (the clock is left alone: the statistics rollups assume it never runs
backwards), two routed to Çankaya Belediyesi and finished with an outcome, one
concluded. The other browser tests make ils numbered from 100, so these plate codes are
this world's alone.
"""

from dataclasses import dataclass

from sqlmodel import select

from mbs.core.actors import MuhtarActor, StaffActor, staff_actor
from mbs.core.commands import (
    RouteTarget,
    complete_assignment,
    conclude_request,
    file_request,
    route_request,
)
from mbs.core.db import transaction
from mbs.core.enums import (
    BelediyeKind,
    CompletionOutcome,
    NegativeReason,
    RequestType,
    UnitKind,
)
from mbs.core.models import Assignment, Request
from tests import builders

PASSWORD = builders.DEFAULT_PASSWORD
ANKARA, BOLU = 6, 14


@dataclass(frozen=True)
class StatsWorld:
    central_user: str  # a central-unit administrator
    valilik_user: str  # Ankara Valiliği
    ankara_total: int
    ankara_sikayet: int


def _file(muhtar: MuhtarActor, type: RequestType, text: str) -> Request:
    with transaction() as session:
        request = file_request(session=session, actor=muhtar, type=type, description=text)
        session.flush()
        return request


def _route(central: StaffActor, request: Request, unit_id: int) -> int:
    with transaction() as session:
        route_request(
            session=session,
            actor=central,
            request_id=request.id or 0,
            expected_version=request.version,
            targets=[RouteTarget(unit_id, "Değerlendirin.")],
        )
        session.flush()
        assignment = session.exec(
            select(Assignment).where(Assignment.request_id == request.id)
        ).one()
        return assignment.id or 0


def _finish(unit: StaffActor, assignment_id: int, negative: bool) -> None:
    with transaction() as session:
        assignment = session.get(Assignment, assignment_id)
        assert assignment is not None
        complete_assignment(
            session=session,
            actor=unit,
            assignment_id=assignment_id,
            expected_version=assignment.version,
            note="Ödenek yetersiz." if negative else "Yapıldı.",
            outcome=CompletionOutcome.NEGATIVE if negative else CompletionOutcome.POSITIVE,
            negative_reason=NegativeReason.NO_BUDGET if negative else None,
        )


def _conclude(central: StaffActor, request_id: int) -> None:
    with transaction() as session:
        request = session.get(Request, request_id)
        assert request is not None
        conclude_request(
            session=session,
            actor=central,
            request_id=request_id,
            expected_version=request.version,
            summary="Talebiniz karşılandı.",
        )


def build_stats_world() -> StatsWorld:
    with transaction() as session:
        ankara = builders.make_province(session, id=ANKARA, name="Ankara", is_metropolitan=True)
        bolu = builders.make_province(session, id=BOLU, name="Bolu")
        cankaya = builders.make_district(session, ankara, name="Çankaya")
        kecioren = builders.make_district(session, ankara, name="Keçiören")
        bolu_merkez = builders.make_district(session, bolu, name="Bolu Merkez")
        places = [
            builders.make_muhtarlik(session, cankaya, name="Kızılay"),
            builders.make_muhtarlik(session, kecioren, name="Ayvalı"),
            builders.make_muhtarlik(session, bolu_merkez, name="Karaçayır"),
        ]
        muhtars = [builders.make_muhtar(session, place) for place in places]
        central = builders.make_unit(session, UnitKind.MIGM, name="MİGM İstatistik")
        valilik = builders.make_unit(
            session, UnitKind.VALILIK, province_id=ANKARA, name="Ankara Valiliği"
        )
        belediye = builders.make_unit(
            session,
            UnitKind.BELEDIYE,
            province_id=ANKARA,
            district_id=cankaya.id,
            belediye_kind=BelediyeKind.ILCE,
            name="Çankaya Belediyesi",
        )
        central_user = builders.make_user(
            session, central, username="istatistik.migm", is_admin=True, full_name="İstatistik"
        )
        valilik_user = builders.make_user(session, valilik, username="istatistik.valilik")
        belediye_user = builders.make_user(session, belediye, username="istatistik.belediye")
        ids = (central_user.id, valilik_user.id, belediye_user.id, belediye.id)
        kizilay, ayvali, karacayir = (
            MuhtarActor(m.id or 0, p.id or 0) for m, p in zip(muhtars, places, strict=True)
        )
    central_id, _valilik_id, belediye_user_id, belediye_id = (int(i or 0) for i in ids)
    with transaction() as session:
        migm, cankaya_belediye = (
            staff_actor(session, central_id),
            staff_actor(session, belediye_user_id),
        )

    routed = [
        _file(kizilay, RequestType.ISTEK, "Parktaki aydınlatma yetersiz, direkler bozuk."),
        _file(kizilay, RequestType.ISTEK, "Okul önüne yaya geçidi çizilmesini istiyoruz."),
    ]
    first, second = (_route(migm, request, belediye_id) for request in routed)
    _finish(cankaya_belediye, first, negative=False)
    _finish(cankaya_belediye, second, negative=True)
    _conclude(migm, routed[0].id or 0)
    _file(kizilay, RequestType.ISTEK, "Mahalle yolunun asfaltı bozuldu.")
    _file(kizilay, RequestType.SIKAYET, "Çöpler iki haftadır toplanmıyor.")
    _file(kizilay, RequestType.ISTEK, "Sokak lambaları akşamları yanmıyor.")
    _file(kizilay, RequestType.GORUS_ONERI, "Muhtarlığa yeni bir bank konulabilir.")
    _file(ayvali, RequestType.IHBAR, "Boş arsada kaçak döküm yapılıyor.")
    _file(karacayir, RequestType.SIKAYET, "Köy yolunda çukurlar var.")
    _file(karacayir, RequestType.SIKAYET, "Su kesintileri haber verilmeden yapılıyor.")
    return StatsWorld(
        central_user="istatistik.migm",
        valilik_user="istatistik.valilik",
        ankara_total=7,
        ankara_sikayet=1,
    )
