"""Page objects for the muhtar portal: Sisteme Giriş, Yeni Talep, Talep Sorgulama and
one request's page. They find things the way a person does: by label, role and text."""

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from mbs.ui import routes
from tests.e2e.muhtar_world import E2E_CAPTCHA_ANSWER, Person, latest_code


class LoginPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> "LoginPage":
        self.page.goto(routes.MUHTAR_LOGIN)
        expect(self.heading).to_have_text("Sisteme Giriş")
        expect(self.captcha_image).to_have_attribute("src", re.compile("^data:image/png"))
        return self

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    @property
    def tckn(self) -> Locator:
        return self.page.get_by_label("TC Kimlik No", exact=True)

    @property
    def full_name(self) -> Locator:
        return self.page.get_by_label("Ad ve Soyadı", exact=True)

    @property
    def captcha(self) -> Locator:
        return self.page.get_by_label("Doğrulama Kodu", exact=True)

    @property
    def captcha_image(self) -> Locator:
        return self.page.get_by_role("img", name="Doğrulama kodu resmi")

    @property
    def code(self) -> Locator:
        return self.page.get_by_label("Onay Kodu", exact=True)

    @property
    def alert(self) -> Locator:
        return self.page.locator(".m-message-error")

    @property
    def notice(self) -> Locator:
        return self.page.locator(".m-message-info")

    def field_error(self, field_id: str) -> Locator:
        return self.page.locator(f"#{field_id}-hata")

    def ask_code(
        self, person: Person, *, name: str | None = None, captcha: str = E2E_CAPTCHA_ANSWER
    ) -> None:
        """Fill the first form and press Onay Kodu Gönder."""
        self.tckn.fill(person.tckn)
        self.full_name.fill(person.name if name is None else name)
        self.captcha.fill(captcha)
        self.page.get_by_role("button", name="Onay Kodu Gönder").click()

    def expect_code_step(self) -> None:
        expect(self.heading).to_have_text("Onay Kodu")

    def enter_code(self, code: str) -> None:
        self.code.fill(code)
        self.page.get_by_role("button", name="Sisteme Giriş").click()

    def log_in(self, person: Person) -> "NewRequestPage":
        self.open()
        self.ask_code(person)
        self.expect_code_step()
        self.enter_code(latest_code(person))
        new_request = NewRequestPage(self.page)
        expect(new_request.heading).to_have_text("Yeni Talep")
        return new_request


class NewRequestPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> "NewRequestPage":
        self.page.goto(routes.MUHTAR_NEW_REQUEST)
        return self

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    @property
    def description(self) -> Locator:
        return self.page.get_by_label("Açıklama", exact=True)

    @property
    def counter(self) -> Locator:
        return self.page.locator("#aciklama-sayac")

    def choose_type(self, label: str) -> None:
        self.page.get_by_role("radio", name=label).check()

    def add_files(self, *paths: Path) -> None:
        chooser = self.page.locator("label", has_text="Dosya seç").locator("input[type=file]")
        chooser.set_input_files([str(path) for path in paths])

    @property
    def file_list(self) -> Locator:
        return self.page.get_by_role("list", name="Eklenen dosyalar")

    def send(self) -> None:
        self.page.get_by_role("button", name="Gönder").click()

    @property
    def tracking_no(self) -> Locator:
        return self.page.locator(".m-tracking-no")


class RequestsListPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self) -> "RequestsListPage":
        self.page.goto(routes.MUHTAR_REQUESTS)
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Talep Sorgulama")
        return self

    def list_button(self, title: str) -> Locator:
        return self.page.get_by_role("button", name=re.compile(f"^{title}"))

    def count(self, title: str) -> Locator:
        return self.list_button(title).locator(".m-count")

    @property
    def list_title(self) -> Locator:
        return self.page.locator("#liste-basligi")

    def request_link(self, tracking_no: str) -> Locator:
        return self.page.get_by_role("link", name=re.compile(re.escape(tracking_no)))


class RequestPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self, request_id: int) -> "RequestPage":
        self.page.goto(routes.muhtar_request(request_id))
        return self

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    @property
    def where_now(self) -> Locator:
        return self.page.locator(".m-where-now")

    @property
    def steps(self) -> Locator:
        return self.page.locator(".m-steps-list > li")

    @property
    def files(self) -> Locator:
        return self.page.locator(".m-files a")
