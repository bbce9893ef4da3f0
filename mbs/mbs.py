"""The Reflex app: `reflex run` imports `app` from here (rxconfig app_name="mbs")."""

import reflex as rx

from mbs.core.scheduler.runner import app_lifespan
from mbs.ui import home, live, muhtar, routes, staff, stats
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
# Scheduled jobs (SMS outbox, delivery reports, cleanup). Every worker runs this, and
# the leader lock lets exactly one of them do the work; MBS_SCHEDULER_IN_APP=0 leaves
# the jobs to a separate `mbs scheduler` process instead.
app.register_lifespan_task(app_lifespan)

app.add_page(
    home.home_page,
    route=routes.HOME,
    title=home.TITLE,
    description=home.DESCRIPTION,
    image="/favicon.svg",
)

muhtar.add_pages(app)
staff.add_pages(app)
stats.add_pages(app)
