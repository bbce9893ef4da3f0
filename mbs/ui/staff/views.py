"""Görünümler (/kurum/gorunumler): every request the unit may see, filtered by date,
priority, type, status, il/ilçe and free text (Turkish-aware), sorted and paged in SQL;
filters may be saved by name with the user's other list settings."""

from typing import Any

import reflex as rx
from sqlmodel import Session

from mbs.core import labels
from mbs.core.actors import StaffActor
from mbs.core.enums import Priority, RequestStatus, RequestType
from mbs.core.errors import DomainError, PermissionDenied, SessionExpired
from mbs.core.queries.listing import Page, RequestRow
from mbs.core.queries.places import district_choices, province_choices
from mbs.core.queries.view_settings import Screen
from mbs.core.queries.views import ViewFilters, view
from mbs.ui import routes
from mbs.ui.layout import APP_NAME
from mbs.ui.staff.frame import message, staff_frame
from mbs.ui.staff.list_state import StaffListMixin
from mbs.ui.staff.table import list_toolbar, request_table

TITLE = f"Görünümler · {APP_NAME}"
FILTER_KEYS = ("date_from", "date_to", "priority", "type", "status", "province_id",
               "district_id", "text")  # fmt: skip


class StaffViewsState(StaffListMixin, rx.State):
    _screen: Screen = Screen.VIEW
    filters: dict[str, str] = {}
    provinces: list[list[str]] = []
    districts: list[list[str]] = []
    saved: list[str] = []
    filter_name: str = ""
    _filters: ViewFilters = ViewFilters()

    def _fetch(self, session: Session, actor: StaffActor) -> Page[RequestRow]:
        return view(
            session=session,
            actor=actor,
            filters=self._filters,
            sort=self._sort(),
            page=self.page,
            page_size=self.page_size,
        )

    def _apply_settings(self, settings: Any) -> None:
        super()._apply_settings(settings)
        self.saved = [saved.name for saved in settings.saved_filters]

    @rx.event
    async def on_load(self):  # noqa: ANN201
        if not self.provinces:
            try:
                rows = await self._as_staff(
                    lambda session, _actor: province_choices(session=session)
                )
            except (SessionExpired, PermissionDenied) as error:
                return await self._to_login(error)
            self.provinces = [[str(pid), name] for pid, name in rows]
        return await self._open(StaffViewsState)

    @rx.event
    async def choose_province(self, value: str):  # noqa: ANN201
        self.districts = []
        if value.isdigit():
            rows = await self._peek_as_staff(
                lambda session, _actor: district_choices(session=session, province_id=int(value))
            )
            self.districts = [[str(did), name] for did, name in rows]
        return None

    @rx.event
    async def apply_filters(self, form: dict[str, Any]):  # noqa: ANN201
        """Listele: check the filters in core, then read the first page."""
        self.filters = {key: str(form.get(key, "") or "") for key in FILTER_KEYS}
        data = {key: value.strip() for key, value in self.filters.items() if value.strip()}
        try:
            self._filters = ViewFilters.from_json(data)
        except DomainError as problem:
            self.error = problem.message
            return None
        self.page = 1
        return await self._load()

    @rx.event
    async def clear_filters(self):  # noqa: ANN201
        self.filters, self.districts, self._filters = {}, [], ViewFilters()
        self.page = 1
        return await self._load()

    @rx.event
    async def save_filter(self, form: dict[str, Any]):  # noqa: ANN201
        name = str(form.get("filtre_adi", "")).strip()
        current = self._settings.to_json()["saved_filters"] if self._settings else []
        kept = [item for item in current if item["name"] != name]
        redirect = await self._save_settings(
            saved_filters=[*kept, {"name": name, "filters": self._filters.to_json()}]
        )
        if redirect is None and not self.error:
            self.notice = f"“{name}” filtresi kaydedildi."
        return redirect

    @rx.event
    async def use_filter(self, name: str):  # noqa: ANN201
        if self._settings is None:
            return None
        for saved in self._settings.saved_filters:
            if saved.name == name:
                self._filters = saved.filters
                self.filters = {k: str(v) for k, v in saved.filters.to_json().items()}
                self.page = 1
                return await self._load()
        return None


def _select(name: str, label: str, options: list[tuple[str, str]], **props: Any) -> rx.Component:
    return rx.el.label(
        rx.el.span(label, class_name="flabel"),
        rx.el.select(
            rx.el.option("Tümü", value=""),
            *[rx.el.option(text, value=value) for value, text in options],
            name=name,
            **props,
        ),
        class_name="filter",
    )


def _filters_form() -> rx.Component:
    state = StaffViewsState
    return rx.el.form(
        rx.el.label(
            rx.el.span("Ara", class_name="flabel"),
            rx.el.input(
                name="text",
                id="arama",
                type="search",
                placeholder="Takip no, muhtarlık, açıklama…",
                default_value=state.filters["text"].to(str),
            ),
            class_name="filter filter-text",
        ),
        rx.el.label(
            rx.el.span("Başlangıç", class_name="flabel"),
            rx.el.input(name="date_from", type="date"),
            class_name="filter",
        ),
        rx.el.label(
            rx.el.span("Bitiş", class_name="flabel"),
            rx.el.input(name="date_to", type="date"),
            class_name="filter",
        ),
        _select("priority", "Öncelik", [(p.value, labels.PRIORITY[p]) for p in Priority]),
        _select("type", "Tür", [(t.value, labels.REQUEST_TYPE[t]) for t in RequestType]),
        _select("status", "Durum", [(s.value, labels.REQUEST_STATUS[s]) for s in RequestStatus]),
        rx.el.label(
            rx.el.span("İl", class_name="flabel"),
            rx.el.select(
                rx.el.option("Tümü", value=""),
                rx.foreach(state.provinces, lambda p: rx.el.option(p[1], value=p[0])),
                name="province_id",
                on_change=state.choose_province,
            ),
            class_name="filter",
        ),
        rx.el.label(
            rx.el.span("İlçe", class_name="flabel"),
            rx.el.select(
                rx.el.option("Tümü", value=""),
                rx.foreach(state.districts, lambda d: rx.el.option(d[1], value=d[0])),
                name="district_id",
            ),
            class_name="filter",
        ),
        rx.el.div(
            rx.el.button("Listele", type="submit", class_name="btn btn-primary"),
            rx.el.button("Temizle", type="reset", class_name="btn", on_click=state.clear_filters),
            class_name="filter-actions",
        ),
        on_submit=state.apply_filters,
        class_name="filters",
        aria_label="Filtreler",
    )


def _saved_filters() -> rx.Component:
    state = StaffViewsState
    return rx.el.div(
        rx.foreach(
            state.saved,
            lambda name: rx.el.button(
                name, type="button", class_name="chip", on_click=state.use_filter(name)
            ),
        ),
        rx.el.form(
            rx.el.input(name="filtre_adi", placeholder="Filtre adı", aria_label="Filtre adı"),
            rx.el.button("Filtreyi kaydet", type="submit", class_name="btn"),
            on_submit=state.save_filter,
            reset_on_submit=True,
            class_name="save-filter",
        ),
        class_name="saved-filters",
    )


def views_page() -> rx.Component:
    return staff_frame(
        rx.el.h1("Görünümler"),
        _filters_form(),
        _saved_filters(),
        message(StaffViewsState.error),
        message(StaffViewsState.notice, kind="info"),
        list_toolbar(StaffViewsState, unit_columns=False),
        request_table(StaffViewsState, "Talepler"),
        current=routes.STAFF_VIEWS,
    )
