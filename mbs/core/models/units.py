"""Institution units (DETSİS birimleri): the central unit, valiliks, their sub-units,
belediyes."""

from sqlmodel import Field, SQLModel

from mbs.core.enums import BelediyeKind, UnitKind
from mbs.core.models.types import enum_type


class Unit(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # Natural key that makes loading idempotent, e.g. "valilik:06", "belediye:ilce:1757".
    code: str = Field(max_length=64, unique=True)
    kind: UnitKind = Field(sa_type=enum_type(UnitKind), index=True)
    belediye_kind: BelediyeKind | None = Field(default=None, sa_type=enum_type(BelediyeKind))
    name: str = Field(max_length=160)
    province_id: int | None = Field(default=None, foreign_key="province.id", index=True)
    district_id: int | None = Field(default=None, foreign_key="district.id", index=True)
    # A valilik's sub-units point to the valilik; other units have no parent.
    parent_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    detsis_no: str | None = Field(default=None, max_length=16, unique=True)
    is_active: bool = True
