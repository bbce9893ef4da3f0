"""Reading an uploaded CSV into rows that know their physical line number.

Files come from spreadsheets: UTF-8 with or without a BOM, ";" (Turkish Excel) or ","
as delimiter, headers typed with or without Turkish letters.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from mbs.core.errors import CsvImportError
from mbs.core.text import ascii_key

CsvSource = str | bytes | Path | IO[str] | IO[bytes]


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    unchanged: int

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class CsvRow:
    line: int  # physical line where the record starts; the header is line 1
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


class RowProblem(Exception):
    """One reason (Turkish) why a row cannot be imported."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Problems:
    """Every (line, reason) found while validating; raised together at the end."""

    items: list[tuple[int, str]] = field(default_factory=list)

    def add(self, line: int, reason: str) -> None:
        self.items.append((line, reason))

    def raise_if_any(self) -> None:
        if self.items:
            raise CsvImportError(sorted(self.items, key=lambda item: item[0]))


def read_csv(source: CsvSource, *, required: set[str], optional: set[str]) -> list[CsvRow]:
    """The data rows of `source` (str is CSV text, Path a file), keyed by column name.

    Header names are matched loosely ("İlçe" is `ilce`); a missing or unknown column, a
    row with the wrong number of fields or a file that is not UTF-8 is a CsvImportError.
    Blank lines are skipped.
    """
    text = _decode(_read(source))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [ascii_key(name) for name in next(reader, [])]
    _check_header(header, required, optional)
    rows: list[CsvRow] = []
    problems = Problems()
    previous_end = reader.line_num
    for fields in reader:
        line, previous_end = previous_end + 1, reader.line_num
        if not any(value.strip() for value in fields):
            continue
        if len(fields) != len(header):
            problems.add(line, f"{len(header)} sütun olmalı, {len(fields)} sütun var.")
            continue
        rows.append(CsvRow(line, dict(zip(header, fields, strict=True))))
    problems.raise_if_any()
    if not rows:
        raise CsvImportError([(1, "Dosyada başlık satırından sonra hiç kayıt yok.")])
    return rows


def _read(source: CsvSource) -> str | bytes:
    if isinstance(source, Path):
        return source.read_bytes()
    if isinstance(source, str | bytes):
        return source
    return source.read()


def _decode(data: str | bytes) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise CsvImportError(
            [(line, 'Dosya UTF-8 değil. Excel\'de "CSV UTF-8" biçiminde kaydedin.')]
        ) from None


def _check_header(header: list[str], required: set[str], optional: set[str]) -> None:
    reasons = []
    if missing := sorted(required - set(header)):
        reasons.append(f"Eksik sütun: {', '.join(missing)}.")
    # Spreadsheets often save empty trailing columns; those have no name and are ignored.
    if unknown := [name for name in header if name and name not in required | optional]:
        reasons.append(f"Bilinmeyen sütun: {', '.join(unknown)}.")
    if repeated := sorted({name for name in header if name and header.count(name) > 1}):
        reasons.append(f"Birden fazla kez yazılmış sütun: {', '.join(repeated)}.")
    if reasons:
        raise CsvImportError([(1, reason) for reason in reasons])
