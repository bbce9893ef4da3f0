"""The staff portal's frame: a dense full-width layout with the unit's name, the lists'
menu, the accounts and SMS screens for administrators and Çıkış; and small shared widgets."""

import reflex as rx

from mbs.ui import routes
from mbs.ui.layout import APP_NAME, MAIN_ID, link
from mbs.ui.staff.session import StaffSession

PORTAL = "Talep Yönetim Portalı"


def _nav_link(label: str, href: str, current: str) -> rx.Component:
    return link(
        label,
        href=href,
        class_name="staff-nav-link",
        aria_current="page" if href == current else None,
    )


def staff_frame(*children: rx.Component, current: str = "") -> rx.Component:
    return rx.el.div(
        link("İçeriğe geç", href=f"#{MAIN_ID}", class_name="skip-link"),
        rx.el.header(
            rx.el.div(
                link(
                    rx.el.img(src="/favicon.svg", alt=""),
                    rx.el.span(APP_NAME),
                    href=routes.STAFF_INBOX,
                    class_name="brand",
                ),
                rx.el.span(PORTAL, class_name="staff-portal-name"),
                class_name="staff-brand",
            ),
            rx.el.nav(
                _nav_link("Gelen Kutusu / Görevlerim", routes.STAFF_INBOX, current),
                _nav_link("Tamamlanan", routes.STAFF_COMPLETED, current),
                _nav_link("Görünümler", routes.STAFF_VIEWS, current),
                _nav_link("İş Zekası", routes.STAFF_STATS, current),
                rx.cond(
                    StaffSession.is_admin,
                    _nav_link("Kullanıcılar", routes.STAFF_USERS, current),
                ),
                rx.cond(StaffSession.is_admin, _nav_link("SMS", routes.STAFF_SMS, current)),
                aria_label="Kurum menüsü",
                class_name="staff-nav",
            ),
            rx.el.div(
                rx.el.span(StaffSession.full_name, class_name="staff-user"),
                rx.el.span(StaffSession.unit_name, id="birim-adi", class_name="staff-unit"),
                rx.el.button(
                    "Çıkış", type="button", class_name="staff-logout", on_click=StaffSession.logout
                ),
                class_name="staff-who",
            ),
            class_name="staff-header",
        ),
        rx.el.main(*children, id=MAIN_ID, class_name="staff-main", tab_index=-1),
        class_name="staff-page",
    )


def message(text: rx.Var[str] | str, *, kind: str = "error", id: str = "") -> rx.Component:
    """A message box; errors are announced at once, results politely."""
    return rx.el.div(
        text,
        id=id or None,
        role="alert" if kind == "error" else "status",
        class_name=rx.cond(text != "", f"staff-message staff-message-{kind}", "message-empty"),
    )
