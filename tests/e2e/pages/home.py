"""Page object for the home page (/)."""

import re

from playwright.sync_api import Locator, Page

from mbs.ui import routes


class HomePage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> "HomePage":
        self.page.goto(routes.HOME)
        return self

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    def entries(self) -> dict[str, Locator]:
        """The muhtar's entry points, by the label the source documents give them."""
        nav = self.page.get_by_role("navigation", name="Muhtar işlemleri")
        return {
            label: nav.get_by_role("link", name=re.compile(f"^{label}"))
            for label in ("BAŞVURU", "TALEP SORGULAMA")
        }

    @property
    def staff_login(self) -> Locator:
        footer = self.page.get_by_role("contentinfo")
        return footer.get_by_role("link", name="Kurum kullanıcı girişi")

    @property
    def skip_link(self) -> Locator:
        return self.page.get_by_role("link", name="İçeriğe geç")
