"""What the four İş Zekası views look like around their figures: the sub-navigation,
the filter bar, key figures, the sortable tables with their export buttons."""

from typing import Any

import reflex as rx

from mbs.ui import routes
from mbs.ui.layout import link
from mbs.ui.staff.frame import message, staff_frame
from mbs.ui.stats.filters import TYPE_CHOICES, UNIT_KIND_CHOICES, StatsFilterState
from mbs.ui.stats.tables import Head, Row, ShownTable

PORTAL = "İş Zekası Portalı"
VIEWS = [
    ("Genel Başvuru Analizi", routes.STAFF_STATS),
    ("İllere Göre Başvuru Analizi", routes.STAFF_STATS_PLACES),
    ("Birim Performansı", routes.STAFF_STATS_UNITS),
    ("Kırtasiye Tasarrufu", routes.STAFF_STATS_SAVINGS),
]


def _sub_nav(current: str) -> rx.Component:
    return rx.el.nav(
        *[
            link(
                label,
                href=href,
                class_name="stats-tab",
                aria_current="page" if href == current else None,
            )
            for label, href in VIEWS
        ],
        aria_label="İş Zekası görünümleri",
        class_name="stats-tabs",
    )


def field(label: str, control: rx.Component) -> rx.Component:
    """A labelled control; the label names the control by its id (a label wrapped round
    a select would also read the chosen option as part of the name)."""
    return rx.el.div(
        rx.el.label(label, html_for=str(control.id), class_name="flabel"),
        control,
        class_name="filter",
    )


def _select(name: str, label: str, options: list[tuple[str, str]]) -> rx.Component:
    return field(
        label,
        rx.el.select(
            rx.el.option("Tümü", value=""),
            *[rx.el.option(text, value=value) for value, text in options],
            name=name,
            id=f"filtre-{name}",
            default_value=StatsFilterState.values[name].to(str),
        ),
    )


def _date(name: str, label: str) -> rx.Component:
    return field(
        label,
        rx.el.input(
            name=name,
            id=f"filtre-{name}",
            type="date",
            default_value=StatsFilterState.values[name].to(str),
        ),
    )


def filter_bar(state: Any) -> rx.Component:
    """Date range, il, ilçe (of the chosen il), type and unit kind; shared by the views."""
    filters = StatsFilterState
    return rx.el.form(
        _date("date_from", "Başlangıç"),
        _date("date_to", "Bitiş"),
        field(
            "İl",
            rx.el.select(
                rx.el.option("Tümü", value=""),
                rx.foreach(filters.provinces, lambda p: rx.el.option(p[1], value=p[0])),
                name="province_id",
                id="filtre-province_id",
                default_value=filters.values["province_id"].to(str),
                on_change=filters.choose_province,
            ),
        ),
        field(
            "İlçe",
            rx.el.select(
                rx.el.option("Tümü", value=""),
                rx.foreach(filters.districts, lambda d: rx.el.option(d[1], value=d[0])),
                name="district_id",
                id="filtre-district_id",
                default_value=filters.values["district_id"].to(str),
            ),
        ),
        _select("request_type", "Başvuru türü", TYPE_CHOICES),
        _select("unit_kind", "Birim türü", UNIT_KIND_CHOICES),
        rx.el.div(
            rx.el.button("Uygula", type="submit", class_name="btn btn-primary"),
            rx.el.button("Temizle", type="button", class_name="btn", on_click=state.clear_filters),
            class_name="filter-actions",
        ),
        # Re-mounted after Temizle, so every field shows the cleared value.
        key=filters.serial.to(str),
        on_submit=state.apply_filters,
        class_name="filters",
        aria_label="Filtreler",
    )


def stats_frame(state: Any, title: str, *children: rx.Component, current: str) -> rx.Component:
    """The staff frame with the view's title and scope, the sub-navigation between the
    four views (`current` marked), the filter bar and the messages."""
    return staff_frame(
        rx.el.div(
            rx.el.h1(title),
            rx.el.span(state.scope, class_name="stats-scope", id="istatistik-kapsami"),
            class_name="stats-head",
        ),
        _sub_nav(current),
        filter_bar(state),
        message(state.error, id="istatistik-hatasi"),
        message(state.notice, kind="info", id="istatistik-sonucu"),
        rx.el.p(
            rx.cond(state.loading | ~state.loaded, "Yükleniyor…", ""),
            role="status",
            class_name="muted stats-loading",
        ),
        rx.el.div(*children, aria_busy=rx.cond(state.loading, "true", "false")),
        current=routes.STAFF_STATS,
    )


def figure(label: str, value: rx.Var | str, id: str = "") -> rx.Component:
    """One key figure: a large number with its label."""
    return rx.el.div(
        rx.el.dt(label),
        rx.el.dd(value, id=id or None),
        class_name="stats-figure",
    )


def figures(*items: rx.Component, label: str) -> rx.Component:
    return rx.el.dl(*items, class_name="stats-figures", aria_label=label)


def _head(state: Any, table: rx.Var[ShownTable], head: rx.Var[Head]) -> rx.Component:
    arrow = rx.match(head.sort, ("descending", " ▼"), ("ascending", " ▲"), "")
    return rx.el.th(
        rx.el.button(
            head.label,
            arrow,
            type="button",
            class_name="th-sort",
            on_click=state.sort_table(table.index, head.key),
        ),
        scope="col",
        aria_sort=head.sort,
        class_name=rx.cond(head.numeric, "num", ""),
    )


def _drill_cell(state: Any, table: rx.Var[ShownTable], row: rx.Var[Row]) -> rx.Component:
    return rx.cond(
        table.drill != "",
        rx.el.td(
            rx.cond(
                row.id != "",
                rx.el.button(
                    table.drill,
                    type="button",
                    class_name="btn btn-small",
                    on_click=state.drill(table.index, row.id),
                    aria_label=table.drill + ": " + row.label,
                ),
            )
        ),
    )


def _row(state: Any, table: rx.Var[ShownTable], row: rx.Var[Row], drillable: bool) -> rx.Component:
    return rx.el.tr(
        rx.foreach(
            row.cells,
            lambda cell, i: rx.cond(
                i == 0,
                rx.el.th(cell, scope="row", class_name=rx.cond(table.heads[0].numeric, "num", "")),
                rx.el.td(cell, class_name=rx.cond(table.heads[i].numeric, "num", "")),
            ),
        ),
        _drill_cell(state, table, row) if drillable else rx.fragment(),
    )


def _table(state: Any, table: rx.Var[ShownTable], drillable: bool) -> rx.Component:
    caption_id = "tablo-" + table.index.to(str)
    return rx.el.section(
        rx.el.div(
            rx.el.h2(table.title, id=caption_id),
            rx.el.div(
                rx.el.button(
                    "Excel",
                    type="button",
                    class_name="btn btn-small",
                    on_click=state.export_table(table.index, "xlsx"),
                    aria_label=table.title + ": Excel (.xlsx) indir",
                ),
                rx.el.button(
                    "CSV",
                    type="button",
                    class_name="btn btn-small",
                    on_click=state.export_table(table.index, "csv"),
                    aria_label=table.title + ": CSV indir",
                ),
                class_name="stats-exports",
            ),
            class_name="stats-table-head",
        ),
        rx.el.div(
            rx.el.table(
                rx.el.thead(
                    rx.el.tr(
                        rx.foreach(table.heads, lambda head: _head(state, table, head)),
                        rx.cond(
                            table.drill != "",
                            rx.el.th(rx.el.span("Ayrıntı", class_name="sr-only"), scope="col"),
                        ),
                    )
                ),
                rx.el.tbody(rx.foreach(table.rows, lambda row: _row(state, table, row, drillable))),
                aria_labelledby=caption_id,
                class_name="req-table stats-table",
            ),
            class_name="table-wrap",
        ),
        rx.cond(table.rows.length() == 0, rx.el.p("Bu tabloda veri yok.", class_name="empty")),
        rx.cond(table.more != "", rx.el.p(table.more, class_name="muted")),
        class_name="stats-table-box",
        aria_labelledby=caption_id,
    )


def tables(state: Any, drillable: bool = False) -> rx.Component:
    """Every table of the page; `drillable` pages have a `drill(index, row_id)` event."""
    return rx.el.div(
        rx.foreach(state.tables, lambda table: _table(state, table, drillable)),
        class_name="stats-tables",
    )


def export_all_button(state: Any, label: str = "Tüm tabloları Excel'e aktar") -> rx.Component:
    return rx.el.button(label, type="button", class_name="btn", on_click=state.export_all)
