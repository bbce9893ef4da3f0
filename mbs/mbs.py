"""The Reflex app: `reflex run` imports `app` from here (rxconfig app_name="mbs")."""

import reflex as rx

from mbs.ui import home, live, muhtar, routes, staff
from mbs.ui.muhtar.api import muhtar_api

app = rx.App(
    html_lang="tr",
    stylesheets=["/mbs.css", "/staff.css"],
    head_components=[
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        rx.el.meta(name="theme-color", content="#9b1c1c"),
    ],
    # The toast library is not used yet; leaving it out keeps pages small.
    toaster=None,
    # The attachment route (permission-checked) and redirect-free page addresses.
    api_transformer=muhtar_api(),
)
# Live screens: every backend worker follows the event log for its own clients.
app.register_lifespan_task(live.follow_event_log)

app.add_page(
    home.home_page,
    route=routes.HOME,
    title=home.TITLE,
    description=home.DESCRIPTION,
    image="/favicon.svg",
)

muhtar.add_pages(app)
staff.add_pages(app)
