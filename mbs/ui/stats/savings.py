"""Kırtasiye Tasarrufu (/kurum/istatistik/kirtasiye): what the requests filed in the
chosen period would have cost on paper, with the assumptions shown; the central unit's
administrators may change the assumptions (the core checks who)."""

from decimal import Decimal, InvalidOperation
from typing import Any

import reflex as rx

from mbs.core import clock
from mbs.core.errors import DomainError, SessionExpired, ValidationError
from mbs.core.formatting import format_count, format_decimal_tr, format_money
from mbs.core.stats.export import savings_table
from mbs.core.stats.filters import StatsFilter
from mbs.core.stats.savings import (
    Savings,
    SavingsAssumptions,
    set_savings_assumptions,
    stationery_savings,
)
from mbs.ui import routes
from mbs.ui.layout import APP_NAME
from mbs.ui.staff.frame import message
from mbs.ui.staff.session import StaffSession
from mbs.ui.stats.page_state import Read, StatsPageMixin
from mbs.ui.stats.tables import Listed
from mbs.ui.stats.view import export_all_button, figure, figures, stats_frame, tables

TITLE = f"Kırtasiye Tasarrufu · {APP_NAME}"
# Form field → (label, what the number is).
ASSUMPTIONS = {
    "pages_per_request": ("Başvuru başına sayfa", "sayfa"),
    "cost_per_page": ("Sayfa başına kâğıt ve toner/kartuş maliyeti", "₺"),
    "letters_per_request": ("Başvuru başına yazı (mektup)", "adet"),
    "postage_per_letter": ("Yazı başına posta ücreti", "₺"),
}


def parse_amount(text: str, label: str) -> Decimal:
    """A number as a Turkish user types it: "0,35", "1.250,5" or "2"."""
    cleaned = text.strip().replace(" ", "").replace("₺", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(f"{label}: bir sayı girin (ör. 0,35).") from None
    if not value.is_finite():
        raise ValidationError(f"{label}: bir sayı girin (ör. 0,35).")
    return value


class StatsSavingsState(StatsPageMixin, rx.State):
    _title: str = "Kırtasiye Tasarrufu"
    numbers: dict[str, str] = {}
    assumptions: dict[str, str] = {}
    assumptions_shown: dict[str, str] = {}
    form_error: str = ""
    form_serial: int = 0  # re-mounts the form with the saved values

    def _read(self, filters: StatsFilter) -> Read:
        now = clock.now()
        return lambda session, actor: stationery_savings(
            session=session, actor=actor, filters=filters, now=now
        )

    def _present(self, result: Savings) -> list[Listed]:
        self.numbers = {
            "requests": format_count(result.requests),
            "pages": format_decimal_tr(result.pages, 0),
            "paper_and_toner": format_money(result.paper_and_toner),
            "postage": format_money(result.postage),
            "total": format_money(result.total),
        }
        values = {key: getattr(result.assumptions, key) for key in ASSUMPTIONS}
        # What the form starts with, and what the page shows (money as money).
        self.assumptions = {key: format_decimal_tr(value, 2) for key, value in values.items()}
        self.assumptions_shown = {
            key: format_money(value)
            if ASSUMPTIONS[key][1] == "₺"
            else format_decimal_tr(value, 2) + f" {ASSUMPTIONS[key][1]}"
            for key, value in values.items()
        }
        return [Listed(savings_table(result))]

    @rx.event
    async def on_load(self):  # noqa: ANN201
        self.form_error = ""
        return await self._open()

    @rx.event
    async def save_assumptions(self, form: dict[str, Any]):  # noqa: ANN201
        """Kaydet: new assumptions, for every later estimate (audited by the core)."""
        self.form_error = self.notice = ""
        try:
            values = {
                key: parse_amount(str(form.get(key, "")), label)
                for key, (label, _unit) in ASSUMPTIONS.items()
            }
        except DomainError as problem:
            self.form_error = problem.message
            return None
        assumptions = SavingsAssumptions(**values)
        try:
            await self._as_staff(
                lambda session, actor: set_savings_assumptions(
                    session=session, actor=actor, assumptions=assumptions
                )
            )
        except SessionExpired as error:
            return await self._to_login(error)
        except DomainError as problem:
            self.form_error = problem.message
            return None
        redirect = await self._load()
        self.form_serial += 1
        self.notice = "Varsayımlar kaydedildi; hesap yeni değerlerle yapıldı."
        return redirect


def _numbers() -> rx.Component:
    n = StatsSavingsState.numbers
    return figures(
        figure("Başvuru", n["requests"], id="tasarruf-basvuru"),
        figure("Sayfa", n["pages"]),
        figure("Kâğıt ve toner", n["paper_and_toner"]),
        figure("Posta", n["postage"]),
        figure("Toplam tasarruf", n["total"], id="toplam-tasarruf"),
        label="Tahmini tasarruf",
    )


def _shown_assumptions() -> rx.Component:
    shown = StatsSavingsState.assumptions_shown
    return rx.el.dl(
        *[
            rx.el.div(rx.el.dt(label), rx.el.dd(shown[key]), class_name="kv")
            for key, (label, _unit) in ASSUMPTIONS.items()
        ],
        class_name="kv-grid",
    )


def _edit_form() -> rx.Component:
    state = StatsSavingsState
    return rx.el.details(
        rx.el.summary("Varsayımları değiştir"),
        rx.el.form(
            *[
                rx.el.label(
                    rx.el.span(f"{label} ({unit})", class_name="flabel"),
                    rx.el.input(
                        name=key,
                        input_mode="decimal",
                        default_value=state.assumptions[key].to(str),
                        required=True,
                    ),
                )
                for key, (label, unit) in ASSUMPTIONS.items()
            ],
            message(state.form_error, id="varsayim-hatasi"),
            rx.el.button("Varsayımları kaydet", type="submit", class_name="btn btn-primary"),
            key=state.form_serial.to(str),
            on_submit=state.save_assumptions,
            class_name="stack stats-assumptions-form",
        ),
        class_name="action-box",
    )


def savings_page() -> rx.Component:
    state = StatsSavingsState
    return stats_frame(
        state,
        "Kırtasiye Tasarrufu",
        _numbers(),
        rx.el.section(
            rx.el.h2("Varsayımlar", id="varsayim-baslik"),
            _shown_assumptions(),
            rx.el.p(
                "Tahmin: başvuru sayısı × başvuru başına sayfa × sayfa maliyeti, artı başvuru "
                "sayısı × başvuru başına yazı × posta ücreti. Seçilen dönemde alınan "
                "başvurular sayılır.",
                class_name="muted",
            ),
            rx.cond(StaffSession.is_admin, _edit_form()),
            class_name="panel",
            aria_labelledby="varsayim-baslik",
        ),
        rx.el.div(export_all_button(state), class_name="stats-toolbar"),
        tables(state),
        current=routes.STAFF_STATS_SAVINGS,
    )
