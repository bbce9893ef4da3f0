"""Onay Kodu Gönder: captcha, TCKN, name, term, the SMS, and every limit."""

import re
from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, select

from mbs.core.auth import LoginRefused, TooManyAttempts, request_login_code, verify_login_code
from mbs.core.auth.muhtar_login import CAPTCHA_WRONG, CODE_INVALID, NO_MATCH, TCKN_INVALID
from mbs.core.enums import SmsKind
from mbs.core.models import LoginCode, Muhtar, SmsMessage
from tests.core.test_auth_common import (
    IP,
    OTHER_TCKN,
    START,
    TCKN,
    FakeClock,
    ask_code,
    auth_env,
    last_code,
    solved_captcha,
)
from tests.core.world import World, build_world


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return auth_env(monkeypatch)


@pytest.fixture
def world(session: Session, clock: FakeClock) -> World:
    return build_world(session)


def refusal(session: Session, **kwargs: object) -> str:
    with pytest.raises(LoginRefused) as raised:
        ask_code(session, **kwargs)  # type: ignore[arg-type]
    return raised.value.message


def otp_messages(session: Session) -> list[SmsMessage]:
    query = select(SmsMessage).where(SmsMessage.kind == SmsKind.OTP)
    return list(session.exec(query.order_by(col(SmsMessage.id))))


def test_the_code_goes_by_sms_and_the_masked_phone_is_returned(session: Session, world: World):
    issued = ask_code(session)
    assert issued.masked_phone == "0555 *** ** 01"
    assert issued.expires_at == START + timedelta(minutes=3)
    assert issued.resend_after == START + timedelta(seconds=60)
    [sms] = otp_messages(session)
    assert sms.phone == "905550000101" and sms.muhtar_id == world.muhtar.muhtar_id
    assert sms.expires_at == START + timedelta(minutes=3)
    assert re.fullmatch(
        r"MBS onay kodunuz: \d{6}\. 3 dakika geçerlidir\. Bu kodu kimseyle paylaşmayın\.",
        sms.body,
    )
    assert TCKN not in sms.body


def test_the_code_is_stored_only_as_a_digest(session: Session, world: World) -> None:
    issued = ask_code(session)
    session.flush()
    row = session.get(LoginCode, issued.login_id)
    assert row is not None
    assert last_code(session) not in " ".join(str(v) for v in row.model_dump().values())


def test_a_wrong_captcha_is_refused_and_the_captcha_is_used_up(session: Session, world: World):
    challenge_id, answer = solved_captcha(session)
    for typed in ("ZZZZZ", answer):
        with pytest.raises(LoginRefused) as raised:
            request_login_code(
                session=session,
                tckn=TCKN,
                full_name="Ayşe Yılmaz",
                captcha_id=challenge_id,
                captcha_answer=typed,
                client_ip=IP,
            )
        assert raised.value.message == CAPTCHA_WRONG
    assert raised.value.message.startswith("Doğrulama kodu hatalı")
    assert otp_messages(session) == []


def test_an_expired_captcha_is_refused(session: Session, world: World, clock: FakeClock):
    challenge_id, answer = solved_captcha(session)
    clock.advance(minutes=5)
    with pytest.raises(LoginRefused, match="Doğrulama kodu hatalı"):
        request_login_code(
            session=session,
            tckn=TCKN,
            full_name="Ayşe Yılmaz",
            captcha_id=challenge_id,
            captcha_answer=answer,
            client_ip=IP,
        )


def test_a_tckn_with_a_wrong_checksum_is_refused(session: Session, world: World) -> None:
    assert refusal(session, tckn="10000000147") == TCKN_INVALID
    assert refusal(session, tckn="1000000014") == TCKN_INVALID


def test_unknown_tckn_and_wrong_name_get_the_same_message(session: Session, world: World):
    unknown = refusal(session, tckn="10000000214")  # valid checksum, nobody's
    wrong_name = refusal(session, name="Ayşe Kaya")
    assert unknown == wrong_name == NO_MATCH
    assert "eşleşmedi" in NO_MATCH and "TC" not in NO_MATCH
    assert otp_messages(session) == []


@pytest.mark.parametrize("typed", ["AYŞE  yılmaz", "ayşe YILMAZ", " Ayşe\tYılmaz "])
def test_names_match_turkish_aware_ignoring_case_and_spaces(
    session: Session, world: World, typed: str
) -> None:
    assert ask_code(session, name=typed).masked_phone == "0555 *** ** 01"


def test_dotted_capital_i_matches(session: Session, world: World) -> None:
    muhtar = session.get(Muhtar, world.muhtar.muhtar_id)
    assert muhtar is not None
    muhtar.first_name = "İsmail"
    session.add(muhtar)
    assert ask_code(session, name="İSMAİL  yılmaz").masked_phone == "0555 *** ** 01"
    # Turkish rules: the capital of "i" is "İ"; plain "I" is the capital of "ı".
    assert refusal(session, name="ISMAIL YILMAZ", tckn=TCKN) == NO_MATCH


@pytest.mark.parametrize(
    "term", [(date(2019, 4, 1), date(2024, 3, 31)), (date(2027, 1, 1), date(2031, 12, 31))]
)
def test_a_muhtar_out_of_term_gets_the_neutral_message(
    session: Session, world: World, term: tuple[date, date]
) -> None:
    muhtar = session.get(Muhtar, world.muhtar.muhtar_id)
    assert muhtar is not None
    muhtar.term_start, muhtar.term_end = term
    session.add(muhtar)
    assert refusal(session) == NO_MATCH


def test_a_new_code_only_after_60_seconds_and_it_replaces_the_old(
    session: Session, world: World, clock: FakeClock
) -> None:
    first = ask_code(session)
    first_code = last_code(session)
    clock.advance(seconds=30)
    assert refusal(session) == "Yeni onay kodu isteyebilmek için 30 saniye bekleyin."
    clock.advance(seconds=29, microseconds=500_000)
    assert refusal(session) == "Yeni onay kodu isteyebilmek için 1 saniye bekleyin."
    clock.advance(microseconds=500_000)
    second = ask_code(session)
    assert len(otp_messages(session)) == 2
    with pytest.raises(LoginRefused) as raised:
        verify_login_code(session=session, login_id=first.login_id, code=first_code, client_ip=IP)
    assert raised.value.message == CODE_INVALID
    verify_login_code(
        session=session, login_id=second.login_id, code=last_code(session), client_ip=IP
    )


def test_at_most_five_codes_per_tckn_an_hour(
    session: Session, world: World, clock: FakeClock
) -> None:
    for _ in range(5):
        ask_code(session)
        clock.advance(minutes=10)
    # Codes went at 0, 10, ..., 40 minutes; now is 50: the first ages out at 60.
    with pytest.raises(TooManyAttempts) as raised:
        ask_code(session)
    assert (
        raised.value.message == "Çok fazla deneme yaptınız. Lütfen 10 dakika sonra yeniden deneyin."
    )
    ask_code(session, tckn=OTHER_TCKN)  # another muhtar is not affected
    clock.advance(minutes=10)
    assert ask_code(session).masked_phone == "0555 *** ** 01"
    assert len(otp_messages(session)) == 7


def test_at_most_20_code_requests_per_ip_an_hour(
    session: Session, world: World, clock: FakeClock
) -> None:
    for _ in range(20):
        refusal(session, name="Ayşe Kaya")
        clock.advance(minutes=1)
    with pytest.raises(TooManyAttempts) as raised:
        ask_code(session)  # right data, but this address asked too often
    assert "40 dakika sonra" in raised.value.message
    assert ask_code(session, ip="198.51.100.8").masked_phone  # another address may
    clock.advance(minutes=40)
    assert ask_code(session, tckn=OTHER_TCKN).masked_phone == "0555 *** ** 02"


def test_an_ip_with_30_failures_an_hour_is_stopped_for_every_step(
    session: Session, world: World, clock: FakeClock
) -> None:
    for _ in range(30):
        with pytest.raises(LoginRefused):
            verify_login_code(session=session, login_id="yok", code="123456", client_ip=IP)
    for step in (
        lambda: ask_code(session),
        lambda: verify_login_code(session=session, login_id="yok", code="123456", client_ip=IP),
    ):
        with pytest.raises(TooManyAttempts, match="Lütfen 60 dakika sonra"):
            step()
    clock.advance(hours=1)
    assert ask_code(session).masked_phone == "0555 *** ** 01"
