"""The Sisteme Giriş page: the first form (TC Kimlik No, Ad ve Soyadı, Doğrulama Kodu),
then the onay kodu form with the masked phone and the countdown."""

import reflex as rx

from mbs.ui.layout import APP_NAME, page_frame
from mbs.ui.muhtar.login import CODE, MuhtarLoginState
from mbs.ui.muhtar.parts import describedby, field, invalid, message
from mbs.ui.muhtar.widgets import code_timer

TITLE = f"Sisteme Giriş · {APP_NAME}"
State = MuhtarLoginState


def _text_input(
    id: str, default: rx.Var[str] | str, error: rx.Var[str], hint: bool = False, **props: object
) -> rx.Component:
    return rx.el.input(
        id=id,
        name=id,
        type="text",
        default_value=default,
        aria_describedby=describedby(id, hint),
        aria_invalid=invalid(error),
        class_name="m-input",
        **props,
    )


def _captcha() -> rx.Component:
    image = rx.cond(
        State.captcha_src != "",
        rx.el.img(
            src=State.captcha_src,
            alt="Doğrulama kodu resmi",
            width="160",
            height="60",
            class_name="m-captcha-image",
        ),
        # Holds the image's place until it arrives, so nothing jumps.
        rx.el.div(class_name="m-captcha-image"),
    )
    return field(
        "Doğrulama Kodu",
        rx.fragment(
            rx.el.div(
                image,
                rx.el.button(
                    "Yeni kod",
                    type="button",
                    on_click=State.refresh_captcha,
                    aria_label="Yeni doğrulama kodu resmi göster",
                    class_name="m-button m-button-secondary",
                ),
                class_name="m-captcha-row",
            ),
            _text_input(
                "dogrulama_kodu",
                "",
                State.captcha_error,
                hint=True,
                auto_complete="off",
                auto_capitalize="characters",
                spell_check=False,
                max_length=5,
            ),
        ),
        for_id="dogrulama_kodu",
        error=State.captcha_error,
        hint="Resimdeki 5 karakteri yazın; büyük-küçük harf fark etmez.",
    )


def _details_form() -> rx.Component:
    return rx.el.form(
        field(
            "TC Kimlik No",
            _text_input(
                "tckn",
                State.tckn,
                State.tckn_error,
                input_mode="numeric",
                auto_complete="off",
                max_length=11,
            ),
            for_id="tckn",
            error=State.tckn_error,
        ),
        field(
            "Ad ve Soyadı",
            _text_input(
                "ad_soyad",
                State.full_name,
                State.name_error,
                auto_complete="name",
                auto_capitalize="words",
            ),
            for_id="ad_soyad",
            error=State.name_error,
        ),
        _captcha(),
        rx.el.button("Onay Kodu Gönder", type="submit", class_name="m-button m-button-primary"),
        on_submit=State.send_code,
        no_validate=True,
        class_name="m-form",
    )


def _code_form() -> rx.Component:
    return rx.el.form(
        field(
            "Onay Kodu",
            _text_input(
                "onay_kodu",
                "",
                State.code_error,
                hint=True,
                input_mode="numeric",
                auto_complete="one-time-code",
                max_length=6,
                enter_key_hint="go",
            ),
            for_id="onay_kodu",
            error=State.code_error,
            hint="SMS ile gelen 6 haneli kodu yazın.",
        ),
        rx.el.button("Sisteme Giriş", type="submit", class_name="m-button m-button-primary"),
        code_timer(
            serial=State.code_serial,
            expires_in=State.expires_in,
            resend_in=State.resend_in,
            on_resend=State.ask_new_code,
        ),
        rx.el.button(
            "Bilgilerimi değiştir",
            type="button",
            on_click=State.ask_new_code,
            class_name="m-link-button",
        ),
        on_submit=State.sign_in,
        no_validate=True,
        class_name="m-form",
    )


def login_page() -> rx.Component:
    return page_frame(
        rx.el.h1(rx.cond(State.step == CODE, "Onay Kodu", "Sisteme Giriş")),
        rx.cond(
            State.step == CODE,
            rx.el.p(
                "Onay kodu ",
                rx.el.strong(State.masked_phone, class_name="m-nowrap"),
                " numaralı cep telefonunuza SMS ile gönderildi. Kodu yazıp “Sisteme Giriş” "
                "düğmesine basın.",
                class_name="lead",
            ),
            rx.el.p(
                "TC Kimlik Numaranızı, adınızı ve soyadınızı yazın. Kayıtlı cep telefonunuza "
                "bir onay kodu gönderilecek.",
                class_name="lead",
            ),
        ),
        message(State.notice, kind="info"),
        message(State.error),
        rx.cond(State.step == CODE, _code_form(), _details_form()),
    )
