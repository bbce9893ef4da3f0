"""Genel Başvuru Analizi (/kurum/istatistik): counts by type and status, requests per
day / week / month with the trend, the times from filing to routing and to conclusion,
the share concluded within 15 and 30 days, and what is open and overdue now."""

from typing import Any

import reflex as rx

from mbs.core import clock
from mbs.core.formatting import format_count, format_hours, format_share
from mbs.core.stats.export import general_tables
from mbs.core.stats.filters import Granularity, StatsFilter
from mbs.core.stats.general import GeneralAnalysis, general_analysis
from mbs.ui import routes
from mbs.ui.layout import APP_NAME
from mbs.ui.stats.charts import chart_box, count_bars, series_chart
from mbs.ui.stats.page_state import Read, StatsPageMixin
from mbs.ui.stats.tables import Listed
from mbs.ui.stats.view import export_all_button, field, figure, figures, stats_frame, tables

TITLE = f"Genel Başvuru Analizi · {APP_NAME}"
GRANULARITIES = [(Granularity.DAY, "Gün"), (Granularity.WEEK, "Hafta"), (Granularity.MONTH, "Ay")]


class StatsGeneralState(StatsPageMixin, rx.State):
    _title: str = "Genel Başvuru Analizi"
    granularity: str = Granularity.MONTH.value
    numbers: dict[str, str] = {}
    by_type: list[dict[str, Any]] = []
    by_status: list[dict[str, Any]] = []
    series: list[dict[str, Any]] = []

    def _read(self, filters: StatsFilter) -> Read:
        granularity = Granularity(self.granularity)
        return lambda session, actor: general_analysis(
            session=session,
            actor=actor,
            filters=filters,
            granularity=granularity,
            now=clock.now(),
        )

    def _present(self, result: GeneralAnalysis) -> list[Listed]:
        a = result
        self.numbers = {
            "total": format_count(a.total),
            "open_now": format_count(a.open_now),
            "overdue_now": format_count(a.overdue_now),
            "routing_median": format_hours(a.to_routing.median_hours),
            "routing_p90": format_hours(a.to_routing.p90_hours),
            "conclusion_median": format_hours(a.to_conclusion.median_hours),
            "conclusion_p90": format_hours(a.to_conclusion.p90_hours),
            "within_15": format_share(a.concluded_within_15_days),
            "within_30": format_share(a.concluded_within_30_days),
        }
        self.by_type = [{"label": row.label, "count": row.count} for row in a.by_type]
        self.by_status = [{"label": row.label, "count": row.count} for row in a.by_status]
        self.series = [
            {
                "label": point.label,
                "count": point.count,
                "trend": None if point.trend is None else round(point.trend, 1),
            }
            for point in a.series
        ]
        return [Listed(table) for table in general_tables(a)]

    @rx.event
    async def on_load(self):  # noqa: ANN201
        return await self._open()

    @rx.event
    def set_granularity(self, value: str):  # noqa: ANN201
        if value not in {g.value for g in Granularity}:
            return None
        self.granularity = value
        return self._refresh()


def _numbers() -> rx.Component:
    n = StatsGeneralState.numbers
    return rx.el.div(
        figures(
            figure("Toplam başvuru", n["total"], id="toplam-basvuru"),
            figure("Şu an açık", n["open_now"], id="acik-basvuru"),
            figure("Süresi geçmiş (açık)", n["overdue_now"], id="suresi-gecmis"),
            figure("15 gün içinde sonuçlanan", n["within_15"]),
            figure("30 gün içinde sonuçlanan", n["within_30"]),
            label="Başvuru sayıları",
        ),
        figures(
            figure("Yönlendirmeye kadar (ortanca)", n["routing_median"]),
            figure("Yönlendirmeye kadar (%90)", n["routing_p90"]),
            figure("Sonuçlanmaya kadar (ortanca)", n["conclusion_median"]),
            figure("Sonuçlanmaya kadar (%90)", n["conclusion_p90"]),
            label="Süreler",
        ),
        class_name="stats-figure-rows",
    )


def _granularity() -> rx.Component:
    return field(
        "Zaman aralığı",
        rx.el.select(
            *[rx.el.option(label, value=g.value) for g, label in GRANULARITIES],
            id="zaman-araligi",
            value=StatsGeneralState.granularity,
            on_change=StatsGeneralState.set_granularity,
        ),
    )


def general_page() -> rx.Component:
    state = StatsGeneralState
    return stats_frame(
        state,
        "Genel Başvuru Analizi",
        _numbers(),
        rx.el.div(
            chart_box("Başvuru türüne göre", count_bars(state.by_type)),
            chart_box("Duruma göre", count_bars(state.by_status)),
            class_name="stats-charts",
        ),
        rx.el.div(
            _granularity(),
            export_all_button(state),
            class_name="stats-toolbar",
        ),
        chart_box(
            "Döneme göre başvurular",
            series_chart(state.series),
            "Eğilim çizgisi: son 7 gün / 4 hafta / 3 ayın ortalaması.",
        ),
        tables(state),
        current=routes.STAFF_STATS,
    )
