"""The map of Turkey's 81 provinces, coloured by a chosen measure.

Plain SVG (no map library in the browser): the outlines come from
data/turkey_provinces.json, converted once from the MIT-licensed npm package
`turkey-map-react` by scripts/build_turkey_map.py, and are matched to the ils by plate
code (Province.id). Each province in the user's reach is a keyboard button (Tab,
Enter or Space) with its name and value as its label and tooltip.
"""

import json
import math
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import reflex as rx
from reflex.event import key_event
from reflex_components_core.el.elements.media import Path as SvgPath

from mbs.core.formatting import format_count, format_hours, format_share

DATA = Path(__file__).parent / "data" / "turkey_provinces.json"
# ColorBrewer "Reds", 5 classes: light for little, dark for much.
SCALE = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"]
NO_DATA = "#e7e5e4"  # outside the user's reach, or nothing to measure
ACTIVATE_KEYS = ("Enter", " ")


class ProvincePath(SvgPath):
    """An SVG path that also reports key presses (reflex's own Path does not)."""

    on_key_down: rx.EventHandler[key_event]


@cache
def outlines() -> tuple[str, list[dict[str, str]]]:
    """(viewBox, [{"code": "06", "name": "Ankara", "d": "M…"}, …]) in plate order."""
    document = json.loads(DATA.read_text(encoding="utf-8"))
    return document["view_box"], document["provinces"]


def format_measure(value: float | int | Decimal | None, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "share":
        return format_share(float(value))
    if kind == "hours":
        return format_hours(float(value))
    return format_count(int(value))


def _class_of(value: float, kind: str, top: float) -> int:
    """Which of the five colours: shares over 0–100 %, the rest up to the largest value
    (which always gets the darkest)."""
    if kind == "share":
        scaled = value
    elif kind == "hours":
        scaled = value / top if top else 0
    elif top < len(SCALE):
        # Few counts (0..top): each its own colour, spread over the whole scale.
        return round(value * (len(SCALE) - 1) / top) if top else 0
    else:
        scaled = value / (top + 1)
    return max(0, min(int(scaled * len(SCALE)), len(SCALE) - 1))


def _legend(kind: str, top: float) -> list[dict[str, str]]:
    steps = len(SCALE)
    entries = []
    for i, colour in enumerate(SCALE):
        if kind == "share":
            label = f"{format_share(i / steps)} – {format_share((i + 1) / steps)}"
        elif kind == "hours":
            label = f"{format_hours(i * top / steps)} – {format_hours((i + 1) * top / steps)}"
        elif top < steps:
            numbers = [n for n in range(int(top) + 1) if _class_of(n, kind, top) == i]
            if not numbers:
                continue
            label = format_count(numbers[0])
        else:
            low = math.ceil(i * (top + 1) / steps)
            high = math.ceil((i + 1) * (top + 1) / steps) - 1
            if low > high:
                continue  # no whole number falls in this colour
            label = (
                format_count(low) if low == high else f"{format_count(low)} – {format_count(high)}"
            )
        entries.append({"colour": colour, "label": label})
    return entries


def colour_scale(
    values: dict[str, float | None], kind: str
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Fill colour per plate code (every code of the map) and the legend's entries; a
    code without a value is grey."""
    top = float(max((v for v in values.values() if v is not None), default=0))
    fills = {}
    for code in (p["code"] for p in outlines()[1]):
        value = values.get(code)
        fills[code] = NO_DATA if value is None else SCALE[_class_of(float(value), kind, top)]
    legend = _legend(kind, top)
    legend.append({"colour": NO_DATA, "label": "Veri yok / kapsam dışı"})
    return fills, legend


def _province(state: Any, province: dict[str, str]) -> rx.Component:
    code = province["code"]
    active = state.map_active.contains(code)
    return ProvincePath.create(
        rx.el.title(state.map_labels[code]),
        d=province["d"],
        fill=state.map_fills[code],
        class_name=rx.cond(active, "map-province map-active", "map-province"),
        tab_index=rx.cond(active, 0, -1),
        role=rx.cond(active, "button", "img"),
        aria_label=state.map_labels[code],
        aria_current=rx.cond(state.map_selected == code, "true", "false"),
        on_click=state.choose_on_map(code),
        on_key_down=lambda key, _info: state.map_key(code, key),
        custom_attrs={"data-plate": code},
    )


def turkey_map(state: Any, title: rx.Var[str]) -> rx.Component:
    """The map with its legend; `state` has map_fills, map_labels (per plate code),
    map_active (codes in reach), map_selected, map_legend and the events
    choose_on_map(code) and map_key(code, key)."""
    view_box, provinces = outlines()
    return rx.el.figure(
        rx.el.figcaption(title, id="harita-baslik"),
        rx.el.svg(
            *[_province(state, province) for province in provinces],
            view_box=view_box,
            xmlns="http://www.w3.org/2000/svg",
            class_name="turkey-map",
            role="group",
            aria_labelledby="harita-baslik",
        ),
        rx.el.ul(
            rx.foreach(
                state.map_legend,
                lambda item: rx.el.li(
                    rx.el.span(class_name="legend-swatch", style={"background": item["colour"]}),
                    item["label"],
                ),
            ),
            class_name="map-legend",
            aria_label="Renk açıklaması",
        ),
        class_name="stats-map",
    )
