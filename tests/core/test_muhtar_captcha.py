"""The fixed doğrulama kodu that browser tests use: honoured only with MBS_ENV=test."""

import pytest
from sqlmodel import Session

from mbs.core.auth import check_captcha, new_captcha
from mbs.core.auth.captcha import FIXED_ANSWER_VARIABLE, FixedAnswerRefused
from tests.core.test_auth_common import START, FakeClock


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("MBS_SECRET_KEY", "k" * 40)
    monkeypatch.setattr("mbs.core.clock._now", FakeClock(START))
    monkeypatch.delenv(FIXED_ANSWER_VARIABLE, raising=False)
    monkeypatch.delenv("MBS_ENV", raising=False)
    return monkeypatch


def test_a_test_environment_gets_the_fixed_answer(session: Session, env) -> None:
    env.setenv("MBS_ENV", "test")
    env.setenv(FIXED_ANSWER_VARIABLE, "k7m2p")
    challenge_id, png = new_captcha(session=session)
    assert png.startswith(b"\x89PNG")
    assert check_captcha(session=session, challenge_id=challenge_id, answer="K7M2P")


@pytest.mark.parametrize("mbs_env", ["production", "", "development", "testing"])
def test_any_other_environment_refuses_to_make_captchas(
    session: Session, env, mbs_env: str
) -> None:
    env.setenv("MBS_ENV", mbs_env)
    env.setenv(FIXED_ANSWER_VARIABLE, "K7M2P")
    with pytest.raises(FixedAnswerRefused, match="yalnızca MBS_ENV=test"):
        new_captcha(session=session)


def test_an_answer_outside_the_alphabet_is_refused(session: Session, env) -> None:
    env.setenv("MBS_ENV", "test")
    env.setenv(FIXED_ANSWER_VARIABLE, "ABC01")
    with pytest.raises(FixedAnswerRefused, match="5 karakter"):
        new_captcha(session=session)


def test_without_the_variable_answers_are_random_even_in_tests(session: Session, env) -> None:
    env.setenv("MBS_ENV", "test")
    challenge_id, _ = new_captcha(session=session)
    assert not check_captcha(session=session, challenge_id=challenge_id, answer="K7M2P")
