"""Giving every muhtar a corporate mailbox, and keeping the list in step with the
registry.

An account belongs to the person (TCKN), not to a term, so it outlives elections: a
re-elected muhtar keeps the address, a muhtar whose last term has ended keeps the row
(inactive, not exported) and gets the same address back when elected again. A local
part once given is never given to another person, and never changed; only the display
name follows the registry's spelling.

New people are given addresses in a fixed order (plate code of the il, then ilçe and
muhtarlık names in Turkish order, then TCKN), so the same registry gives the same
addresses whatever the order of the file's rows: of two Ali Yılmaz in one il, the one
whose ilçe comes first alphabetically is `ali.yilmaz`, the other `ali.yilmaz2`.
"""

from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mbs.core import clock, events
from mbs.core.actors import Actor, SystemActor
from mbs.core.enums import EventKind, MuhtarlikKind
from mbs.core.mail.addresses import choose_local_part, display_name
from mbs.core.models import District, MailAccount, Muhtar, Muhtarlik, Province
from mbs.core.text import turkish_sort_key

_CHUNK = 500  # stay under every backend's parameter limit


@dataclass(frozen=True)
class Person:
    """A muhtar as the registry knows them now: their latest term decides the name and
    place; `active` says whether any term runs today or later."""

    tckn: str
    first_name: str
    last_name: str
    province_id: int
    province: str
    district: str
    muhtarlik: str  # "Çınar Mahallesi", "Işıklı Köyü"
    active: bool

    @property
    def allocation_order(self) -> tuple[Any, ...]:
        return (
            self.province_id,
            turkish_sort_key(self.district),
            turkish_sort_key(self.muhtarlik),
            self.tckn,
        )


@dataclass(frozen=True)
class AssignReport:
    created: int = 0
    activated: int = 0
    deactivated: int = 0
    renamed: int = 0

    @property
    def changed(self) -> bool:
        return any((self.created, self.activated, self.deactivated, self.renamed))


def people(session: Session, tckns: Collection[str] | None = None) -> dict[str, Person]:
    """Every muhtar of the registry (or only these TCKNs), by TCKN."""
    today = clock.local(clock.now()).date()
    columns: Any = (
        col(Muhtar.tckn), col(Muhtar.first_name), col(Muhtar.last_name),
        col(Muhtar.term_start), col(Muhtar.term_end), col(Muhtarlik.province_id),
        col(Province.name), col(District.name), col(Muhtarlik.name), col(Muhtarlik.kind),
    )  # fmt: skip
    # Typed Any: sqlmodel's select() overloads stop at four columns.
    base: Any = (
        sa_select(*columns)
        .join(Muhtarlik, col(Muhtarlik.id) == col(Muhtar.muhtarlik_id))
        .join(District, col(District.id) == col(Muhtarlik.district_id))
        .join(Province, col(Province.id) == col(Muhtarlik.province_id))
    )
    queries = [base] if tckns is None else _chunked(base, col(Muhtar.tckn), tckns)
    latest: dict[str, tuple[date, Person]] = {}
    last_day: dict[str, date] = {}
    for query in queries:
        for tckn, first, last, start, end, plate, province, district, name, kind in session.exec(
            query
        ):
            last_day[tckn] = max(end, last_day.get(tckn, end))
            if tckn not in latest or start > latest[tckn][0]:
                place = f"{name} {'Mahallesi' if kind is MuhtarlikKind.MAHALLE else 'Köyü'}"
                person = Person(tckn, first, last, plate, province, district, place, False)
                latest[tckn] = (start, person)
    return {
        tckn: replace(person, active=last_day[tckn] >= today)
        for tckn, (_, person) in latest.items()
    }


def _chunked(query: Any, column: Any, values: Collection[str]) -> list[Any]:
    ordered = sorted(set(values))
    return [
        query.where(column.in_(ordered[i : i + _CHUNK])) for i in range(0, len(ordered), _CHUNK)
    ]


def assign_accounts(
    *, session: Session, actor: Actor | None = None, tckns: Collection[str] | None = None
) -> AssignReport:
    """Give an address to every muhtar (or those TCKNs) who has none, and bring the
    existing accounts' display name and active flag in line with the registry.

    Run by the muhtar import, by `mbs demo` and by `mbs mail assign` (and hourly by the
    scheduler, so accounts of ended terms go inactive). Records one
    MAIL_ACCOUNTS_ASSIGNED event when anything changed; never commits. Two imports
    running at the same moment may pick the same new address: the unique constraint
    then refuses the second transaction, which can simply be run again.
    """
    found = people(session, tckns)
    accounts = _accounts(session, found.keys() if tckns is not None else None)
    report = _update_existing(session, accounts, found)
    new = sorted(
        (person for tckn, person in found.items() if tckn not in accounts),
        key=lambda person: person.allocation_order,
    )
    if new:
        taken = set(session.exec(select(MailAccount.local_part)))
        now = clock.now()
        rows = []
        for person in new:
            local_part = choose_local_part(person.first_name, person.last_name, taken.__contains__)
            taken.add(local_part)
            rows.append(
                {
                    "tckn": person.tckn,
                    "local_part": local_part,
                    "display_name": display_name(person.first_name, person.last_name),
                    "created_at": now,
                    "is_active": person.active,
                    "notify_by_email": False,
                }
            )
        session.exec(insert(MailAccount), params=rows)
        report = replace(report, created=len(rows))
    if report.changed:
        events.record(
            session,
            EventKind.MAIL_ACCOUNTS_ASSIGNED,
            actor or SystemActor(),
            data=asdict(report),
        )
    session.flush()
    return report


def _accounts(session: Session, tckns: Iterable[str] | None) -> dict[str, MailAccount]:
    base = select(MailAccount)
    queries = [base] if tckns is None else _chunked(base, col(MailAccount.tckn), list(tckns))
    return {account.tckn: account for query in queries for account in session.exec(query)}


def _update_existing(
    session: Session, accounts: dict[str, MailAccount], found: dict[str, Person]
) -> AssignReport:
    activated = deactivated = renamed = 0
    for tckn, account in accounts.items():
        person = found.get(tckn)
        active = person is not None and person.active
        if account.is_active != active:
            account.is_active = active
            activated, deactivated = activated + active, deactivated + (not active)
            session.add(account)
        if person is not None:
            name = display_name(person.first_name, person.last_name)
            if account.display_name != name:
                account.display_name = name
                renamed += 1
                session.add(account)
    return AssignReport(0, activated, deactivated, renamed)
