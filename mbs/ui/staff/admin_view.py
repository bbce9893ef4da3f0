"""The Kullanıcılar page: the accounts table with its actions, and the new account form."""

import reflex as rx

from mbs.ui import routes
from mbs.ui.layout import APP_NAME
from mbs.ui.staff.admin import StaffAdminState
from mbs.ui.staff.frame import message, staff_frame

TITLE = f"Kullanıcılar · {APP_NAME}"


def _user_row(user: rx.Var[dict[str, str]]) -> rx.Component:
    state = StaffAdminState
    return rx.el.tr(
        rx.el.td(user["username"]),
        rx.el.td(user["full_name"]),
        rx.el.td(user["unit"]),
        rx.el.td(rx.cond(user["is_admin"] == "True", "Yönetici", "")),
        rx.el.td(
            rx.cond(user["is_active"] == "True", "Etkin", "Devre dışı"),
            rx.cond(user["locked_until"] != "", " · kilitli: " + user["locked_until"], ""),
        ),
        rx.el.td(_email_form(user)),
        rx.el.td(
            rx.el.div(
                rx.el.button(
                    rx.cond(
                        state.busy == "reset:" + user["username"], "Sıfırlanıyor…", "Parola sıfırla"
                    ),
                    type="button",
                    class_name="btn btn-small",
                    disabled=state.busy != "",
                    on_click=state.reset_user_password(user["username"]),
                ),
                rx.cond(
                    user["is_active"] == "True",
                    rx.el.button(
                        rx.cond(
                            state.busy == "disable:" + user["username"],
                            "İşleniyor…",
                            "Devre dışı bırak",
                        ),
                        type="button",
                        class_name="btn btn-small btn-danger",
                        disabled=state.busy != "",
                        on_click=state.disable(user["username"]),
                    ),
                ),
                class_name="row-actions",
            ),
        ),
    )


def _email_form(user: rx.Var[dict[str, str]]) -> rx.Component:
    state = StaffAdminState
    return rx.el.form(
        rx.el.input(type="hidden", name="kullanici", value=user["username"]),
        rx.el.input(
            type="email",
            name="eposta",
            default_value=user["email"],
            placeholder="ad.soyad@kurum.gov.tr",
            aria_label="E-posta: " + user["username"],
        ),
        rx.el.button(
            rx.cond(state.busy == "email:" + user["username"], "Kaydediliyor…", "Kaydet"),
            type="submit",
            class_name="btn btn-small",
            disabled=state.busy != "",
        ),
        on_submit=state.save_email,
        class_name="inline-form",
    )


def _create_form() -> rx.Component:
    state = StaffAdminState
    return rx.el.section(
        rx.el.h2("Yeni hesap"),
        rx.el.form(
            rx.el.input(
                name="birim_ara", placeholder="Birim adı, kodu veya il", aria_label="Birim ara"
            ),
            rx.el.button("Birim ara", type="submit", class_name="btn"),
            on_submit=state.find_units,
            class_name="inline-form",
        ),
        rx.el.ul(
            rx.foreach(
                state.units,
                lambda unit: rx.el.li(
                    rx.el.button(
                        unit["name"],
                        " · ",
                        unit["kind"],
                        " · ",
                        unit["province"],
                        type="button",
                        class_name="choice",
                        on_click=state.choose_unit(unit["code"], unit["name"]),
                    )
                ),
            ),
            class_name="choices",
        ),
        rx.el.form(
            rx.el.p(
                "Birim: ",
                rx.el.strong(rx.cond(state.unit_name != "", state.unit_name, "seçilmedi")),
            ),
            rx.el.label(
                rx.el.span("Kullanıcı adı", class_name="flabel"),
                rx.el.input(
                    name="yeni_kullanici_adi", id="yeni_kullanici_adi", auto_complete="off"
                ),
            ),  # fmt: skip
            rx.el.label(
                rx.el.span("Ad soyad", class_name="flabel"),
                rx.el.input(name="ad_soyad", id="ad_soyad"),
            ),  # fmt: skip
            rx.el.label(
                rx.el.span("Parola (en az 10 karakter)", class_name="flabel"),
                rx.el.input(
                    name="yeni_parola",
                    id="yeni_parola",
                    type="password",
                    auto_complete="new-password",
                ),
            ),  # fmt: skip
            rx.el.label(
                rx.el.span("E-posta (isteğe bağlı; bildirimler için)", class_name="flabel"),
                rx.el.input(name="yeni_eposta", id="yeni_eposta", type="email"),
            ),  # fmt: skip
            rx.el.label(
                rx.el.input(type="checkbox", name="yonetici"), " Yönetici (yalnızca Genel Müdürlük)"
            ),
            rx.el.button(
                rx.cond(state.busy == "create", "Açılıyor…", "Hesap aç"),
                type="submit",
                class_name="btn btn-primary",
                disabled=state.busy != "",
            ),  # fmt: skip
            on_submit=state.create,
            class_name="stack",
        ),
        class_name="panel",
    )


def admin_page() -> rx.Component:
    state = StaffAdminState
    return staff_frame(
        rx.el.h1("Kullanıcılar"),
        message(state.error, id="hesap-hatasi"),
        message(state.result, kind="info", id="hesap-sonucu"),
        rx.cond(
            state.allowed,
            rx.el.div(
                rx.el.div(
                    rx.el.form(
                        rx.el.input(
                            name="kullanici_ara",
                            type="search",
                            placeholder="Kullanıcı, ad veya birim",
                            aria_label="Kullanıcı ara",
                        ),  # fmt: skip
                        rx.el.button("Ara", type="submit", class_name="btn"),
                        on_submit=state.search,
                        class_name="inline-form",
                    ),
                    rx.el.table(
                        rx.el.thead(
                            rx.el.tr(
                                *[
                                    rx.el.th(h, scope="col")
                                    for h in (
                                        "Kullanıcı adı",
                                        "Ad soyad",
                                        "Birim",
                                        "Rol",
                                        "Durum",
                                        "E-posta",
                                        "İşlem",
                                    )
                                ]
                            )
                        ),
                        rx.el.tbody(rx.foreach(state.users, _user_row)),
                        class_name="req-table",
                    ),  # fmt: skip
                    class_name="table-wrap",
                ),
                _create_form(),
                class_name="admin-grid",
            ),
        ),
        current=routes.STAFF_USERS,
    )
