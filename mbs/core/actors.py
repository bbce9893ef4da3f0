"""Who is acting. The interface finds the user from its server-side session and builds
one of these; commands and queries decide from it alone, never from browser input."""

from dataclasses import dataclass

from sqlmodel import Session

from mbs.core import clock
from mbs.core.enums import UnitKind
from mbs.core.errors import PermissionDenied
from mbs.core.models import Muhtar, Unit, User


@dataclass(frozen=True)
class StaffActor:
    user_id: int
    unit_id: int
    unit_kind: UnitKind
    province_id: int | None
    is_admin: bool = False

    @property
    def is_central(self) -> bool:
        return self.unit_kind is UnitKind.MIGM


@dataclass(frozen=True)
class MuhtarActor:
    muhtar_id: int
    muhtarlik_id: int


@dataclass(frozen=True)
class SystemActor:
    """Command-line tools and scheduled jobs run by the operator."""

    name: str = "sistem"


Actor = StaffActor | MuhtarActor | SystemActor


def staff_actor(session: Session, user_id: int) -> StaffActor:
    """The actor for staff account `user_id`; refused if the account or unit is disabled."""
    user = session.get(User, user_id)
    unit = session.get(Unit, user.unit_id) if user else None
    if user is None or unit is None or not user.is_active or not unit.is_active:
        raise PermissionDenied("Hesabınız etkin değil. Yöneticinize başvurun.")
    assert user.id is not None and unit.id is not None
    return StaffActor(user.id, unit.id, unit.kind, unit.province_id, user.is_admin)


def muhtar_actor(session: Session, muhtar_id: int) -> MuhtarActor:
    """The actor for muhtar term `muhtar_id`; refused outside the term."""
    muhtar = session.get(Muhtar, muhtar_id)
    today = clock.local(clock.now()).date()
    if muhtar is None or not (muhtar.term_start <= today <= muhtar.term_end):
        raise PermissionDenied("Görev süreniz sistemde kayıtlı değil veya sona ermiş.")
    assert muhtar.id is not None
    return MuhtarActor(muhtar.id, muhtar.muhtarlik_id)
