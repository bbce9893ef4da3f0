"""Şekil 1 in the browser: a muhtar files in the muhtar portal; MİGM sees it live and
routes it to a valilik and a belediye; the valilik forwards to its il müdürlüğü, which
completes with an attachment; the valilik sees that live and completes; the belediye
completes; MİGM sees every note and the attachment and concludes; the SMS is in the
outbox and the muhtar finds the request under Sonuçlanan."""

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import BrowserContext, expect
from sqlmodel import col, select

from mbs.core.db import transaction
from mbs.core.models import SmsMessage
from mbs.core.queries.muhtar_lists import muhtar_requests
from tests.e2e.muhtar_world import Person, forget_login_attempts
from tests.e2e.pages.muhtar import LoginPage as MuhtarLoginPage
from tests.e2e.pages.muhtar import RequestsListPage as MuhtarRequestsPage
from tests.e2e.pages.staff import StaffLoginPage, session_cookie
from tests.e2e.staff_world import PASSWORD, build_world

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _login(new_context: Any, username: str) -> tuple[BrowserContext, Any]:
    context: BrowserContext = new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    return context, StaffLoginPage(page).login(username, PASSWORD)


def test_the_whole_flow_of_sekil_1(new_context: Any, tmp_path: Path) -> None:
    forget_login_attempts()  # every browser test logs in from 127.0.0.1
    world = build_world("akis")
    _, migm_inbox = _login(new_context, world.migm.username)

    # The muhtar files through the muhtar portal, on a phone.
    muhtar = Person(world.muhtar_tckn, "Ayşe Yılmaz", world.muhtar_phone,
                    world.muhtar.muhtar_id, world.muhtar.muhtarlik_id)  # fmt: skip
    phone = new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    form = MuhtarLoginPage(phone.new_page()).log_in(muhtar)
    form.choose_type("İstek")
    form.description.fill("Mahallemizdeki parkın aydınlatması yetersiz, IŞIK direkleri bozuk.")
    form.send()
    expect(form.tracking_no).not_to_be_empty()
    tracking_no = form.tracking_no.inner_text().strip()
    row = migm_inbox.row(tracking_no)
    expect(row).to_be_visible()  # live, without reloading
    expect(row).to_have_class(re.compile(r"\brow-changed\b"))

    migm = migm_inbox.open_request(tracking_no)
    expect(migm.page.get_by_text("Mahallemizdeki parkın aydınlatması")).to_be_visible()
    expect(migm.page.get_by_text(world.muhtar_phone)).to_have_count(0)  # masked
    migm.pick_units(world.valilik.unit_name, world.belediye.unit_name, search=world.province_name)
    migm.note_for(world.valilik.unit_name).fill("Aydınlatma için il müdürlüğü ile görüşün.")
    migm.route("Muhtarlığın talebini değerlendirin.")
    expect(migm.result).to_contain_text("Talep yönlendirildi")
    expect(migm.status).to_have_text("Yönlendirilen")
    expect(migm.units).to_contain_text("Aydınlatma için il müdürlüğü ile görüşün.")

    _, valilik_inbox = _login(new_context, world.valilik.username)
    valilik = valilik_inbox.open_request(tracking_no)
    expect(valilik.button("İŞLEMİ TAMAMLA")).to_have_count(0)  # a valilik takes it or forwards
    valilik.forward(world.il_mudurlugu.unit_name, "Direklerin onarımı için inceleme yapın.")
    expect(valilik.result).to_contain_text("Alt birimlere yönlendirildi")
    expect(valilik.page.locator("#calisan-alt-birimler")).to_contain_text(
        world.il_mudurlugu.unit_name
    )
    expect(valilik.button("İŞLEMİ TAMAMLA")).to_be_disabled()

    _, mudurluk_inbox = _login(new_context, world.il_mudurlugu.username)
    mudurluk = mudurluk_inbox.open_request(tracking_no)
    expect(mudurluk.units).to_contain_text("Direklerin onarımı için inceleme yapın.")
    report = tmp_path / "onarim-raporu.pdf"
    report.write_bytes(PDF)
    mudurluk.complete("Direkler onarıldı, rapor ektedir.", report)
    expect(mudurluk.result).to_contain_text("İşleminiz tamamlandı")

    # The valilik's open screen shows the sub-unit's completion without a reload.
    expect(valilik.units).to_contain_text("Direkler onarıldı, rapor ektedir.")
    expect(valilik.button("İŞLEMİ TAMAMLA")).to_be_enabled()
    valilik.complete("İl müdürlüğümüz direkleri onardı.")
    expect(valilik.result).to_contain_text("İşleminiz tamamlandı")

    _, belediye_inbox = _login(new_context, world.belediye.username)
    belediye = belediye_inbox.open_request(tracking_no)
    belediye.complete("Park aydınlatması belediyemizce yenilendi.")
    expect(belediye.result).to_contain_text("İşleminiz tamamlandı")

    # MİGM's screen followed it all live: every note and the attachment.
    for note in (
        "Direkler onarıldı, rapor ektedir.",
        "İl müdürlüğümüz direkleri onardı.",
        "Park aydınlatması belediyemizce yenilendi.",
    ):
        expect(migm.units).to_contain_text(note)
    expect(migm.page.locator("#calisan-birimler")).to_have_count(0)
    link = migm.page.get_by_role("link", name="onarim-raporu.pdf")
    expect(link).to_be_visible()
    # The browser's backend host differs from the page's in the harness (127.0.0.1 vs
    # localhost), so send the session cookie explicitly, as a same-host setup does.
    download = httpx.get(link.get_attribute("href") or "", cookies=session_cookie(migm.page))
    assert download.status_code == 200 and download.content == PDF
    migm.conclude("Talebiniz ilgili birimlerce karşılanmıştır; parkın aydınlatması yenilendi.")
    expect(migm.result).to_contain_text("Süreç tamamlandı")
    expect(migm.status).to_have_text("Sonuçlanan")

    with transaction() as session:
        bodies = session.exec(
            select(SmsMessage.body).where(col(SmsMessage.phone) == world.muhtar_phone)
        ).all()
        concluded = muhtar_requests(session=session, actor=world.muhtar, status="concluded")
    assert any(tracking_no in b and "sonuçlandı" in b for b in bodies)
    assert [r.tracking_no for r in concluded.rows] == [tracking_no]
    migm.page.get_by_role("link", name="Tamamlanan").click()
    expect(migm_inbox.row(tracking_no)).to_be_visible()
    belediye.page.get_by_role("link", name="Tamamlanan").click()
    expect(belediye_inbox.row(tracking_no)).to_contain_text("Tamamlandı")

    lists = MuhtarRequestsPage(form.page).open()
    lists.list_button("Sonuçlanan").click()
    expect(lists.request_link(tracking_no)).to_be_visible()
