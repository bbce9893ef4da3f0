"""What the staff lists share: the row of the dense table, pages, sort orders, the
overdue rule, and the SQL pieces that keep every page an index walk."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, func, literal, literal_column, select
from sqlmodel import Session, col

from mbs.core.actors import StaffActor
from mbs.core.enums import (
    OPEN_ASSIGNMENT_STATUSES,
    AssignmentStatus,
    CentralTask,
    MuhtarlikKind,
    Priority,
    RequestStatus,
    RequestType,
)
from mbs.core.errors import ValidationError
from mbs.core.models import Assignment, District, Muhtarlik, Province, Request, Unit
from mbs.core.models.requests import PRIORITY_RANK, PRIORITY_RANK_SQL

# The legal answer period (15 days for municipalities): a request not concluded this
# long after filing, or an assignment open this long, is shown as overdue.
ANSWER_PERIOD = timedelta(days=15)
PAGE_SIZE_MAX = 100
DEFAULT_PAGE_SIZE = 50
# Counting stops here: "1.000+ kayıt" (twenty pages) tells a list's reader as much as
# an exact 105.866, which would cost far more than the page itself (a common word in
# a million descriptions: ~10 ms to count 1,000 matches, ~100 ms for 10,000; see
# bench/inbox_queries.py). Exact figures are the statistics screens' job.
COUNT_CAP = 1_000
EXCERPT_LENGTH = 120


class SortKey(StrEnum):
    CREATED_AT = "created_at"
    PRIORITY = "priority"  # urgent first, then newest
    UPDATED_AT = "updated_at"
    TRACKING_NO = "tracking_no"


@dataclass(frozen=True)
class Sort:
    key: SortKey = SortKey.CREATED_AT
    # created/updated: newest first; priority: urgent first; tracking no: highest first.
    descending: bool = True


CENTRAL_TASK_LABELS = {
    CentralTask.ROUTE: "Yönlendirilecek",
    CentralTask.CONCLUDE: "Sonuçlandırılacak",
    CentralTask.REROUTE: "İade edildi, yeniden yönlendirilecek",
}


@dataclass(frozen=True)
class RequestRow:
    """One line of a staff list. Unit lists fill the assignment fields (the unit's own
    assignment); the central inbox fills `central_task`."""

    id: int
    tracking_no: str
    created_at: datetime
    updated_at: datetime
    type: RequestType
    status: RequestStatus
    priority: Priority
    muhtarlik_name: str
    muhtarlik_kind: MuhtarlikKind
    district_name: str
    province_name: str
    excerpt: str  # the first EXCERPT_LENGTH characters of the description
    version: int
    overdue: bool
    assignment_id: int | None = None
    assignment_status: AssignmentStatus | None = None
    assignment_version: int | None = None
    # When the unit closed its assignment, or when the request was concluded.
    closed_at: datetime | None = None
    central_task: CentralTask | None = None

    @property
    def stands_out(self) -> bool:
        """Overdue or high/urgent: the screen marks these."""
        return self.overdue or self.priority in (Priority.HIGH, Priority.URGENT)


RowT = TypeVar("RowT")


@dataclass(frozen=True)
class Page(Generic[RowT]):
    rows: list[RowT]
    total: int  # exact, or COUNT_CAP when total_capped
    total_capped: bool  # more than COUNT_CAP rows match
    page: int
    page_size: int

    @property
    def has_next(self) -> bool:
        return self.total_capped or self.page * self.page_size < self.total


def routed_to(session: Session, actor: StaffActor) -> Select[Any]:
    """Ids of the requests routed to a unit or its sub-units: the rule of
    permissions.visible_requests for units, written for a planner. The sub-units are
    looked up first, so the ids come from the (unit_id, status, request_id) index alone
    ("unit = X OR unit IN (subquery)" would test every assignment instead)."""
    units = [
        actor.unit_id,
        *session.execute(
            select(col(Unit.id)).where(col(Unit.parent_id) == actor.unit_id)
        ).scalars(),
    ]
    return select(col(Assignment.request_id)).where(col(Assignment.unit_id).in_(units))


def check_paging(page: int, page_size: int) -> None:
    if page < 1:
        raise ValidationError("Sayfa numarası 1 veya daha büyük olmalı.")
    if not 1 <= page_size <= PAGE_SIZE_MAX:
        raise ValidationError(f"Sayfa boyutu 1 ile {PAGE_SIZE_MAX} arasında olmalı.")


def fixed(value: str) -> Any:
    """An enum value written into the SQL text rather than bound: the planner then
    knows it even in a cached plan, so a rare status keeps its index and a partial
    index's predicate can be proven."""
    return literal(str(value), literal_execute=True)


def fixed_in(values: Iterable[str]) -> list[Any]:
    return [fixed(value) for value in sorted(values)]


# The very text of the index ix_request_priority_rank, so the planner matches it.
RANK: ColumnElement[int] = literal_column(PRIORITY_RANK_SQL)


def rank_of(priority: Priority) -> Any:
    return literal(PRIORITY_RANK[priority], literal_execute=True)


def request_order(sort: Sort, source: Any = None) -> list[Any]:
    """ORDER BY for `sort`, ending with the id so pages never overlap; each matches an
    index on request (see mbs/core/models/requests.py). `source`: a subquery with the
    same column names (and a "rank" column) to order instead of the request table."""
    if source is None:
        created, ident, rank = col(Request.created_at), col(Request.id), RANK
        others: dict[SortKey, Any] = {SortKey.UPDATED_AT: col(Request.updated_at)}
        others[SortKey.TRACKING_NO] = col(Request.tracking_no)
    else:
        created, ident, rank = source.c.created_at, source.c.id, source.c.rank
        others = {SortKey.UPDATED_AT: source.c.updated_at}
        others[SortKey.TRACKING_NO] = source.c.tracking_no
    if sort.key is SortKey.PRIORITY:
        if sort.descending:
            return [rank.asc(), created.desc(), ident.desc()]
        return [rank.desc(), created.asc(), ident.asc()]
    column = created if sort.key is SortKey.CREATED_AT else others[sort.key]
    if sort.descending:
        return [column.desc(), ident.desc()]
    return [column.asc(), ident.asc()]


ROW_COLUMNS: tuple[Any, ...] = (
    col(Request.id),
    col(Request.tracking_no),
    col(Request.created_at),
    col(Request.updated_at),
    col(Request.type),
    col(Request.status),
    col(Request.priority),
    col(Muhtarlik.name).label("muhtarlik_name"),
    col(Muhtarlik.kind).label("muhtarlik_kind"),
    col(District.name).label("district_name"),
    col(Province.name).label("province_name"),
    # One character more than shown, to know whether to add "…".
    func.substr(col(Request.description), 1, EXCERPT_LENGTH + 1).label("excerpt"),
    col(Request.version),
)


def with_row_columns(statement: Select[Any], *extra: Any) -> Select[Any]:
    """`statement` (which selects from request) returning the row columns, with the
    place names joined in."""
    return (
        statement.with_only_columns(*ROW_COLUMNS, *extra)
        .join(Muhtarlik, col(Muhtarlik.id) == col(Request.muhtarlik_id))
        .join(District, col(District.id) == col(Request.district_id))
        .join(Province, col(Province.id) == col(Request.province_id))
    )


def page_of(statement: Select[Any], page: int, page_size: int) -> Any:
    """The keys of one page of `statement` (ordered) as a subquery named "page".

    The page is chosen first and only its rows are then joined to the request and the
    place names ("deferred join"): the planner cannot be tempted to join a million
    rows to names before it sorts and cuts them."""
    check_paging(page, page_size)
    return statement.limit(page_size).offset((page - 1) * page_size).subquery("page")


def rows_of(page: Any, order: list[Any], *extra: Any) -> Select[Any]:
    """The table rows of the requests in `page` (a page_of subquery with an "id"
    column), in `order`."""
    statement = (
        select(col(Request.id)).select_from(page).join(Request, col(Request.id) == page.c.id)
    )
    return with_row_columns(statement, *extra).order_by(*order)


def excerpt(start: str) -> str:
    """The start of a description (EXCERPT_LENGTH + 1 characters of it) for one line."""
    text = " ".join(start[:EXCERPT_LENGTH].split())
    return text + "…" if len(start) > EXCERPT_LENGTH else text


def is_overdue(
    now: datetime,
    status: RequestStatus,
    created_at: datetime,
    assignment_status: AssignmentStatus | None = None,
    assigned_at: datetime | None = None,
) -> bool:
    """Not concluded ANSWER_PERIOD after filing, or the assignment open that long."""
    if status is not RequestStatus.CONCLUDED and now - created_at > ANSWER_PERIOD:
        return True
    return (
        assignment_status in OPEN_ASSIGNMENT_STATUSES
        and assigned_at is not None
        and now - assigned_at > ANSWER_PERIOD
    )


def request_row(row: Any, now: datetime, **extra: Any) -> RequestRow:
    """A RequestRow from the ROW_COLUMNS of `row` (extra fields given by the caller)."""
    status = row[5]
    overdue = is_overdue(
        now, status, row[2], extra.get("assignment_status"), extra.pop("assigned_at", None)
    )
    return RequestRow(
        id=row[0],
        tracking_no=row[1],
        created_at=row[2],
        updated_at=row[3],
        type=row[4],
        status=status,
        priority=row[6],
        muhtarlik_name=row[7],
        muhtarlik_kind=row[8],
        district_name=row[9],
        province_name=row[10],
        excerpt=excerpt(row[11]),
        version=row[12],
        overdue=overdue,
        **extra,
    )


def capped_count(session: Session, statement: Select[Any]) -> tuple[int, bool]:
    """How many rows `statement` returns, counting at most COUNT_CAP + 1."""
    limited = statement.order_by(None).limit(COUNT_CAP + 1).subquery()
    count = session.execute(func.count().select().select_from(limited)).scalar_one()
    return min(count, COUNT_CAP), count > COUNT_CAP


def first_ids(session: Session, statement: Select[Any]) -> tuple[list[int], bool]:
    """The first COUNT_CAP ids `statement` returns, and whether there are more."""
    ids = list(session.execute(statement.order_by(None).limit(COUNT_CAP + 1)).scalars())
    return ids[:COUNT_CAP], len(ids) > COUNT_CAP


def fetch_page(
    session: Session,
    count_statement: Select[Any],
    rows_statement: Select[Any],
    page: int,
    page_size: int,
    make_row: Callable[[Any], RowT],
) -> Page[RowT]:
    """The rows of one page (`rows_statement`, already cut to the page) and the capped
    total of `count_statement` (the same rows, without what only the page needs)."""
    check_paging(page, page_size)
    total, capped = capped_count(session, count_statement)
    return Page(
        rows=[make_row(row) for row in session.execute(rows_statement)],
        total=total,
        total_capped=capped,
        page=page,
        page_size=page_size,
    )
