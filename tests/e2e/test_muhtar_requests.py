"""Filing and following requests on a 360 px phone: a photo goes in (without its GPS),
a double tap files once, the lists follow MİGM's action live, and another muhtarlık's
request is "bulunamadı"."""

import io
import os
import re
from pathlib import Path

import httpx
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from mbs.core.attachments import UploadedFile, storage_dir
from mbs.core.models import Attachment
from tests.e2e.muhtar_world import (
    MuhtarWorld,
    file_as,
    requests_of,
    route_to_belediye,
)
from tests.e2e.pages.muhtar import LoginPage, RequestPage, RequestsListPage

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("fresh_login_limits")]

TEXT = "Çınar Sokak'taki su borusu patladı, yol iki gündür su altında."
GPS_PLACE = "39.9334,32.8597"


def _photo(path: Path) -> Path:
    exif = Image.Exif()
    exif[0x010E] = GPS_PLACE  # where the photo was taken, as a phone might write it
    exif.get_ifd(0x8825).update({1: "N", 2: (39.0, 56.0, 0.2), 3: "E", 4: (32.0, 51.0, 35.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1800), (90, 120, 160)).save(buffer, "JPEG", exif=exif, quality=90)
    path.write_bytes(buffer.getvalue())
    return path


def _attachments_of(request_id: int) -> list[Attachment]:
    from sqlmodel import Session, select

    from mbs.core.db import get_engine

    with Session(get_engine()) as session:
        return list(session.exec(select(Attachment).where(Attachment.request_id == request_id)))


def test_filing_with_a_photo_shows_the_tracking_number_and_files_once(
    phone: Page, muhtar_world: MuhtarWorld, tmp_path: Path
) -> None:
    before = len(requests_of(muhtar_world.ayse))
    new_request = LoginPage(phone).log_in(muhtar_world.ayse)
    new_request.choose_type("Şikâyet")
    new_request.description.fill(TEXT)
    expect(new_request.counter).to_have_text(f"{len(TEXT)} / 4.000 karakter")
    note = tmp_path / "not.txt"
    note.write_text("düz metin")
    new_request.add_files(_photo(tmp_path / "boru.jpg"), note)
    expect(new_request.file_list).to_contain_text("boru.jpg")
    expect(phone.get_by_text("“not.txt” eklenemedi")).to_be_visible()

    # A double tap, as an unsteady hand might do.
    phone.get_by_role("button", name="Gönder").dblclick()

    expect(new_request.heading).to_have_text("Talebiniz alındı")
    tracking_no = new_request.tracking_no.inner_text()
    assert re.fullmatch(r"\d{4}-\d{6}", tracking_no)
    filed = requests_of(muhtar_world.ayse)
    assert len(filed) == before + 1, "the double tap filed twice"
    [attachment] = _attachments_of(filed[-1].id or 0)
    stored = (storage_dir() / attachment.storage_key[:2] / attachment.storage_key).read_bytes()
    assert GPS_PLACE.encode() not in stored and b"Exif" not in stored
    assert Image.open(io.BytesIO(stored)).size == (1600, 1200)
    public = Path(os.environ["REFLEX_UPLOADED_FILES_DIR"])
    assert not any(public.rglob("*")), "a file landed in Reflex's public upload folder"

    phone.get_by_role("link", name="Talebin durumunu sorgula").click()
    page = RequestPage(phone)
    expect(page.heading).to_have_text(f"Talep {tracking_no}")
    expect(page.where_now).to_contain_text("Bekleyen")
    expect(page.steps.first).to_contain_text("Talebiniz alındı")
    expect(page.files).to_have_text("boru.jpg")
    expect(phone.get_by_text(TEXT)).to_be_visible()


def test_a_short_description_is_refused_and_nothing_typed_is_lost(
    phone: Page, muhtar_world: MuhtarWorld
) -> None:
    new_request = LoginPage(phone).log_in(muhtar_world.veli)
    new_request.choose_type("İstek")
    new_request.description.fill("Yol bozuk.")
    expect(new_request.counter).to_contain_text("10 karakter daha yazın")

    new_request.send()

    expect(phone.locator("#aciklama-hata")).to_have_text("Açıklama en az 20 karakter olmalı.")
    expect(new_request.description).to_have_value("Yol bozuk.")
    expect(new_request.description).to_be_focused()
    expect(phone.get_by_role("radio", name="İstek")).to_be_checked()


def test_the_lists_follow_migms_action_live(phone: Page, muhtar_world: MuhtarWorld) -> None:
    request_id = file_as(muhtar_world.ayse, "Mahalle parkındaki aydınlatma direkleri yanmıyor.")
    tracking_no = next(r.tracking_no for r in requests_of(muhtar_world.ayse) if r.id == request_id)
    LoginPage(phone).log_in(muhtar_world.ayse)
    lists = RequestsListPage(phone).open()
    expect(lists.list_title).to_have_text("Bekleyen Taleplerim")
    expect(lists.request_link(tracking_no)).to_be_visible()
    pending = int(lists.count("Bekleyen Taleplerim").inner_text())
    routed = int(lists.count("Yönlendirilen Taleplerim").inner_text())
    phone.evaluate("window.__notReloaded = true")

    route_to_belediye(muhtar_world, request_id)  # as MİGM's staff would, committed

    expect(lists.request_link(tracking_no)).to_have_count(0)
    expect(lists.count("Bekleyen Taleplerim")).to_have_text(str(pending - 1))
    expect(lists.count("Yönlendirilen Taleplerim")).to_have_text(str(routed + 1))
    assert phone.evaluate("window.__notReloaded === true"), "the page was reloaded"
    lists.list_button("Yönlendirilen Taleplerim").click()
    expect(lists.list_title).to_have_text("Yönlendirilen Taleplerim")
    lists.request_link(tracking_no).click()
    page = RequestPage(phone)
    expect(page.heading).to_have_text(f"Talep {tracking_no}")
    expect(page.where_now).to_contain_text(muhtar_world.belediye_name)
    expect(page.steps.nth(1)).to_contain_text(f"Yönlendirildi: {muhtar_world.belediye_name}")


def test_a_request_page_follows_migms_action_live(phone: Page, muhtar_world: MuhtarWorld) -> None:
    request_id = file_as(muhtar_world.veli, "Köy okulunun çatısı akıyor, onarım gerekiyor.")
    LoginPage(phone).log_in(muhtar_world.veli)
    page = RequestPage(phone).open(request_id)
    expect(page.where_now).to_contain_text("Bekleyen")

    route_to_belediye(muhtar_world, request_id, note="Yalnızca birim görsün.")

    expect(page.where_now).to_contain_text("Yönlendirilen")
    expect(page.steps).to_have_count(2)
    expect(phone.get_by_text("Yalnızca birim görsün.")).to_have_count(0)


def test_another_muhtarliks_request_and_its_files_are_not_found(
    phone: Page, muhtar_world: MuhtarWorld
) -> None:
    photo = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 10, 10)).save(photo, "JPEG")
    theirs = file_as(
        muhtar_world.veli,
        "Köy yolunun kenarındaki istinat duvarı yıkıldı.",
        files=[UploadedFile("duvar.jpg", photo.getvalue())],
    )
    ours = file_as(
        muhtar_world.ayse,
        "Okul önündeki kaldırım taşları kırık, çocuklar düşüyor.",
        files=[UploadedFile("kaldirim.jpg", photo.getvalue())],
    )
    LoginPage(phone).log_in(muhtar_world.ayse)

    RequestPage(phone).open(theirs)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Talep bulunamadı")
    expect(phone.get_by_role("alert")).to_have_text("Talep bulunamadı.")
    expect(phone.get_by_text("istinat duvarı")).to_have_count(0)

    page = RequestPage(phone).open(ours)
    expect(page.files).to_have_text("kaldirim.jpg")
    href = page.files.first.get_attribute("href") or ""
    cookie = {c["name"]: c["value"] for c in phone.context.cookies()}["mbs_oturum"]
    own = httpx.get(href, cookies={"mbs_oturum": cookie})
    assert own.status_code == 200 and own.headers["content-type"] == "image/jpeg"
    [their_file] = _attachments_of(theirs)
    other = httpx.get(re.sub(r"\d+$", str(their_file.id), href), cookies={"mbs_oturum": cookie})
    assert (other.status_code, other.text) == (404, "Dosya bulunamadı.")
    assert httpx.get(href).status_code == 401
