"""The SMS screen: an administrator filters the outbox by state, re-queues a failed
notification and sees its state change, settles one in review after the double-delivery
warning; other central users and units do not get the screen."""

import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, expect

from mbs.core.db import transaction
from mbs.core.enums import SmsStatus
from mbs.core.models import Request
from mbs.core.notifications import queue_sms
from mbs.ui import routes
from tests.e2e.muhtar_world import forget_login_attempts
from tests.e2e.pages.sms import SmsPage
from tests.e2e.pages.staff import InboxPage, StaffLoginPage
from tests.e2e.staff_world import PASSWORD, World, build_world, file

pytestmark = pytest.mark.e2e


def _login(new_context: Any, username: str) -> InboxPage:
    context: BrowserContext = new_context(viewport={"width": 1280, "height": 800})
    return StaffLoginPage(context.new_page()).login(username, PASSWORD)


def _shot(page: Any, name: str) -> None:
    """A screenshot into MBS_SCREENSHOTS, when set (as the other staff screen tests)."""
    folder = os.environ.get("MBS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def _stuck(world: World, request: Request, status: SmsStatus, error: str) -> int:
    """A notification about `request` that Verimor left failed or in review, committed."""
    with transaction() as session:
        row = queue_sms(
            session,
            phone=world.muhtar_phone,
            body=f"MBS: {request.tracking_no} numaralı başvurunuz yönlendirildi.",
            request_id=request.id,
        )
        row.status, row.attempts, row.last_error = status, 6, error
        row.provider, row.provider_ref = "verimor", "20121"
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


def test_an_administrator_requeues_a_failed_sms_and_settles_one_in_review(
    new_context: Any,
) -> None:
    forget_login_attempts()
    world = build_world("sms")
    request = file(world, "Mahalle parkının aydınlatması yetersiz, yeni direk istiyoruz.")
    failed = _stuck(world, request, SmsStatus.FAILED, "6 denemede gönderilemedi.")
    review = _stuck(world, request, SmsStatus.REVIEW, "Gönderim sonucu bilinmiyor.")
    resend = _stuck(world, request, SmsStatus.REVIEW, "Gönderim sonucu bilinmiyor.")

    page = _login(new_context, world.admin.username).page
    page.get_by_role("link", name="SMS", exact=True).click()
    sms = SmsPage(page)
    expect(page.get_by_role("heading", name="SMS", level=1)).to_be_visible()
    expect(sms.chip("Başarısız")).to_contain_text(re.compile(r"\d"))
    sms.filter_by_request(request.tracking_no)
    expect(sms.row(failed)).to_be_visible()
    expect(sms.row(review)).to_be_visible()

    sms.chip("Başarısız").click()
    expect(sms.chip("Başarısız")).to_have_attribute("aria-pressed", "true")
    expect(sms.rows).to_have_count(1)
    row = sms.row(failed)
    masked = f"0555 *** ** {world.muhtar_phone[-2:]}"
    expect(row).to_contain_text(masked)
    expect(row).to_contain_text("Başarısız")
    expect(row).to_contain_text("6 denemede gönderilemedi.")
    expect(row.get_by_role("link", name=request.tracking_no)).to_have_attribute(
        "href", re.compile(re.escape(routes.staff_request(request.id or 0)))
    )
    assert world.muhtar_phone[3:9] not in page.content()

    row.get_by_role("button", name="Yeniden kuyruğa al").click()
    expect(sms.result).to_contain_text(f"{failed} numaralı SMS yeniden kuyruğa alındı.")
    expect(sms.rows).to_have_count(0)  # no longer failed
    sms.chip("Tümü").click()
    # Pending now; the app's sender may already have taken it on.
    expect(sms.row(failed).locator(".sms-status")).to_have_text(
        re.compile("Bekliyor|Gönderiliyor|Gönderildi|İletildi")
    )

    in_review = sms.row(review)
    in_review.get_by_role("button", name="Yeniden kuyruğa al…").click()
    warning = sms.confirmation(review)
    expect(warning).to_contain_text("Bu mesaj muhtara iki kez ulaşabilir.")
    _shot(page, "desktop-sms")
    warning.get_by_role("button", name="Vazgeç").click()
    expect(warning).to_have_count(0)
    in_review.get_by_role("button", name="Gönderildi kabul et").press("Enter")
    expect(sms.result).to_contain_text(f"{review} numaralı SMS gönderildi kabul edildi.")
    expect(in_review.locator(".sms-status")).to_have_text("Gönderildi")
    expect(in_review.get_by_role("button")).to_have_count(0)

    sms.row(resend).get_by_role("button", name="Yeniden kuyruğa al…").click()
    sms.confirmation(resend).get_by_role("button", name="Yine de kuyruğa al").click()
    expect(sms.result).to_contain_text(f"{resend} numaralı SMS yeniden kuyruğa alındı")
    expect(sms.confirmation(resend)).to_have_count(0)
    expect(sms.row(resend).locator(".sms-status")).not_to_have_text("İnceleme bekliyor")


@pytest.mark.parametrize("who", ["migm", "valilik"])
def test_other_staff_do_not_get_the_sms_screen(new_context: Any, who: str) -> None:
    forget_login_attempts()
    world = build_world(f"smsyok{who}")
    inbox = _login(new_context, getattr(world, who).username)
    expect(inbox.page.get_by_role("link", name="SMS", exact=True)).to_have_count(0)
    sms = SmsPage(inbox.page).open()
    expect(sms.error).to_contain_text("yalnızca Genel Müdürlük yöneticileri")
    expect(inbox.page.locator("table.sms-table")).to_have_count(0)
