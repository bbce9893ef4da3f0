"""Page objects for the Talep Yönetim Portalı (staff screens)."""

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from mbs.ui import routes


def session_cookie(page: Page) -> dict[str, str]:
    """The session cookie of the page's browser context, for direct backend calls."""
    return {c["name"]: c["value"] for c in page.context.cookies() if c["name"] == "mbs_oturum"}


class StaffLoginPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> "StaffLoginPage":
        self.page.goto(routes.STAFF_LOGIN)
        expect(self.page.get_by_role("heading", name="Kurum Kullanıcı Girişi")).to_be_visible()
        return self

    def submit(self, username: str, password: str) -> None:
        self.page.get_by_label("Kullanıcı Adı").fill(username)
        self.page.get_by_label("Parola").fill(password)
        self.page.get_by_label("Parola").press("Enter")

    def login(self, username: str, password: str) -> "InboxPage":
        self.open()
        self.submit(username, password)
        expect(self.page).to_have_url(re.compile(r"/kurum/?$"))
        inbox = InboxPage(self.page)
        expect(inbox.heading).to_be_visible()
        return inbox

    @property
    def error(self) -> Locator:
        return self.page.locator("#giris-hatasi")


class InboxPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    def row(self, tracking_no: str) -> Locator:
        return self.page.locator("table.req-table tbody tr").filter(
            has=self.page.get_by_role("link", name=tracking_no, exact=True)
        )

    def open_request(self, tracking_no: str) -> "RequestPage":
        self.page.get_by_role("link", name=tracking_no, exact=True).click()
        request = RequestPage(self.page)
        expect(request.heading).to_contain_text(tracking_no)
        return request


class RequestPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self, request_id: int) -> "RequestPage":
        self.page.goto(routes.staff_request(request_id))
        return self

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    @property
    def status(self) -> Locator:
        return self.page.locator("#talep-durumu")

    @property
    def result(self) -> Locator:
        return self.page.locator("#islem-sonucu")

    @property
    def error(self) -> Locator:
        return self.page.locator("#islem-hatasi")

    @property
    def units(self) -> Locator:
        return self.page.get_by_role("region", name="Birimler")

    @property
    def history(self) -> Locator:
        return self.page.get_by_role("region", name="Hareket bilgileri")

    def button(self, name: str) -> Locator:
        return self.page.get_by_role("button", name=name, exact=True)

    def pick_units(self, *names: str, search: str = "") -> None:
        if search:
            self.page.get_by_label("Birim ara").fill(search)
            self.page.get_by_label("Birim ara").press("Enter")
        choices = self.page.get_by_role("list", name="Birimler", exact=True)
        for name in names:
            choices.get_by_role("button", name=re.compile(re.escape(name))).first.click()
            expect(self.page.get_by_role("list", name="Seçilen birimler")).to_contain_text(name)

    def note_for(self, unit_name: str) -> Locator:
        return self.page.get_by_label(f"Not: {unit_name}", exact=True)

    def route(self, common_note: str = "") -> None:
        if common_note:
            self.page.get_by_label("Tüm seçilen birimlere not").fill(common_note)
        self.button("SEÇİLEN BİRİMLERE YÖNLENDİR").click()

    def forward(self, sub_unit: str, note: str) -> None:
        self.page.get_by_label(sub_unit).check()
        self.page.get_by_label("Yönlendirme notu").fill(note)
        self.button("ALT BİRİMLERE YÖNLENDİR").click()

    def complete(
        self, note: str, file: Path | None = None, outcome: str = "Olumlu", reason: str = ""
    ) -> None:
        """İŞLEMİ TAMAMLA with the note, the Sonuç (and for Olumsuz its reason)."""
        self.page.get_by_label("Açıklama (zorunlu)").fill(note)
        self.page.get_by_role("group", name="Sonuç (zorunlu)").get_by_label(
            outcome, exact=True
        ).check()
        if reason:
            self.page.get_by_label("Olumsuzluk nedeni").select_option(label=reason)
        if file is not None:
            self.page.locator(".file-picker input[type=file][multiple]").set_input_files(str(file))
            expect(self.page.locator(".file-picker")).to_contain_text(file.name)
        self.button("İŞLEMİ TAMAMLA").click()

    def give_back(self, reason: str) -> None:
        self.page.get_by_text("İade et", exact=True).click()
        self.page.get_by_label("İade gerekçesi").fill(reason)
        self.button("İADE ET").click()

    def conclude(self, summary: str) -> None:
        self.page.get_by_label("Muhtara iletilecek özet").fill(summary)
        self.button("SÜRECİ TAMAMLA").click()
