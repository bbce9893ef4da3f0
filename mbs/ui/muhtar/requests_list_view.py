"""The TALEP SORGULAMA page: three lists to choose from, then the chosen one."""

import reflex as rx

from mbs.core.enums import RequestStatus
from mbs.ui import routes
from mbs.ui.layout import APP_NAME
from mbs.ui.muhtar.mail_choice import mail_choice_panel
from mbs.ui.muhtar.parts import message, muhtar_frame
from mbs.ui.muhtar.requests_list import EMPTY, LIST_TITLES, MuhtarRequestsState

TITLE = f"Talep Sorgulama · {APP_NAME}"
State = MuhtarRequestsState


def _list_button(status: RequestStatus, title: str) -> rx.Component:
    chosen = State.status == status.value
    return rx.el.button(
        rx.el.span(title),
        rx.el.span(State.counts[status.value].to_string(), class_name="m-count"),
        type="button",
        on_click=State.show(status.value),
        aria_pressed=rx.cond(chosen, "true", "false"),
        class_name=rx.cond(chosen, "m-list-choice m-list-choice-on", "m-list-choice"),
    )


def _row(row: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            rx.el.span(
                rx.el.span(row["tracking_no"], class_name="m-tracking"),
                rx.el.span(row["type"], class_name="m-badge"),
                class_name="m-row-head",
            ),
            rx.el.span(row["excerpt"], class_name="m-excerpt"),
            rx.el.span(row["filed_at"], class_name="m-when"),
            href=routes.muhtar_request(row["id"]),
            class_name="m-request-link",
        ),
    )


def _title() -> rx.Var[str]:
    return rx.match(
        State.status,
        *((status.value, title) for status, title in LIST_TITLES.items()),
        "",
    )


def _empty() -> rx.Var[str]:
    return rx.match(State.status, *((status.value, text) for status, text in EMPTY.items()), "")


def _pager() -> rx.Component:
    return rx.cond(
        (State.page > 1) | State.has_next,
        rx.el.nav(
            rx.el.button(
                "Önceki sayfa",
                type="button",
                on_click=State.previous_page,
                disabled=State.page <= 1,
                class_name="m-button m-button-secondary",
            ),
            rx.el.span("Sayfa ", State.page.to_string(), class_name="m-page-no"),
            rx.el.button(
                "Sonraki sayfa",
                type="button",
                on_click=State.next_page,
                disabled=~State.has_next,
                class_name="m-button m-button-secondary",
            ),
            aria_label="Sayfalar",
            class_name="m-pager",
        ),
    )


def requests_list_page() -> rx.Component:
    return muhtar_frame(
        rx.el.h1("Talep Sorgulama"),
        rx.el.div(
            *(_list_button(status, title) for status, title in LIST_TITLES.items()),
            role="group",
            aria_label="Listeler",
            class_name="m-list-choices",
        ),
        message(State.error),
        rx.el.section(
            rx.el.h2(_title(), id="liste-basligi"),
            rx.cond(
                State.rows.length() > 0,
                rx.el.ul(rx.foreach(State.rows, _row), class_name="m-request-list"),
                rx.cond(State.loaded, rx.el.p(_empty(), class_name="m-empty")),
            ),
            _pager(),
            aria_labelledby="liste-basligi",
        ),
        mail_choice_panel(),
    )
