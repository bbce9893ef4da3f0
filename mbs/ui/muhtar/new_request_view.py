"""The Yeni Talep page and its confirmation (seed: BAŞVURU İŞLEMLERİ, steps 5–7)."""

import reflex as rx
from reflex.event import FORM_DATA
from reflex_components_core.core.upload import Upload

from mbs.core.attachments import MAX_BYTES, MAX_FILES
from mbs.core.commands.filing import DESCRIPTION_MAX, DESCRIPTION_MIN
from mbs.core.labels import REQUEST_TYPE
from mbs.ui import routes
from mbs.ui.layout import APP_NAME
from mbs.ui.muhtar.new_request import UPLOAD_ID, MuhtarNewRequestState
from mbs.ui.muhtar.parts import describedby, invalid, message, muhtar_frame
from mbs.ui.muhtar.widgets import counted_textarea, file_picker, send_button

TITLE = f"Yeni Talep · {APP_NAME}"
State = MuhtarNewRequestState
# The files go through Reflex's upload endpoint, which Reflex opens only once an upload
# component exists; this page picks files with its own small widget instead.
Upload.is_used = True


def _applicant() -> rx.Component:
    def row(term: str, value: rx.Var[str] | rx.Component) -> rx.Component:
        return rx.el.div(rx.el.dt(term), rx.el.dd(value), class_name="m-detail-row")

    return rx.el.section(
        rx.el.h2("Talep sahibi", id="talep-sahibi"),
        rx.el.dl(
            row("Ad Soyad", State.full_name),
            row("Muhtarlık", State.muhtarlik),
            row("İlçe / İl", rx.fragment(State.district, " / ", State.province)),
            class_name="m-details",
        ),
        aria_labelledby="talep-sahibi",
        class_name="m-card",
    )


def _type_choice() -> rx.Component:
    options = [
        rx.el.label(
            rx.el.input(
                type="radio",
                id=f"tur_{request_type.value}",
                name="tur",
                value=request_type.value,
                default_checked=State.type_value == request_type.value,
                aria_describedby="tur-hata",
                aria_invalid=invalid(State.type_error),
            ),
            rx.el.span(label),
            class_name="m-choice",
        )
        for request_type, label in REQUEST_TYPE.items()
    ]
    return rx.el.fieldset(
        rx.el.legend("Başvuru türü", class_name="m-label"),
        rx.el.div(*options, class_name="m-choices"),
        rx.el.p(State.type_error, id="tur-hata", class_name="m-field-error"),
        class_name="m-field",
    )


def _description() -> rx.Component:
    return rx.el.div(
        rx.el.label("Açıklama", html_for="aciklama", class_name="m-label"),
        rx.el.p(
            "Talebinizi, yerini ve ne gerektiğini açıkça yazın.",
            id="aciklama-ipucu",
            class_name="m-hint",
        ),
        counted_textarea(
            id="aciklama",
            name="aciklama",
            default_value=State.description,
            min_length=DESCRIPTION_MIN,
            max_length=DESCRIPTION_MAX,
            counter_id="aciklama-sayac",
            rows=7,
            class_name="m-input m-textarea",
            custom_attrs={
                "aria-describedby": "aciklama-ipucu aciklama-sayac aciklama-hata",
                "aria-invalid": invalid(State.description_error),
            },
        ),
        rx.el.p(State.description_error, id="aciklama-hata", class_name="m-field-error"),
        class_name="m-field",
    )


def _files() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend("Fotoğraf ve belgeler (isteğe bağlı)", class_name="m-label"),
        rx.el.p(
            f"En fazla {MAX_FILES} dosya, her biri en fazla {MAX_BYTES // (1024 * 1024)} MB: "
            "fotoğraf (JPEG, PNG, WebP) veya PDF.",
            id="ekler-ipucu",
            class_name="m-hint",
        ),
        file_picker(upload_id=UPLOAD_ID, max_files=MAX_FILES, max_bytes=MAX_BYTES),
        rx.el.p(State.files_error, id="ekler-hata", role="alert", class_name="m-field-error"),
        aria_describedby=describedby("ekler", hint=True),
        class_name="m-field",
    )


def _form() -> rx.Component:
    return rx.el.form(
        _type_choice(),
        _description(),
        _files(),
        message(State.error),
        send_button(label="Gönder", busy_label="Gönderiliyor…", serial=State.answer_serial),
        key=State.form_key,
        on_submit=State.submit(rx.upload_files(upload_id=UPLOAD_ID), FORM_DATA),
        no_validate=True,
        class_name="m-form",
    )


def _confirmation() -> rx.Component:
    return rx.el.section(
        rx.el.h1("Talebiniz alındı"),
        rx.el.p("Takip numaranız", class_name="m-label"),
        rx.el.p(State.filed_tracking_no, class_name="m-tracking-no"),
        rx.el.p(
            "Talebinizin alındığı cep telefonunuza SMS ile bildirilecek. Talebiniz her "
            "aşamada yine SMS ile bildirilir.",
        ),
        rx.el.div(
            rx.el.a(
                "Talebin durumunu sorgula",
                href=routes.muhtar_request(State.filed_id),
                class_name="m-button m-button-primary",
            ),
            rx.el.button(
                "Yeni talep gir",
                type="button",
                on_click=State.new_form,
                class_name="m-button m-button-secondary",
            ),
            class_name="m-actions",
        ),
        role="status",
        class_name="m-confirmation",
    )


def new_request_page() -> rx.Component:
    return muhtar_frame(
        rx.cond(
            State.filed_id != 0,
            _confirmation(),
            rx.fragment(
                rx.el.h1("Yeni Talep"),
                _applicant(),
                _form(),
            ),
        )
    )
