"""Numbers, shares, durations, money and dates as Turkish readers write them
(1.234 · %12,5 · 3,5 gün · 1.234,50 ₺ · 22.11.2026), through Babel's tr_TR locale data."""

from datetime import date
from decimal import Decimal

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal, format_percent

LOCALE = "tr_TR"
MISSING = "—"
# Below this a duration reads better in hours ("18 sa"); from here on in days.
HOURS_UP_TO = 48.0


def format_count(n: int) -> str:
    """A whole number with thousands separators: 1234 → "1.234"."""
    return format_decimal(n, format="#,##0", locale=LOCALE)


def format_decimal_tr(x: float | Decimal, digits: int = 1) -> str:
    """A number with up to `digits` decimals and no trailing zeros: 3.5 → "3,5"."""
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(x, format=pattern, locale=LOCALE)


def format_share(x: float | None) -> str:
    """A share 0..1 as a Turkish percentage, the sign first: 0.125 → "%12,5"."""
    if x is None:
        return MISSING
    return format_percent(x, format="%#,##0.#", locale=LOCALE)


def format_hours(h: float | None) -> str:
    """A duration: "5 sa" under two days, "3,5 gün" from there on; "—" for none."""
    if h is None:
        return MISSING
    if h < HOURS_UP_TO:
        return f"{format_decimal_tr(h, 1 if h < 10 else 0)} sa"
    return f"{format_decimal_tr(h / 24, 1)} gün"


def format_amount(d: Decimal) -> str:
    """An amount with exactly two decimals: "1.234,50"."""
    return format_decimal(d, format="#,##0.00", locale=LOCALE)


def format_money(d: Decimal) -> str:
    """Turkish lira with two decimals and the sign after: "1.234,50 ₺"."""
    return f"{format_amount(d)} ₺"


def format_date(d: date) -> str:
    """A calendar date: "22.11.2026"."""
    return babel_format_date(d, "dd.MM.yyyy", locale=LOCALE)


def format_month(d: date) -> str:
    """The month of `d` by name: "Kasım 2026"."""
    return babel_format_date(d, "LLLL y", locale=LOCALE)
