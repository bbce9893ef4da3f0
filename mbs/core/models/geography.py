"""Provinces, districts and muhtarlıks: reference data loaded from mbs/core/refdata."""

from sqlmodel import Field, SQLModel

from mbs.core.enums import MuhtarlikKind
from mbs.core.models.types import enum_type


class Province(SQLModel, table=True):
    id: int = Field(primary_key=True)  # plate code, 1..81
    name: str = Field(max_length=64)
    is_metropolitan: bool = False


class District(SQLModel, table=True):
    id: int = Field(primary_key=True)  # the source data's district id, stable across loads
    province_id: int = Field(foreign_key="province.id", index=True)
    name: str = Field(max_length=64)
    population: int | None = None


class Muhtarlik(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # "mahalle:176887" / "koy:37777": the source ids overlap between the two kinds.
    source_key: str = Field(max_length=32, unique=True)
    kind: MuhtarlikKind = Field(sa_type=enum_type(MuhtarlikKind))
    name: str = Field(max_length=96)
    district_id: int = Field(foreign_key="district.id", index=True)
    province_id: int = Field(foreign_key="province.id", index=True)
    population: int | None = None
