"""Importing the muhtar registry: one row per muhtar term.

Columns: tckn, ad, soyad, cep_telefonu, il, ilce, muhtarlik, muhtarlik_turu,
gorev_baslangic, gorev_bitis, and muhtarlik_kodu where an ilçe has two muhtarlıks of
one name. Rows are upserted by (tckn, muhtarlık, term start), so importing the same
file again changes nothing and a re-elected muhtar becomes a new term row of the same
muhtarlık (whose requests they then see). Each person gets a corporate e-mail
address the first time they appear, and keeps it (mbs/core/mail/accounts.py).
Problems are reported by line and never quote a TCKN or phone number.
"""

from typing import Any

from sqlalchemy import insert
from sqlmodel import Session

from mbs.core import events
from mbs.core.actors import SystemActor
from mbs.core.enums import EventKind
from mbs.core.errors import ValidationError
from mbs.core.imports.csv_rows import (
    CsvRow,
    CsvSource,
    ImportReport,
    Problems,
    RowProblem,
    read_csv,
)
from mbs.core.imports.muhtar_terms import Term, check_terms, stored_terms
from mbs.core.imports.muhtarliks import MuhtarlikFinder, parse_date, parse_muhtarlik_kind
from mbs.core.imports.places import Places
from mbs.core.mail.accounts import assign_accounts
from mbs.core.models import Muhtar
from mbs.core.tckn import is_valid_tckn, normalize_phone
from mbs.core.text import collapse_whitespace

REQUIRED = {
    "tckn",
    "ad",
    "soyad",
    "cep_telefonu",
    "il",
    "ilce",
    "muhtarlik",
    "muhtarlik_turu",
    "gorev_baslangic",
    "gorev_bitis",
}


def import_muhtars(*, session: Session, file: CsvSource) -> ImportReport:
    """Import the muhtar registry (CSV text, bytes, a Path or an open file).

    Every row is checked first (TCKN checksum, names, mobile number, il/ilçe/muhtarlık,
    term dates, overlapping terms, duplicates); any bad row raises CsvImportError with
    all problems by line. Records one MUHTARS_IMPORTED event; never commits.
    """
    rows = read_csv(file, required=REQUIRED, optional={"muhtarlik_kodu"})
    problems = Problems()
    terms = _read_terms(session, rows, problems)
    stored = stored_terms(session, {term.muhtarlik_id for term in terms})
    check_terms(terms, stored, problems)
    problems.raise_if_any()
    new = [term for term in terms if term.key not in stored]
    if new:
        session.exec(insert(Muhtar), params=[_row(term) for term in new])
    created, updated = len(new), 0
    for term in terms:
        old = stored.get(term.key)
        if old is not None and any(getattr(old, k) != v for k, v in term.values.items()):
            # Through the ORM, so Muhtar objects already loaded in the session see it.
            muhtar = session.get(Muhtar, old.id)
            assert muhtar is not None
            for column, value in term.values.items():
                setattr(muhtar, column, value)
            updated += 1
    report = ImportReport(created, updated, len(terms) - created - updated)
    # Every person in the file gets (or keeps) their corporate mailbox.
    assign_accounts(session=session, tckns={term.tckn for term in terms})
    events.record(
        session,
        EventKind.MUHTARS_IMPORTED,
        SystemActor(),
        data={"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
    )
    session.flush()
    return report


def _read_terms(session: Session, rows: list[CsvRow], problems: Problems) -> list[Term]:
    places, muhtarliks = Places(session), MuhtarlikFinder(session)
    terms = []
    for row in rows:
        reasons: list[str] = []
        term = _term(row, places, muhtarliks, reasons)
        for reason in reasons:
            problems.add(row.line, reason)
        if term is not None:
            terms.append(term)
    return terms


def _term(
    row: CsvRow, places: Places, muhtarliks: MuhtarlikFinder, reasons: list[str]
) -> Term | None:
    """The row as a term, or None with every independent reason added to `reasons`."""
    tckn = row.get("tckn")
    if not is_valid_tckn(tckn):
        reasons.append("TC kimlik numarası geçersiz.")
    first_name, last_name = _name(row.get("ad")), _name(row.get("soyad"))
    if first_name is None:
        reasons.append("Ad boş olamaz ve en fazla 80 karakter olabilir.")
    if last_name is None:
        reasons.append("Soyad boş olamaz ve en fazla 80 karakter olabilir.")
    phone = None
    try:
        phone = normalize_phone(row.get("cep_telefonu"))
    except ValidationError:
        reasons.append("Cep telefonu bir Türkiye cep telefonu numarası değil.")
    muhtarlik_id = start = end = None
    try:
        district = places.district(places.province(row.get("il")), row.get("ilce"))
        kind = parse_muhtarlik_kind(row.get("muhtarlik_turu"))
        code = row.get("muhtarlik_kodu")
        muhtarlik_id = muhtarliks.find(district, kind, row.get("muhtarlik"), code).id
    except RowProblem as problem:
        reasons.append(problem.reason)
    try:
        start = parse_date(row.get("gorev_baslangic"), "Görev başlangıç")
        end = parse_date(row.get("gorev_bitis"), "Görev bitiş")
    except RowProblem as problem:
        reasons.append(problem.reason)
    if start and end and start > end:
        reasons.append("Görev başlangıç tarihi bitiş tarihinden sonra olamaz.")
    if reasons or not (first_name and last_name and phone and muhtarlik_id and start and end):
        return None
    return Term(row.line, tckn, first_name, last_name, phone, muhtarlik_id, start, end)


def _name(text: str) -> str | None:
    name = collapse_whitespace(text)
    return name if 0 < len(name) <= 80 else None


def _row(term: Term) -> dict[str, Any]:
    return {
        "tckn": term.tckn,
        "muhtarlik_id": term.muhtarlik_id,
        "term_start": term.start,
        **term.values,
    }
