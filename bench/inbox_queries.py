"""How fast the staff and muhtar lists answer with 1,000,000 requests in PostgreSQL.

    .venv/bin/python bench/inbox_queries.py                   # fill, measure, drop
    .venv/bin/python bench/inbox_queries.py --keep            # keep the database
    .venv/bin/python bench/inbox_queries.py --database NAME   # measure a kept one again
    .venv/bin/python bench/inbox_queries.py --requests 100000 --runs 50

A fresh database (random name) is created from MBS_BENCH_POSTGRES_URL (default
postgresql+psycopg://postgres@127.0.0.1:5432/test), migrated, loaded with the reference
data (all of Turkey), then filled with one muhtar per muhtarlık and term, one staff user
per unit, and the requests with their assignments and events, written with COPY: three
years of filings, weighted towards populous muhtarlıks; recent requests pending or
routed, older ones mostly concluded; belediyes, valiliks (half of them forwarding to
kaymakamlıks and il müdürlükleri), returns and re-routings as in life.

Each list is then called through mbs.core (warm, one session per call, as a screen
would) with varied parameters, and the time around the call is reported as p50 / p95.
Target: p95 ≤ 50 ms. Finally EXPLAIN ANALYZE of every statement the lists ran, and a
line "Seq Scan found in: ..." if any of them scans request, assignment or event.
"""

import argparse
import json
import math
import multiprocessing
import os
import random
import re
import secrets
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from mbs.core import clock, migrations
from mbs.core.actors import MuhtarActor, StaffActor
from mbs.core.commands.central_task import CENTRAL_TASK_SQL
from mbs.core.db import make_engine
from mbs.core.enums import CentralTask, Priority, RequestStatus, RequestType, UnitKind
from mbs.core.queries.inbox import completed, inbox
from mbs.core.queries.listing import Sort, SortKey
from mbs.core.queries.muhtar_lists import muhtar_counts, muhtar_requests
from mbs.core.queries.requests import request_detail
from mbs.core.queries.unit_pickers import routable_units
from mbs.core.queries.views import ViewFilters, view
from mbs.core.refdata import load_reference_data
from mbs.core.text import search_key

TARGET_MS = 50.0
DAY = 86400.0
YEARS = 3
TERM_START = datetime(2024, 4, 1, tzinfo=clock.ISTANBUL).timestamp()
CHUNK = 20_000


# ---------------------------------------------------------------- the database


@contextmanager
def bench_database(admin_url: str, existing: str | None, keep: bool) -> Iterator[str]:
    admin = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    name = existing or f"mbs_bench_inbox_{secrets.token_hex(4)}"
    if not existing:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        if keep or existing:
            print(f"\nDatabase kept: {name}")
        else:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# ---------------------------------------------------------------- the places and units


@dataclass
class World:
    provinces: dict[int, str]
    districts: dict[int, tuple[int, str]]
    muhtarliks: list[tuple[int, int, int, str, int]]  # id, district, province, name, pop
    unit_names: dict[int, str] = field(default_factory=dict)
    central: int = 0
    valilik: dict[int, int] = field(default_factory=dict)
    sub_units: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    kaymakamlik: dict[int, int] = field(default_factory=dict)
    ilce_belediye: dict[int, int] = field(default_factory=dict)
    belde: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    big_belediye: dict[int, int] = field(default_factory=dict)  # büyükşehir or il
    metropolitan: set[int] = field(default_factory=set)
    users: dict[int, int] = field(default_factory=dict)  # unit → its staff user
    central_users: list[int] = field(default_factory=list)
    muhtars: dict[tuple[int, bool], int] = field(default_factory=dict)  # (muhtarlık, current)


def read_world(engine: Engine) -> World:
    with engine.connect() as connection:
        world = World(
            provinces=dict(connection.execute(text("SELECT id, name FROM province")).all()),
            districts={
                row[0]: (row[1], row[2])
                for row in connection.execute(text("SELECT id, province_id, name FROM district"))
            },
            muhtarliks=[
                (row[0], row[1], row[2], row[3], row[4] or 100)
                for row in connection.execute(
                    text(
                        "SELECT id, district_id, province_id, name, population FROM muhtarlik "
                        "ORDER BY id"
                    )
                )
            ],
        )
        world.metropolitan = {
            row[0]
            for row in connection.execute(text("SELECT id FROM province WHERE is_metropolitan"))
        }
        units = connection.execute(
            text("SELECT id, kind, belediye_kind, name, province_id, district_id FROM unit")
        )
        for unit_id, kind, belediye_kind, name, province, district in units:
            world.unit_names[unit_id] = name
            if kind == UnitKind.MIGM:
                world.central = unit_id
            elif kind == UnitKind.VALILIK:
                world.valilik[province] = unit_id
            elif kind in (UnitKind.IL_MUDURLUGU, UnitKind.IL_OZEL_IDARESI):
                world.sub_units[province].append(unit_id)
            elif kind == UnitKind.KAYMAKAMLIK:
                world.kaymakamlik[district] = unit_id
            elif belediye_kind == "ilce":
                world.ilce_belediye[district] = unit_id
            elif belediye_kind == "belde":
                world.belde[district].append(unit_id)
            else:
                world.big_belediye[province] = unit_id
    return world


def create_people(engine: Engine, world: World, now: datetime) -> None:
    """One staff user per unit (five for the central unit); a muhtar per muhtarlık for
    the current term and one for the term before. The TCKNs start with "x": no real
    person's number can turn up in a benchmark database."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        with cursor.copy(
            "COPY staff_user (username, full_name, password_hash, unit_id, is_admin, "
            "is_active, failed_logins, created_at) FROM STDIN"
        ) as copy:
            units = sorted(world.unit_names) + [world.central] * 4
            for n, unit_id in enumerate(units):
                copy.write_row((f"u{n}", f"Kullanıcı {n}", "x", unit_id, False, True, 0, now))
        terms = ((date(2024, 4, 1), date(2029, 3, 31)), (date(2019, 4, 1), date(2024, 3, 31)))
        with cursor.copy(
            "COPY muhtar (tckn, first_name, last_name, phone, muhtarlik_id, term_start, "
            "term_end) FROM STDIN"
        ) as copy:
            for n, (muhtarlik_id, *_rest) in enumerate(world.muhtarliks):
                for k, (start, end) in enumerate(terms):
                    number = 2 * n + k
                    copy.write_row(
                        (f"x{number:010d}", "Ayşe", "Yılmaz", f"905{number:09d}", muhtarlik_id,
                         start, end)
                    )  # fmt: skip
        raw.commit()
    finally:
        raw.close()


def read_people(engine: Engine, world: World) -> None:
    """The staff user of each unit and the muhtar of each muhtarlık and term."""
    with engine.connect() as connection:
        users = connection.execute(text("SELECT id, unit_id FROM staff_user ORDER BY id"))
        for user_id, unit_id in users:
            if unit_id == world.central:
                world.central_users.append(user_id)
            world.users.setdefault(unit_id, user_id)
        muhtars = connection.execute(text("SELECT id, muhtarlik_id, term_start FROM muhtar"))
        for muhtar_id, muhtarlik_id, term_start in muhtars:
            world.muhtars[(muhtarlik_id, term_start.year == 2024)] = muhtar_id


# ---------------------------------------------------------------- the requests

SUBJECTS = [
    "Mahallemizdeki park",
    "Köy yolu",
    "Okulun önündeki kaldırım",
    "Sokak lambaları",
    "İçme suyu şebekesi",
    "Kanalizasyon hattı",
    "Çöp konteynerleri",
    "Cami önündeki meydan",
    "Sağlık ocağının bahçesi",
    "Muhtarlık binasının çatısı",
    "Dere üzerindeki köprü",
    "Otobüs durağı",
    "Yağmur suyu kanalı",
    "Semt pazarı alanı",
    "Spor sahası",
    "Mezarlık yolu",
    "Ilıca caddesi",
    "Çeşme başı",
    "İlkokul bahçesi",
    "Trafo binası",
    "Köy konağı",
    "Sulama kanalı",
    "Kavşaktaki trafik ışığı",
    "Çocuk oyun alanı",
]
PROBLEMS = [
    "uzun süredir bakımsız durumda",
    "arızalı ve aylardır tamir edilmedi",
    "kış aylarında kullanılamıyor",
    "çocuklar için tehlike oluşturuyor",
    "ihtiyaca yetersiz kalıyor",
    "yağmurlarda su baskınına neden oluyor",
    "geceleri karanlık kalıyor",
    "çökme tehlikesi taşıyor",
    "kötü koku yayıyor",
    "yaşlı vatandaşlarımızın geçişini zorlaştırıyor",
    "sürekli tıkanıyor",
    "başıboş köpekler nedeniyle kullanılamıyor",
]
ASKS = [
    "Gerekli çalışmanın yapılmasını talep ediyoruz.",
    "İlgili birimlerin yerinde inceleme yapmasını rica ederiz.",
    "Konunun acilen değerlendirilmesini arz ederiz.",
    "Mahalle sakinleri adına bilgilerinize sunarız.",
    "Bu konuda bir öneri olarak düşüncemizi iletiyoruz.",
    "Önceki başvurumuza rağmen sorun devam etmektedir.",
]
STREETS = ["Atatürk", "Cumhuriyet", "İstiklal", "Gül", "Çınar", "Şehitler", "Ihlamur", "Okul"]
TYPES = (
    [RequestType.SIKAYET] * 35
    + [RequestType.ISTEK] * 40
    + [RequestType.IHBAR] * 10
    + [RequestType.GORUS_ONERI] * 15
)
PRIORITIES = (
    [Priority.NORMAL] * 70 + [Priority.HIGH] * 15 + [Priority.LOW] * 8 + [Priority.URGENT] * 7
)


def describe(rng: random.Random) -> str:
    text = f"{rng.choice(SUBJECTS)} {rng.choice(PROBLEMS)}. {rng.choice(ASKS)}"
    if rng.random() < 0.5:
        text += f" Adres: {rng.choice(STREETS)} Sokak No: {rng.randint(1, 120)}."
    if rng.random() < 0.3:
        text += f" {rng.choice(SUBJECTS)} da {rng.choice(PROBLEMS)}."
    return text


_DAYS: dict[int, str] = {}


def stamp(ts: float) -> str:
    """A UTC timestamp for COPY, to the second (faster than datetime.isoformat)."""
    day, second = divmod(int(ts), 86400)
    if day not in _DAYS:
        _DAYS[day] = datetime.fromtimestamp(day * 86400, UTC).strftime("%Y-%m-%d")
    return f"{_DAYS[day]} {second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}+00"


def line(*fields: Any) -> str:
    """One COPY line. The generated texts hold no tab, newline or backslash, so only
    NULLs need writing out."""
    return "\t".join("\\N" if value is None else str(value) for value in fields)


REQUEST_COLUMNS = (
    "id, tracking_no, muhtarlik_id, province_id, district_id, muhtar_id, type, description, "
    "status, priority, version, summary, created_at, updated_at, routed_at, concluded_at, "
    "search_text, central_task"
)
ASSIGNMENT_COLUMNS = (
    "id, request_id, unit_id, parent_id, status, version, routing_note, completion_note, "
    "return_reason, assigned_by_user_id, finished_by_user_id, created_at, taken_at, "
    "forwarded_at, finished_at, returned_at"
)
EVENT_COLUMNS = (
    "id, kind, request_id, assignment_id, actor_user_id, actor_muhtar_id, unit_id, note, "
    "data, created_at"
)


COLUMNS = (REQUEST_COLUMNS, ASSIGNMENT_COLUMNS, EVENT_COLUMNS)
CLOSED = ("finished", "returned")
# (younger than so many days, share pending, share routed); the rest is concluded.
STATUS_BY_AGE = (
    (2, 0.85, 0.15),
    (10, 0.08, 0.92),
    (45, 0.01, 0.6),
    (120, 0.003, 0.1),
    (math.inf, 0.003, 0.015),
)


class Filler:
    """Builds the rows of each request's life (assignments, events) as COPY text."""

    def __init__(self, world: World, now: float, seed: int = 7) -> None:
        self.world, self.now, self.rng = world, now, random.Random(seed)
        self.assignment_id = 0
        self.event_id = 0
        self.requests: list[str] = []
        self.assignments: list[str] = []
        self.events: list[str] = []
        self.valiliks = set(world.valilik.values())
        kaymakamliks: dict[int, list[int]] = defaultdict(list)
        for district, unit in world.kaymakamlik.items():
            kaymakamliks[world.districts[district][0]].append(unit)
        self.forward_to = {
            unit: world.sub_units[province] + kaymakamliks[province]
            for province, unit in world.valilik.items()
        }

    def take(self) -> tuple[str, str, str]:
        """The rows built so far, as three COPY blocks."""
        block = tuple(
            "".join(line + "\n" for line in rows)
            for rows in (self.requests, self.assignments, self.events)
        )
        self.requests, self.assignments, self.events = [], [], []
        return block  # type: ignore[return-value]

    def clamp(self, moment: float) -> float:
        return min(moment, self.now - 60)

    def event(
        self,
        kind: str,
        request_id: int,
        at: float,
        *,
        assignment: int | None = None,
        user: int | None = None,
        muhtar: int | None = None,
        unit: int | None = None,
        note: str | None = None,
        data: dict | None = None,
    ) -> None:
        self.event_id += 1
        fields = (
            self.event_id,
            kind,
            request_id,
            assignment,
            user,
            muhtar,
            unit,
            note,
            json.dumps(data, ensure_ascii=False) if data else "{}",
            stamp(self.clamp(at)),
        )
        self.events.append(line(*fields))

    def central(self, state: dict, request_id: int, at: float, kind: str, **extra: Any) -> None:
        """An action of the central unit: one version, one event."""
        state["version"] += 1
        state["updated"] = max(state["updated"], self.clamp(at))
        user = self.rng.choice(self.world.central_users)
        self.event(kind, request_id, at, user=user, unit=self.world.central, **extra)

    def request(self, request_id: int, tracking_no: str, place: tuple, created: float) -> None:
        rng, world = self.rng, self.world
        muhtarlik_id, district_id, province_id, place_name, _ = place
        muhtar = world.muhtars[(muhtarlik_id, created >= TERM_START)]
        kind, description = rng.choice(TYPES), describe(rng)
        status = self.status_for((self.now - created) / DAY)
        self.event(
            "filed", request_id, created, muhtar=muhtar, data={"type": kind.value, "files": 0}
        )
        state: dict[str, Any] = {"version": 1, "updated": created, "priority": Priority.NORMAL}
        routed_at = concluded_at = summary = None
        task: CentralTask | None = CentralTask.ROUTE
        if status is RequestStatus.PENDING:
            if rng.random() < 0.1:
                old, state["priority"] = state["priority"], rng.choice(PRIORITIES)
                self.central(
                    state,
                    request_id,
                    created + 600,
                    "priority_set",
                    data={"from": old.value, "to": state["priority"].value},
                )
        else:
            routed_at = self.clamp(
                created + min(rng.uniform(0.05, 3) * DAY, (self.now - created) * 0.3)
            )
            state["priority"] = rng.choice(PRIORITIES)
            task = self.routing(state, request_id, place, routed_at, status)
        if status is RequestStatus.CONCLUDED:
            concluded_at = self.clamp(state["updated"] + rng.uniform(0.05, 2) * DAY)
            summary = "Başvurunuz ilgili birimlerce sonuçlandırılmıştır."
            self.central(state, request_id, concluded_at, "concluded", note=summary)
        searched = search_key(
            tracking_no,
            place_name,
            world.districts[district_id][1],
            world.provinces[province_id],
            description,
        )
        fields = (
            request_id,
            tracking_no,
            muhtarlik_id,
            province_id,
            district_id,
            muhtar,
            kind.value,
            description,
            status.value,
            state["priority"].value,
            state["version"],
            summary,
            stamp(created),
            stamp(state["updated"]),
            routed_at and stamp(routed_at),
            concluded_at and stamp(concluded_at),
            searched,
            task and task.value,
        )
        self.requests.append(line(*fields))

    def status_for(self, age: float) -> RequestStatus:
        """Recent requests wait or are being worked on; old ones are mostly closed."""
        pending, routed = next(mix for days, *mix in STATUS_BY_AGE if age < days)
        r = self.rng.random()
        if r < pending:
            return RequestStatus.PENDING
        return RequestStatus.ROUTED if r < pending + routed else RequestStatus.CONCLUDED

    def targets(self, place: tuple) -> list[int]:
        """Half to the belediye, a third to the valilik, some to both or two belediyes."""
        rng, world = self.rng, self.world
        _, district_id, province_id, _, _ = place
        big = world.big_belediye[province_id]
        own = world.ilce_belediye.get(district_id) or big
        if world.belde.get(district_id) and rng.random() < 0.15:
            own = rng.choice(world.belde[district_id])
        elif province_id in world.metropolitan and rng.random() < 0.3:
            own = big
        valilik, r = world.valilik[province_id], rng.random()
        if r < 0.5:
            return [own]
        if r < 0.8:
            return [valilik]
        if r < 0.95:
            return [valilik, own]
        return [own, big] if big != own else [own]

    def outcomes(self, status: RequestStatus, count: int) -> tuple[list[str], bool]:
        """What became of each top-level assignment, and whether MİGM routed again."""
        rng, rest = self.rng, count - 1
        if status is RequestStatus.CONCLUDED:
            outcomes = ["finished" if rng.random() < 0.95 else "returned" for _ in range(count)]
            return outcomes, "finished" not in outcomes
        # A routed request waits for MİGM only briefly: after the last unit closed its
        # part (SÜRECİ TAMAMLA), or after a return (route elsewhere).
        stage = rng.random()
        if stage < 0.86:  # being worked on
            return ["open"] + [rng.choice(["finished", "open", "open"]) for _ in range(rest)], False
        if stage < 0.92:  # every unit closed its part: waits for SÜRECİ TAMAMLA
            return ["finished"] + [rng.choice(CLOSED) for _ in range(rest)], False
        if stage < 0.94:  # a unit returned it, others still work: waits for re-routing
            return ["returned"] + ["open"] * rest, False
        if stage < 0.95:  # every unit returned it
            return ["returned"] * count, False
        return ["returned"] + ["open"] * rest, True  # returned, and routed elsewhere since

    def routing(
        self, state: dict, request_id: int, place: tuple, at: float, status: RequestStatus
    ) -> CentralTask | None:
        """Route the request and play its units' work; returns its `central_task` (the
        rule of mbs/core/commands/central_task.py for the outcomes drawn here)."""
        rng, world = self.rng, self.world
        units = self.targets(place)
        if status is RequestStatus.CONCLUDED:
            end = self.clamp(min(at + rng.uniform(2, 40) * DAY, self.now - rng.uniform(0, 3) * DAY))
        else:
            end = self.now - 60
        end = max(end, at + 120)
        outcomes, rerouted = self.outcomes(status, len(units))
        state["version"] += 1  # one routing action for all units
        state["updated"] = at
        user = rng.choice(world.central_users)
        closes = []
        for unit, outcome in zip(units, outcomes, strict=True):
            self.assignment_id += 1
            data = {"unit_id": unit, "unit_name": world.unit_names[unit]}
            self.event(
                "routed",
                request_id,
                at,
                assignment=self.assignment_id,
                user=user,
                unit=world.central,
                data=data,
            )
            closes.append(
                self.work(state, request_id, self.assignment_id, unit, None, outcome, at, end)
            )
        if rerouted:
            when = self.clamp(max(closes) + 600)
            province = place[2]
            unit = (
                world.valilik[province]
                if units[0] != world.valilik[province]
                else world.big_belediye[province]
            )
            self.assignment_id += 1
            self.central(
                state,
                request_id,
                when,
                "units_added",
                assignment=self.assignment_id,
                data={"unit_id": unit, "unit_name": world.unit_names[unit]},
            )
            outcome = "finished" if status is RequestStatus.CONCLUDED else "open"
            self.work(
                state,
                request_id,
                self.assignment_id,
                unit,
                None,
                outcome,
                when,
                max(end, when + 600),
            )
        if status is not RequestStatus.ROUTED:
            return None
        if "open" not in outcomes and not rerouted:
            return CentralTask.CONCLUDE if "finished" in outcomes else CentralTask.REROUTE
        # Routed at one moment, returned later: a return waits unless routed elsewhere since.
        return CentralTask.REROUTE if "returned" in outcomes and not rerouted else None

    def work(
        self,
        state: dict,
        request_id: int,
        assignment_id: int,
        unit: int,
        parent: int | None,
        outcome: str,
        start: float,
        end: float,
    ) -> float:
        """One assignment from `start`: closed ("finished"/"returned") before `end`, or
        left open; a valilik forwards half of its own. Returns when it closed."""
        rng, world = self.rng, self.world
        user, version, status, note = world.users[unit], 1, "new", None
        times: dict[str, float | None] = dict.fromkeys(
            ("taken", "forwarded", "finished", "returned")
        )
        t = start + (end - start) * rng.uniform(0.05, 0.3)
        if unit in self.valiliks and rng.random() < 0.55:
            times["forwarded"], status, version = t, "forwarded", version + 1
            state["version"] += 1
            subs = self.forward_to[unit]
            child_end = t + (end - t) * 0.7
            closes = [t]
            for sub in rng.sample(subs, k=1 if rng.random() < 0.8 else 2):
                child = (
                    "open"
                    if outcome == "open" and rng.random() < 0.6
                    else ("finished" if rng.random() < 0.9 else "returned")
                )
                self.assignment_id += 1
                self.event(
                    "forwarded",
                    request_id,
                    t,
                    assignment=self.assignment_id,
                    user=user,
                    unit=unit,
                    data={
                        "unit_id": sub,
                        "unit_name": world.unit_names[sub],
                        "parent_id": assignment_id,
                    },
                )
                closes.append(
                    self.work(
                        state,
                        request_id,
                        self.assignment_id,
                        sub,
                        assignment_id,
                        child,
                        t,
                        child_end,
                    )
                )
            t = max(closes) + 60
        elif outcome != "open" or rng.random() < 0.6:
            times["taken"], status, version = t, "taken", version + 1
            state["version"] += 1
            self.event("taken_on", request_id, t, assignment=assignment_id, user=user, unit=unit)
            t += (end - t) * rng.uniform(0.1, 0.6)
        if outcome in CLOSED:
            t = min(max(t, start + 60), max(end, start + 120))
            times[outcome], status, version = t, outcome, version + 1
            state["version"] += 1
            note = (
                "Gerekli çalışma yapılmış, sorun giderilmiştir."
                if outcome == "finished"
                else "Görev alanımız dışındadır."
            )
            self.event(
                "completed" if outcome == "finished" else "returned",
                request_id,
                t,
                assignment=assignment_id,
                user=user,
                unit=unit,
                note=note,
                data={"unit_name": world.unit_names[unit]},
            )
        times = {key: value and self.clamp(value) for key, value in times.items()}
        state["updated"] = max([state["updated"], *(value for value in times.values() if value)])
        fields = (
            assignment_id,
            request_id,
            unit,
            parent,
            status,
            version,
            None,
            note if outcome == "finished" else None,
            note if outcome == "returned" else None,
            world.central_users[0],
            user if outcome == "finished" else None,
            stamp(self.clamp(start)),
            *(value and stamp(value) for value in times.values()),
        )
        self.assignments.append(line(*fields))
        return t


def tracking_numbers(created: list[float]) -> list[str]:
    """Per year in Turkey's time, in filing order."""
    counters: dict[int, int] = defaultdict(int)
    numbers = []
    for moment in created:
        year = datetime.fromtimestamp(moment, clock.ISTANBUL).year
        counters[year] += 1
        numbers.append(f"{year}-{counters[year]:06d}")
    return numbers


WORKERS = 2
# Each writer numbers its assignments and events from its own block, so the two never
# collide (the gaps in the ids are harmless).
ID_BLOCK = {"assignment": 200_000_000, "event": 800_000_000}


def write_part(url: str, world: World, now: float, part: int, rows: list[tuple]) -> None:
    """One writer process: build its requests' rows and COPY them (three streams)."""
    engine = make_engine(url)
    filler = Filler(world, now, seed=part)
    filler.assignment_id = part * ID_BLOCK["assignment"]
    with engine.connect() as connection:  # the reference data load left an audit event
        last = connection.execute(text("SELECT coalesce(max(id), 0) FROM event")).scalar_one()
    filler.event_id = part * ID_BLOCK["event"] + last
    tables = ("request", "assignment", "event")
    raws = [engine.raw_connection() for _ in tables]
    try:
        copies = []
        for raw, table, names in zip(raws, tables, COLUMNS, strict=True):
            cursor = raw.cursor()
            # Foreign keys are not checked row by row: the rows are built consistent.
            cursor.execute("SET session_replication_role = replica")
            copies.append(cursor.copy(f"COPY {table} ({names}) FROM STDIN"))
        writers = [copy.__enter__() for copy in copies]
        for first in range(0, len(rows), CHUNK):
            for row in rows[first : first + CHUNK]:
                filler.request(*row)
            for writer, block in zip(writers, filler.take(), strict=True):
                writer.write(block)
            if part == 0:
                done = min(first + CHUNK, len(rows)) * WORKERS
                print(f"\r  ~{done:,} requests", end="", flush=True)
        for copy in copies:
            copy.__exit__(None, None, None)
        for raw in raws:
            raw.commit()
    finally:
        for raw in raws:
            raw.close()
        engine.dispose()


def fill(engine: Engine, url: str, world: World, count: int, now: float) -> None:
    """Write `count` requests with COPY from two processes, the indexes of the three
    tables dropped first and built again afterwards (much faster than keeping them up
    to date row by row)."""
    rng = random.Random(11)
    start = now - YEARS * 365 * DAY
    created = sorted(rng.uniform(start, now - 600) for _ in range(count))
    numbers = tracking_numbers(created)
    weights = list(
        itertools_accumulate(math.sqrt(population) for *_, population in world.muhtarliks)
    )
    places = rng.choices(world.muhtarliks, cum_weights=weights, k=count)
    rows = [(n + 1, numbers[n], places[n], created[n]) for n in range(count)]
    indexes = drop_indexes(engine)
    started = time.perf_counter()
    context = multiprocessing.get_context("fork")
    size = math.ceil(count / WORKERS)
    writers = [
        context.Process(
            target=write_part, args=(url, world, now, part, rows[part * size : (part + 1) * size])
        )
        for part in range(WORKERS)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
        if writer.exitcode != 0:
            raise SystemExit("A writer failed.")
    with engine.connect() as connection:
        assignments = connection.execute(text("SELECT count(*) FROM assignment")).scalar_one()
        events = connection.execute(text("SELECT count(*) FROM event")).scalar_one()
    print(
        f"\r  {count:,} requests, {assignments:,} assignments, {events:,} events "
        f"written in {time.perf_counter() - started:.0f} s"
    )
    started = time.perf_counter()
    build_indexes(engine, indexes)
    with engine.connect() as connection:
        wrong = connection.execute(
            text(
                "SELECT count(*) FROM request WHERE status IN ('pending', 'routed') "
                f"AND central_task IS DISTINCT FROM ({CENTRAL_TASK_SQL})"
            )
        ).scalar_one()
    if wrong:
        raise SystemExit(f"{wrong} requests have a central_task the rule does not give.")
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        for table in ("request", "assignment", "event"):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            )
        years: dict[int, int] = defaultdict(int)
        for number in numbers:
            years[int(number[:4])] = int(number[5:])
        for year, last in years.items():
            connection.execute(
                text("INSERT INTO tracking_counter (year, last) VALUES (:year, :last)"),
                {"year": year, "last": last},
            )
    print(
        f"  {len(indexes)} indexes built, VACUUM ANALYZE in {time.perf_counter() - started:.0f} s"
    )


def drop_indexes(engine: Engine) -> list[tuple[str, str]]:
    """Drop the indexes of request, assignment and event (not the constraints'), and
    return their definitions."""
    with engine.begin() as connection:
        indexes = connection.execute(
            text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(:tables) "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
            ),
            {"tables": ["request", "assignment", "event"]},
        ).all()
        for name, _ in indexes:
            connection.execute(text(f'DROP INDEX "{name}"'))
    return [(name, definition) for name, definition in indexes]


def build_indexes(engine: Engine, indexes: list[tuple[str, str]]) -> None:
    """Build the indexes again on two connections (the trigram index alone takes as
    long as the rest), then VACUUM ANALYZE the three tables."""

    def run(statements: list[str]) -> None:
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.execute(text("SET maintenance_work_mem = '512MB'"))
            for statement in statements:
                connection.execute(text(statement))

    slow = [definition for _, definition in indexes if "gin" in definition]
    rest = [definition for _, definition in indexes if "gin" not in definition]
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(run, [slow, rest]))
    with ThreadPoolExecutor(2) as pool:
        list(
            pool.map(
                run,
                [
                    ["VACUUM ANALYZE event"],
                    ["VACUUM ANALYZE request", "VACUUM ANALYZE assignment", "ANALYZE"],
                ],
            )
        )


def itertools_accumulate(values: Iterator[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def describe_data(engine: Engine) -> None:
    with engine.connect() as connection:
        statuses = connection.execute(
            text("SELECT status, count(*) FROM request GROUP BY status ORDER BY status")
        ).all()
        print("  requests: " + ", ".join(f"{status} {count:,}" for status, count in statuses))
        statuses = connection.execute(
            text("SELECT status, count(*) FROM assignment GROUP BY status ORDER BY status")
        ).all()
        print("  assignments: " + ", ".join(f"{status} {count:,}" for status, count in statuses))
        busiest = connection.execute(
            text(
                "SELECT u.name, count(*) FROM assignment a JOIN unit u ON u.id = a.unit_id "
                "GROUP BY u.name ORDER BY 2 DESC LIMIT 3"
            )
        ).all()
        print("  busiest units: " + ", ".join(f"{name} {count:,}" for name, count in busiest))
        size = connection.execute(
            text("SELECT pg_size_pretty(pg_database_size(current_database()))")
        )
        print(f"  database size: {size.scalar_one()}")


# ---------------------------------------------------------------- measuring


@dataclass
class Samples:
    """What the scenarios draw their parameters from."""

    valiliks: list[StaffActor]
    busiest: list[StaffActor]
    sub_units: list[StaffActor]
    belediyes: list[StaffActor]
    central: list[StaffActor]
    muhtars: list[MuhtarActor]
    request_ids: list[int]
    rare_words: list[str]
    common_words: list[str]
    provinces: list[int]


def samples(engine: Engine, world: World, rng: random.Random) -> Samples:
    def actor(unit: int, kind: UnitKind, province: int | None) -> StaffActor:
        return StaffActor(world.users[unit], unit, kind, province)

    with engine.connect() as connection:
        busiest = connection.execute(
            text(
                "SELECT a.unit_id, u.kind, u.province_id FROM assignment a "
                "JOIN unit u ON u.id = a.unit_id GROUP BY 1, 2, 3 ORDER BY count(*) DESC LIMIT 10"
            )
        ).all()
        sub_units = connection.execute(
            text(
                "SELECT id, kind, province_id FROM unit WHERE parent_id IS NOT NULL "
                "ORDER BY random() LIMIT 200"
            )
        ).all()
        belediyes = connection.execute(
            text(
                "SELECT id, kind, province_id FROM unit WHERE kind = 'belediye' "
                "ORDER BY random() LIMIT 200"
            )
        ).all()
        top = connection.execute(text("SELECT max(id) FROM request")).scalar_one()
        numbers = (
            connection.execute(
                text("SELECT tracking_no FROM request TABLESAMPLE SYSTEM (1) LIMIT 100")
            )
            .scalars()
            .all()
        )
    places = rng.sample(world.muhtarliks, 2000)
    return Samples(
        valiliks=[actor(u, UnitKind.VALILIK, p) for p, u in world.valilik.items()],
        busiest=[actor(u, UnitKind(k), p) for u, k, p in busiest],
        sub_units=[actor(u, UnitKind(k), p) for u, k, p in sub_units],
        belediyes=[actor(u, UnitKind(k), p) for u, k, p in belediyes],
        central=[actor(world.central, UnitKind.MIGM, None)],
        muhtars=[MuhtarActor(world.muhtars[(m[0], True)], m[0]) for m in places],
        request_ids=[rng.randint(1, top) for _ in range(2000)],
        rare_words=[m[3] for m in places[:200]] + list(numbers) + ["ıhlamur", "trafo", "ılıca"],
        common_words=["yolu", "kanal", "bakımsız", "çocuk", "sokak lambaları", "ışığı", "köprü"],
        provinces=sorted(world.provinces),
    )


SORTS = [
    Sort(SortKey.PRIORITY),
    Sort(SortKey.CREATED_AT),
    Sort(SortKey.CREATED_AT, False),
    Sort(SortKey.UPDATED_AT),
    Sort(SortKey.TRACKING_NO),
]


def scenarios(s: Samples, now: datetime) -> dict[str, Callable[[Session, random.Random], Any]]:
    central = s.central[0]
    today = now.astimezone(clock.ISTANBUL).date()

    def window(rng: random.Random) -> tuple[date, date]:
        start = today.toordinal() - rng.randint(30, 700)
        return date.fromordinal(start), date.fromordinal(start + rng.randint(30, 90))

    def filtered_view(session: Session, rng: random.Random) -> Any:
        date_from, date_to = window(rng)
        filters = ViewFilters(
            province_id=rng.choice(s.provinces),
            type=rng.choice(TYPES),
            date_from=date_from,
            date_to=date_to,
        )
        return view(session=session, actor=central, filters=filters, sort=rng.choice(SORTS))

    def muhtar(session: Session, rng: random.Random) -> Any:
        actor = rng.choice(s.muhtars)
        muhtar_counts(session=session, actor=actor)
        return muhtar_requests(session=session, actor=actor, status=rng.choice(list(RequestStatus)))

    def detail(session: Session, rng: random.Random) -> Any:
        return request_detail(session=session, actor=central, request_id=rng.choice(s.request_ids))

    return {
        "central inbox, first page": lambda session, rng: inbox(
            session=session,
            actor=central,
            sort=rng.choice(SORTS),
            status=rng.choice([None, None, RequestStatus.PENDING, RequestStatus.ROUTED]),
        ),
        "central inbox, page 5": lambda session, rng: inbox(
            session=session, actor=central, page=5, sort=rng.choice(SORTS)
        ),
        "central Tamamlanan": lambda session, rng: completed(session=session, actor=central),
        "valilik inbox": lambda session, rng: inbox(
            session=session, actor=rng.choice(s.valiliks), sort=rng.choice(SORTS)
        ),
        "valilik Tamamlanan": lambda session, rng: completed(
            session=session, actor=rng.choice(s.valiliks)
        ),
        "sub-unit inbox": lambda session, rng: inbox(
            session=session, actor=rng.choice(s.sub_units)
        ),
        "belediye inbox": lambda session, rng: inbox(
            session=session, actor=rng.choice(s.belediyes)
        ),
        "busiest units: inbox": lambda session, rng: inbox(
            session=session, actor=rng.choice(s.busiest), sort=rng.choice(SORTS)
        ),
        "busiest units: Tamamlanan": lambda session, rng: completed(
            session=session, actor=rng.choice(s.busiest)
        ),
        "Görünüm, central, no filter": lambda session, rng: view(
            session=session, actor=central, sort=rng.choice(SORTS)
        ),
        "Görünüm, il + type + dates": filtered_view,
        "Görünüm, free text (rare)": lambda session, rng: view(
            session=session, actor=central, filters=ViewFilters(text=rng.choice(s.rare_words))
        ),
        "Görünüm, free text (common)": lambda session, rng: view(
            session=session, actor=central, filters=ViewFilters(text=rng.choice(s.common_words))
        ),
        "Görünüm, valilik, no filter": lambda session, rng: view(
            session=session, actor=rng.choice(s.valiliks), sort=rng.choice(SORTS)
        ),
        "Görünüm, valilik, status": lambda session, rng: view(
            session=session,
            actor=rng.choice(s.valiliks),
            filters=ViewFilters(status=rng.choice(list(RequestStatus))),
        ),
        "muhtar lists + counts": muhtar,
        "request screen (detail)": detail,
        "unit picker (routing)": lambda session, rng: routable_units(
            session=session,
            actor=central,
            request_id=rng.choice(s.request_ids),
            query=rng.choice(["", "ankara", "izmir bel", "çankırı", "valiliği"]),
        ),
    }


def measure(engine: Engine, name: str, call: Callable, runs: int) -> list[float]:
    rng = random.Random(name)
    timings = []
    for n in range(runs + 10):
        with Session(engine) as session:
            started = time.perf_counter()
            call(session, rng)
            elapsed = (time.perf_counter() - started) * 1000
        if n >= 10:  # the first ten warm the caches and the connections
            timings.append(elapsed)
    return timings


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


@contextmanager
def captured(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def keep(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if statement.strip().upper() != "SELECT 1":
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", keep)


SEQ_SCAN = re.compile(r"Seq Scan on (request|assignment|event)\b.*actual .*rows=(\d+)")
REMOVED = re.compile(r"Rows Removed by Filter: (\d+)")


def seq_scans(plan: list[str]) -> list[str]:
    """The big tables scanned in `plan`, with the rows each scan read. A scan under a
    LIMIT that stops after a few thousand rows (a capped count of a common value)
    reads less than an index would; one that reads the table is the problem."""
    found = []
    for n, line in enumerate(plan):
        match = SEQ_SCAN.search(line)
        if match:
            removed = next(
                (m for later in plan[n + 1 : n + 4] if (m := REMOVED.search(later))), None
            )
            read = int(match.group(2)) + (int(removed.group(1)) if removed else 0)
            found.append(f"{match.group(1)}, {read:,} rows read")
    return found


def explain(engine: Engine, name: str, call: Callable) -> list[str]:
    """EXPLAIN ANALYZE of each statement one call runs; the big tables scanned."""
    with captured(engine) as statements, Session(engine) as session:
        call(session, random.Random(name + " explain"))
    scanned = []
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        print(f"\n=== {name}")
        for statement, parameters in statements:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + statement, parameters)
            plan = [row[0] for row in cursor.fetchall()]
            print("-- " + " ".join(statement.split())[:300])
            print("\n".join("   " + line for line in plan))
            scanned += seq_scans(plan)
        raw.rollback()
    finally:
        raw.close()
    return scanned


def prepare(engine: Engine, url: str, options: argparse.Namespace, now: datetime) -> World:
    """A new database filled, or the kept one named by --database read."""
    if options.database:
        world = read_world(engine)
        read_people(engine, world)
        return world
    started = time.perf_counter()
    migrations.upgrade(url)
    with Session(engine) as session:
        load_reference_data(session=session)
        session.commit()
    world = read_world(engine)
    create_people(engine, world, now)
    read_people(engine, world)
    print(
        f"Reference data, {len(world.unit_names):,} units and their users, "
        f"{len(world.muhtars):,} muhtars in {time.perf_counter() - started:.0f} s"
    )
    started = time.perf_counter()
    fill(engine, url, world, options.requests, now.timestamp())
    print(f"Filled in {time.perf_counter() - started:.0f} s")
    return world


def limit_parallel_workers(engine: Engine, workers: int) -> None:
    """max_parallel_workers_per_gather for every session of `engine` from now on."""
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _workers(connection: Any, _record: Any) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SET max_parallel_workers_per_gather = {workers}")
        connection.commit()

    print(f"  max_parallel_workers_per_gather = {workers} for the measured sessions")


def report(engine: Engine, cases: dict[str, Callable], runs: int) -> None:
    print(f"\n{'list':<32}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}   ({runs} runs each)")
    slow = []
    for name, call in cases.items():
        timings = measure(engine, name, call, runs)
        p50, p95 = statistics.median(timings), quantile(timings, 0.95)
        print(f"{name:<32}{p50:9.1f}{p95:9.1f}{max(timings):9.1f}", end="")
        print("  > target" if p95 > TARGET_MS else "")
        if p95 > TARGET_MS:
            slow.append(name)
    over = f"; over it: {', '.join(slow)}" if slow else "; all met"
    print(f"target: p95 ≤ {TARGET_MS:.0f} ms{over}")


def explain_all(engine: Engine, cases: dict[str, Callable]) -> None:
    scans = {name: explain(engine, name, call) for name, call in cases.items()}
    found = [f"{name} ({'; '.join(t)})" for name, t in scans.items() if t]
    print()
    if found:
        print("Seq Scan found in: " + "; ".join(found))
    else:
        print("No Seq Scan on request, assignment or event.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--database", help="measure this kept database (no new data)")
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument("--only", help="only the lists whose name contains this")
    parser.add_argument(
        "--parallel-workers",
        type=int,
        help="max_parallel_workers_per_gather for the measured sessions (default: the "
        "server's); 0 shows what an OLTP setting without parallel query gives",
    )
    options = parser.parse_args()
    admin_url = os.environ.get(
        "MBS_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    )
    now = clock.now()
    with bench_database(admin_url, options.database, options.keep) as url:
        engine = make_engine(url)
        try:
            world = prepare(engine, url, options, now)
            describe_data(engine)
            if options.parallel_workers is not None:
                limit_parallel_workers(engine, options.parallel_workers)
            cases = scenarios(samples(engine, world, random.Random(3)), now)
            if options.only:
                cases = {name: call for name, call in cases.items() if options.only in name}
            report(engine, cases, options.runs)
            if not options.no_explain:
                explain_all(engine, cases)
        finally:
            engine.dispose()


if __name__ == "__main__":
    main()
