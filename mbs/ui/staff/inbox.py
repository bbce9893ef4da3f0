"""Gelen Kutusu / Görevlerim (/kurum): what waits for the user's unit, by status."""

import reflex as rx
from sqlmodel import Session

from mbs.core import labels
from mbs.core.actors import StaffActor
from mbs.core.enums import OPEN_ASSIGNMENT_STATUSES, AssignmentStatus, RequestStatus
from mbs.core.queries.inbox import inbox
from mbs.core.queries.listing import Page, RequestRow, Sort
from mbs.core.queries.view_settings import Screen
from mbs.ui import routes
from mbs.ui.layout import APP_NAME
from mbs.ui.staff.frame import message, staff_frame
from mbs.ui.staff.list_state import StaffListMixin
from mbs.ui.staff.session import StaffSession
from mbs.ui.staff.table import list_toolbar, request_table, status_tab

TITLE = f"Gelen Kutusu · {APP_NAME}"
CENTRAL_STATUSES = [(RequestStatus.PENDING, "Bekleyen"), (RequestStatus.ROUTED, "Yönlendirilen")]
UNIT_STATUSES = [
    (status, labels.ASSIGNMENT_STATUS[status])
    for status in (AssignmentStatus.NEW, AssignmentStatus.TAKEN, AssignmentStatus.FORWARDED)
    if status in OPEN_ASSIGNMENT_STATUSES
]


class StaffInboxState(StaffListMixin, rx.State):
    _screen: Screen = Screen.INBOX

    def _fetch(self, session: Session, actor: StaffActor) -> Page[RequestRow]:
        status: RequestStatus | AssignmentStatus | None = None
        if self.status_filter:
            status = (RequestStatus if actor.is_central else AssignmentStatus)(self.status_filter)
        return inbox(
            session=session,
            actor=actor,
            status=status,
            sort=self._sort() or Sort(),
            page=self.page,
            page_size=self.page_size,
        )

    @rx.event
    async def on_load(self):  # noqa: ANN201
        return await self._open(StaffInboxState)


def _status_tabs() -> rx.Component:
    def tab(value: str, label: str) -> rx.Component:
        return status_tab(StaffInboxState, value, label)

    central = [tab(s.value, label) for s, label in CENTRAL_STATUSES]
    unit = [tab(s.value, label) for s, label in UNIT_STATUSES]
    return rx.el.div(
        tab("", "Tümü"),
        rx.cond(StaffSession.is_central, rx.fragment(*central), rx.fragment(*unit)),
        role="group",
        aria_label="Duruma göre",
        class_name="tabs",
    )


def inbox_page() -> rx.Component:
    return staff_frame(
        rx.el.h1("Gelen Kutusu / Görevlerim", " · ", StaffSession.unit_name),
        message(StaffInboxState.error),
        list_toolbar(StaffInboxState, _status_tabs()),
        request_table(StaffInboxState, "Bekleyen görevler"),
        current=routes.STAFF_INBOX,
    )
