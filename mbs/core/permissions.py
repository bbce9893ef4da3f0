"""Who may see which request. Every query and command asks here.

- a muhtar sees only the requests of their own muhtarlık (including those filed by an
  earlier muhtar of it);
- a unit sees only requests with an assignment to it or to one of its sub-units;
- the central unit sees all.
Anything else is "not found", so a stranger cannot even learn that a request exists.
"""

from sqlalchemy import ColumnElement, exists, false, or_, true
from sqlmodel import Session, col, select

from mbs.core.actors import Actor, MuhtarActor, StaffActor
from mbs.core.errors import NotFound, PermissionDenied
from mbs.core.models import Assignment, Request, Unit

NOT_FOUND = "Talep bulunamadı."


def units_under(actor: StaffActor) -> ColumnElement[bool]:
    """Assignments whose unit is the actor's unit or one of its sub-units."""
    sub_units = select(Unit.id).where(Unit.parent_id == actor.unit_id)
    return or_(col(Assignment.unit_id) == actor.unit_id, col(Assignment.unit_id).in_(sub_units))


def visible_requests(actor: Actor) -> ColumnElement[bool]:
    """A WHERE clause on Request that keeps only what `actor` may see."""
    if isinstance(actor, MuhtarActor):
        return col(Request.muhtarlik_id) == actor.muhtarlik_id
    if isinstance(actor, StaffActor):
        if actor.is_central:
            return true()
        return exists().where(col(Assignment.request_id) == col(Request.id), units_under(actor))
    return false()


def get_visible_request(session: Session, actor: Actor, request_id: int) -> Request:
    """The request if `actor` may see it; otherwise NotFound, whether it exists or not."""
    request = session.exec(
        select(Request).where(Request.id == request_id, visible_requests(actor))
    ).first()
    if request is None:
        raise NotFound(NOT_FOUND)
    return request


def require_central(actor: Actor) -> StaffActor:
    """The actor as central-unit staff, or PermissionDenied."""
    if isinstance(actor, StaffActor) and actor.is_central:
        return actor
    raise PermissionDenied("Bu işlemi yalnızca Genel Müdürlük kullanıcıları yapabilir.")


def require_staff(actor: Actor) -> StaffActor:
    if isinstance(actor, StaffActor):
        return actor
    raise PermissionDenied("Bu işlem için kurum kullanıcısı olarak giriş yapmalısınız.")


def require_muhtar(actor: Actor) -> MuhtarActor:
    if isinstance(actor, MuhtarActor):
        return actor
    raise PermissionDenied("Başvuruyu yalnızca muhtarlar yapabilir.")
