"""The Reflex app: `reflex run` imports `app` from here (rxconfig app_name="mbs")."""

import reflex as rx

from mbs.ui import home, routes

app = rx.App(
    html_lang="tr",
    stylesheets=["/mbs.css"],
    head_components=[
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        rx.el.meta(name="theme-color", content="#9b1c1c"),
    ],
    # The toast library is not used yet; leaving it out keeps pages small.
    toaster=None,
)

app.add_page(
    home.home_page,
    route=routes.HOME,
    title=home.TITLE,
    description=home.DESCRIPTION,
    image="/favicon.svg",
)
