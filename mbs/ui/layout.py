"""The frame shared by every page: skip link, header, main landmark, footer.

Plain HTML elements (`rx.el`) and assets/mbs.css only: no component library CSS,
so a page stays small enough for slow mobile connections.
"""

import reflex as rx

from mbs.ui import routes

APP_NAME = "Muhtar Bilgi Sistemi"
MAIN_ID = "icerik"


def link(*children: rx.Component | str, href: str, **props: object) -> rx.Component:
    """A plain `<a href>`.

    `rx.el.a` becomes a React Router link, which skips the browser's own handling of
    `#fragment` targets (the skip link would not move the focus).
    """
    return rx.el.A.create(*children, href=href, **props)


def page_frame(*children: rx.Component, footer: rx.Component | None = None) -> rx.Component:
    """Wrap a page's content in the landmarks screen readers and keyboards rely on."""
    return rx.el.div(
        link("İçeriğe geç", href=f"#{MAIN_ID}", class_name="skip-link"),
        rx.el.header(
            link(
                rx.el.img(src="/favicon.svg", alt=""),
                rx.el.span(APP_NAME),
                href=routes.HOME,
                class_name="brand",
            ),
            class_name="site-header",
        ),
        rx.el.main(*children, id=MAIN_ID, class_name="site-main", tab_index=-1),
        rx.el.footer(footer or rx.fragment(), class_name="site-footer"),
        class_name="page",
    )
