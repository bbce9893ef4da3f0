"""Deleting login rows nobody can use any more (run by the scheduler)."""

from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, or_

from mbs.core.models import CaptchaChallenge, LoginAttempt, LoginCode, WebSession

# The limits look back at most an hour; a day of attempts helps investigate abuse (the
# audit events stay for good).
ATTEMPT_RETENTION = timedelta(days=1)


def purge_expired(*, session: Session, now: datetime) -> dict[str, int]:
    """Delete expired captchas and login codes, ended sessions and day-old attempts;
    returns how many rows of each went."""
    statements = {
        "captcha_challenge": delete(CaptchaChallenge).where(
            col(CaptchaChallenge.expires_at) <= now
        ),
        "login_code": delete(LoginCode).where(col(LoginCode.expires_at) <= now),
        "web_session": delete(WebSession).where(
            or_(col(WebSession.expires_at) <= now, col(WebSession.revoked_at).is_not(None))
        ),
        "login_attempt": delete(LoginAttempt).where(
            col(LoginAttempt.created_at) < now - ATTEMPT_RETENTION
        ),
    }
    return {table: session.exec(statement).rowcount for table, statement in statements.items()}
