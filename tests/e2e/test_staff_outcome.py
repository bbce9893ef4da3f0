"""İŞLEMİ TAMAMLA's outcome in the browser: Sonuç has no default and must be chosen;
Olumsuz asks for its reason; the outcome then shows in the request's units table and
is stored on the assignment (the quarterly municipal report counts it)."""

from typing import Any

import pytest
from playwright.sync_api import BrowserContext, expect
from sqlmodel import select

from mbs.core.commands import RouteTarget, route_request
from mbs.core.db import transaction
from mbs.core.enums import CompletionOutcome, NegativeReason
from mbs.core.models import Assignment
from tests.e2e.muhtar_world import forget_login_attempts
from tests.e2e.pages.staff import StaffLoginPage
from tests.e2e.staff_world import PASSWORD, actor_of, build_world, file

pytestmark = pytest.mark.e2e


def test_a_negative_outcome_needs_its_reason(new_context: Any) -> None:
    forget_login_attempts()  # every browser test logs in from 127.0.0.1
    world = build_world("sonuc")
    request = file(world, "Mahalle parkına oyun grubu konulmasını istiyoruz.")
    with transaction() as session:
        route_request(
            session=session,
            actor=actor_of(world.migm),
            request_id=request.id or 0,
            expected_version=request.version,
            targets=[RouteTarget(world.belediye.unit_id, "Değerlendirin.")],
        )
    context: BrowserContext = new_context(viewport={"width": 1280, "height": 800})
    inbox = StaffLoginPage(context.new_page()).login(world.belediye.username, PASSWORD)
    screen = inbox.open_request(request.tracking_no)
    outcome = screen.page.get_by_role("group", name="Sonuç (zorunlu)")
    expect(outcome.get_by_label("Olumlu", exact=True)).not_to_be_checked()
    expect(outcome.get_by_label("Olumsuz", exact=True)).not_to_be_checked()
    expect(screen.page.get_by_label("Olumsuzluk nedeni")).to_have_count(0)

    screen.page.get_by_label("Açıklama (zorunlu)").fill("Bütçemizde bu yıl yer yok.")
    screen.button("İŞLEMİ TAMAMLA").click()
    expect(screen.error).to_contain_text("Sonucu seçin")

    outcome.get_by_label("Olumsuz", exact=True).check()
    reason = screen.page.get_by_label("Olumsuzluk nedeni")
    expect(reason).to_be_visible()
    screen.button("İŞLEMİ TAMAMLA").click()
    expect(screen.error).to_contain_text("olumsuzluk nedenini seçin")

    reason.select_option(label="Ödenek yetersiz")
    screen.button("İŞLEMİ TAMAMLA").click()
    expect(screen.result).to_contain_text("İşleminiz tamamlandı")
    expect(screen.units).to_contain_text("Olumsuz: Ödenek yetersiz")
    with transaction() as session:
        assignment = session.exec(
            select(Assignment).where(Assignment.request_id == request.id)
        ).one()
    assert assignment.outcome is CompletionOutcome.NEGATIVE
    assert assignment.negative_reason is NegativeReason.NO_BUDGET
