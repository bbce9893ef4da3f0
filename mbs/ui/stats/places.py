"""İllere Göre Başvuru Analizi (/kurum/istatistik/iller): the figures per il as a
sortable table and as a map coloured by the chosen measure; an il (on the map or in the
table) opens its ilçes, an ilçe its muhtarlıks."""

from typing import Any

import reflex as rx

from mbs.core import clock
from mbs.core.stats.export import places_table
from mbs.core.stats.filters import StatsFilter
from mbs.core.stats.places import (
    MEASURES,
    PlaceRow,
    district_analysis,
    muhtarlik_analysis,
    province_analysis,
)
from mbs.ui import routes
from mbs.ui.layout import APP_NAME
from mbs.ui.stats.page_state import Read, StatsPageMixin
from mbs.ui.stats.tables import Listed
from mbs.ui.stats.turkey_map import (
    ACTIVATE_KEYS,
    colour_scale,
    format_measure,
    outlines,
    turkey_map,
)
from mbs.ui.stats.view import export_all_button, field, stats_frame, tables

TITLE = f"İllere Göre Başvuru Analizi · {APP_NAME}"


def measure_kind(measure: str) -> str:
    """How a PlaceRow field is written: a share, a duration or a count."""
    if "within" in measure:
        return "share"
    if "hours" in measure:
        return "hours"
    return "int"


class StatsPlacesState(StatsPageMixin, rx.State):
    _title: str = "İllere Göre Başvuru Analizi"
    measure: str = "total"
    measure_label: str = ""
    map_fills: dict[str, str] = {}
    map_labels: dict[str, str] = {}
    map_active: list[str] = []
    map_selected: str = ""
    map_legend: list[dict[str, str]] = []
    province_name: str = ""
    district_name: str = ""
    _province_id: int = 0
    _district_id: int = 0

    def _read(self, filters: StatsFilter) -> Read:
        province_id, district_id, now = self._province_id, self._district_id, clock.now()

        def read(session: Any, actor: Any) -> list[list[PlaceRow]]:
            levels = [province_analysis(session=session, actor=actor, filters=filters, now=now)]
            if province_id:
                levels.append(
                    district_analysis(
                        session=session,
                        actor=actor,
                        filters=filters,
                        province_id=province_id,
                        now=now,
                    )
                )
            if province_id and district_id:
                levels.append(
                    muhtarlik_analysis(
                        session=session,
                        actor=actor,
                        filters=filters,
                        district_id=district_id,
                        now=now,
                    )
                )
            return levels

        return read

    def _present(self, result: list[list[PlaceRow]]) -> list[Listed]:
        provinces = result[0]
        self._show_map(provinces)
        names = {row.place_id: row.name for row in provinces}
        self.province_name = names.get(self._province_id, "")
        listed = [Listed(places_table("İller", provinces), _ids(provinces), "İlçeler")]
        if len(result) > 1:
            districts = result[1]
            title = f"{self.province_name} ilçeleri"
            listed.append(Listed(places_table(title, districts), _ids(districts), "Muhtarlıklar"))
            self.district_name = {r.place_id: r.name for r in districts}.get(self._district_id, "")
        if len(result) > 2:
            title = f"{self.district_name} ({self.province_name}) muhtarlıkları"
            listed.append(Listed(places_table(title, result[2])))
        return listed

    def _show_map(self, provinces: list[PlaceRow]) -> None:
        kind, label = measure_kind(self.measure), MEASURES[self.measure]
        self.measure_label = f"İllere göre: {label}"
        values: dict[str, float | None] = {}
        names = {p["code"]: p["name"] for p in outlines()[1]}
        labels = {code: f"{name}: kapsam dışı" for code, name in names.items()}
        for row in provinces:
            if row.code in names:
                value = getattr(row, self.measure)
                values[row.code] = value
                labels[row.code] = f"{row.name} — {label}: {format_measure(value, kind)}"
        self.map_fills, self.map_legend = colour_scale(values, kind)
        self.map_labels, self.map_active = labels, sorted(values)
        self.map_selected = f"{self._province_id:02d}" if self._province_id else ""

    def _go(self, province_id: int, district_id: int = 0):  # noqa: ANN202
        self._province_id, self._district_id = province_id, district_id
        if not district_id:
            self.district_name = ""
        return self._refresh()

    @rx.event
    async def on_load(self):  # noqa: ANN201
        return await self._open()

    @rx.event
    def set_measure(self, value: str):  # noqa: ANN201
        if value in MEASURES:
            self.measure = value
            return self._refresh()
        return None

    @rx.event
    def drill(self, index: int, row_id: str):  # noqa: ANN201
        """A row's button: an il opens its ilçes, an ilçe its muhtarlıks."""
        if not (row_id.isdigit() and len(row_id) < 10):
            return None
        if index == 0:
            return self._go(int(row_id))
        if index == 1 and self._province_id:
            return self._go(self._province_id, int(row_id))
        return None

    def _choose(self, code: str):  # noqa: ANN202
        return self._go(int(code)) if code in self.map_active else None

    @rx.event
    def choose_on_map(self, code: str):  # noqa: ANN201
        return self._choose(code)

    @rx.event
    def map_key(self, code: str, key: str):  # noqa: ANN201
        return self._choose(code) if key in ACTIVATE_KEYS else None

    @rx.event
    def back_to(self, level: str):  # noqa: ANN201
        """The breadcrumb: back to Türkiye, or from the muhtarlıks to the il's ilçes."""
        if level == "province" and self._province_id:
            return self._go(self._province_id)
        return self._go(0)


def _ids(rows: list[PlaceRow]) -> list[str]:
    return [str(row.place_id) for row in rows]


def _breadcrumb() -> rx.Component:
    state = StatsPlacesState
    return rx.el.nav(
        rx.el.button(
            "Türkiye", type="button", class_name="link-button", on_click=state.back_to("country")
        ),  # fmt: skip
        rx.cond(
            state.province_name != "",
            rx.fragment(
                " › ",
                rx.el.button(
                    state.province_name,
                    type="button",
                    class_name="link-button",
                    on_click=state.back_to("province"),
                ),  # fmt: skip
            ),
        ),
        rx.cond(state.district_name != "", rx.fragment(" › ", rx.el.span(state.district_name))),
        aria_label="Bulunduğunuz yer",
        class_name="stats-breadcrumb",
    )


def _measure() -> rx.Component:
    return field(
        "Haritada gösterilen",
        rx.el.select(
            *[rx.el.option(label, value=key) for key, label in MEASURES.items()],
            id="harita-olcusu",
            value=StatsPlacesState.measure,
            on_change=StatsPlacesState.set_measure,
        ),
    )


def places_page() -> rx.Component:
    state = StatsPlacesState
    return stats_frame(
        state,
        "İllere Göre Başvuru Analizi",
        rx.el.div(_measure(), _breadcrumb(), export_all_button(state), class_name="stats-toolbar"),
        turkey_map(state, state.measure_label),
        tables(state, drillable=True),
        current=routes.STAFF_STATS_PLACES,
    )
