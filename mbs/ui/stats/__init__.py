"""İş Zekası Portalı: the statistics views of the staff portal (Genel Başvuru Analizi,
İllere Göre Başvuru Analizi, Birim Performansı, Kırtasiye Tasarrufu). Thin pages over
mbs/core/stats, which decides what each user may see."""

import reflex as rx

from mbs.ui import routes
from mbs.ui.stats import general, places, savings, units


def add_pages(app: rx.App) -> None:
    """Register the four views; each reads its figures on the server when opened."""
    app.add_page(general.general_page, route=routes.STAFF_STATS, title=general.TITLE,
                 on_load=general.StatsGeneralState.on_load)  # fmt: skip
    app.add_page(places.places_page, route=routes.STAFF_STATS_PLACES, title=places.TITLE,
                 on_load=places.StatsPlacesState.on_load)  # fmt: skip
    app.add_page(units.units_page, route=routes.STAFF_STATS_UNITS, title=units.TITLE,
                 on_load=units.StatsUnitsState.on_load)  # fmt: skip
    app.add_page(savings.savings_page, route=routes.STAFF_STATS_SAVINGS, title=savings.TITLE,
                 on_load=savings.StatsSavingsState.on_load)  # fmt: skip
