"""The central unit's forms on the request screen: öncelik, the unit picker with a note
per unit or for all, SÜRECİ TAMAMLA and concluding without routing."""

import reflex as rx

from mbs.core import labels
from mbs.core.enums import Priority
from mbs.ui.staff.request_page import StaffRequestState as State
from mbs.ui.staff.request_parts import busy_button


def priority_field() -> rx.Component:
    return rx.cond(
        State.central_actions.contains("set_priority"),
        rx.el.label(
            rx.el.span("Öncelik", class_name="flabel"),
            rx.el.select(
                *[rx.el.option(labels.PRIORITY[p], value=p.value) for p in Priority],
                value=State.priority,
                id="oncelik",
                on_change=State.change_priority,
                disabled=State.busy != "",
            ),
            class_name="filter",
        ),
    )


def _choice(choice: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.el.li(
        rx.el.button(
            rx.el.span(choice["name"], class_name="choice-name"),
            rx.el.span(choice["kind"], " · ", choice["province"], class_name="muted"),
            rx.cond(choice["busy"] == "1", rx.el.span(" · zaten çalışıyor", class_name="muted")),
            type="button",
            class_name="choice",
            disabled=choice["busy"] == "1",
            on_click=State.pick_unit(choice["id"]),
        )
    )


def _selected(item: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            rx.el.strong(item["name"]),
            rx.el.button(
                "Çıkar",
                type="button",
                class_name="link-button",
                aria_label="Çıkar: " + item["name"],
                on_click=State.drop_unit(item["id"]),
            ),  # fmt: skip
            class_name="selected-head",
        ),
        rx.el.input(
            name="not_" + item["id"],
            default_value=item["note"],
            placeholder="Bu birime not (boşsa ortak not)",
            aria_label="Not: " + item["name"],
            on_blur=lambda value: State.keep_unit_note(item["id"], value),
        ),
        class_name="selected-unit",
    )


def route_form() -> rx.Component:
    adding = State.status == "routed"
    return rx.cond(
        State.central_actions.contains("route") | State.central_actions.contains("add_units"),
        rx.el.section(
            rx.el.h2(rx.cond(adding, "Birim ekle", "Birimlere yönlendir")),
            rx.el.form(
                rx.el.input(
                    name="birim_ara",
                    id="birim_ara",
                    type="search",
                    placeholder="Birim veya il adı",
                    aria_label="Birim ara",
                ),  # fmt: skip
                rx.el.button("Ara", type="submit", class_name="btn"),
                on_submit=State.search_units,
                class_name="inline-form",
            ),
            rx.el.ul(
                rx.foreach(State.unit_choices, _choice), class_name="choices", aria_label="Birimler"
            ),  # fmt: skip
            rx.el.form(
                rx.el.ul(
                    rx.foreach(State.selected, _selected),
                    class_name="selected",
                    aria_label="Seçilen birimler",
                ),  # fmt: skip
                rx.el.label(
                    rx.el.span("Tüm seçilen birimlere not", class_name="flabel"),
                    rx.el.textarea(
                        name="ortak_not", id="ortak_not", rows=2, on_blur=State.mark_draft
                    ),  # fmt: skip
                ),
                busy_button(
                    "SEÇİLEN BİRİMLERE YÖNLENDİR",
                    "Yönlendiriliyor…",
                    "route",
                    disabled=State.selected.length() == 0,
                ),  # fmt: skip
                on_submit=State.route,
                class_name="stack",
            ),
            class_name="action-box",
        ),
    )


def conclude_form() -> rx.Component:
    working = State.still_working.length() > 0
    return rx.cond(
        State.central_actions.contains("conclude"),
        rx.el.section(
            rx.el.h2("Sonuçlandır"),
            rx.cond(
                working,
                rx.el.p(
                    "Süreç tamamlanamaz; şu birimler hâlâ çalışıyor: ",
                    State.still_working.join(", "),
                    id="calisan-birimler",
                    class_name="waiting",
                ),  # fmt: skip
            ),
            rx.el.form(
                rx.el.label(
                    rx.el.span("Muhtara iletilecek özet", class_name="flabel"),
                    rx.el.textarea(name="ozet", id="ozet", rows=3, on_blur=State.mark_draft),
                ),
                busy_button("SÜRECİ TAMAMLA", "Tamamlanıyor…", "conclude", disabled=working),
                on_submit=State.conclude,
                class_name="stack",
            ),
            class_name="action-box",
        ),
    )


def conclude_unrouted_form() -> rx.Component:
    allowed = State.central_actions.contains("conclude_unrouted") & (
        (State.status == "pending") | ((State.still_working.length() == 0) & ~State.any_finished)
    )
    return rx.cond(
        allowed,
        rx.el.details(
            rx.el.summary("Yönlendirmeden sonuçlandır"),
            rx.el.form(
                rx.el.label(
                    rx.el.span("Muhtara açıklama", class_name="flabel"),
                    rx.el.textarea(
                        name="aciklama", id="aciklama_sonuc", rows=3, on_blur=State.mark_draft
                    ),  # fmt: skip
                ),
                busy_button(
                    "Yönlendirmeden sonuçlandır",
                    "Sonuçlandırılıyor…",
                    "conclude_unrouted",
                    class_name="btn",
                ),  # fmt: skip
                on_submit=State.conclude_without_routing,
                class_name="stack",
            ),
            class_name="action-box",
        ),
    )
