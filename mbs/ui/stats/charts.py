"""Charts of the İş Zekası views, with Reflex's built-in recharts components.

Recharts' defaults use the Radix theme's colour variables, which the staff portal does
not load, so every colour is given here. Numbers on the axes and in the tooltips are
written the Turkish way by the browser's own `toLocaleString("tr-TR")`; the data
itself is plain numbers from the server. Each chart has its table on the same page,
which is what a screen reader reads.
"""

from typing import Any

import reflex as rx

INK = "#1f2937"
RED = "#9b1c1c"
TREND = "#1d4ed8"
GRID = "#e5e0dc"
# A static JavaScript function (never built from user data).
TR_NUMBER = rx.Var(
    "((value) => (value === null || value === undefined) ? '—' : "
    "Number(value).toLocaleString('tr-TR', {maximumFractionDigits: 1}))"
)
TOOLTIP_STYLE = {"background": "#fff", "border": f"1px solid {GRID}", "borderRadius": "4px"}


def _axes(label_key: str) -> list[rx.Component]:
    return [
        rx.recharts.cartesian_grid(stroke=GRID, stroke_dasharray="3 3", vertical=False),
        rx.recharts.x_axis(data_key=label_key, stroke=INK, tick_line=False),
        rx.recharts.y_axis(
            stroke=INK, allow_decimals=False, width=48, tick_formatter=TR_NUMBER._js_expr
        ),
        rx.recharts.graphing_tooltip(
            content_style=TOOLTIP_STYLE,
            label_style={"color": INK, "fontWeight": 700},
            item_style={"color": INK},
            cursor={"fill": "#f1eeeb"},
            separator=": ",
            custom_attrs={"formatter": TR_NUMBER},
        ),
    ]


def chart_box(title: str, chart: rx.Component, note: str = "") -> rx.Component:
    return rx.el.figure(
        rx.el.figcaption(title),
        rx.el.div(chart, class_name="stats-chart"),
        rx.el.p(note, class_name="muted stats-chart-note") if note else rx.fragment(),
        class_name="stats-chart-box",
    )


def count_bars(data: rx.Var[list[dict[str, Any]]], name: str = "Başvuru") -> rx.Component:
    """Counts by a category (type, status): one bar each."""
    return rx.recharts.bar_chart(
        *_axes("label"),
        rx.recharts.bar(data_key="count", name=name, fill=RED, is_animation_active=False),
        data=data,
        height=220,
        margin={"top": 8, "right": 8, "bottom": 0, "left": 0},
    )


def series_chart(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    """Requests per period as bars, and the moving average over them as the trend line."""
    return rx.recharts.composed_chart(
        *_axes("label"),
        rx.recharts.legend(),
        rx.recharts.bar(data_key="count", name="Başvuru", fill=RED, is_animation_active=False),
        rx.recharts.line(
            data_key="trend",
            name="Eğilim (hareketli ortalama)",
            stroke=TREND,
            stroke_width=2,
            dot=False,
            active_dot={"r": 4, "fill": TREND, "stroke": "#fff"},
            connect_nulls=False,
            type_="monotone",
            is_animation_active=False,
        ),
        data=data,
        height=260,
        margin={"top": 8, "right": 8, "bottom": 0, "left": 0},
    )
