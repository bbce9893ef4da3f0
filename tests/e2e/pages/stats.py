"""Page objects for the İş Zekası Portalı (statistics views)."""

import re
from pathlib import Path

from playwright.sync_api import Download, Locator, Page, expect


class StatsPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    @property
    def scope(self) -> Locator:
        return self.page.locator("#istatistik-kapsami")

    @property
    def error(self) -> Locator:
        return self.page.locator("#istatistik-hatasi")

    @property
    def notice(self) -> Locator:
        return self.page.locator("#istatistik-sonucu")

    def open_view(self, name: str) -> "StatsPage":
        self.page.get_by_role("navigation", name="İş Zekası görünümleri").get_by_role(
            "link", name=name
        ).click()
        expect(self.heading).to_have_text(name, ignore_case=True)
        return self

    @property
    def filters(self) -> Locator:
        return self.page.get_by_role("form", name="Filtreler")

    def choose(self, label: str, option: str) -> None:
        self.filters.get_by_label(label, exact=True).select_option(label=option)

    def set_date(self, label: str, iso_date: str) -> None:
        self.filters.get_by_label(label, exact=True).fill(iso_date)

    def apply(self) -> None:
        self.filters.get_by_role("button", name="Uygula").click()

    def clear(self) -> None:
        self.filters.get_by_role("button", name="Temizle").click()

    def table(self, title: str) -> Locator:
        return self.page.get_by_role("region", name=title, exact=True)

    def download(self, button: Locator, folder: Path) -> Path:
        """Click an export button and keep the file the browser downloads."""
        with self.page.expect_download() as info:
            button.click()
        download: Download = info.value
        target = folder / download.suggested_filename
        download.save_as(target)
        return target

    def export_button(self, table_title: str, kind: str) -> Locator:
        return self.table(table_title).get_by_role(
            "button", name=re.compile(rf"^{re.escape(table_title)}: {kind}")
        )

    def province(self, plate: str) -> Locator:
        return self.page.locator(f"svg.turkey-map path[data-plate='{plate}']")
