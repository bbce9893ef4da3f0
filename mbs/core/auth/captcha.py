"""The doğrulama kodu: a distorted 5-character image on the muhtar login form.

Only an HMAC of the answer is stored; a challenge lives 5 minutes and is deleted by the
first check, right or wrong, so one image can never be tried twice.

Browser tests cannot read the image, so with MBS_ENV=test (and only then) the answer may
be fixed by MBS_TEST_CAPTCHA_ANSWER. Anywhere else that variable stops captchas from
being made at all: a leftover test setting must never weaken a real login.
"""

import os
import secrets
from datetime import timedelta

from captcha.image import ImageCaptcha
from sqlalchemy import delete
from sqlmodel import Session, col

from mbs.core import clock
from mbs.core.auth.digests import keyed_digest, same_digest
from mbs.core.models import CaptchaChallenge

# No 0/O/Q, 1/I/L: they look alike once distorted.
ALPHABET = "23456789ABCDEFGHJKMNPRSTUVWXYZ"
LENGTH = 5
LIFETIME = timedelta(minutes=5)
WIDTH, HEIGHT = 160, 60


FIXED_ANSWER_VARIABLE = "MBS_TEST_CAPTCHA_ANSWER"


class FixedAnswerRefused(RuntimeError):
    """MBS_TEST_CAPTCHA_ANSWER is set outside MBS_ENV=test."""


def random_text() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def fixed_answer() -> str | None:
    """The fixed answer for browser tests, or None. Raises FixedAnswerRefused when the
    variable is set anywhere but in a test environment."""
    answer = os.environ.get(FIXED_ANSWER_VARIABLE, "").strip().upper()
    if not answer:
        return None
    if os.environ.get("MBS_ENV", "").strip().lower() != "test":
        raise FixedAnswerRefused(
            f"{FIXED_ANSWER_VARIABLE} yalnızca MBS_ENV=test ortamında kullanılabilir; "
            "bu değişkeni kaldırın."
        )
    if len(answer) != LENGTH or not set(answer) <= set(ALPHABET):
        raise FixedAnswerRefused(
            f"{FIXED_ANSWER_VARIABLE} {LENGTH} karakter olmalı ve yalnızca {ALPHABET} içermeli."
        )
    return answer


def new_captcha(*, session: Session) -> tuple[str, bytes]:
    """A new challenge: its id (for the form) and a 160×60 PNG image of the answer."""
    text = fixed_answer() or random_text()
    now = clock.now()
    challenge_id = secrets.token_urlsafe(16)
    session.add(
        CaptchaChallenge(
            id=challenge_id,
            answer_digest=keyed_digest("captcha", f"{challenge_id}:{text}"),
            created_at=now,
            expires_at=now + LIFETIME,
        )
    )
    # A new ImageCaptcha per image: the fonts it caches are not shared across threads.
    png = ImageCaptcha(width=WIDTH, height=HEIGHT).generate(text, format="png").getvalue()
    return challenge_id, png


def check_captcha(*, session: Session, challenge_id: str, answer: str) -> bool:
    """True if `answer` (case and spaces ignored) solves the unexpired challenge. The
    challenge is consumed either way."""
    # DELETE ... RETURNING: of two simultaneous checks, only one gets the row.
    row = session.exec(
        delete(CaptchaChallenge)
        .where(col(CaptchaChallenge.id) == challenge_id)
        .returning(col(CaptchaChallenge.answer_digest), col(CaptchaChallenge.expires_at))
    ).first()
    if row is None:
        return False
    answer_digest, expires_at = row
    if clock.now() >= expires_at:
        return False
    typed = "".join(answer.split()).upper()
    return same_digest(answer_digest, keyed_digest("captcha", f"{challenge_id}:{typed}"))
