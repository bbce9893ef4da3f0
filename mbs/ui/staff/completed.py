"""Tamamlanan (/kurum/tamamlanan): what the unit finished or returned (the central
unit: the concluded requests), most recently closed first."""

import reflex as rx
from sqlmodel import Session

from mbs.core.actors import StaffActor
from mbs.core.enums import AssignmentStatus
from mbs.core.queries.inbox import completed
from mbs.core.queries.listing import Page, RequestRow
from mbs.core.queries.view_settings import Screen
from mbs.ui import routes
from mbs.ui.layout import APP_NAME
from mbs.ui.staff.frame import message, staff_frame
from mbs.ui.staff.list_state import StaffListMixin
from mbs.ui.staff.session import StaffSession
from mbs.ui.staff.table import list_toolbar, request_table, status_tab

TITLE = f"Tamamlanan · {APP_NAME}"


class StaffCompletedState(StaffListMixin, rx.State):
    _screen: Screen = Screen.COMPLETED

    def _fetch(self, session: Session, actor: StaffActor) -> Page[RequestRow]:
        status = AssignmentStatus(self.status_filter) if self.status_filter else None
        return completed(
            session=session,
            actor=actor,
            status=None if actor.is_central else status,
            page=self.page,
            page_size=self.page_size,
        )

    @rx.event
    async def on_load(self):  # noqa: ANN201
        return await self._open(StaffCompletedState)


def _status_tabs() -> rx.Component:
    def tab(value: str, label: str) -> rx.Component:
        return status_tab(StaffCompletedState, value, label)

    return rx.cond(
        StaffSession.is_central,
        rx.fragment(),
        rx.el.div(
            tab("", "Tümü"),
            tab(AssignmentStatus.FINISHED.value, "Tamamlandı"),
            tab(AssignmentStatus.RETURNED.value, "İade edildi"),
            role="group",
            aria_label="Duruma göre",
            class_name="tabs",
        ),
    )


def completed_page() -> rx.Component:
    return staff_frame(
        rx.el.h1("Tamamlanan", " · ", StaffSession.unit_name),
        message(StaffCompletedState.error),
        list_toolbar(StaffCompletedState, _status_tabs()),
        request_table(StaffCompletedState, "Tamamlanan talepler"),
        current=routes.STAFF_COMPLETED,
    )
