"""SMS (/kurum/sms): central-unit administrators watch the SMS outbox (how many messages
are in each state, the messages filtered and paged in SQL) and re-queue or settle the
ones a person has to decide about. The core refuses anyone else; the menu entry is only
for the eye. One page of rows is in state at a time."""

import dataclasses
from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from mbs.core.actors import StaffActor
from mbs.core.commands.sms_admin import mark_sms_sent, requeue_sms
from mbs.core.enums import SmsStatus
from mbs.core.errors import DomainError, PermissionDenied, SessionExpired
from mbs.core.queries.listing import Page
from mbs.core.queries.sms_admin import SmsFilters, SmsLine, StateCount, sms_counts, sms_page
from mbs.ui import routes
from mbs.ui.staff.session import StaffSessionMixin, Who, who

PAGE_SIZE = 50
FILTER_KEYS = ("status", "kind", "date_from", "date_to", "tracking_no")


def count_text(count: int, capped: bool) -> str:
    """ "1.234", or "1.000+" where counting stopped."""
    return f"{count:,}".replace(",", ".") + ("+" if capped else "")


# States that wait for a person: their chip stands out while it is not empty.
NEEDS_ATTENTION = (SmsStatus.FAILED, SmsStatus.REVIEW)


def chip(item: StateCount) -> dict[str, str]:
    return {
        "status": item.status.value,
        "label": item.label,
        "count": count_text(item.count, item.capped),
        "attention": "1" if item.status in NEEDS_ATTENTION and item.count else "",
    }


def row_cells(line: SmsLine) -> dict[str, str]:
    """One table row; every value a string, flags "1" or ""."""
    return {
        "id": str(line.id),
        "created_at": line.created_at,
        "kind": line.kind_label,
        "phone": line.phone,
        "tracking_no": line.tracking_no,
        "request_href": routes.staff_request(line.request_id) if line.request_id else "",
        "status": line.status_label,
        "status_key": line.status.value,
        "attempts": str(line.attempts),
        "last_error": line.last_error,
        "provider": line.provider,
        "sent_at": line.sent_at,
        "delivered_at": line.delivered_at,
        "can_requeue": "1" if line.can_requeue else "",
        "needs_confirmation": "1" if line.status is SmsStatus.REVIEW else "",
        "can_mark_sent": "1" if line.can_mark_sent else "",
    }


def page_summary(page: Page[SmsLine]) -> str:
    if not page.rows:
        return "Kayıt yok"
    first = (page.page - 1) * page.page_size + 1
    last = first + len(page.rows) - 1
    return f"{first}–{last} / {count_text(page.total, page.total_capped)}"


# What one read shows: the state counts and one page of rows.
Screen = tuple[list[StateCount], Page[SmsLine]]


class StaffSmsState(StaffSessionMixin, rx.State):
    allowed: bool = False
    loaded: bool = False
    counts: list[dict[str, str]] = []
    rows: list[dict[str, str]] = []
    filters: dict[str, str] = dict.fromkeys(FILTER_KEYS, "")
    page: int = 1
    has_next: bool = False
    summary: str = ""
    error: str = ""
    result: str = ""
    busy: str = ""  # "requeue:12", "mark:12": the action in flight
    confirm_id: str = ""  # the review row whose double delivery is being confirmed
    _filters: SmsFilters = SmsFilters()

    async def _load(self):  # noqa: ANN202
        filters, page = self._filters, self.page

        def read(session: Session, actor: StaffActor) -> tuple[Who, Screen | str]:
            me = who(session, actor)
            try:
                counts = sms_counts(session=session, actor=actor)
                rows = sms_page(
                    session=session, actor=actor, filters=filters, page=page, page_size=PAGE_SIZE
                )
            except PermissionDenied as refused:
                return me, refused.message
            return me, (counts, rows)

        try:
            me, screen = await self._as_staff(read)
        except SessionExpired as error:
            return await self._to_login(error)
        except DomainError as problem:
            self.error = problem.message
            return None
        await self._load_who(me)
        if isinstance(screen, str):
            self.allowed, self.error, self.rows, self.counts = False, screen, [], []
            return None
        counts, rows = screen
        self.allowed, self.loaded = True, True
        self.counts = [chip(item) for item in counts]
        self.rows = [row_cells(line) for line in rows.rows]
        self.summary, self.has_next = page_summary(rows), rows.has_next
        return None

    @rx.event
    async def on_load(self):  # noqa: ANN201
        self.error = self.result = self.busy = self.confirm_id = ""
        self.page = 1
        return await self._load()

    @rx.event
    async def apply_filters(self, form: dict[str, Any]):  # noqa: ANN201
        """Listele: the filters are checked in core, then the first page is read."""
        self.filters = {key: str(form.get(key) or "").strip() for key in FILTER_KEYS}
        try:
            self._filters = SmsFilters.from_form(self.filters)
        except DomainError as problem:
            self.error = problem.message
            return None
        self.error, self.page, self.confirm_id = "", 1, ""
        return await self._load()

    @rx.event
    async def clear_filters(self):  # noqa: ANN201
        self.filters, self._filters = dict.fromkeys(FILTER_KEYS, ""), SmsFilters()
        self.page, self.error = 1, ""
        return await self._load()

    @rx.event
    async def filter_status(self, value: str):  # noqa: ANN201
        """A state chip: show only that state (again: every state)."""
        if value and value not in {status.value for status in SmsStatus}:
            return None
        chosen = "" if self.filters.get("status") == value else value
        self.filters = {**self.filters, "status": chosen}
        self._filters = dataclasses.replace(
            self._filters, status=SmsStatus(chosen) if chosen else None
        )
        self.page, self.confirm_id = 1, ""
        return await self._load()

    @rx.event
    async def next_page(self):  # noqa: ANN201
        if not self.has_next:
            return None
        self.page += 1
        return await self._load()

    @rx.event
    async def previous_page(self):  # noqa: ANN201
        if self.page <= 1:
            return None
        self.page -= 1
        return await self._load()

    @rx.event
    async def refresh(self):  # noqa: ANN201
        return await self._load()

    @rx.event
    def ask_confirmation(self, sms_id: str) -> None:
        self.confirm_id = sms_id if sms_id.isdigit() else ""

    @rx.event
    def cancel_confirmation(self) -> None:
        self.confirm_id = ""

    async def _act(self, work: Callable[[Session, StaffActor], Any], done: str):  # noqa: ANN202
        self.error = self.result = ""
        try:
            await self._as_staff(work)
        except SessionExpired as error:
            self.busy = ""
            return await self._to_login(error)
        except DomainError as problem:
            self.busy, self.error = "", problem.message
            return await self._load()
        self.busy, self.confirm_id, self.result = "", "", done
        return await self._load()

    @rx.event
    async def requeue(self, sms_id: str):  # noqa: ANN201
        """Yeniden kuyruğa al, for a failed message."""
        if not sms_id.isdigit():
            return
        number = int(sms_id)
        self.busy = f"requeue:{sms_id}"
        yield
        yield await self._act(
            lambda session, actor: requeue_sms(
                session=session, actor=actor, sms_id=number, expected_status=SmsStatus.FAILED
            ),
            f"{sms_id} numaralı SMS yeniden kuyruğa alındı.",
        )

    @rx.event
    async def requeue_confirmed(self, sms_id: str):  # noqa: ANN201
        """Yine de kuyruğa al, for a message in review, after the warning."""
        if not sms_id.isdigit() or sms_id != self.confirm_id:
            return
        number = int(sms_id)
        self.busy = f"requeue:{sms_id}"
        yield
        yield await self._act(
            lambda session, actor: requeue_sms(
                session=session,
                actor=actor,
                sms_id=number,
                expected_status=SmsStatus.REVIEW,
                accept_double_delivery=True,
            ),
            f"{sms_id} numaralı SMS yeniden kuyruğa alındı (iki kez ulaşabilir).",
        )

    @rx.event
    async def mark_sent(self, sms_id: str):  # noqa: ANN201
        """Gönderildi kabul et, for a message in review."""
        if not sms_id.isdigit():
            return
        number = int(sms_id)
        self.busy = f"mark:{sms_id}"
        yield
        yield await self._act(
            lambda session, actor: mark_sms_sent(session=session, actor=actor, sms_id=number),
            f"{sms_id} numaralı SMS gönderildi kabul edildi.",
        )
