"""Finding a muhtarlık by district, kind and the name a registry file gives it, and
reading the registry's dates."""

import re
from datetime import date
from typing import NamedTuple

from sqlmodel import Session, col, select

from mbs.core.enums import MuhtarlikKind
from mbs.core.imports.csv_rows import RowProblem
from mbs.core.imports.places import NameIndex, one
from mbs.core.models import District, Muhtarlik
from mbs.core.text import ascii_key, collapse_whitespace, turkish_casefold

# Registries write "Kızılay", "KIZILAY MAHALLESİ" or "Kızılay Mah." for one muhtarlık.
_SUFFIX = re.compile(r"\s+(mahalles[iı]|mah\.?|köyü|koyu|köy|koy)$")
_KINDS = {ascii_key(kind.value): kind for kind in MuhtarlikKind}
_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")


class Place(NamedTuple):
    """The columns an import needs; plain tuples load 50,000 rows three times faster."""

    id: int
    source_key: str
    kind: MuhtarlikKind
    name: str
    district_id: int


def bare_name(name: str) -> str:
    """The muhtarlık's name without "Mahallesi" / "Köyü"."""
    return _SUFFIX.sub("", turkish_casefold(collapse_whitespace(name)))


class MuhtarlikFinder:
    """Loads one district's muhtarlıks the first time a row names that district.

    Names are unique within a belediye, not within an ilçe: a belde inside an ilçe may
    have its own "Cumhuriyet Mahallesi". Such rows also give `muhtarlik_kodu` (the
    reference data's key, "mahalle:176887"), which the ambiguity problem lists.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        # Per district and kind: muhtarlıks by full name, and by name without the suffix.
        self._index: dict[tuple[int, MuhtarlikKind], tuple[NameIndex[Place], NameIndex[Place]]] = {}
        self._by_key: dict[str, Place] = {}

    def find(self, district: District, kind: MuhtarlikKind, name: str, code: str = "") -> Place:
        if not name.strip():
            raise RowProblem("Muhtarlık adı boş olamaz.")
        if (district.id, kind) not in self._index:
            self._load(district.id)
        found = self._matches(self._index[district.id, kind], name)
        label = "köy" if kind is MuhtarlikKind.KOY else "mahalle"
        if code:
            key = code if ":" in code else f"{kind.value}:{code}"
            muhtarlik = self._by_key.get(key)
            if muhtarlik is None or muhtarlik.district_id != district.id:
                raise RowProblem(f"{district.name} ilçesinde '{key}' kodlu {label} yok.")
            if muhtarlik not in found and bare_name(muhtarlik.name) != bare_name(name):
                raise RowProblem(
                    f"'{key}' kodlu muhtarlığın adı '{muhtarlik.name}', '{name}' değil."
                )
            return muhtarlik
        if len(found) > 1:
            keys = ", ".join(sorted(m.source_key for m in found))
            raise RowProblem(
                f"{district.name} ilçesinde '{name}' adlı birden fazla {label} var; hangisi "
                f"olduğunu muhtarlik_kodu sütununa yazın ({keys})."
            )
        return one(
            found, name, label, f"{district.name} ilçesinde '{name}' adlı {label} bulunamadı."
        )

    def _load(self, district_id: int) -> None:
        query = select(
            col(Muhtarlik.id), col(Muhtarlik.source_key), col(Muhtarlik.kind), col(Muhtarlik.name)
        ).where(Muhtarlik.district_id == district_id)
        muhtarliks = [
            Place(id_, key, kind, name, district_id)
            for id_, key, kind, name in self._session.exec(query)
            if id_ is not None
        ]
        self._by_key.update((m.source_key, m) for m in muhtarliks)
        for kind in MuhtarlikKind:
            of_kind = [m for m in muhtarliks if m.kind is kind]
            self._index[district_id, kind] = (
                NameIndex(of_kind, lambda m: m.name),
                NameIndex(of_kind, lambda m: bare_name(m.name)),
            )

    @staticmethod
    def _matches(indexes: tuple[NameIndex[Place], NameIndex[Place]], name: str) -> list[Place]:
        """Exact names first, then with "Mahallesi"/"Köyü" dropped from the file's name,
        then from both: "Küçük Köy" is a mahalle's whole name, "Kızılay Mah." is not."""
        by_name, by_bare_name = indexes
        for index, text in (
            (by_name, name),
            (by_name, bare_name(name)),
            (by_bare_name, bare_name(name)),
        ):
            if found := index.find(text):
                return found
        return []


def parse_muhtarlik_kind(text: str) -> MuhtarlikKind:
    if kind := _KINDS.get(ascii_key(text)):
        return kind
    raise RowProblem(f"Muhtarlık türü '{text}' olamaz; 'mahalle' veya 'köy' yazın.")


def parse_date(text: str, what: str) -> date:
    """`gg.aa.yyyy`, `gg/aa/yyyy` or ISO `yyyy-aa-gg`."""
    try:
        if match := _DATE.fullmatch(text):
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise RowProblem(
            f"{what} tarihi '{text}' okunamadı (gg.aa.yyyy veya yyyy-aa-gg yazın)."
        ) from None
