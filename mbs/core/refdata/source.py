"""The packaged reference files (built by scripts/build_refdata.py), read into tuples."""

import gzip
from importlib.resources import files
from typing import NamedTuple

from mbs.core.enums import MuhtarlikKind


class ProvinceRow(NamedTuple):
    id: int
    name: str
    is_metropolitan: bool


class DistrictRow(NamedTuple):
    id: int
    province_id: int
    name: str
    population: int


class MuhtarlikRow(NamedTuple):
    kind: MuhtarlikKind
    source_id: int
    district_id: int
    province_id: int
    name: str
    population: int

    @property
    def source_key(self) -> str:
        # Neighbourhood and village ids overlap in the source, so the kind is part of it.
        return f"{self.kind.value}:{self.source_id}"


class TownRow(NamedTuple):
    id: int
    district_id: int
    province_id: int
    name: str


class ReferenceData(NamedTuple):
    provinces: list[ProvinceRow]
    districts: list[DistrictRow]
    muhtarliks: list[MuhtarlikRow]
    towns: list[TownRow]


def read_reference_data() -> ReferenceData:
    """Every packaged reference file, parsed."""
    return ReferenceData(
        provinces=[
            ProvinceRow(int(id_), name, metropolitan == "1")
            for id_, name, metropolitan in _rows("provinces.tsv")
        ],
        districts=[
            DistrictRow(int(id_), int(province), name, int(population))
            for id_, province, name, population in _rows("districts.tsv")
        ],
        muhtarliks=[
            MuhtarlikRow(
                MuhtarlikKind(kind), int(id_), int(district), int(province), name, int(population)
            )
            for kind, id_, district, province, name, population in _rows("muhtarliks.tsv.gz")
        ],
        towns=[
            TownRow(int(id_), int(district), int(province), name)
            for id_, district, province, name in _rows("towns.tsv")
        ],
    )


def _rows(name: str) -> list[list[str]]:
    payload = (files(__package__) / "data" / name).read_bytes()
    if name.endswith(".gz"):
        payload = gzip.decompress(payload)
    lines = payload.decode("utf-8").splitlines()
    return [line.split("\t") for line in lines[1:]]  # the first line is the header
