"""The request screen (/kurum/talep/<id>): details on the left, the unit's actions on
the right; every button names its action and shows progress."""

import reflex as rx

from mbs.core import labels
from mbs.core.enums import Priority
from mbs.ui import routes
from mbs.ui.common.backend import attachment_href
from mbs.ui.layout import APP_NAME
from mbs.ui.staff.frame import message, staff_frame
from mbs.ui.staff.request_central_view import (
    conclude_form,
    conclude_unrouted_form,
    priority_field,
    route_form,
)
from mbs.ui.staff.request_page import StaffRequestState as State
from mbs.ui.staff.request_unit_view import complete_form, forward_form, return_form, take_on_button

TITLE = f"Talep · {APP_NAME}"


def _detail(term: str, value: rx.Var) -> rx.Component:
    return rx.el.div(rx.el.dt(term), rx.el.dd(value), class_name="kv")


def _section(title: str, *children: rx.Component, id: str) -> rx.Component:
    return rx.el.section(rx.el.h2(title, id=f"{id}-baslik"), *children,
                         aria_labelledby=f"{id}-baslik", class_name="panel")  # fmt: skip


def _details() -> rx.Component:
    return _section(
        "Muhtar ve muhtarlık",
        rx.el.dl(
            _detail("Muhtar", State.muhtar_name),
            _detail("TC Kimlik No", State.muhtar_tckn),
            _detail("Telefon", State.muhtar_phone),
            _detail("Muhtarlık", State.muhtarlik),
            _detail("İlçe / İl", State.district + " / " + State.province),
            _detail("Başvuru tarihi", State.filed_at),
            _detail("Son işlem", State.updated_at),
            class_name="kv-grid",
        ),
        id="muhtar",
    )


def _file(file: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            file["name"],
            href=attachment_href(file["id"]),
            target="_blank",
            rel="noopener",
            class_name="file-link",
        ),  # fmt: skip
        rx.el.span(
            " · ",
            file["size"],
            " · ",
            file["added_by"],
            " · ",
            file["added_at"],
            class_name="muted",
        ),  # fmt: skip
    )


def _assignment(item: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.el.tr(
        rx.el.td(
            rx.cond(item["parent_id"] != "", "↳ ", ""),
            item["unit"],
            rx.cond(item["mine"] == "True", rx.el.span(" (biriminiz)", class_name="muted")),
        ),
        rx.el.td(rx.el.span(item["status_label"], class_name="badge badge-" + item["status"])),
        rx.el.td(item["routing_note"], class_name="note-cell"),
        rx.el.td(
            rx.cond(
                item["outcome"] != "",
                rx.el.span(item["outcome"], class_name="outcome"),
            ),
            item["completion_note"],
            rx.cond(item["return_reason"] != "", rx.el.span("İade: " + item["return_reason"])),
            class_name="note-cell",
        ),
        rx.el.td(item["closed_at"]),
        class_name=rx.cond(item["parent_id"] != "", "child-row", ""),
    )


def _assignments() -> rx.Component:
    return _section(
        "Birimler",
        rx.cond(
            State.assignments.length() > 0,
            rx.el.table(
                rx.el.thead(
                    rx.el.tr(
                        *[
                            rx.el.th(h, scope="col")
                            for h in (
                                "Birim",
                                "Durum",
                                "Yönlendirme notu",
                                "Tamamlama notu",
                                "Kapanış",
                            )
                        ]
                    )
                ),
                rx.el.tbody(rx.foreach(State.assignments, _assignment)),
                class_name="req-table compact",
            ),  # fmt: skip
            rx.el.p("Henüz bir birime yönlendirilmedi.", class_name="muted"),
        ),
        id="birimler",
    )


def _history_line(line: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.el.li(
        rx.el.span(line["when"], class_name="when"),
        rx.el.strong(line["title"]),
        rx.cond(line["detail"] != "", rx.el.span(" → ", line["detail"])),
        rx.cond(line["unit"] != "", rx.el.span(" · ", line["unit"], class_name="muted")),
        rx.cond(line["note"] != "", rx.el.blockquote(line["note"], class_name="note")),
    )


def _left() -> rx.Component:
    return rx.el.div(
        _section(
            "Açıklama",
            rx.el.p(State.description, class_name="description"),
            rx.cond(
                State.files.length() > 0,
                rx.el.ul(rx.foreach(State.files, _file), class_name="files", aria_label="Ekler"),
            ),
            rx.cond(
                State.summary != "", rx.el.blockquote("Sonuç: ", State.summary, class_name="note")
            ),
            id="aciklama",
        ),
        _details(),
        _assignments(),
        _section(
            "Hareket bilgileri",
            rx.el.ol(rx.foreach(State.history, _history_line), class_name="history"),
            id="hareket",
        ),  # fmt: skip
        class_name="req-left",
    )


def _actions() -> rx.Component:
    return rx.el.aside(
        priority_field(),
        take_on_button(),
        route_form(),
        conclude_form(),
        conclude_unrouted_form(),
        forward_form(),
        complete_form(),
        return_form(),
        rx.cond(
            (State.central_actions.length() == 0) & (State.my_actions.length() == 0),
            rx.el.p("Bu talepte biriminizin yapacağı bir işlem yok.", class_name="muted"),
        ),
        class_name="req-actions",
        aria_label="İşlemler",
    )


def _header() -> rx.Component:
    return rx.el.div(
        rx.el.h1("Talep ", State.tracking_no),
        rx.el.span(State.status_label, class_name="badge", id="talep-durumu"),
        rx.el.span(State.type_label, class_name="badge"),
        rx.el.span(
            rx.match(State.priority, *[(p.value, labels.PRIORITY[p]) for p in Priority], ""),
            class_name="prio prio-" + State.priority,
        ),
        rx.el.button("Yenile", type="button", class_name="btn", on_click=State.reload),
        class_name="req-head",
    )


def request_page() -> rx.Component:
    return staff_frame(
        rx.el.p(rx.el.a("‹ Gelen Kutusu", href=routes.STAFF_INBOX), class_name="back"),
        rx.cond(
            State.found,
            rx.el.div(
                _header(),
                message(State.error, id="islem-hatasi"),
                message(State.result, kind="info", id="islem-sonucu"),
                rx.el.div(
                    # Re-mounted on a live change to replay the highlight; the action
                    # forms are outside it, so what the user typed stays.
                    rx.el.div(
                        _left(),
                        key=State.live_serial.to(str),
                        class_name=rx.cond(State.live_serial > 0, "live-flash", ""),
                    ),
                    _actions(),
                    class_name="req-grid",
                ),  # fmt: skip
            ),
            rx.cond(State.loaded, message(State.error, id="islem-hatasi"), rx.el.p("Yükleniyor…")),
        ),
    )
