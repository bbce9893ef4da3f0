"""What the four İş Zekası views share: reading their figures through the core with the
shared filters, the tables (sort, Excel and CSV export) and the messages.

Every read resolves the session on the server and hands the actor to the core, which
raises PermissionDenied for what the user may not see; an export reads again, so a
file never holds more than the user may see now.
"""

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from mbs.core import clock
from mbs.core.actors import StaffActor
from mbs.core.errors import DomainError, PermissionDenied, SessionExpired
from mbs.core.stats.export import Table, to_csv, to_xlsx
from mbs.core.stats.filters import StatsFilter
from mbs.core.stats.scope import stats_scope_label
from mbs.core.text import ascii_key
from mbs.ui.staff.session import StaffSessionMixin, who
from mbs.ui.stats.filters import StatsFilterState
from mbs.ui.stats.tables import NUMERIC_KINDS, Listed, ShownTable, shown, sorted_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv;charset=utf-8"
Read = Callable[[Session, StaffActor], Any]


def file_name(title: str, extension: str) -> str:
    """`Genel Başvuru Analizi` → `genel_basvuru_analizi_2026-11-22.xlsx` (ASCII only)."""
    stem = "".join(c for c in ascii_key(title) if c.isascii() and (c.isalnum() or c == "_"))
    today = clock.local(clock.now()).date()
    return f"{stem or 'istatistik'}_{today.isoformat()}.{extension}"


def download(tables: list[Table], title: str, kind: str) -> rx.event.EventSpec:
    if kind == "csv" and len(tables) == 1:
        return rx.download(data=to_csv(tables[0]), filename=file_name(title, "csv"), mime_type=CSV)
    return rx.download(data=to_xlsx(tables), filename=file_name(title, "xlsx"), mime_type=XLSX)


class StatsPageMixin(StaffSessionMixin, mixin=True):
    error: str = ""
    notice: str = ""
    scope: str = ""
    loaded: bool = False
    loading: bool = False
    tables: list[ShownTable] = []
    _listed: list[Listed] = []
    _sorts: dict[int, tuple[str, bool]] = {}

    # The page's title: the name of its Excel file.
    _title: str = "İstatistik"

    def _read(self, filters: StatsFilter) -> Read:
        """The core call(s) of the page, as `work(session, actor)`; runs off the loop."""
        raise NotImplementedError

    def _present(self, result: Any) -> list[Listed]:
        """Show `result` (figures, charts) and return the page's tables."""
        raise NotImplementedError

    async def _filter_state(self) -> StatsFilterState:
        return await self.get_state(StatsFilterState)

    async def _load(self):  # noqa: ANN202
        """Read the page's figures for the current filters; a redirect or None."""
        filters_state = await self._filter_state()
        try:
            filters = filters_state.current()
        except DomainError as problem:
            self.error = problem.message
            return None
        read = self._read(filters)
        self.loading = True
        try:
            session_who, scope, result = await self._as_staff(
                lambda session, actor: (
                    who(session, actor),
                    stats_scope_label(session=session, actor=actor),
                    read(session, actor),
                )
            )
        except SessionExpired as error:
            return await self._to_login(error)
        except (PermissionDenied, DomainError) as problem:
            self.error, self.loaded = problem.message, True
            self.tables, self._listed = [], []
            return None
        finally:
            self.loading = False
        await self._load_who(session_who)
        self.error, self.scope, self.loaded = "", scope, True
        self._listed = self._present(result)
        self._sorts = {i: s for i, s in self._sorts.items() if i < len(self._listed)}
        self._show_tables()
        return None

    def _show_tables(self) -> None:
        self.tables = [
            shown(i, listed, self._sorts.get(i)) for i, listed in enumerate(self._listed)
        ]

    def _refresh(self) -> rx.event.EventHandler:
        """Say "Yükleniyor…" at once and read in a follow-up event (a handler's changes
        reach the browser only when it ends)."""
        self.loading = True
        return type(self).reload  # type: ignore[return-value]

    @rx.event
    async def reload(self):  # noqa: ANN201
        return await self._load()

    async def _open(self):  # noqa: ANN202
        """on_load: the filter choices, then the figures."""
        self.notice = ""
        try:
            await (await self._filter_state()).prepare()
        except (SessionExpired, PermissionDenied) as error:
            return await self._to_login(error)
        return await self._load()

    @rx.event
    async def apply_filters(self, form: dict[str, Any]):  # noqa: ANN201
        """Uygula: keep the filters (shared by the four views) and read again."""
        try:
            (await self._filter_state()).take(form)
        except DomainError as problem:
            self.error = problem.message
            return None
        return self._refresh()

    @rx.event
    async def clear_filters(self):  # noqa: ANN201
        (await self._filter_state()).clear()
        return self._refresh()

    @rx.event
    def sort_table(self, index: int, key: str) -> None:
        """A header click: sort by that column; a second click turns the order round."""
        if not (isinstance(index, int) and 0 <= index < len(self._listed)):
            return
        kinds = {column.key: column.kind for column in self._listed[index].table.columns}
        if key not in kinds:
            return
        current = self._sorts.get(index)
        # Numbers start with the largest (a league table), text from A.
        numeric = kinds[key] in NUMERIC_KINDS
        descending = (not current[1]) if current and current[0] == key else numeric
        self._sorts[index] = (key, descending)
        self._show_tables()

    def _table_for_export(self, index: int) -> Table:
        listed, sort = self._listed[index], self._sorts.get(index)
        if sort is None:
            return listed.table
        rows, _ids = sorted_rows(listed, *sort)
        return Table(title=listed.table.title, columns=listed.table.columns, rows=rows)

    @rx.event
    async def export_table(self, index: int, kind: str):  # noqa: ANN201
        """Excel or CSV of one table, read afresh, in the order shown."""
        redirect = await self._load()
        if redirect is not None or self.error:
            return redirect
        if not (isinstance(index, int) and 0 <= index < len(self._listed)):
            return None
        table = self._table_for_export(index)
        return download([table], table.title, "csv" if kind == "csv" else "xlsx")

    @rx.event
    async def export_all(self):  # noqa: ANN201
        """Every table of the view in one Excel file, one sheet each."""
        redirect = await self._load()
        if redirect is not None or self.error:
            return redirect
        tables = [self._table_for_export(i) for i in range(len(self._listed))]
        return download(tables, self._title, "xlsx")
