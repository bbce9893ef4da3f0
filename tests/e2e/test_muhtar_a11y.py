"""Every muhtar screen, in every state a muhtar meets (empty, with errors, filled), on a
360 px phone: axe-core finds no violation, nothing scrolls sideways even with the text
twice as large, and every control is at least 48 px tall.

With MBS_SCREENSHOTS=<folder> the walk also saves a screenshot of each screen.
"""

import io
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import Page, expect

from mbs.core.attachments import UploadedFile
from tests.e2e.muhtar_world import MuhtarWorld, file_as, route_to_belediye
from tests.e2e.pages.muhtar import LoginPage, RequestPage, RequestsListPage

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("fresh_login_limits")]

AXE = Axe()
# Buttons, fields and the big links a thumb must hit (WCAG 2.5.5, Android's 48 dp).
TAP_TARGETS = (
    "main button, main input:not([type=file]):not([type=radio]):not([type=checkbox]), "
    "main textarea, "
    "main .m-choice, main .m-file-button, main .m-request-link, main .m-button, footer button"
)


def check_screen(page: Page, name: str) -> None:
    """axe, tap targets, large text; then an optional screenshot."""
    page.wait_for_timeout(150)  # let the last update render
    results = AXE.run(page)
    assert results.violations_count == 0, f"{name}:\n{results.generate_snapshot()}"
    small = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.offsetParent !== null)
            .map((el) => [el.textContent.trim().slice(0, 30) || el.id,
                          el.getBoundingClientRect().height])
            .filter(([, height]) => height < 47.5)""",
        TAP_TARGETS,
    )
    assert not small, f"{name}: too small to tap: {small}"
    folder = os.environ.get("MBS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)
    # A phone set to its largest font: the page grows downwards, never sideways.
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.evaluate("document.documentElement.style.fontSize = ''")
    assert overflow <= 0, f"{name}: scrolls sideways with large text ({overflow} px)"


def test_the_login_screens(phone: Page, muhtar_world: MuhtarWorld) -> None:
    login = LoginPage(phone).open()
    check_screen(phone, "01-giris")

    login.ask_code(muhtar_world.ayse, captcha="ZZZZZ")
    expect(login.field_error("dogrulama_kodu")).to_be_visible()
    login.ask_code(muhtar_world.ayse, name="Ayşe Kaya")
    expect(login.alert).to_be_visible()
    check_screen(phone, "02-giris-hatali")

    login.ask_code(muhtar_world.ayse)
    login.expect_code_step()
    check_screen(phone, "03-onay-kodu")
    login.enter_code("12345")
    expect(login.field_error("onay_kodu")).to_be_visible()
    check_screen(phone, "04-onay-kodu-hatali")


def test_the_filing_screens(phone: Page, muhtar_world: MuhtarWorld, tmp_path: Path) -> None:
    new_request = LoginPage(phone).log_in(muhtar_world.veli)
    check_screen(phone, "05-yeni-talep")

    new_request.description.fill("Kısa metin")
    new_request.send()
    expect(phone.locator("#aciklama-hata")).to_be_visible()
    photo = tmp_path / "cukur.jpg"
    Image.new("RGB", (800, 600), (120, 120, 120)).save(photo, "JPEG")
    wrong = tmp_path / "liste.txt"
    wrong.write_text("metin")
    new_request.add_files(photo, wrong)
    expect(new_request.file_list).to_be_visible()
    check_screen(phone, "06-yeni-talep-hatali")

    new_request.choose_type("Görüş ve Öneri")
    new_request.description.fill("Köy meydanına bir çeşme yapılmasını öneriyoruz.")
    new_request.send()
    expect(new_request.heading).to_have_text("Talebiniz alındı")
    check_screen(phone, "07-talep-alindi")


def test_the_following_screens(phone: Page, muhtar_world: MuhtarWorld) -> None:
    photo = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 90, 30)).save(photo, "JPEG")
    request_id = file_as(
        muhtar_world.ayse,
        "Cami önündeki sokak lambası üç haftadır yanmıyor, akşamları yol karanlık.",
        files=[UploadedFile("lamba.jpg", photo.getvalue())],
    )
    route_to_belediye(muhtar_world, request_id)
    file_as(muhtar_world.ayse, "Pazar yerinin zemini çamur oluyor, parke taşı döşensin.")
    LoginPage(phone).log_in(muhtar_world.ayse)

    lists = RequestsListPage(phone).open()
    expect(phone.locator(".m-request-link").first).to_be_visible()
    check_screen(phone, "08-bekleyen")
    lists.list_button("Sonuçlanan Taleplerim").click()
    expect(phone.get_by_text("Sonuçlanmış talebiniz yok.")).to_be_visible()
    check_screen(phone, "09-sonuclanan-bos")

    page = RequestPage(phone).open(request_id)
    expect(page.files).to_have_count(1)
    check_screen(phone, "10-talep")

    RequestPage(phone).open(999_999)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Talep bulunamadı")
    check_screen(phone, "11-bulunamadi")
