"""The muhtar's three lists: Bekleyen, Yönlendirilen and Sonuçlanan Taleplerim.

They hold every request of the muhtarlık, including those its earlier muhtars filed,
and never show what the muhtar may not see (priorities, units' internal notes).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from mbs.core.actors import Actor, MuhtarActor
from mbs.core.enums import RequestStatus, RequestType
from mbs.core.errors import PermissionDenied
from mbs.core.models import Request
from mbs.core.permissions import visible_requests
from mbs.core.queries.listing import EXCERPT_LENGTH, Page, excerpt, fetch_page, fixed

MUHTAR_PAGE_SIZE = 20


@dataclass(frozen=True)
class MuhtarRequestRow:
    id: int
    tracking_no: str
    created_at: datetime
    type: RequestType
    status: RequestStatus
    excerpt: str
    concluded_at: datetime | None


def muhtar_requests(
    *,
    session: Session,
    actor: Actor,
    status: RequestStatus,
    page: int = 1,
    page_size: int = MUHTAR_PAGE_SIZE,
) -> Page[MuhtarRequestRow]:
    """The muhtarlık's requests in `status`, newest first."""
    muhtar = _muhtar(actor)
    where = [visible_requests(muhtar), col(Request.status) == fixed(RequestStatus(status))]
    base = select(col(Request.id)).where(*where)
    statement = base.with_only_columns(
        col(Request.id),
        col(Request.tracking_no),
        col(Request.created_at),
        col(Request.type),
        col(Request.status),
        func.substr(col(Request.description), 1, EXCERPT_LENGTH + 1),
        col(Request.concluded_at),
    ).order_by(col(Request.created_at).desc(), col(Request.id).desc())
    statement = statement.limit(page_size).offset((page - 1) * page_size)
    return fetch_page(
        session,
        base,
        statement,
        page,
        page_size,
        lambda row: MuhtarRequestRow(
            id=row[0],
            tracking_no=row[1],
            created_at=row[2],
            type=row[3],
            status=row[4],
            excerpt=excerpt(row[5]),
            concluded_at=row[6],
        ),
    )


def muhtar_counts(*, session: Session, actor: Actor) -> dict[RequestStatus, int]:
    """How many of the muhtarlık's requests are in each status (every status listed)."""
    muhtar = _muhtar(actor)
    rows = session.execute(
        select(col(Request.status), func.count())
        .where(visible_requests(muhtar))
        .group_by(col(Request.status))
    ).all()
    counts = dict.fromkeys(RequestStatus, 0)
    counts.update({status: count for status, count in rows})
    return counts


def _muhtar(actor: Actor) -> MuhtarActor:
    if isinstance(actor, MuhtarActor):
        return actor
    raise PermissionDenied("Bu listeleri yalnızca muhtarlar görebilir.")
