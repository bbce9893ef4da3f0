"""Page object for the SMS screen of central-unit administrators (/kurum/sms)."""

import re

from playwright.sync_api import Locator, Page, expect

from mbs.ui import routes


class SmsPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> "SmsPage":
        self.page.goto(routes.STAFF_SMS)
        expect(self.page.get_by_role("heading", name="SMS", level=1)).to_be_visible()
        return self

    @property
    def error(self) -> Locator:
        return self.page.locator("#sms-hatasi")

    @property
    def result(self) -> Locator:
        return self.page.locator("#sms-sonucu")

    def chip(self, label: str) -> Locator:
        """A state chip ("Başarısız 3"), by its label."""
        chips = self.page.get_by_role("group", name="Duruma göre")
        # Not \b: the browser's regular expressions see "ü" as no word letter.
        return chips.get_by_role("button", name=re.compile(rf"^{re.escape(label)}(\s|$)"))

    def filter_by_request(self, tracking_no: str) -> None:
        self.page.get_by_label("Takip No").fill(tracking_no)
        self.page.get_by_role("button", name="Listele").click()

    def row(self, sms_id: int) -> Locator:
        return self.page.locator(f'table.sms-table tbody tr[data-sms-id="{sms_id}"]')

    def confirmation(self, sms_id: int) -> Locator:
        """The double-delivery warning under a row in review."""
        return self.page.locator(f'tr[data-sms-confirm="{sms_id}"]').get_by_role("alert")

    @property
    def rows(self) -> Locator:
        return self.page.locator("table.sms-table tbody tr[data-sms-id]")
