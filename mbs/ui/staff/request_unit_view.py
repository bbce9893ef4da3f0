"""A unit's forms on the request screen: Üzerime Al, forwarding to sub-units,
İŞLEMİ TAMAMLA with its outcome and files, İade."""

import reflex as rx
from reflex.event import FORM_DATA

from mbs.core import labels
from mbs.core.attachments import MAX_BYTES, MAX_FILES
from mbs.core.enums import CompletionOutcome, NegativeReason
from mbs.ui.muhtar.widgets import file_picker
from mbs.ui.staff.request_page import StaffRequestState as State
from mbs.ui.staff.request_parts import busy_button
from mbs.ui.staff.request_unit import UPLOAD_ID


def take_on_button() -> rx.Component:
    return rx.cond(
        State.my_actions.contains("take_on"),
        busy_button(
            "Üzerime Al",
            "Alınıyor…",
            "take_on",
            type="button",
            class_name="btn",
            on_click=State.take_on_request,
        ),  # fmt: skip
    )


def _sub_unit(choice: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.el.li(
        rx.el.label(
            rx.el.input(
                type="checkbox", name="alt_" + choice["id"], disabled=choice["busy"] == "1"
            ),
            " ",
            choice["name"],
            rx.cond(choice["busy"] == "1", rx.el.span(" · çalışıyor", class_name="muted")),
        )
    )


def forward_form() -> rx.Component:
    return rx.cond(
        State.my_actions.contains("forward"),
        rx.el.section(
            rx.el.h2("Alt birimlere yönlendir"),
            rx.el.form(
                rx.el.ul(rx.foreach(State.sub_unit_choices, _sub_unit), class_name="choices"),
                rx.el.label(
                    rx.el.span("Yönlendirme notu", class_name="flabel"),
                    rx.el.textarea(
                        name="yonlendirme_notu",
                        id="yonlendirme_notu",
                        rows=2,
                        default_value=State.forward_note,
                        on_blur=State.mark_draft,
                    ),
                ),  # fmt: skip
                busy_button("ALT BİRİMLERE YÖNLENDİR", "Yönlendiriliyor…", "forward"),
                on_submit=State.forward,
                class_name="stack",
            ),
            class_name="action-box",
        ),
    )


def _outcome_choice(outcome: CompletionOutcome) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type="radio",
            name="sonuc",
            value=outcome.value,
            # Uncontrolled, so the browser shows the choice at once; the state learns
            # it to show the reason's list.
            default_checked=State.complete_outcome == outcome.value,
            on_change=lambda _value: State.choose_outcome(outcome.value),
        ),
        " ",
        labels.COMPLETION_OUTCOME[outcome],
        class_name="radio",
    )


def _outcome_fields() -> rx.Component:
    """Sonuç (required, nothing chosen at first) and, for Olumsuz, its reason."""
    return rx.fragment(
        rx.el.fieldset(
            rx.el.legend("Sonuç (zorunlu)", class_name="flabel"),
            *[_outcome_choice(outcome) for outcome in CompletionOutcome],
            class_name="radio-group",
        ),
        rx.cond(
            State.complete_outcome == CompletionOutcome.NEGATIVE.value,
            rx.el.label(
                rx.el.span("Olumsuzluk nedeni", class_name="flabel"),
                rx.el.select(
                    rx.el.option("Seçin…", value=""),
                    *[
                        rx.el.option(labels.NEGATIVE_REASON[reason], value=reason.value)
                        for reason in NegativeReason
                    ],
                    # No id: Reflex sends every field with an id, even one not shown.
                    name="olumsuzluk_nedeni",
                ),
            ),
        ),
    )


def complete_form() -> rx.Component:
    waiting = State.open_forwards.length() > 0
    return rx.cond(
        State.my_actions.contains("complete"),
        rx.el.section(
            rx.el.h2("İşlemi tamamla"),
            rx.cond(
                waiting,
                rx.el.p(
                    "İşlem tamamlanamaz; şu alt birimler hâlâ çalışıyor: ",
                    State.open_forwards.join(", "),
                    id="calisan-alt-birimler",
                    class_name="waiting",
                ),  # fmt: skip
            ),
            rx.el.form(
                rx.el.label(
                    rx.el.span("Açıklama (zorunlu)", class_name="flabel"),
                    rx.el.textarea(
                        name="tamamlama_notu",
                        id="tamamlama_notu",
                        rows=3,
                        default_value=State.complete_note,
                        on_blur=State.mark_draft,
                    ),
                ),  # fmt: skip
                _outcome_fields(),
                rx.el.div(
                    rx.el.span(
                        f"Ekler (isteğe bağlı; en fazla {MAX_FILES} dosya, her biri "
                        f"{MAX_BYTES // (1024 * 1024)} MB)",
                        class_name="flabel",
                    ),
                    file_picker(upload_id=UPLOAD_ID, max_files=MAX_FILES, max_bytes=MAX_BYTES),
                ),  # fmt: skip
                busy_button("İŞLEMİ TAMAMLA", "Tamamlanıyor…", "complete", disabled=waiting),
                on_submit=State.complete(rx.upload_files(upload_id=UPLOAD_ID), FORM_DATA),
                class_name="stack",
            ),
            class_name="action-box",
        ),
    )


def return_form() -> rx.Component:
    return rx.cond(
        State.my_actions.contains("return"),
        rx.el.details(
            rx.el.summary("İade et"),
            rx.el.form(
                rx.el.label(
                    rx.el.span("İade gerekçesi", class_name="flabel"),
                    rx.el.textarea(
                        name="iade_gerekcesi",
                        id="iade_gerekcesi",
                        rows=2,
                        default_value=State.return_reason,
                        on_blur=State.mark_draft,
                    ),
                ),  # fmt: skip
                busy_button("İADE ET", "İade ediliyor…", "return", class_name="btn btn-danger"),
                on_submit=State.return_request,
                class_name="stack",
            ),
            class_name="action-box",
        ),
    )
