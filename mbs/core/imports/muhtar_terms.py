"""Muhtar terms read from a registry file, the terms already stored, and the checks
between them: one muhtar per muhtarlık at a time, one muhtarlık per person at a time."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from mbs.core.imports.csv_rows import Problems
from mbs.core.models import Muhtar

TermKey = tuple[str, int, date]  # (tckn, muhtarlik_id, term_start): the upsert key
_COLUMNS = [
    col(Muhtar.tckn),
    col(Muhtar.id),
    col(Muhtar.muhtarlik_id),
    col(Muhtar.term_start),
    col(Muhtar.term_end),
    col(Muhtar.first_name),
    col(Muhtar.last_name),
    col(Muhtar.phone),
]


@dataclass(frozen=True)
class Term:
    line: int
    tckn: str
    first_name: str
    last_name: str
    phone: str
    muhtarlik_id: int
    start: date
    end: date

    @property
    def key(self) -> TermKey:
        return self.tckn, self.muhtarlik_id, self.start

    @property
    def values(self) -> dict[str, Any]:
        """The columns an import may change on a stored term."""
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "phone": self.phone,
            "term_end": self.end,
        }

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and start <= self.end


class StoredTerm(NamedTuple):
    id: int
    muhtarlik_id: int
    term_start: date
    term_end: date
    first_name: str
    last_name: str
    phone: str


def stored_terms(session: Session, muhtarlik_ids: set[int]) -> dict[TermKey, StoredTerm]:
    """Every stored term of these muhtarlıks, as plain tuples (a national registry has
    50,000 of them; ORM objects would triple the time)."""
    found: dict[TermKey, StoredTerm] = {}
    ids = sorted(muhtarlik_ids)
    for start in range(0, len(ids), 500):  # stay under every backend's parameter limit
        # Typed Any: sqlmodel's exec() overloads stop at four columns.
        query: Any = select(*_COLUMNS).where(col(Muhtar.muhtarlik_id).in_(ids[start : start + 500]))
        for tckn, *rest in session.exec(query):
            stored = StoredTerm(*rest)
            found[tckn, stored.muhtarlik_id, stored.term_start] = stored
    return found


def check_terms(terms: list[Term], stored: dict[TermKey, StoredTerm], problems: Problems) -> None:
    """Duplicate rows; two muhtars of one muhtarlık at the same time (in the file, or a
    file row against a stored term the file does not restate); one person in two
    muhtarlıks at the same time (in the file)."""
    seen: dict[TermKey, Term] = {}
    by_muhtarlik: dict[int, list[Term]] = defaultdict(list)
    by_person: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        if earlier := seen.get(term.key):
            problems.add(term.line, f"Aynı görev kaydı satır {earlier.line}'de de var.")
            continue
        seen[term.key] = term
        for other in by_muhtarlik[term.muhtarlik_id]:
            if other.overlaps(term.start, term.end):
                problems.add(
                    term.line, f"Görev süresi satır {other.line}'deki muhtarın süresiyle çakışıyor."
                )
        for other in by_person[term.tckn]:
            if other.muhtarlik_id != term.muhtarlik_id and other.overlaps(term.start, term.end):
                problems.add(
                    term.line,
                    f"Bu kişi aynı dönemde satır {other.line}'de başka bir muhtarlıkta görünüyor.",
                )
        by_muhtarlik[term.muhtarlik_id].append(term)
        by_person[term.tckn].append(term)
    for key, old in stored.items():
        if key in seen:
            continue  # the file restates this term; its new values were checked above
        for term in by_muhtarlik.get(old.muhtarlik_id, []):
            if term.overlaps(old.term_start, old.term_end):
                problems.add(
                    term.line,
                    "Sistemde bu muhtarlık için bu dönemle çakışan başka bir görev kayıtlı "
                    f"({old.term_start:%d.%m.%Y}–{old.term_end:%d.%m.%Y}).",
                )
