"""The SMS page: state chips with counts, the filters, and the dense outbox table with
the actions an administrator may take on a row."""

from typing import Any

import reflex as rx

from mbs.core import labels
from mbs.core.commands.sms_admin import DOUBLE_DELIVERY
from mbs.core.enums import SmsKind
from mbs.core.queries.sms_admin import STATUS_ORDER
from mbs.ui import routes
from mbs.ui.layout import APP_NAME, link
from mbs.ui.staff.frame import message, staff_frame
from mbs.ui.staff.sms_admin import StaffSmsState as State

TITLE = f"SMS · {APP_NAME}"
COLUMNS = ("Zaman", "Tür", "Telefon", "Talep No", "Durum", "Deneme", "Son hata", "Sağlayıcı",
           "Gönderildi", "İletildi", "İşlem")  # fmt: skip


def _chip(item: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.el.button(
        item["label"],
        " ",
        rx.el.span(item["count"], class_name="chip-count"),
        type="button",
        class_name=rx.cond(item["attention"] == "1", "tab sms-chip sms-chip-attention", "tab"),
        aria_pressed=rx.cond(State.filters["status"] == item["status"], "true", "false"),
        on_click=State.filter_status(item["status"]),
    )


def _chips() -> rx.Component:
    return rx.el.div(
        rx.el.button(
            "Tümü",
            type="button",
            class_name="tab",
            aria_pressed=rx.cond(State.filters["status"] == "", "true", "false"),
            on_click=State.filter_status(""),
        ),
        rx.foreach(State.counts, _chip),
        role="group",
        aria_label="Duruma göre",
        class_name="tabs",
    )


def _field(label: str, control: rx.Component, extra: str = "") -> rx.Component:
    return rx.el.label(
        rx.el.span(label, class_name="flabel"), control, class_name=f"filter {extra}".strip()
    )


def _filters_form() -> rx.Component:
    return rx.el.form(
        _field(
            "Durum",
            rx.el.select(
                rx.el.option("Tümü", value=""),
                *[rx.el.option(labels.SMS_STATUS[s], value=s.value) for s in STATUS_ORDER],
                name="status",
                value=State.filters["status"],
                on_change=State.filter_status,
            ),
        ),
        _field(
            "Tür",
            rx.el.select(
                rx.el.option("Tümü", value=""),
                *[rx.el.option(labels.SMS_KIND[k], value=k.value) for k in SmsKind],
                name="kind",
            ),
        ),
        _field("Başlangıç", rx.el.input(name="date_from", type="date")),
        _field("Bitiş", rx.el.input(name="date_to", type="date")),
        _field(
            "Takip No",
            rx.el.input(name="tracking_no", placeholder="2026-000123", auto_complete="off"),
        ),
        rx.el.div(
            rx.el.button("Listele", type="submit", class_name="btn btn-primary"),
            rx.el.button("Temizle", type="reset", class_name="btn", on_click=State.clear_filters),
            class_name="filter-actions",
        ),
        on_submit=State.apply_filters,
        class_name="filters",
        aria_label="Filtreler",
    )


def _toolbar() -> rx.Component:
    return rx.el.div(
        _chips(),
        rx.el.div(
            rx.el.button(
                "‹ Önceki",
                type="button",
                on_click=State.previous_page,
                disabled=State.page <= 1,
                aria_label="Önceki sayfa",
            ),
            rx.el.span(State.summary, class_name="page-summary", aria_live="polite"),
            rx.el.button(
                "Sonraki ›",
                type="button",
                on_click=State.next_page,
                disabled=~State.has_next,
                aria_label="Sonraki sayfa",
            ),
            rx.el.button("Yenile", type="button", on_click=State.refresh),
            class_name="pager",
        ),
        class_name="list-toolbar",
    )


def _button(
    label: str, busy_key: rx.Var[str], on_click: Any, class_name: str = "btn btn-small"
) -> rx.Component:
    return rx.el.button(
        rx.cond(State.busy == busy_key, "İşleniyor…", label),
        type="button",
        class_name=class_name,
        disabled=State.busy != "",
        aria_busy=rx.cond(State.busy == busy_key, "true", "false"),
        on_click=on_click,
    )


def _actions(row: rx.Var[dict[str, str]]) -> rx.Component:
    sms_id = row["id"]
    return rx.el.td(
        rx.el.div(
            rx.cond(
                row["can_requeue"] == "1",
                rx.cond(
                    row["needs_confirmation"] == "1",
                    _button(
                        "Yeniden kuyruğa al…", "requeue:" + sms_id, State.ask_confirmation(sms_id)
                    ),
                    _button("Yeniden kuyruğa al", "requeue:" + sms_id, State.requeue(sms_id)),
                ),
            ),
            rx.cond(
                row["can_mark_sent"] == "1",
                _button("Gönderildi kabul et", "mark:" + sms_id, State.mark_sent(sms_id)),
            ),
            class_name="row-actions",
        ),
    )


def _confirmation(row: rx.Var[dict[str, str]]) -> rx.Component:
    """Under a row in review, once its re-queue was asked for: the warning, full width."""
    sms_id = row["id"]
    return rx.el.tr(
        rx.el.td(
            rx.el.div(
                rx.el.p(DOUBLE_DELIVERY, " Yine de yeniden kuyruğa alınsın mı?"),
                rx.el.div(
                    _button(
                        "Yine de kuyruğa al",
                        "requeue:" + sms_id,
                        State.requeue_confirmed(sms_id),
                        class_name="btn btn-small btn-danger",
                    ),
                    rx.el.button(
                        "Vazgeç",
                        type="button",
                        class_name="btn btn-small",
                        on_click=State.cancel_confirmation,
                    ),
                    class_name="row-actions",
                ),
                role="alert",
                class_name="sms-confirm",
            ),
            col_span=len(COLUMNS),
        ),
        data_sms_confirm=sms_id,
    )


def _row(row: rx.Var[dict[str, str]]) -> rx.Component:
    line = rx.el.tr(
        rx.el.td(row["created_at"], class_name="cell-nowrap"),
        rx.el.td(row["kind"]),
        rx.el.td(row["phone"], class_name="cell-nowrap"),
        rx.el.td(
            rx.cond(
                row["tracking_no"] != "",
                link(row["tracking_no"], href=row["request_href"]),
            ),
            class_name="cell-tracking",
        ),
        rx.el.td(
            rx.el.span(row["status"], class_name="sms-status sms-status-" + row["status_key"])
        ),
        rx.el.td(row["attempts"], class_name="cell-number"),
        rx.el.td(row["last_error"], class_name="cell-error"),
        rx.el.td(row["provider"]),
        rx.el.td(row["sent_at"], class_name="cell-when"),
        rx.el.td(row["delivered_at"], class_name="cell-when"),
        _actions(row),
        data_sms_id=row["id"],
    )
    return rx.fragment(line, rx.cond(State.confirm_id == row["id"], _confirmation(row)))


def _table() -> rx.Component:
    return rx.el.div(
        rx.el.table(
            rx.el.caption("SMS giden kutusu", class_name="sr-only"),
            rx.el.thead(rx.el.tr(*[rx.el.th(name, scope="col") for name in COLUMNS])),
            rx.el.tbody(rx.foreach(State.rows, _row)),
            class_name="req-table sms-table",
        ),
        rx.cond(
            State.loaded & (State.rows.length() == 0),
            rx.el.p("Bu filtreye uyan SMS yok.", class_name="empty"),
        ),
        class_name="table-wrap",
    )


def sms_page() -> rx.Component:
    return staff_frame(
        rx.el.h1("SMS"),
        message(State.error, id="sms-hatasi"),
        message(State.result, kind="info", id="sms-sonucu"),
        rx.cond(
            State.allowed,
            rx.fragment(_filters_form(), _toolbar(), _table()),
        ),
        current=routes.STAFF_SMS,
    )
