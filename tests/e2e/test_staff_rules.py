"""The staff screens under pressure: a return and a re-route, two MİGM users acting on
the same request, a belediye trying what it may not, and a locked account."""

import re
import time
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, expect
from sqlmodel import select

from mbs.core.commands import RouteTarget, forward_assignment, route_request
from mbs.core.db import transaction
from mbs.core.errors import PermissionDenied
from mbs.core.models import Assignment, User
from mbs.core.queries.listing import CENTRAL_TASK_LABELS, CentralTask
from tests.e2e.muhtar_world import forget_login_attempts
from tests.e2e.pages.staff import InboxPage, RequestPage, StaffLoginPage, session_cookie
from tests.e2e.staff_world import PASSWORD, World, actor_of, build_world, file

pytestmark = pytest.mark.e2e


def _login(new_context: Any, username: str) -> InboxPage:
    context: BrowserContext = new_context(viewport={"width": 1280, "height": 800})
    return StaffLoginPage(context.new_page()).login(username, PASSWORD)


def _routed(world: World, description: str, *unit_ids: int) -> tuple[int, str]:
    request = file(world, description)
    assert request.id is not None
    with transaction() as session:
        route_request(
            session=session,
            actor=actor_of(world.migm),
            request_id=request.id,
            expected_version=request.version,
            targets=[RouteTarget(unit_id, "Gereğini yapın.") for unit_id in unit_ids],
        )
    return request.id, request.tracking_no


def test_a_return_and_a_re_route(new_context: Any) -> None:
    world = build_world("iade")
    request_id, tracking_no = _routed(world, "Köprü korkulukları kırık.", world.belediye.unit_id)
    migm_inbox = _login(new_context, world.migm.username)

    belediye = _login(new_context, world.belediye.username).open_request(tracking_no)
    belediye.give_back("Köprü karayollarının sorumluluğunda, belediyemizin değil.")
    expect(belediye.result).to_have_text("Talep iade edildi.")

    row = migm_inbox.row(tracking_no)  # live: back in MİGM's inbox
    expect(row).to_contain_text(CENTRAL_TASK_LABELS[CentralTask.REROUTE])
    migm = migm_inbox.open_request(tracking_no)
    expect(migm.units).to_contain_text("İade: Köprü karayollarının sorumluluğunda")
    migm.pick_units(world.valilik.unit_name, search=world.province_name)
    migm.route("Karayolları ile görüşülmesi için.")
    expect(migm.result).to_contain_text(world.valilik.unit_name)
    expect(migm.units).to_contain_text("Yeni")

    valilik_inbox = _login(new_context, world.valilik.username)
    expect(valilik_inbox.row(tracking_no)).to_be_visible()
    assert request_id


def test_two_central_users_on_one_request_the_loser_sees_why(new_context: Any) -> None:
    world = build_world("cakisma")
    request = file(world, "Okul önündeki yaya geçidi silinmiş.")
    first = _login(new_context, world.migm.username).open_request(request.tracking_no)
    second = _login(new_context, world.migm2.username).open_request(request.tracking_no)

    # The second user starts writing while the first routes.
    second.pick_units(world.belediye.unit_name, search=world.province_name)
    typed = "Yaya geçidinin yeniden çizilmesi rica olunur."
    second.page.get_by_label("Tüm seçilen birimlere not").fill(typed)
    second.page.get_by_label("Tüm seçilen birimlere not").blur()
    first.pick_units(world.valilik.unit_name, search=world.province_name)
    first.route()
    expect(first.result).to_contain_text("Talep yönlendirildi")

    expect(second.result).to_have_text(re.compile("siz bakarken değiştirildi"))
    second.button("SEÇİLEN BİRİMLERE YÖNLENDİR").click()
    expect(second.error).to_contain_text("başka bir kullanıcı tarafından değiştirildi")
    expect(second.status).to_have_text("Yönlendirilen")  # the fresh state
    expect(second.units).to_contain_text(world.valilik.unit_name)
    expect(second.page.get_by_label("Tüm seçilen birimlere not")).to_have_value(typed)
    expect(second.page.get_by_role("list", name="Seçilen birimler")).to_contain_text(
        world.belediye.unit_name
    )
    # Nothing is lost: acting again on the fresh state works.
    second.button("SEÇİLEN BİRİMLERE YÖNLENDİR").click()
    expect(second.result).to_contain_text(world.belediye.unit_name)
    expect(second.units).to_contain_text(typed)


def test_a_belediye_can_neither_forward_nor_open_another_units_request(
    new_context: Any,
) -> None:
    world = build_world("yetki")
    _, ours = _routed(world, "Sokağımızda çöpler iki haftadır toplanmıyor.", world.belediye.unit_id)
    theirs_id, _ = _routed(
        world, "Okul bahçesi yağmurdan sonra çamur içinde.", world.valilik.unit_id
    )
    inbox = _login(new_context, world.belediye.username)

    page = inbox.open_request(ours)
    expect(page.button("İŞLEMİ TAMAMLA")).to_be_visible()
    expect(page.button("ALT BİRİMLERE YÖNLENDİR")).to_have_count(0)
    expect(page.button("Üzerime Al")).to_be_visible()
    with transaction() as session:
        own = session.exec(
            select(Assignment).where(Assignment.unit_id == world.belediye.unit_id)
        ).one()
    # The screen offers no forward; the core refuses one sent anyway.
    with pytest.raises(PermissionDenied), transaction() as session:
        forward_assignment(
            session=session,
            actor=actor_of(world.belediye),
            assignment_id=own.id,
            expected_version=own.version,
            targets=[RouteTarget(world.il_mudurlugu.unit_id, "")],
        )

    other = RequestPage(inbox.page).open(theirs_id)
    expect(other.error).to_have_text("Talep bulunamadı.")
    expect(inbox.page.get_by_text("Okul bahçesi yağmurdan sonra çamur içinde.")).to_have_count(0)


def test_a_locked_account_is_refused_even_with_the_right_password(new_context: Any) -> None:
    forget_login_attempts()  # every browser test logs in from 127.0.0.1
    world = build_world("kilit")
    context: BrowserContext = new_context()
    login = StaffLoginPage(context.new_page()).open()
    for attempt in range(1, 5):
        login.submit(world.valilik.username, "yanlış parola")
        # The message repeats word for word, so wait for the server to count this try
        # before the next one (otherwise a slow round trip shows the previous message).
        _wait_for_failed_logins(world.valilik.username, attempt)
        expect(login.error).to_have_text("Kullanıcı adı veya parola hatalı.")
    login.submit(world.valilik.username, "yanlış parola")
    expect(login.error).to_contain_text("15 dakika kilitlendi")
    login.submit(world.valilik.username, PASSWORD)
    expect(login.error).to_contain_text("kilitlendi")
    expect(login.page).to_have_url(re.compile("/kurum/giris"))
    assert not session_cookie(login.page).get("mbs_oturum")


def _wait_for_failed_logins(username: str, count: int) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        with transaction() as session:
            failed = session.exec(select(User.failed_logins).where(User.username == username)).one()
        if failed >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"{username}: {count}. hatalı giriş sayılmadı")
