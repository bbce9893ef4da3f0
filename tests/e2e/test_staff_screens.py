"""The lists, Görünümler's Turkish-aware search, the accounts screen, and how the
screens look on a desktop and a tablet (screenshots go to MBS_SCREENSHOTS if set)."""

import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from mbs.core.commands import RouteTarget, route_request, set_priority
from mbs.core.db import transaction
from mbs.core.enums import Priority
from mbs.ui import routes
from tests.e2e.muhtar_world import forget_login_attempts
from tests.e2e.pages.staff import InboxPage, StaffLoginPage
from tests.e2e.staff_world import PASSWORD, actor_of, build_world, file

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 800}
TABLET = {"width": 820, "height": 1180}


def _shot(page: Page, name: str) -> None:
    folder = os.environ.get("MBS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def _login(new_context: Any, username: str, viewport: dict[str, int]) -> InboxPage:
    context: BrowserContext = new_context(viewport=viewport)
    return StaffLoginPage(context.new_page()).login(username, PASSWORD)


@pytest.mark.parametrize("size", ["desktop", "tablet"])
def test_lists_search_and_request_screen(new_context: Any, size: str) -> None:
    forget_login_attempts()
    world = build_world(f"ekran{size}")
    urgent = file(world, "IŞIKLAR yanmıyor; ana caddede akşamları göz gözü görmüyor.")
    plain = file(world, "Muhtarlık binasının çatısı akıyor, onarım için destek istiyoruz.")
    with transaction() as session:
        set_priority(
            session=session,
            actor=actor_of(world.migm),
            request_id=urgent.id or 0,
            expected_version=urgent.version,
            priority=Priority.URGENT,
        )
    with transaction() as session:
        route_request(
            session=session,
            actor=actor_of(world.migm),
            request_id=plain.id or 0,
            expected_version=plain.version,
            targets=[RouteTarget(world.belediye.unit_id, "Çatı onarımı için keşif yapın.")],
        )
    inbox = _login(new_context, world.migm.username, DESKTOP if size == "desktop" else TABLET)
    page = inbox.page
    expect(inbox.row(urgent.tracking_no)).to_have_class(re.compile(r"\brow-out\b"))
    expect(inbox.row(urgent.tracking_no)).to_contain_text("Acil")
    _shot(page, f"{size}-gelen-kutusu")

    # The sort is the user's setting, kept across visits.
    tracking_head = page.get_by_role("columnheader", name=re.compile("^Takip No"))
    tracking_head.get_by_role("button").click()
    expect(tracking_head).to_have_attribute("aria-sort", "descending")
    page.reload()
    expect(tracking_head).to_have_attribute("aria-sort", "descending")
    expect(page.get_by_role("columnheader", name=re.compile("^Öncelik"))).to_have_attribute(
        "aria-sort", "none"
    )

    page.goto(routes.STAFF_VIEWS)
    page.get_by_label("Ara").fill("ışıklar")
    page.get_by_label("Ara").press("Enter")
    expect(inbox.row(urgent.tracking_no)).to_be_visible()
    expect(inbox.row(plain.tracking_no)).to_have_count(0)
    _shot(page, f"{size}-gorunumler")
    page.get_by_label("Filtre adı").fill("Işıklar")
    page.get_by_role("button", name="Filtreyi kaydet").click()
    expect(page.get_by_role("status")).to_contain_text("“Işıklar” filtresi kaydedildi.")
    page.get_by_role("button", name="Temizle").click()
    expect(inbox.row(plain.tracking_no)).to_be_visible()
    page.get_by_role("button", name="Işıklar", exact=True).click()
    expect(inbox.row(plain.tracking_no)).to_have_count(0)
    expect(inbox.row(urgent.tracking_no)).to_be_visible()

    page.goto(routes.staff_request(plain.id or 0))
    expect(page.get_by_role("heading", level=1)).to_contain_text(plain.tracking_no)
    expect(page.get_by_role("cell", name="Çatı onarımı için keşif yapın.")).to_be_visible()
    _shot(page, f"{size}-talep-migm")

    belediye = _login(new_context, world.belediye.username, TABLET if size == "tablet" else DESKTOP)
    belediye.open_request(plain.tracking_no)
    _shot(belediye.page, f"{size}-talep-belediye")


def test_an_administrator_creates_resets_and_disables_an_account(new_context: Any) -> None:
    forget_login_attempts()
    world = build_world("hesap")
    admin = _login(new_context, world.admin.username, DESKTOP)
    page = admin.page
    page.get_by_role("link", name="Kullanıcılar").click()
    expect(page.get_by_role("heading", name="Kullanıcılar")).to_be_visible()
    page.get_by_label("Birim ara").fill(world.belediye.unit_name)
    page.get_by_label("Birim ara").press("Enter")
    page.get_by_role("button", name=re.compile(re.escape(world.belediye.unit_name))).click()
    page.get_by_label("Kullanıcı adı", exact=True).fill("yeni.hesap")
    page.get_by_label("Ad soyad").fill("Yeni Hesap")
    page.get_by_label("Parola (en az 10 karakter)").fill("Baslangic.2026")
    page.get_by_label("E-posta (isteğe bağlı; bildirimler için)").fill("yeni@belediye.gov.tr")
    page.get_by_role("button", name="Hesap aç").click()
    expect(page.locator("#hesap-sonucu")).to_contain_text("yeni.hesap hesabı açıldı")
    _shot(page, "desktop-kullanicilar")
    email = page.get_by_label("E-posta: yeni.hesap")
    expect(email).to_have_value("yeni@belediye.gov.tr")
    email.fill("Bilgi@Belediye.gov.tr")
    page.locator("tr").filter(has_text="yeni.hesap").get_by_role("button", name="Kaydet").click()
    expect(page.locator("#hesap-sonucu")).to_contain_text("e-posta adresi kaydedildi")

    context: BrowserContext = new_context()
    login = StaffLoginPage(context.new_page())
    login.login("yeni.hesap", "Baslangic.2026")

    row = page.locator("tr").filter(has_text="yeni.hesap")
    row.get_by_role("button", name="Parola sıfırla").click()
    expect(page.locator("#hesap-sonucu")).to_contain_text("yeni parolası")
    row.get_by_role("button", name="Devre dışı bırak").click()
    expect(page.locator("#hesap-sonucu")).to_contain_text("devre dışı bırakıldı")
    expect(row).to_contain_text("Devre dışı")
    # The disabled account's open session ends at its next action.
    login.page.reload()
    expect(login.page).to_have_url(re.compile("/kurum/giris"))


def test_a_unit_user_has_no_accounts_screen(new_context: Any) -> None:
    forget_login_attempts()
    world = build_world("hesapsiz")
    inbox = _login(new_context, world.belediye.username, DESKTOP)
    expect(inbox.page.get_by_role("link", name="Kullanıcılar")).to_have_count(0)
    inbox.page.goto(routes.STAFF_USERS)
    expect(inbox.page.locator("#hesap-hatasi")).to_contain_text("yalnızca Genel Müdürlük")
