"""The home page: Turkish, accessible landmarks, the muhtar's two entry points."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from mbs.ui import routes
from tests.e2e.pages.home import HomePage

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}


def test_home_page_is_turkish_and_names_the_system(page: Page) -> None:
    home = HomePage(page).open()

    expect(page.locator("html")).to_have_attribute("lang", "tr")
    expect(page).to_have_title("Muhtar Bilgi Sistemi")
    expect(home.heading).to_have_text("Muhtar Bilgi Sistemi")
    expect(page.get_by_text("cep telefonunuza SMS ile bildirilir")).to_be_visible()


def test_home_page_links_to_the_muhtar_entry_points_and_staff_login(page: Page) -> None:
    home = HomePage(page).open()

    entries = home.entries()
    expect(entries["BAŞVURU"]).to_be_visible()
    expect(entries["BAŞVURU"]).to_have_attribute("href", routes.MUHTAR_LOGIN)
    expect(entries["TALEP SORGULAMA"]).to_be_visible()
    expect(entries["TALEP SORGULAMA"]).to_have_attribute("href", routes.MUHTAR_REQUESTS)
    expect(home.staff_login).to_have_attribute("href", routes.STAFF_LOGIN)


def test_home_page_has_landmarks_and_a_skip_link(page: Page) -> None:
    home = HomePage(page).open()
    expect(home.heading).to_be_visible()

    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_have_count(1)
    page.keyboard.press("Tab")
    expect(home.skip_link).to_be_focused()
    box = home.skip_link.bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link must be on screen"
    # Following the skip link puts the keyboard past the header, on the first entry point.
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(home.entries()["BAŞVURU"]).to_be_focused()


def test_home_page_fits_a_360_px_phone(new_context: Any) -> None:
    page = new_context(viewport=PHONE).new_page()
    home = HomePage(page).open()

    for label, link in home.entries().items():
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box is not None
        assert box["height"] >= 44, f"{label} is too small to tap"
        assert box["y"] + box["height"] <= PHONE["height"], f"{label} is below the first screen"
    expect(home.staff_login).to_be_attached()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the page scrolls sideways on a 360 px screen"
