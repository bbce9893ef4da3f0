"""The Oturum Aç page of the staff portal."""

import reflex as rx

from mbs.ui.layout import APP_NAME, page_frame
from mbs.ui.staff.frame import PORTAL, message
from mbs.ui.staff.login import StaffLoginState as State

TITLE = f"Kurum Girişi · {APP_NAME}"


def login_page() -> rx.Component:
    return page_frame(
        rx.el.h1("Kurum Kullanıcı Girişi"),
        rx.el.p(PORTAL, class_name="lead"),
        message(State.notice, kind="info", id="giris-bilgi"),
        rx.el.form(
            rx.el.div(
                rx.el.label("Kullanıcı Adı", html_for="kullanici_adi", class_name="label"),
                rx.el.input(
                    id="kullanici_adi",
                    name="kullanici_adi",
                    auto_complete="username",
                    default_value=State.username,
                    auto_capitalize="none",
                    auto_focus=True,
                    spell_check=False,
                    required=True,
                ),
                class_name="field",
            ),
            rx.el.div(
                rx.el.label("Parola", html_for="parola", class_name="label"),
                rx.el.input(
                    id="parola",
                    name="parola",
                    type="password",
                    auto_complete="current-password",
                    required=True,
                ),
                class_name="field",
            ),
            message(State.error, id="giris-hatasi"),
            rx.el.button(
                rx.cond(State.busy, "Giriş yapılıyor…", "Oturum Aç"),
                type="submit",
                disabled=State.busy,
                class_name="button staff-login-button",
            ),
            on_submit=State.sign_in,
            no_validate=True,
            class_name="form",
        ),
    )
