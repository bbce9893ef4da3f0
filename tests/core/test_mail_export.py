"""The mailbox list for the mail server: CSV, Postfix and Dovecot, active accounts
only, by address, without passwords or TCKNs."""

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, delete

from mbs.core.mail.accounts import assign_accounts
from mbs.core.mail.export import ExportFormat, export_accounts
from mbs.core.models import MailAccount
from tests.builders import make_district, make_muhtar, make_muhtarlik, make_province, valid_tckn
from tests.fakes.clock import fake_clock


@pytest.fixture(autouse=True)
def people(session: Session, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Three muhtars in an il called "İzmir Deneme": two in office, one whose term ended.
    Any account committed by other tests is set aside (the session is rolled back)."""
    monkeypatch.setenv("MBS_MAIL_DOMAIN", "Muhtar.Gov.TR")
    session.exec(delete(MailAccount))  # type: ignore[call-overload]
    province = make_province(session, name="İzmir Deneme")
    district = make_district(session, province, name="Ödemiş")
    place = make_muhtarlik(session, district, name="Işıklar")
    other = make_muhtarlik(session, district, name="Çamlık")
    tckns = [valid_tckn(920_000 + n) for n in range(3)]
    make_muhtar(session, place, tckns[0], "Çağlayan Şükrü", "Ölmez")
    make_muhtar(session, other, tckns[1], "İpek", "Işık")
    make_muhtar(
        session, place, tckns[2], "Eski", "Muhtar", term_start=date(2019, 4, 1),
        term_end=date(2024, 3, 31),
    )  # fmt: skip
    with fake_clock(datetime(2026, 11, 22, 9, tzinfo=UTC)):
        assign_accounts(session=session)
        yield tckns


def export(session: Session, format: ExportFormat) -> str:
    text, count = export_accounts(session=session, format=format)
    assert count == 2
    return text


def test_csv_lists_active_mailboxes_with_turkish_names(session, people):
    text = export(session, ExportFormat.CSV)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["email", "display_name", "first_name", "last_name", "muhtarlik", "ilce", "il"],
        ["caglayan.olmez@muhtar.gov.tr", "Çağlayan Şükrü Ölmez", "Çağlayan Şükrü", "Ölmez",
         "Işıklar Mahallesi", "Ödemiş", "İzmir Deneme"],
        ["ipek.isik@muhtar.gov.tr", "İpek Işık", "İpek", "Işık", "Çamlık Mahallesi", "Ödemiş",
         "İzmir Deneme"],
    ]  # fmt: skip
    assert not any(tckn in text for tckn in people)
    assert "eski.muhtar" not in text  # the term has ended


def test_postfix_virtual_mailbox_map(session):
    lines = export(session, ExportFormat.POSTFIX).splitlines()
    assert lines[0].startswith("#")
    assert lines[1:] == [
        "caglayan.olmez@muhtar.gov.tr muhtar.gov.tr/caglayan.olmez/",
        "ipek.isik@muhtar.gov.tr muhtar.gov.tr/ipek.isik/",
    ]


def test_dovecot_passwd_file_has_no_passwords(session):
    text, _ = export_accounts(session=session, format=ExportFormat.DOVECOT, home_base="/srv/posta/")
    lines = text.splitlines()
    assert lines[0].startswith("#")
    assert lines[1:] == [
        "caglayan.olmez@muhtar.gov.tr::::Çağlayan Şükrü Ölmez:"
        "/srv/posta/muhtar.gov.tr/caglayan.olmez::",
        "ipek.isik@muhtar.gov.tr::::İpek Işık:/srv/posta/muhtar.gov.tr/ipek.isik::",
    ]
    assert all(line.split(":")[1] == "" for line in lines[1:])  # the password field
    assert all(len(line.split(":")) == 8 for line in lines[1:])
