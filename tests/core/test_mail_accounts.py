"""Muhtars' corporate mailboxes: given at import, deterministic on collisions, stable
across re-imports and elections, never handed to another person."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, col, select

from mbs.core.demo import create_demo_accounts
from mbs.core.enums import EventKind
from mbs.core.imports import import_muhtars
from mbs.core.mail.accounts import assign_accounts
from mbs.core.models import Event, MailAccount
from tests.builders import make_district, make_muhtarlik, make_province, valid_tckn
from tests.fakes.clock import FakeClock, fake_clock

HEADER = "tckn;ad;soyad;cep_telefonu;il;ilce;muhtarlik;muhtarlik_turu;gorev_baslangic;gorev_bitis"
TERM = "01.04.2024;31.03.2029"
A, B, C, D, E = (valid_tckn(910_000 + n) for n in range(5))


@pytest.fixture(autouse=True)
def now() -> Iterator[FakeClock]:
    with fake_clock(datetime(2026, 11, 22, 9, tzinfo=UTC)) as fake:
        yield fake


@pytest.fixture
def il(session: Session) -> int:
    """One il with two ilçes whose Turkish order (Ç before D) differs from the code
    point order, each with a mahalle."""
    province = make_province(session, name="Deneme")
    for district_name in ("Dikmen", "Çankaya"):
        district = make_district(session, province, name=district_name)
        make_muhtarlik(session, district, name="Çınar")
        make_muhtarlik(session, district, name="Kavak")
    return province.id


def row(
    tckn: str, first: str, last: str, il: int, ilce: str, place: str = "Çınar", term: str = TERM
) -> str:  # noqa: E501
    return f"{tckn};{first};{last};05321234567;{il};{ilce};{place};mahalle;{term}"


def import_rows(session: Session, *rows: str) -> None:
    import_muhtars(session=session, file="\n".join([HEADER, *rows]) + "\n")


def addresses(session: Session, *tckns: str) -> dict[str, str]:
    query = select(MailAccount).where(col(MailAccount.tckn).in_(tckns))
    return {account.tckn: account.local_part for account in session.exec(query)}


def account(session: Session, tckn: str) -> MailAccount:
    found = session.exec(select(MailAccount).where(MailAccount.tckn == tckn)).one()
    session.refresh(found)
    return found


def test_tricky_names_get_their_addresses_at_import(session, il):
    import_rows(
        session,
        row(A, "Çağlayan Şükrü", "Ölmez", il, "Çankaya"),
        row(B, "İPEK", "IŞIK", il, "Dikmen"),
    )
    assert addresses(session, A, B) == {A: "caglayan.olmez", B: "ipek.isik"}
    ipek = account(session, B)
    assert ipek.display_name == "İPEK IŞIK" and ipek.is_active and not ipek.notify_by_email


@pytest.mark.parametrize("reverse", [False, True])
def test_two_ali_yilmaz_in_one_il_are_told_apart_the_same_way_whatever_the_file_order(
    session, il, reverse
):
    rows = [row(A, "Ali", "Yılmaz", il, "Dikmen"), row(B, "Ali", "Yılmaz", il, "Çankaya")]
    import_rows(session, *(reversed(rows) if reverse else rows))
    # Çankaya comes before Dikmen in Turkish order (Python's own order says otherwise).
    assert addresses(session, A, B) == {B: "ali.yilmaz", A: "ali.yilmaz2"}


def test_a_second_given_name_is_used_before_a_number(session, il):
    import_rows(
        session,
        row(A, "Çağlayan", "Ölmez", il, "Çankaya"),
        row(B, "Çağlayan Şükrü", "Ölmez", il, "Çankaya", place="Kavak"),
        row(C, "Çağlayan", "Ölmez", il, "Dikmen"),
    )
    assert addresses(session, A, B, C) == {
        A: "caglayan.olmez",
        B: "caglayansukru.olmez",
        C: "caglayan.olmez2",
    }


def test_reimporting_changes_nothing_and_records_one_event(session, il):
    rows = [row(A, "Ali", "Yılmaz", il, "Dikmen"), row(B, "Ali", "Yılmaz", il, "Çankaya")]
    import_rows(session, *rows)
    before = addresses(session, A, B)
    import_rows(session, *rows)
    import_rows(session, *reversed(rows))
    assert addresses(session, A, B) == before
    events = session.exec(select(Event).where(Event.kind == EventKind.MAIL_ACCOUNTS_ASSIGNED)).all()
    assert [event.data["created"] for event in events] == [2]
    assert A not in str(events[0].data)


def test_a_re_elected_muhtar_keeps_the_address_even_after_a_gap(session, il, now):
    import_rows(session, row(A, "Ali", "Yılmaz", il, "Dikmen", term="01.04.2019;31.03.2024"))
    assert account(session, A).is_active is False  # the term has ended: not exported
    # Meanwhile another Ali Yılmaz is elected: the old address is not handed to him.
    import_rows(session, row(B, "Ali", "Yılmaz", il, "Çankaya"))
    assert addresses(session, A, B) == {A: "ali.yilmaz", B: "ali.yilmaz2"}
    # A is elected again, in another muhtarlık, and his name is now spelled in capitals.
    import_rows(session, row(A, "ALİ", "YILMAZ", il, "Dikmen", place="Kavak"))
    again = account(session, A)
    assert again.local_part == "ali.yilmaz" and again.is_active
    assert again.display_name == "ALİ YILMAZ"
    assert len(session.exec(select(MailAccount).where(MailAccount.tckn == A)).all()) == 1


def test_the_sync_deactivates_accounts_whose_last_term_ended(session, il, now):
    import_rows(session, row(A, "Ali", "Yılmaz", il, "Dikmen", term="01.04.2024;30.11.2026"))
    assert account(session, A).is_active
    now.advance(10 * 86400)
    report = assign_accounts(session=session, tckns=[A])
    assert (report.created, report.deactivated) == (0, 1)
    assert account(session, A).is_active is False


def test_the_demo_muhtars_get_addresses(session, reference_data):
    report = create_demo_accounts(session=session)
    tckns = [muhtar.tckn for muhtar in report.muhtars]
    assert sorted(addresses(session, *tckns).values()) == [
        "ayse.demir",
        "fatma.kaya",
        "mehmet.yilmaz",
    ]
