"""Sisteme Giriş on a 360 px phone: every refusal says what to do and keeps what was
typed; the right onay kodu (read from the SMS outbox) opens the portal; Çıkış ends it."""

import re

import pytest
from playwright.sync_api import Page, expect

from mbs.core.auth.muhtar_login import CAPTCHA_WRONG, CODE_EXPIRED, NO_MATCH
from mbs.ui import routes
from tests.e2e.muhtar_world import (
    MuhtarWorld,
    expire_codes,
    latest_code,
    spend_code_quota,
)
from tests.e2e.pages.muhtar import LoginPage

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("fresh_login_limits")]


def test_a_wrong_name_gets_one_neutral_message_and_keeps_the_fields(
    phone: Page, muhtar_world: MuhtarWorld
) -> None:
    login = LoginPage(phone).open()
    first_image = login.captcha_image.get_attribute("src")

    login.ask_code(muhtar_world.ayse, name="Ayşe Kaya")

    expect(login.alert).to_have_text(NO_MATCH)
    expect(login.heading).to_have_text("Sisteme Giriş")
    expect(login.tckn).to_have_value(muhtar_world.ayse.tckn)
    expect(login.full_name).to_have_value("Ayşe Kaya")
    # The doğrulama kodu was used up: a new image, an empty box, the cursor in it.
    expect(login.captcha_image).not_to_have_attribute("src", first_image or "")
    expect(login.captcha).to_have_value("")
    expect(login.captcha).to_be_focused()


def test_a_wrong_captcha_is_reported_next_to_its_field(
    phone: Page, muhtar_world: MuhtarWorld
) -> None:
    login = LoginPage(phone).open()

    login.ask_code(muhtar_world.ayse, captcha="ZZZZZ")

    expect(login.field_error("dogrulama_kodu")).to_have_text(CAPTCHA_WRONG)
    expect(login.captcha).to_have_attribute("aria-invalid", "true")
    expect(login.full_name).to_have_value(muhtar_world.ayse.name)


def test_an_invalid_tckn_is_refused_without_spending_the_captcha(phone: Page) -> None:
    login = LoginPage(phone).open()
    image = login.captcha_image.get_attribute("src")

    login.tckn.fill("12345678901")
    login.full_name.fill("Ayşe Yılmaz")
    login.captcha.fill("K7M2P")
    phone.get_by_role("button", name="Onay Kodu Gönder").click()

    expect(login.field_error("tckn")).to_have_text(re.compile("Geçerli bir TC Kimlik No"))
    expect(login.tckn).to_be_focused()
    expect(login.captcha_image).to_have_attribute("src", image or "")


def test_the_code_screen_shows_the_masked_phone_and_a_countdown(
    phone: Page, muhtar_world: MuhtarWorld
) -> None:
    login = LoginPage(phone).open()
    expect(login.tckn).to_have_attribute("inputmode", "numeric")

    login.ask_code(muhtar_world.ayse)

    login.expect_code_step()
    masked = f"0555 *** ** {muhtar_world.ayse.phone[-2:]}"
    expect(phone.get_by_text(masked)).to_be_visible()
    assert muhtar_world.ayse.phone[3:9] not in phone.content()
    expect(login.code).to_be_focused()
    expect(login.code).to_have_attribute("autocomplete", "one-time-code")
    expect(login.code).to_have_attribute("inputmode", "numeric")
    expect(phone.get_by_role("timer")).to_have_text(re.compile(r"Kodun kalan süresi: [23]:\d\d"))
    resend = phone.get_by_role("button", name=re.compile("^Yeni kod iste"))
    expect(resend).to_be_disabled()
    expect(resend).to_have_text(re.compile(r"\(\d+ sn sonra\)"))


def test_a_wrong_code_spends_a_try(phone: Page, muhtar_world: MuhtarWorld) -> None:
    login = LoginPage(phone).open()
    login.ask_code(muhtar_world.ayse)
    login.expect_code_step()
    right = latest_code(muhtar_world.ayse)

    login.enter_code("000000" if right != "000000" else "111111")

    expect(login.field_error("onay_kodu")).to_have_text(
        "Onay kodu hatalı. 4 deneme hakkınız kaldı."
    )
    expect(login.heading).to_have_text("Onay Kodu")


def test_an_expired_code_is_refused_and_a_new_one_can_be_asked_for(
    phone: Page, muhtar_world: MuhtarWorld
) -> None:
    login = LoginPage(phone).open()
    login.ask_code(muhtar_world.veli)
    login.expect_code_step()
    expire_codes(muhtar_world.veli)

    login.enter_code(latest_code(muhtar_world.veli))

    expect(login.field_error("onay_kodu")).to_have_text(CODE_EXPIRED)
    phone.get_by_role("button", name="Bilgilerimi değiştir").click()
    expect(login.heading).to_have_text("Sisteme Giriş")
    expect(login.tckn).to_have_value(muhtar_world.veli.tckn)
    expect(login.full_name).to_have_value(muhtar_world.veli.name)
    expect(login.captcha).to_be_focused()


def test_too_many_codes_for_one_tckn_are_refused(phone: Page, muhtar_world: MuhtarWorld) -> None:
    spend_code_quota(muhtar_world.veli)
    login = LoginPage(phone).open()

    login.ask_code(muhtar_world.veli)

    expect(login.alert).to_have_text(re.compile(r"^Çok fazla deneme yaptınız\. Lütfen \d+ dakika"))
    expect(login.heading).to_have_text("Sisteme Giriş")


def test_the_right_code_opens_the_portal_and_cikis_closes_it(
    phone: Page, muhtar_world: MuhtarWorld
) -> None:
    new_request = LoginPage(phone).log_in(muhtar_world.ayse)

    expect(phone).to_have_url(re.compile(f"{routes.MUHTAR_NEW_REQUEST}$"))
    applicant = phone.get_by_role("region", name="Talep sahibi")
    expect(applicant).to_contain_text("Ayşe Yılmaz")
    expect(applicant).to_contain_text("Çınar Mahallesi")
    expect(applicant).to_contain_text("Yayla / Deneme e2e")
    cookie = {c["name"]: c for c in phone.context.cookies()}["mbs_oturum"]
    assert len(cookie["value"]) >= 40 and cookie["sameSite"] == "Strict"

    phone.get_by_role("button", name="Çıkış").click()

    login = LoginPage(phone)
    expect(login.heading).to_have_text("Sisteme Giriş")
    expect(login.notice).to_contain_text("Çıkış yaptınız")
    assert {c["name"]: c["value"] for c in phone.context.cookies()}.get("mbs_oturum", "") == ""
    new_request.open()
    expect(login.heading).to_have_text("Sisteme Giriş")


def test_a_page_behind_the_login_comes_back_after_it(
    phone: Page, muhtar_world: MuhtarWorld
) -> None:
    phone.goto(routes.MUHTAR_REQUESTS)
    login = LoginPage(phone)
    expect(login.heading).to_have_text("Sisteme Giriş")
    expect(login.notice).to_have_text("Bu sayfayı görmek için giriş yapın.")

    login.ask_code(muhtar_world.veli)
    login.expect_code_step()
    login.enter_code(latest_code(muhtar_world.veli))

    expect(phone.get_by_role("heading", level=1)).to_have_text("Talep Sorgulama")
    expect(phone).to_have_url(re.compile(f"{routes.MUHTAR_REQUESTS}$"))
