"""The corporate e-mail choice on Talep Sorgulama: the muhtar sees their address, turns
e-mail notifications on, and the next stage of a request is queued to that address."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, col, select

from mbs.core.db import get_engine
from mbs.core.enums import EmailKind
from mbs.core.models import EmailMessage, MailAccount
from tests.e2e.muhtar_world import MuhtarWorld, file_as
from tests.e2e.pages.muhtar import LoginPage, RequestsListPage

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("fresh_login_limits")]


def _account(tckn: str) -> MailAccount:
    with Session(get_engine()) as session:
        return session.exec(select(MailAccount).where(MailAccount.tckn == tckn)).one()


def _emails_to(address: str) -> list[EmailMessage]:
    with Session(get_engine()) as session:
        query = select(EmailMessage).where(
            EmailMessage.to_address == address,
            EmailMessage.kind == EmailKind.MUHTAR_NOTIFICATION,
        )
        return list(session.exec(query.order_by(col(EmailMessage.id))))


def test_the_muhtar_turns_e_mail_notifications_on_and_off(
    phone: Page, muhtar_world: MuhtarWorld
) -> None:
    LoginPage(phone).log_in(muhtar_world.veli)
    RequestsListPage(phone).open()
    # Given on first use: this world's muhtars were written without the import.
    expect(phone.get_by_text(re.compile(r"^veli\.celik\d*@muhtar\.gov\.tr$"))).to_be_visible()
    account = _account(muhtar_world.veli.tckn)
    address = f"{account.local_part}@muhtar.gov.tr"
    expect(phone.get_by_text(address, exact=True)).to_be_visible()
    box = phone.get_by_label("Bildirimleri kurumsal e-posta adresime de gönder")
    expect(box).not_to_be_checked()

    box.click()
    expect(phone.get_by_role("status").filter(has_text="e-posta adresinize de")).to_be_visible()
    expect(box).to_be_checked()
    assert _account(muhtar_world.veli.tckn).notify_by_email
    before = len(_emails_to(address))
    file_as(muhtar_world.veli, "Köy çeşmesinin suyu iki gündür akmıyor, onarılsın.")
    assert len(_emails_to(address)) == before + 1

    phone.reload()
    expect(box).to_be_checked()  # the choice is the server's, not the page's
    box.click()
    expect(phone.get_by_role("status").filter(has_text="yalnızca SMS")).to_be_visible()
    assert not _account(muhtar_world.veli.tckn).notify_by_email
