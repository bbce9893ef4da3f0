"""The page of one request: text, where it is now, units, hareket bilgileri, ekler."""

import reflex as rx

from mbs.ui import routes
from mbs.ui.common.backend import attachment_href
from mbs.ui.layout import APP_NAME
from mbs.ui.muhtar.parts import message, muhtar_frame
from mbs.ui.muhtar.request_page import MuhtarRequestPageState

TITLE = f"Talep · {APP_NAME}"
State = MuhtarRequestPageState


def _detail(term: str, value: rx.Var[str]) -> rx.Component:
    return rx.el.div(rx.el.dt(term), rx.el.dd(value), class_name="m-detail-row")


def _unit(unit: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.el.li(
        rx.el.span(unit["unit"], class_name="unit-name"),
        rx.el.span(
            unit["state"],
            class_name=rx.cond(unit["done"] == "True", "m-badge m-badge-done", "m-badge"),
        ),
    )


def _step(step: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.time(step["when"]), class_name="m-when"),
        rx.el.p(step["title"], class_name="m-step-title"),
        rx.cond(step["unit"] != "", rx.el.p(step["unit"], class_name="m-step-unit")),
        rx.cond(step["note"] != "", rx.el.blockquote(step["note"], class_name="m-note")),
    )


def _file(file: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            file["name"],
            href=attachment_href(file["id"]),
            target="_blank",
            rel="noopener",
            class_name="m-file-link",
        ),
        rx.el.span(" · ", file["size"], " · ", file["added_by"], class_name="m-file-meta"),
    )


def _section(title: str, anchor: str, *children: rx.Component) -> rx.Component:
    return rx.el.section(
        rx.el.h2(title, id=anchor), *children, aria_labelledby=anchor, class_name="m-block"
    )


def _found() -> rx.Component:
    return rx.fragment(
        rx.el.h1("Talep ", rx.el.span(State.tracking_no, class_name="m-nowrap")),
        rx.el.p(
            rx.el.span(State.status_label, class_name="m-badge m-badge-status"),
            " ",
            State.where_now,
            role="status",
            class_name="m-where-now",
        ),
        rx.el.dl(
            _detail("Başvuru türü", State.type),
            _detail("Tarih", State.filed_at),
            _detail("Muhtarlık", State.muhtarlik),
            _detail("Talep eden", State.filed_by),
            class_name="m-details m-card",
        ),
        _section("Açıklama", "aciklama", rx.el.p(State.description, class_name="m-description")),
        rx.cond(
            State.units.length() > 0,
            _section(
                "Yönlendirilen birimler",
                "birimler",
                rx.el.ul(rx.foreach(State.units, _unit), class_name="m-units"),
            ),
        ),
        _section(
            "Hareket bilgileri",
            "hareketler",
            rx.el.ol(rx.foreach(State.steps, _step), class_name="m-steps-list"),
        ),
        rx.cond(
            State.files.length() > 0,
            _section(
                "Ekler", "ekler", rx.el.ul(rx.foreach(State.files, _file), class_name="m-files")
            ),
        ),
    )


def request_page() -> rx.Component:
    return muhtar_frame(
        rx.el.p(
            rx.el.a(
                rx.el.span("← ", aria_hidden="true"), "Taleplerime dön", href=routes.MUHTAR_REQUESTS
            ),
            class_name="m-back",
        ),
        rx.cond(
            State.found,
            _found(),
            rx.cond(
                State.loaded,
                rx.fragment(
                    rx.el.h1("Talep bulunamadı"),
                    rx.el.p(
                        "Adresi kontrol edin ya da taleplerinizi listeden açın. Yalnızca "
                        "kendi muhtarlığınızın taleplerini görebilirsiniz."
                    ),
                ),
                # Until the request arrives, hold a screenful of room, so nothing
                # below jumps when it does.
                rx.el.p("Talep yükleniyor…", class_name="m-loading"),
            ),
        ),
        message(State.error),
    )
