"""A small crafted history for the statistics tests, made with the real commands at set
moments on the workflow world (tests/core/world.py). Every figure the tests expect is
worked out by hand in tests/core/test_stats_figures.py from the table below.

Turkey's time is UTC+3. "Now" is 22.11.2026 12:00 (09:00 UTC), so 15 days ago is
07.11, 16 days ago 06.11 and 31 days ago 22.10.

Each request: when it was filed (Turkey's time), its type and muhtarlık, and what
happened to it (hours after filing, or after the unit received it).

- A, 31.10 22:00, istek, Çınar (il 95): routed +5 h to Yayla Belediyesi, which finished
  positive 30 h after receiving; concluded at +74 h.
- B, 01.11 01:30 (31.10 22:30 UTC: another day and month in UTC), şikâyet, Çınar: routed
  +2 h to Deneme Valiliği, forwarded +1 h to its il müdürlüğü, which returned it 48 h
  later; the valilik finished negative (ödenek) 480 h after receiving; concluded +504 h.
- C, 10.11 10:00, istek, Işıklı (il 96): routed +1 h to Örnek Valiliği; open.
- D, 20.10 10:00, ihbar, Çınar: never routed.
- E, 01.10 01:00 (30.09 22:00 UTC), görüş ve öneri, Işıklı: routed +10 h to Örnek
  Valiliği, returned 24 h later; concluded unrouted at +288 h.
- F, 07.11 08:00, istek, Çınar: routed +1 h to Yayla Belediyesi; open, 15 days 4 hours
  old now (overdue).
- G, 07.11 20:00, istek, Çınar: never routed; 14 days 16 hours old now (not overdue).
- H, 05.10 10:00, şikâyet, Çınar: routed +1 h to Deneme Belediyesi, which finished
  negative (yetki dışı) 384 h after receiving; waits for SÜRECİ TAMAMLA.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from mbs.core import clock
from mbs.core.actors import StaffActor, staff_actor
from mbs.core.commands import (
    RouteTarget,
    complete_assignment,
    conclude_request,
    conclude_unrouted,
    file_request,
    forward_assignment,
    return_assignment,
    route_request,
)
from mbs.core.enums import CompletionOutcome, NegativeReason, RequestType
from mbs.core.models import Assignment, Request
from tests.builders import make_user
from tests.core.world import NOW, World

ISTANBUL_OFFSET = timedelta(hours=3)


def local(text: str) -> datetime:
    """ "2026-10-31 22:00" in Turkey's time as a UTC moment."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC) - ISTANBUL_OFFSET


@dataclass
class History:
    requests: dict[str, Request]
    assignments: dict[str, Assignment]
    belediye2: StaffActor  # a user of Deneme Belediyesi (the world has none)


class Acts:
    def __init__(self, session: Session, world: World) -> None:
        self.session, self.w = session, world
        user = make_user(session, world.units["belediye2"])
        assert user.id is not None
        self.belediye2 = staff_actor(session, user.id)

    def actor(self, name: str) -> StaffActor:
        return self.belediye2 if name == "belediye2" else getattr(self.w, name)

    def at(self, moment: datetime) -> None:
        clock.set_clock(lambda: moment)

    def file(self, when: datetime, kind: RequestType, other_place: bool = False) -> Request:
        self.at(when)
        muhtar = self.w.other_muhtar if other_place else self.w.muhtar
        return file_request(
            session=self.session,
            actor=muhtar,
            type=kind,
            description="İstatistik denemesi için yazılmış bir başvuru metni.",
        )

    def route(self, request: Request, when: datetime, unit: str) -> Assignment:
        self.at(when)
        [assignment] = route_request(
            session=self.session,
            actor=self.w.central,
            request_id=request.id,
            expected_version=request.version,
            targets=[RouteTarget(self.w.units[unit].id)],
        )
        return assignment

    def finish(
        self,
        assignment: Assignment,
        when: datetime,
        actor: str,
        outcome: CompletionOutcome = CompletionOutcome.POSITIVE,
        reason: NegativeReason | None = None,
    ) -> None:
        self.at(when)
        complete_assignment(
            session=self.session,
            actor=self.actor(actor),
            assignment_id=assignment.id,
            expected_version=assignment.version,
            note="İşlem yapıldı.",
            outcome=outcome,
            negative_reason=reason,
        )

    def give_back(self, assignment: Assignment, when: datetime, actor: str) -> None:
        self.at(when)
        return_assignment(
            session=self.session,
            actor=getattr(self.w, actor),
            assignment_id=assignment.id,
            expected_version=assignment.version,
            reason="Konu birimimizi ilgilendirmiyor.",
        )

    def conclude(self, request: Request, when: datetime, unrouted: bool = False) -> None:
        self.at(when)
        command = conclude_unrouted if unrouted else conclude_request
        text = "Başvurunuz değerlendirilerek sonuçlandırılmıştır."
        keyword = "explanation" if unrouted else "summary"
        command(
            session=self.session,
            actor=self.w.central,
            request_id=request.id,
            expected_version=request.version,
            **{keyword: text},
        )


def build_history(session: Session, world: World) -> History:
    """File and work the eight requests of the table above; the clock is left at NOW."""
    acts = Acts(session, world)
    h = timedelta(hours=1)
    r: dict[str, Request] = {}
    a: dict[str, Assignment] = {}
    try:
        r["E"] = acts.file(local("2026-10-01 01:00"), RequestType.GORUS_ONERI, other_place=True)
        a["E"] = acts.route(r["E"], local("2026-10-01 11:00"), "other_valilik")
        acts.give_back(a["E"], local("2026-10-02 11:00"), "other_valilik")
        acts.conclude(r["E"], local("2026-10-13 01:00"), unrouted=True)

        r["H"] = acts.file(local("2026-10-05 10:00"), RequestType.SIKAYET)
        a["H"] = acts.route(r["H"], local("2026-10-05 11:00"), "belediye2")
        acts.finish(
            a["H"],
            local("2026-10-05 11:00") + 384 * h,
            "belediye2",
            CompletionOutcome.NEGATIVE,
            NegativeReason.OUTSIDE_AUTHORITY,
        )

        r["D"] = acts.file(local("2026-10-20 10:00"), RequestType.IHBAR)

        r["A"] = acts.file(local("2026-10-31 22:00"), RequestType.ISTEK)
        a["A"] = acts.route(r["A"], local("2026-11-01 03:00"), "belediye")
        acts.finish(a["A"], local("2026-11-02 09:00"), "belediye")

        r["B"] = acts.file(local("2026-11-01 01:30"), RequestType.SIKAYET)
        a["B"] = acts.route(r["B"], local("2026-11-01 03:30"), "valilik")
        acts.at(local("2026-11-01 04:30"))
        [a["B-child"]] = forward_assignment(
            session=session,
            actor=world.valilik,
            assignment_id=a["B"].id,
            expected_version=a["B"].version,
            targets=[RouteTarget(world.units["il_mudurlugu"].id)],
        )
        acts.give_back(a["B-child"], local("2026-11-03 04:30"), "il_mudurlugu")
        acts.finish(
            a["B"],
            local("2026-11-21 03:30"),
            "valilik",
            CompletionOutcome.NEGATIVE,
            NegativeReason.NO_BUDGET,
        )

        r["F"] = acts.file(local("2026-11-07 08:00"), RequestType.ISTEK)
        a["F"] = acts.route(r["F"], local("2026-11-07 09:00"), "belediye")
        r["G"] = acts.file(local("2026-11-07 20:00"), RequestType.ISTEK)
        r["C"] = acts.file(local("2026-11-10 10:00"), RequestType.ISTEK, other_place=True)
        a["C"] = acts.route(r["C"], local("2026-11-10 11:00"), "other_valilik")
        acts.conclude(r["A"], local("2026-11-03 22:00") + 2 * h)  # 74 h after filing
        acts.conclude(r["B"], local("2026-11-22 01:30"))
    finally:
        clock.set_clock(lambda: NOW)
    return History(requests=r, assignments=a, belediye2=acts.belediye2)
