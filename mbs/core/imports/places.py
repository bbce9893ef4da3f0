"""Finding provinces, districts and muhtarlıks by the names people type.

Names compare Turkish-casefolded ("ÇANKAYA" is "Çankaya"); only if nothing matches
that way are Turkish letters folded to ASCII ("CANKAYA"), so a file typed without
Turkish letters still imports, and a fold that hits two places is reported, not guessed.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from sqlmodel import Session, select

from mbs.core.imports.csv_rows import RowProblem
from mbs.core.models import District, Province
from mbs.core.text import ascii_key, collapse_whitespace, turkish_casefold

T = TypeVar("T")


class NameIndex(Generic[T]):
    """Items by name: Turkish-casefolded first, ASCII-folded only if that finds none."""

    def __init__(self, items: Iterable[T], name: Callable[[T], str]) -> None:
        self._exact: dict[str, list[T]] = defaultdict(list)
        self._loose: dict[str, list[T]] | None = None  # built on the first fallback
        self._name = name
        for item in items:
            self._exact[name_key(name(item))].append(item)

    def find(self, text: str) -> list[T]:
        if found := self._exact.get(name_key(text)):
            return found
        if self._loose is None:
            self._loose = defaultdict(list)
            for items in self._exact.values():
                for item in items:
                    self._loose[ascii_key(self._name(item))].append(item)
        return self._loose.get(ascii_key(text)) or []


def name_key(text: str) -> str:
    return turkish_casefold(collapse_whitespace(text))


class Places:
    """Provinces and districts, loaded once per import (there are about a thousand)."""

    def __init__(self, session: Session) -> None:
        provinces = session.exec(select(Province)).all()
        self._by_plate = {province.id: province for province in provinces}
        self._provinces = NameIndex(provinces, lambda province: province.name)
        by_province: dict[int, list[District]] = defaultdict(list)
        for district in session.exec(select(District)).all():
            by_province[district.province_id].append(district)
        self._districts = {
            province_id: NameIndex(districts, lambda district: district.name)
            for province_id, districts in by_province.items()
        }

    def province(self, text: str) -> Province:
        """The province by plate code ("6", "06") or name; RowProblem if there is none."""
        if text.isdigit():
            if province := self._by_plate.get(int(text)):
                return province
            raise RowProblem(f"{text} plaka kodlu il bulunamadı.")
        return one(self._provinces.find(text), text, "il", f"'{text}' adlı il bulunamadı.")

    def district(self, province: Province, text: str) -> District:
        index = self._districts.get(province.id)
        found = index.find(text) if index else []
        missing = f"{province.name} ilinde '{text}' adlı ilçe bulunamadı."
        return one(found, text, "ilçe", missing)


def one(found: list[T], text: str, what: str, not_found: str) -> T:
    """The single match for `text`, or RowProblem (`not_found`, or ambiguous)."""
    if not found:
        raise RowProblem(not_found)
    if len(found) > 1:
        raise RowProblem(
            f"'{text}' adı birden fazla {what} ile eşleşiyor; hangisi olduğu belirsiz."
        )
    return found[0]
