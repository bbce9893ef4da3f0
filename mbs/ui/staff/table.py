"""The dense, sortable request table of the staff lists, and its paging bar."""

from typing import Any

import reflex as rx

from mbs.core.queries.view_settings import COLUMNS
from mbs.ui import routes
from mbs.ui.layout import link
from mbs.ui.staff.list_state import PAGE_SIZES


def _head(state: Any, head: rx.Var[dict[str, str]]) -> rx.Component:
    arrow = rx.cond(state.sort_key == head["sort"], rx.cond(state.sort_descending, " ▼", " ▲"), "")
    return rx.el.th(
        rx.cond(
            head["sort"] != "",
            rx.el.button(
                head["label"],
                arrow,
                type="button",
                class_name="th-sort",
                on_click=state.sort_by(head["sort"]),
            ),
            head["label"],
        ),
        scope="col",
        aria_sort=rx.cond(
            state.sort_key == head["sort"],
            rx.cond(state.sort_descending, "descending", "ascending"),
            "none",
        ),
    )


def _cell(row: rx.Var[dict[str, str]], column: rx.Var[str]) -> rx.Component:
    return rx.match(
        column,
        (
            "tracking_no",
            rx.el.td(
                link(row["tracking_no"], href=routes.STAFF_REQUEST.split("[")[0] + row["id"]),
                class_name="cell-tracking",
            ),
        ),
        (
            "priority",
            rx.el.td(
                rx.el.span(row["priority"], class_name="prio prio-" + row["priority_key"]),
            ),
        ),
        ("excerpt", rx.el.td(row["excerpt"], class_name="cell-excerpt")),
        rx.el.td(row[column]),
    )


def _row(state: Any, row: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.el.tr(
        rx.foreach(state.columns, lambda column: _cell(row, column)),
        rx.el.td(rx.cond(row["overdue"] == "1", rx.el.span("Süresi geçti", class_name="overdue"))),
        class_name=rx.cond(row["stands_out"] == "1", "row-out", "")
        + rx.cond(row["changed"] == "1", " row-changed", ""),
        data_request_id=row["id"],
    )


def request_table(state: Any, caption: str) -> rx.Component:
    return rx.el.div(
        rx.el.table(
            rx.el.caption(caption, class_name="sr-only"),
            rx.el.thead(
                rx.el.tr(
                    rx.foreach(state.heads, lambda head: _head(state, head)),
                    rx.el.th(rx.el.span("Uyarı", class_name="sr-only"), scope="col"),
                )
            ),
            rx.el.tbody(rx.foreach(state.rows, lambda row: _row(state, row))),
            class_name="req-table",
        ),
        rx.cond(
            state.loaded & (state.rows.length() == 0),
            rx.el.p("Bu listede talep yok.", class_name="empty"),
        ),
        class_name="table-wrap",
    )


def _column_choice(state: Any, key: str, label: str) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type="checkbox",
            checked=state.columns.contains(key),
            on_change=lambda _checked: state.toggle_column(key),
        ),
        " ",
        label,
        class_name="col-choice",
    )


def list_toolbar(state: Any, *extra: rx.Component, unit_columns: bool = True) -> rx.Component:
    """Paging, page size and the column chooser, above the table."""
    choices = [
        (key, label)
        for key, label in COLUMNS.items()
        if unit_columns or key not in ("assignment_status", "closed_at")
    ]
    return rx.el.div(
        *extra,
        rx.el.div(
            rx.el.button(
                "‹ Önceki",
                type="button",
                on_click=state.previous_page,
                disabled=state.page <= 1,
                aria_label="Önceki sayfa",
            ),
            rx.el.span(state.summary, class_name="page-summary", aria_live="polite"),
            rx.el.button(
                "Sonraki ›",
                type="button",
                on_click=state.next_page,
                disabled=~state.has_next,
                aria_label="Sonraki sayfa",
            ),
            rx.el.label(
                "Sayfada ",
                rx.el.select(
                    *[rx.el.option(size, value=size) for size in PAGE_SIZES],
                    value=state.page_size.to(str),
                    on_change=state.set_page_size,
                ),
                class_name="page-size",
            ),
            rx.el.details(
                rx.el.summary("Sütunlar"),
                rx.el.div(
                    *[_column_choice(state, key, label) for key, label in choices],
                    class_name="col-choices",
                ),
                class_name="col-chooser",
            ),
            class_name="pager",
        ),
        class_name="list-toolbar",
    )


def status_tab(state: Any, value: str, label: str) -> rx.Component:
    """One status filter button of a list; pressed while that status is shown."""
    return rx.el.button(
        label,
        type="button",
        class_name="tab",
        aria_pressed=rx.cond(state.status_filter == value, "true", "false"),
        on_click=state.filter_status(value),
    )
