"""Reflex configuration for MBS.

Settings come from the environment (see README): MBS_DATABASE_URL, MBS_CORS_ORIGINS,
MBS_ENV, and Reflex's own REFLEX_* variables (REFLEX_REDIS_URL switches the state
manager to Redis for several workers).
"""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from mbs.core.db import database_url
from mbs.ui.origins import allowed_origins

config = rx.Config(
    app_name="mbs",
    db_url=database_url(),
    cors_allowed_origins=allowed_origins(),
    # No usage data leaves the server, and no "Built with Reflex" badge on the pages.
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # The sitemap plugin would publish every route; staff pages have no business there.
    disable_plugins=[SitemapPlugin],
)
