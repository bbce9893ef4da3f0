"""What the three staff lists share: one page of rows in state (never all of them), the
user's saved columns, sort and page size, paging, and the live refresh that re-reads the
page and quietly marks the rows that changed."""

from typing import Any

import reflex as rx
from sqlmodel import Session

from mbs.core.actors import StaffActor
from mbs.core.errors import DomainError, PermissionDenied, SessionExpired
from mbs.core.queries.listing import PAGE_SIZE_MAX, Page, RequestRow, Sort, SortKey
from mbs.core.queries.view_settings import (
    COLUMNS,
    Screen,
    ViewSettings,
    get_view_settings,
    save_view_settings,
)
from mbs.ui import live
from mbs.ui.staff.rows import column_heads, page_summary, row_cells
from mbs.ui.staff.session import StaffSessionMixin, who

PAGE_SIZES = ["20", "50", "100"]
EXPIRED = "Oturumunuzun süresi doldu; liste artık güncellenmiyor. Yeniden giriş yapın."


class StaffListMixin(StaffSessionMixin, mixin=True):
    rows: list[dict[str, str]] = []
    heads: list[dict[str, str]] = []
    columns: list[str] = []
    summary: str = ""
    page: int = 1
    has_next: bool = False
    page_size: int = 50
    sort_key: str = ""
    sort_descending: bool = True
    status_filter: str = ""
    error: str = ""
    notice: str = ""
    loaded: bool = False
    loading: bool = False
    _settings: ViewSettings | None = None

    # Which screen's settings; set by each page's state.
    _screen: Screen = Screen.INBOX

    def _fetch(self, session: Session, actor: StaffActor) -> Page[RequestRow]:
        raise NotImplementedError

    def _sort(self) -> Sort | None:
        return Sort(SortKey(self.sort_key), self.sort_descending) if self.sort_key else None

    def _apply_settings(self, settings: ViewSettings) -> None:
        self._settings = settings
        self.columns = list(settings.columns)
        self.heads = column_heads(settings.columns, sortable=settings.sort is not None)
        self.page_size = settings.page_size
        if settings.sort is not None:
            self.sort_key, self.sort_descending = settings.sort.key.value, settings.sort.descending
        else:
            self.sort_key = ""

    def _show(self, page: Page[RequestRow], changed: set[int] | None = None) -> None:
        changed = changed or set()
        self.rows = [row_cells(row, row.id in changed) for row in page.rows]
        self.summary = page_summary(page)
        self.has_next = page.has_next
        self.loaded = True

    async def _load(self, with_settings: bool = False):  # noqa: ANN202
        screen = self._screen
        self.loading = True
        try:
            if with_settings:
                self._apply_settings(
                    await self._as_staff(
                        lambda session, actor: get_view_settings(
                            session=session, actor=actor, screen=screen
                        )
                    )
                )
            session_who, page = await self._as_staff(
                lambda session, actor: (who(session, actor), self._fetch(session, actor))
            )
        except (SessionExpired, PermissionDenied) as error:
            return await self._to_login(error)
        except DomainError as problem:
            self.error = problem.message
            return None
        finally:
            self.loading = False
        self.error = ""
        await self._load_who(session_who)
        self._show(page)
        return None

    async def _open(self, state_class: type[rx.State]):  # noqa: ANN202
        """on_load of a list page: settings, first page, live watch."""
        self.page, self.notice = 1, ""
        redirect = await self._load(with_settings=True)
        if redirect is not None:
            return redirect
        audience = await self._peek_as_staff(
            lambda session, actor: (
                live.Audience(central=True)
                if actor.is_central
                else live.Audience(unit_id=actor.unit_id)
            )
        )
        live.watch(self.router.session.client_token, audience, state_class)
        return None

    async def on_live_change(self, request_ids: list[int]) -> None:
        """Re-read the page shown; mark the rows whose request changed."""
        try:
            page = await self._peek_as_staff(self._fetch)
        except DomainError:
            live.unwatch(self.router.session.client_token)
            self.error = EXPIRED
            return
        self._show(page, set(request_ids))

    @rx.event
    async def next_page(self):  # noqa: ANN201
        if self.has_next:
            self.page += 1
            return await self._load()
        return None

    @rx.event
    async def previous_page(self):  # noqa: ANN201
        if self.page > 1:
            self.page -= 1
            return await self._load()
        return None

    @rx.event
    async def refresh(self):  # noqa: ANN201
        return await self._load()

    async def _save_settings(self, **changes: Any):  # noqa: ANN202
        current = self._settings.to_json() if self._settings else {}
        current.update(changes)
        screen = self._screen
        try:
            settings = await self._as_staff(
                lambda session, actor: save_view_settings(
                    session=session, actor=actor, screen=screen, settings=current
                )
            )
        except (SessionExpired, PermissionDenied) as error:
            return await self._to_login(error)
        except DomainError as problem:
            self.error = problem.message
            return None
        self._apply_settings(settings)
        return None

    @rx.event
    async def sort_by(self, key: str):  # noqa: ANN201
        """A header click: sort by that column; a second click turns the order round."""
        if key not in {k.value for k in SortKey}:
            return None
        descending = not self.sort_descending if key == self.sort_key else True
        redirect = await self._save_settings(sort={"key": key, "descending": descending})
        if redirect is not None:
            return redirect
        self.page = 1
        return await self._load()

    @rx.event
    async def set_page_size(self, value: str):  # noqa: ANN201
        if value not in PAGE_SIZES:
            return None
        redirect = await self._save_settings(page_size=min(int(value), PAGE_SIZE_MAX))
        if redirect is not None:
            return redirect
        self.page = 1
        return await self._load()

    @rx.event
    async def toggle_column(self, key: str):  # noqa: ANN201
        if key not in COLUMNS:
            return None
        columns = (
            [c for c in self.columns if c != key]
            if key in self.columns
            else [c for c in COLUMNS if c in self.columns or c == key]
        )
        redirect = await self._save_settings(columns=columns)
        if redirect is not None:
            return redirect
        return await self._load()

    @rx.event
    async def filter_status(self, value: str):  # noqa: ANN201
        self.status_filter = value
        self.page = 1
        return await self._load()
