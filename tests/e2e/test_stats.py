"""İş Zekası Portalı in the browser: a central user opens each of the four views, changes
filters and sees the figures change, drills into an il on the map (by mouse and by
keyboard) and into an ilçe, sorts a table and downloads Excel and CSV exports; an
administrator changes the stationery assumptions; a valilik user sees only its il.
axe-core finds no violation on any view; screenshots go to MBS_SCREENSHOTS if set."""

import os
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect

from mbs.core import clock
from mbs.ui import routes
from tests.e2e.muhtar_world import forget_login_attempts
from tests.e2e.pages.staff import StaffLoginPage
from tests.e2e.pages.stats import StatsPage
from tests.e2e.stats_world import PASSWORD, StatsWorld, build_stats_world

pytestmark = pytest.mark.e2e

AXE = Axe()
DESKTOP = {"width": 1366, "height": 900}
TABLET = {"width": 820, "height": 1180}


@pytest.fixture(scope="module")
def world(app_harness: Any) -> Iterator[StatsWorld]:
    yield build_stats_world()


def _check(page: Page, name: str) -> None:
    """axe-core finds no violation; then an optional screenshot."""
    page.wait_for_timeout(150)  # let the last update render
    results = AXE.run(page)
    assert results.violations_count == 0, f"{name}:\n{results.generate_snapshot()}"
    folder = os.environ.get("MBS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _login(new_context: Any, username: str, viewport: dict[str, int]) -> StatsPage:
    forget_login_attempts()  # every browser test logs in from 127.0.0.1
    context: BrowserContext = new_context(viewport=viewport, accept_downloads=True, locale="tr-TR")
    inbox = StaffLoginPage(context.new_page()).login(username, PASSWORD)
    inbox.page.get_by_role("navigation", name="Kurum menüsü").get_by_role(
        "link", name="İş Zekası"
    ).click()
    stats = StatsPage(inbox.page)
    expect(stats.heading).to_have_text("Genel Başvuru Analizi")
    return stats


def test_general_analysis_filters_and_exports(
    new_context: Any, world: StatsWorld, tmp_path: Path
) -> None:
    stats = _login(new_context, world.central_user, DESKTOP)
    total = stats.page.locator("#toplam-basvuru")
    expect(stats.scope).to_have_text("Tüm Türkiye")

    stats.choose("İl", "Ankara")
    stats.apply()
    expect(total).to_have_text(str(world.ankara_total))
    stats.choose("Başvuru türü", "Şikâyet")
    stats.apply()
    expect(total).to_have_text(str(world.ankara_sikayet))
    stats.choose("Başvuru türü", "Tümü")
    today = clock.local(clock.now()).date()
    stats.set_date("Bitiş", (today - timedelta(days=1)).isoformat())
    stats.apply()
    expect(total).to_have_text("0")
    stats.set_date("Başlangıç", today.isoformat())
    stats.set_date("Bitiş", today.isoformat())
    stats.apply()
    expect(total).to_have_text(str(world.ankara_total))
    # Per day, the periods are written as Turkish dates (22.11.2026).
    stats.page.get_by_label("Zaman aralığı").select_option(label="Gün")
    expect(stats.page.locator("table.stats-table").last).to_contain_text(today.strftime("%d.%m.%Y"))
    _check(stats.page, "istatistik-genel")

    workbook_path = stats.download(
        stats.page.get_by_role("button", name="Tüm tabloları Excel'e aktar"), tmp_path
    )
    assert workbook_path.suffix == ".xlsx"
    workbook = openpyxl.load_workbook(workbook_path)
    first_table = stats.page.locator("section.stats-table-box").first
    title = first_table.get_by_role("heading", level=2).inner_text()
    first_header = first_table.locator("thead th").first.inner_text().strip(" ▲▼")
    headers = [
        str(cell.value or "") for sheet in workbook.worksheets for row in sheet.iter_rows(max_row=3)
        for cell in row
    ]  # fmt: skip
    assert first_header in headers, (title, first_header, headers)

    csv_path = stats.download(stats.export_button(title, "CSV"), tmp_path)
    text = csv_path.read_bytes().decode("utf-8-sig")
    assert csv_path.suffix == ".csv" and first_header in text.splitlines()[0]
    assert ";" in text.splitlines()[0]


def test_places_map_drill_down_and_sort(new_context: Any, world: StatsWorld) -> None:
    stats = _login(new_context, world.central_user, DESKTOP)
    stats.open_view("İllere Göre Başvuru Analizi")
    stats.clear()
    ankara = stats.province("06")
    expect(ankara).to_have_attribute("role", "button")
    expect(ankara).to_have_attribute("aria-label", f"Ankara — Başvuru sayısı: {world.ankara_total}")
    ankara.click()
    districts = stats.table("Ankara ilçeleri")
    expect(districts).to_contain_text("Çankaya")
    expect(districts).to_contain_text("Keçiören")
    expect(ankara).to_have_attribute("aria-current", "true")
    districts.get_by_role("button", name="Muhtarlıklar: Çankaya").click()
    expect(stats.table("Çankaya (Ankara) muhtarlıkları")).to_contain_text("Kızılay")
    _check(stats.page, "istatistik-iller")

    # The map works from the keyboard too.
    bolu = stats.province("14")
    bolu.focus()
    bolu.press("Enter")
    expect(stats.table("Bolu ilçeleri")).to_contain_text("Bolu Merkez")
    expect(stats.page.get_by_role("region", name="Ankara ilçeleri")).to_have_count(0)

    # A measure colours the map; a header click sorts the table, a second turns it round.
    stats.page.get_by_label("Haritada gösterilen").select_option(index=1)
    expect(stats.page.locator("#harita-baslik")).not_to_contain_text("Başvuru sayısı")
    provinces = stats.table("İller")
    head = provinces.get_by_role("columnheader", name=re.compile(r"^Başvuru\b"))
    expect(head).to_have_attribute("aria-sort", "none")
    head.get_by_role("button").click()  # a number: the largest first
    expect(head).to_have_attribute("aria-sort", "descending")
    counts = provinces.locator("tbody tr td:nth-child(3)").all_inner_texts()
    numbers = [int(text.replace(".", "")) for text in counts]
    assert numbers == sorted(numbers, reverse=True) and numbers[0] >= world.ankara_total
    head.get_by_role("button").click()
    expect(head).to_have_attribute("aria-sort", "ascending")
    name_head = provinces.get_by_role("columnheader", name=re.compile(r"^Adı"))
    expect(name_head).to_have_attribute("aria-sort", "none")


def test_units_quarterly_report_and_savings(
    new_context: Any, world: StatsWorld, tmp_path: Path
) -> None:
    stats = _login(new_context, world.central_user, TABLET)
    stats.open_view("Birim Performansı")
    expect(stats.table("Birimler (lig tablosu)")).to_contain_text("Çankaya Belediyesi")
    today = clock.local(clock.now()).date()
    stats.page.get_by_label("Yıl").select_option(str(today.year))
    stats.page.get_by_label("Çeyrek").select_option(str((today.month - 1) // 3 + 1))
    report = stats.download(stats.page.get_by_role("button", name="Raporu indir (Excel)"), tmp_path)
    sheet = openpyxl.load_workbook(report).worksheets[0]
    cells = [str(c.value or "") for row in sheet.iter_rows(max_row=4) for c in row]
    assert "Çankaya Belediyesi" in " ".join(
        str(c.value or "") for row in sheet.iter_rows() for c in row
    ), cells
    _check(stats.page, "istatistik-birimler-tablet")

    stats.open_view("Kırtasiye Tasarrufu")
    saved = stats.page.locator("#toplam-tasarruf")
    expect(saved).to_contain_text("₺")
    before = saved.inner_text()
    stats.page.get_by_text("Varsayımları değiştir").click()
    pages = stats.page.get_by_label("Başvuru başına sayfa (sayfa)")
    pages.fill("birkaç")
    stats.page.get_by_role("button", name="Varsayımları kaydet").click()
    expect(stats.page.locator("#varsayim-hatasi")).to_contain_text("bir sayı girin")
    stats.page.get_by_label("Başvuru başına sayfa (sayfa)").fill("40")
    stats.page.get_by_role("button", name="Varsayımları kaydet").click()
    expect(stats.notice).to_contain_text("Varsayımlar kaydedildi")
    expect(saved).not_to_have_text(before)
    _check(stats.page, "istatistik-kirtasiye-tablet")


def test_a_valilik_sees_only_its_il(new_context: Any, world: StatsWorld) -> None:
    stats = _login(new_context, world.valilik_user, DESKTOP)
    expect(stats.scope).to_contain_text("Ankara")
    expect(stats.page.locator("#toplam-basvuru")).to_have_text(str(world.ankara_total))
    il_options = stats.filters.get_by_label("İl", exact=True).locator("option")
    expect(il_options).to_have_text(["Tümü", "Ankara"])

    stats.page.goto(routes.STAFF_STATS_PLACES)
    expect(stats.heading).to_have_text("İllere Göre Başvuru Analizi")
    rows = stats.table("İller").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Ankara")
    expect(stats.province("14")).to_have_attribute("role", "img")
    expect(stats.province("06")).to_have_attribute("role", "button")
    # The administrator's form is not offered.
    stats.page.goto(routes.STAFF_STATS_SAVINGS)
    expect(stats.heading).to_have_text("Kırtasiye Tasarrufu")
    expect(stats.page.get_by_text("Varsayımları değiştir")).to_have_count(0)
