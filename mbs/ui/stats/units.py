"""Birim Performansı (/kurum/istatistik/birimler): per unit kind and per unit (the
league table, sorted by any column), and the belediyes' quarterly report in one click."""

import dataclasses

import reflex as rx

from mbs.core import clock
from mbs.core.errors import DomainError, SessionExpired
from mbs.core.stats.export import quarterly_table, units_table
from mbs.core.stats.filters import StatsFilter
from mbs.core.stats.quarterly import municipal_quarterly_report
from mbs.core.stats.units import UnitRow, unit_kind_performance, unit_performance
from mbs.ui import routes
from mbs.ui.layout import APP_NAME
from mbs.ui.stats.page_state import Read, StatsPageMixin, download
from mbs.ui.stats.tables import Listed
from mbs.ui.stats.view import export_all_button, field, stats_frame, tables

TITLE = f"Birim Performansı · {APP_NAME}"
FIRST_YEAR = 2018  # the system's statistics start on 15.10.2018


def _last_quarter() -> tuple[int, int]:
    """The latest finished quarter: the report one usually wants."""
    today = clock.local(clock.now()).date()
    quarter = (today.month - 1) // 3  # the current one, 0-based: the previous, 1-based
    return (today.year, quarter) if quarter else (today.year - 1, 4)


class StatsUnitsState(StatsPageMixin, rx.State):
    _title: str = "Birim Performansı"
    years: list[str] = []
    year: str = ""
    quarter: str = ""

    def _read(self, filters: StatsFilter) -> Read:
        now = clock.now()
        return lambda session, actor: (
            unit_kind_performance(session=session, actor=actor, filters=filters, now=now),
            unit_performance(session=session, actor=actor, filters=filters, now=now),
        )

    def _present(self, result: tuple[list[UnitRow], list[UnitRow]]) -> list[Listed]:
        by_kind, by_unit = result
        return [
            Listed(dataclasses.replace(units_table(by_kind), title="Birim türüne göre")),
            Listed(dataclasses.replace(units_table(by_unit), title="Birimler (lig tablosu)")),
        ]

    @rx.event
    async def on_load(self):  # noqa: ANN201
        year, quarter = _last_quarter()
        self.years = [str(y) for y in range(clock.local(clock.now()).year, FIRST_YEAR - 1, -1)]
        self.year, self.quarter = self.year or str(year), self.quarter or str(quarter)
        return await self._open()

    @rx.event
    def set_year(self, value: str) -> None:
        if value in self.years:
            self.year = value

    @rx.event
    def set_quarter(self, value: str) -> None:
        if value in ("1", "2", "3", "4"):
            self.quarter = value

    @rx.event
    async def export_quarterly(self):  # noqa: ANN201
        """The belediyes' quarterly report of the chosen quarter, as one Excel file."""
        year, quarter, now = int(self.year), int(self.quarter), clock.now()
        try:
            rows = await self._as_staff(
                lambda session, actor: municipal_quarterly_report(
                    session=session, actor=actor, year=year, quarter=quarter, now=now
                )
            )
        except SessionExpired as error:
            return await self._to_login(error)
        except DomainError as problem:
            self.error = problem.message
            return None
        self.error = ""
        self.notice = f"{year} yılı {quarter}. çeyrek belediye raporu indirildi."
        table = quarterly_table(rows, year, quarter)
        return download([table], f"Belediye raporu {year} {quarter}. çeyrek", "xlsx")


def _quarterly() -> rx.Component:
    state = StatsUnitsState
    return rx.el.section(
        rx.el.h2("Belediyelerin üç aylık raporu", id="ceyrek-baslik"),
        rx.el.div(
            field(
                "Yıl",
                rx.el.select(
                    rx.foreach(state.years, lambda y: rx.el.option(y, value=y)),
                    id="rapor-yili",
                    value=state.year,
                    on_change=state.set_year,
                ),
            ),
            field(
                "Çeyrek",
                rx.el.select(
                    *[rx.el.option(f"{q}. çeyrek", value=str(q)) for q in range(1, 5)],
                    id="rapor-ceyregi",
                    value=state.quarter,
                    on_change=state.set_quarter,
                ),
            ),
            rx.el.button(
                "Raporu indir (Excel)",
                type="button",
                class_name="btn btn-primary",
                on_click=state.export_quarterly,
            ),
            class_name="stats-toolbar",
        ),
        rx.el.p(
            "Alınan başvurular, olumlu ve olumsuz cevaplananlar, olumsuzluk nedenleri ve "
            "süresinde cevaplanmayanlar; filtrelerden bağımsızdır.",
            class_name="muted",
        ),
        class_name="panel stats-quarterly",
        aria_labelledby="ceyrek-baslik",
    )


def units_page() -> rx.Component:
    state = StatsUnitsState
    return stats_frame(
        state,
        "Birim Performansı",
        rx.el.div(export_all_button(state), class_name="stats-toolbar"),
        tables(state),
        _quarterly(),
        current=routes.STAFF_STATS_UNITS,
    )
