"""Görünümler: every request the actor may see, filtered, sorted and paged in SQL."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, Text, any_, cast, distinct, func, literal_column, select
from sqlmodel import Session, col

from mbs.core import clock
from mbs.core.actors import Actor
from mbs.core.enums import Priority, RequestStatus, RequestType
from mbs.core.errors import ValidationError
from mbs.core.models import Assignment, Request
from mbs.core.permissions import require_staff
from mbs.core.queries.listing import (
    COUNT_CAP,
    DEFAULT_PAGE_SIZE,
    RANK,
    Page,
    RequestRow,
    Sort,
    check_paging,
    first_ids,
    fixed,
    page_of,
    rank_of,
    request_order,
    request_row,
    routed_to,
    rows_of,
)
from mbs.core.text import search_key

SEARCH_MIN = 3  # pg_trgm needs three letters to use its index
SEARCH_MAX = 100
SEARCH_WORDS_MAX = 8
INT_ARRAY = re.compile(r"\{[0-9]+(,[0-9]+)*\}|\{\}")


@dataclass(frozen=True)
class ViewFilters:
    """The Görünümler filters; dates are Turkey's calendar days, both ends included."""

    date_from: date | None = None
    date_to: date | None = None
    priority: Priority | None = None
    type: RequestType | None = None
    status: RequestStatus | None = None
    province_id: int | None = None
    district_id: int | None = None
    muhtarlik_id: int | None = None
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        """The filters that are set, as JSON values (for saved filters)."""
        data: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value is None or value == "":
                continue
            data[field.name] = value.isoformat() if isinstance(value, date) else value
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ViewFilters":
        """Filters from JSON (a saved filter, or the screen's form); unknown keys and
        bad values are refused."""
        if not isinstance(data, Mapping):
            raise ValidationError("Filtre biçimi geçersiz.")
        unknown = set(data) - {field.name for field in fields(cls)}
        if unknown:
            raise ValidationError(f"Bilinmeyen filtre: {', '.join(sorted(unknown))}.")
        try:
            filters = cls(
                date_from=_date(data.get("date_from")),
                date_to=_date(data.get("date_to")),
                priority=_enum(Priority, data.get("priority")),
                type=_enum(RequestType, data.get("type")),
                status=_enum(RequestStatus, data.get("status")),
                province_id=_id(data.get("province_id")),
                district_id=_id(data.get("district_id")),
                muhtarlik_id=_id(data.get("muhtarlik_id")),
                text=_text(data.get("text")),
            )
        except (TypeError, ValueError):
            raise ValidationError("Filtre değerlerinden biri geçersiz.") from None
        filters.where()  # the checks of the values together (dates, search words)
        return filters

    def where(self, *, counting: bool = False) -> list[Any]:
        """WHERE clauses on request for these filters (`counting`: see text_search)."""
        clauses: list[Any] = []
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValidationError("Başlangıç tarihi bitiş tarihinden sonra olamaz.")
        if self.date_from:
            clauses.append(col(Request.created_at) >= clock.start_of_day(self.date_from))
        if self.date_to:
            next_day = self.date_to + timedelta(days=1)
            clauses.append(col(Request.created_at) < clock.start_of_day(next_day))
        if self.priority:
            # The rank, not the column: ix_request_priority_rank then serves the filter.
            clauses.append(RANK == rank_of(self.priority))  # noqa: SIM300
        if self.type:
            clauses.append(col(Request.type) == fixed(self.type))
        if self.status:
            clauses.append(col(Request.status) == fixed(self.status))
        if self.province_id is not None:
            clauses.append(col(Request.province_id) == self.province_id)
        if self.district_id is not None:
            clauses.append(col(Request.district_id) == self.district_id)
        if self.muhtarlik_id is not None:
            clauses.append(col(Request.muhtarlik_id) == self.muhtarlik_id)
        clauses.extend(text_search(self.text, counting=counting))
        return clauses


def view(
    *,
    session: Session,
    actor: Actor,
    filters: ViewFilters | None = None,
    sort: Sort | None = None,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> Page[RequestRow]:
    """Görünümler: the requests `actor` may see (the central unit: all; another unit:
    those routed to it or its sub-units), matching `filters`, in `sort` order."""
    staff = require_staff(actor)
    now = clock.now()
    chosen = filters or ViewFilters()
    where, counted = chosen.where(), chosen.where(counting=True)
    check_paging(page, page_size)
    visible: VisibleIds | None = None
    if staff.is_central:
        base = select(col(Request.id)).where(*where)
        count = select(col(Request.id)).where(*counted)
    else:
        routed = routed_to(session, staff)
        mine, visible = _visible_to_unit(session, routed)
        base = select(col(Request.id)).where(mine, *where)
        count = select(col(Request.id)).where(mine, *counted)
        if not where:  # counted from the assignment index alone
            count = routed.distinct()
    # Counting reads the matching ids, up to COUNT_CAP. When that is all of them,
    # the page is sorted from exactly those: the planner cannot know how rare a word
    # is, and guessing "common" it would walk the whole sort order looking for the 21
    # requests of "taştekne" (0.7 s in a million). When there are more, they are
    # common enough for that walk to find a page at once.
    if visible is not None and not where:
        ids, capped = visible.first_ids(), visible.count > COUNT_CAP
    else:
        ids, capped = first_ids(session, count)
    if not capped:
        base = select(col(Request.id)).where(col(Request.id).in_(ids))
    order = request_order(sort or Sort())
    rows = session.execute(rows_of(page_of(base.order_by(*order), page, page_size), order))
    return Page(
        rows=[request_row(row, now) for row in rows],
        total=len(ids),
        total_capped=capped,
        page=page,
        page_size=page_size,
    )


@dataclass(frozen=True)
class VisibleIds:
    """The ids of the requests a unit may see, as PostgreSQL's text of an int array."""

    count: int
    array_text: str  # "{12,40,41}"

    def first_ids(self) -> list[int]:
        return [int(n) for n in self.array_text.strip("{}").split(",") if n][:COUNT_CAP]


def _visible_to_unit(session: Session, routed: Select[Any]) -> tuple[Any, VisibleIds | None]:
    """The clause "routed to the unit or its sub-units" on request, and on PostgreSQL
    the ids themselves.

    There the ids (a few thousand, aggregated from the assignment index in a few
    milliseconds) are written into the statement as one array constant: the planner
    then knows how many there are and probes them as a hash table while it walks the
    sort order's index, 1–2 ms a page. Given as a subquery, they were probed one by one
    through the assignment index (60–300 ms for a valilik's first page); bound as a
    parameter, psycopg spends 30 ms sending 35,000 numbers one by one.
    """
    if session.get_bind().dialect.name != "postgresql":
        return col(Request.id).in_(routed), None
    request_id = col(Assignment.request_id)
    count, array_text = session.execute(
        routed.with_only_columns(
            func.count(distinct(request_id)), cast(func.array_agg(distinct(request_id)), Text)
        )
    ).one()
    array_text = array_text or "{}"
    # Written into the SQL text, so it must be nothing but numbers (it comes from an
    # integer column; the check keeps it so whatever changes around it).
    if not INT_ARRAY.fullmatch(array_text):
        raise ValueError("unexpected request id array")
    visible = VisibleIds(count, array_text)
    return col(Request.id) == any_(literal_column(f"'{array_text}'::integer[]")), visible


def text_search(text: str, *, counting: bool = False) -> list[Any]:
    """LIKE clauses on request.search_text for the words of `text`, Turkish-aware:
    "ışık" finds "IŞIK", "istanbul" finds "İSTANBUL". Every word of three or more
    letters must occur; a text with shorter words is looked for as one phrase.

    For `counting`, only the longest word (usually the rarest) is offered to the
    trigram index and the others are checked on the rows it finds: intersecting the
    index's answers for two common words costs far more (0.4 s against 0.06 s for
    "sokak lambaları" in a million requests). The page keeps plain LIKEs, whose
    estimates let the planner walk the sort order when the words are common."""
    folded = search_key(text or "")
    if not folded:
        return []
    if len(folded) > SEARCH_MAX:
        raise ValidationError(f"Arama metni en fazla {SEARCH_MAX} karakter olabilir.")
    words = folded.split(" ")
    if len(words) > SEARCH_WORDS_MAX:
        raise ValidationError(f"En fazla {SEARCH_WORDS_MAX} kelime ile arayabilirsiniz.")
    if any(len(word) < SEARCH_MIN for word in words):
        if len(folded) < SEARCH_MIN:
            raise ValidationError(f"Aramak için en az {SEARCH_MIN} karakter yazın.")
        words = [folded]
    words.sort(key=len, reverse=True)
    searched = col(Request.search_text)
    unindexed = searched.concat("")  # the same text, but not the indexed column
    return [
        (unindexed if counting and n else searched).like(f"%{_escape_like(word)}%", escape="\\")
        for n, word in enumerate(words)
    ]


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _enum(enum: Any, value: Any) -> Any:
    return None if value in (None, "") else enum(value)


def _id(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(value)
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(value)
    return value
