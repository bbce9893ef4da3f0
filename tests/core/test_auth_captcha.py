"""The doğrulama kodu: image, case-insensitive check, single use, 5-minute life."""

import io

import pytest
from PIL import Image
from sqlmodel import Session, select

from mbs.core.auth import check_captcha, new_captcha
from mbs.core.auth.captcha import ALPHABET, LENGTH, random_text
from mbs.core.models import CaptchaChallenge
from tests.core.test_auth_common import CAPTCHA_TEXT, FakeClock, auth_env


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    return auth_env(monkeypatch)


def test_the_image_is_a_small_png(session: Session, clock: FakeClock) -> None:
    challenge_id, png = new_captcha(session=session)
    image = Image.open(io.BytesIO(png))
    assert (image.format, image.size) == ("PNG", (160, 60))
    assert len(png) < 20_000
    assert len(challenge_id) >= 20


def test_answers_use_no_look_alike_characters() -> None:
    texts = [random_text() for _ in range(300)]
    assert all(len(text) == LENGTH and set(text) <= set(ALPHABET) for text in texts)
    assert not set("".join(texts)) & set("0O1IL")
    assert len(set(texts)) > 290  # random, not a fixed text


def test_the_right_answer_passes_case_and_spaces_ignored(session: Session, clock: FakeClock):
    challenge_id, _ = new_captcha(session=session)
    assert check_captcha(session=session, challenge_id=challenge_id, answer=" ab cde ")


def test_a_wrong_answer_fails(session: Session, clock: FakeClock) -> None:
    challenge_id, _ = new_captcha(session=session)
    assert not check_captcha(session=session, challenge_id=challenge_id, answer="ABCDF")


def test_a_challenge_is_single_use_right_or_wrong(session: Session, clock: FakeClock) -> None:
    solved, _ = new_captcha(session=session)
    assert check_captcha(session=session, challenge_id=solved, answer=CAPTCHA_TEXT)
    assert not check_captcha(session=session, challenge_id=solved, answer=CAPTCHA_TEXT)

    missed, _ = new_captcha(session=session)
    assert not check_captcha(session=session, challenge_id=missed, answer="XXXXX")
    assert not check_captcha(session=session, challenge_id=missed, answer=CAPTCHA_TEXT)


def test_a_challenge_expires_after_five_minutes(session: Session, clock: FakeClock) -> None:
    early, _ = new_captcha(session=session)
    late, _ = new_captcha(session=session)
    clock.advance(minutes=4, seconds=59)
    assert check_captcha(session=session, challenge_id=early, answer=CAPTCHA_TEXT)
    clock.advance(seconds=1)
    assert not check_captcha(session=session, challenge_id=late, answer=CAPTCHA_TEXT)


def test_an_unknown_challenge_fails(session: Session, clock: FakeClock) -> None:
    assert not check_captcha(session=session, challenge_id="yok", answer=CAPTCHA_TEXT)


def test_only_a_digest_of_the_answer_is_stored(session: Session, clock: FakeClock) -> None:
    challenge_id, _ = new_captcha(session=session)
    session.flush()
    row = session.exec(select(CaptchaChallenge).where(CaptchaChallenge.id == challenge_id)).one()
    stored = " ".join(str(value) for value in row.model_dump().values())
    assert CAPTCHA_TEXT not in stored  # the digest is lower-case hex
    assert len(row.answer_digest) == 64
