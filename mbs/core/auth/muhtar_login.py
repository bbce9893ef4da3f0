"""Muhtar login: TCKN + name + doğrulama kodu → SMS onay kodu (Onay Kodu Gönder), then
the onay kodu → a session (Sisteme Giriş).

A refusal never says whether a TCKN is registered: unknown TCKN, wrong name and ended
term get one message. Run each step in `login_transaction()` so refusals are counted.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NoReturn

from sqlmodel import Session, col, select, update

from mbs.core import clock
from mbs.core.actors import muhtar_actor
from mbs.core.auth.audit import login_event, masked_tckn_input
from mbs.core.auth.captcha import check_captcha
from mbs.core.auth.digests import keyed_digest, same_digest
from mbs.core.auth.limits import RESEND_AFTER, clean_ip, ip_wait, record_attempt, tckn_code_wait
from mbs.core.auth.refusals import LoginRefused, TooManyAttempts
from mbs.core.auth.sessions import SessionIssued, open_session
from mbs.core.enums import EventKind, LoginAttemptKind, SmsKind
from mbs.core.models import LoginCode, Muhtar
from mbs.core.notifications import queue_sms
from mbs.core.tckn import is_valid_tckn, mask_phone, normalize_person_name

CODE_LIFETIME = timedelta(minutes=3)
MAX_TRIES = 5

CAPTCHA_WRONG = "Doğrulama kodu hatalı. Yeni doğrulama kodunu girip yeniden deneyin."
TCKN_INVALID = "Geçerli bir TC Kimlik No girin (11 hane)."
NO_MATCH = "Girdiğiniz bilgiler kayıtlarla eşleşmedi. Bilgilerinizi kontrol edip yeniden deneyin."
CODE_FORMAT = "Onay kodu 6 haneli bir sayıdır."
CODE_INVALID = "Bu onay kodu artık geçerli değil. Yeni kod isteyin."
CODE_EXPIRED = "Onay kodunun süresi doldu. Yeni kod isteyin."
CODE_DEAD = "Onay kodu 5 kez hatalı girildiği için geçersiz oldu. Yeni kod isteyin."


@dataclass(frozen=True)
class LoginCodeIssued:
    login_id: str  # the form sends it back with the code
    masked_phone: str  # "0555 *** ** 01", to show where the SMS went
    expires_at: datetime
    resend_after: datetime  # when "Yeni kod iste" may be pressed


def request_login_code(
    *,
    session: Session,
    tckn: str,
    full_name: str,
    captcha_id: str,
    captcha_answer: str,
    client_ip: str,
) -> LoginCodeIssued:
    """Onay Kodu Gönder: check the doğrulama kodu, the TCKN and the name of a muhtar in
    office, then send a 6-digit onay kodu by SMS (valid 3 minutes, 5 tries). A new code
    replaces the previous one. Refusals raise LoginRefused (TooManyAttempts for limits)."""
    tckn = "".join(tckn.split())
    digest = keyed_digest("tckn", tckn)
    trace = {"channel": "muhtar", "tckn": masked_tckn_input(tckn)}

    def refuse(reason: str, message: str) -> NoReturn:
        record_attempt(
            session,
            LoginAttemptKind.CODE_REQUEST,
            client_ip=client_ip,
            success=False,
            subject_digest=digest,
        )
        login_event(
            session, EventKind.LOGIN_CODE_REFUSED, trace, client_ip=client_ip, reason=reason
        )
        raise LoginRefused(message)

    wait = ip_wait(session, client_ip, code_request=True)
    if wait is not None:
        login_event(
            session, EventKind.LOGIN_CODE_REFUSED, trace, client_ip=client_ip, reason="ip_limit"
        )
        raise TooManyAttempts(wait)
    if not check_captcha(session=session, challenge_id=captcha_id, answer=captcha_answer):
        refuse("captcha", CAPTCHA_WRONG)
    if not is_valid_tckn(tckn):
        refuse("tckn_invalid", TCKN_INVALID)
    muhtar = _muhtar_in_office(session, tckn, full_name)
    if muhtar is None:
        refuse("no_match", NO_MATCH)
    assert muhtar.id is not None

    wait, hourly = tckn_code_wait(session, digest)
    if wait is not None:
        record_attempt(
            session,
            LoginAttemptKind.CODE_THROTTLED,
            client_ip=client_ip,
            success=False,
            subject_digest=digest,
        )
        reason = "tckn_limit" if hourly else "resend_wait"
        login_event(
            session, EventKind.LOGIN_CODE_REFUSED, trace, client_ip=client_ip, reason=reason
        )
        if hourly:
            raise TooManyAttempts(wait)
        seconds = max(1, int(wait.total_seconds() + 0.999))
        raise LoginRefused(f"Yeni onay kodu isteyebilmek için {seconds} saniye bekleyin.")

    now = clock.now()
    # The newest code is the only one that works.
    session.exec(
        update(LoginCode)
        .where(col(LoginCode.muhtar_id) == muhtar.id, col(LoginCode.consumed_at).is_(None))
        .values(consumed_at=now)
    )
    login_id = secrets.token_urlsafe(16)
    code = f"{secrets.randbelow(1_000_000):06d}"
    session.add(
        LoginCode(
            id=login_id,
            muhtar_id=muhtar.id,
            code_digest=keyed_digest("login_code", f"{login_id}:{code}"),
            client_ip=clean_ip(client_ip),
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
    )
    queue_sms(
        session,
        phone=muhtar.phone,
        body=f"MBS onay kodunuz: {code}. 3 dakika geçerlidir. Bu kodu kimseyle paylaşmayın.",
        kind=SmsKind.OTP,
        muhtar_id=muhtar.id,
        expires_in=CODE_LIFETIME,
    )
    record_attempt(
        session,
        LoginAttemptKind.CODE_REQUEST,
        client_ip=client_ip,
        success=True,
        subject_digest=digest,
    )
    login_event(session, EventKind.LOGIN_CODE_SENT, trace, client_ip=client_ip, muhtar_id=muhtar.id)
    return LoginCodeIssued(
        login_id=login_id,
        masked_phone=mask_phone(muhtar.phone),
        expires_at=now + CODE_LIFETIME,
        resend_after=now + RESEND_AFTER,
    )


def _muhtar_in_office(session: Session, tckn: str, full_name: str) -> Muhtar | None:
    today = clock.local(clock.now()).date()
    # FOR UPDATE (PostgreSQL): two presses at once for one muhtar queue up, so the
    # resend limits see each other's codes.
    rows = session.exec(
        select(Muhtar)
        .where(Muhtar.tckn == tckn, Muhtar.term_start <= today, Muhtar.term_end >= today)
        .order_by(col(Muhtar.term_start).desc())
        .with_for_update()
    ).all()
    typed = normalize_person_name(full_name)
    return next((row for row in rows if normalize_person_name(row.full_name) == typed), None)


def verify_login_code(
    *, session: Session, login_id: str, code: str, client_ip: str
) -> SessionIssued:
    """Sisteme Giriş: check the onay kodu of `login_id` and open a muhtar session. A wrong
    code spends one of 5 tries; the right one works once, within 3 minutes."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        raise LoginRefused(CODE_FORMAT)
    wait = ip_wait(session, client_ip, code_request=False)
    if wait is not None:
        login_event(
            session,
            EventKind.LOGIN_FAILED,
            {"channel": "muhtar"},
            client_ip=client_ip,
            reason="ip_limit",
        )
        raise TooManyAttempts(wait)
    # FOR UPDATE (PostgreSQL): guesses sent in parallel are checked one after another,
    # so none escapes the count of tries.
    row = session.exec(select(LoginCode).where(LoginCode.id == login_id).with_for_update()).first()
    muhtar = session.get(Muhtar, row.muhtar_id) if row else None
    digest = keyed_digest("tckn", muhtar.tckn) if muhtar else None
    trace = {"channel": "muhtar", "tckn": masked_tckn_input(muhtar.tckn) if muhtar else None}

    def refuse(reason: str, message: str) -> NoReturn:
        record_attempt(
            session,
            LoginAttemptKind.CODE_VERIFY,
            client_ip=client_ip,
            success=False,
            subject_digest=digest,
        )
        login_event(session, EventKind.LOGIN_FAILED, trace, client_ip=client_ip, reason=reason)
        raise LoginRefused(message)

    now = clock.now()
    if row is None or muhtar is None or row.consumed_at is not None:
        refuse("code_invalid", CODE_INVALID)
    assert muhtar.id is not None
    if row.failed_tries >= MAX_TRIES:
        refuse("code_dead", CODE_DEAD)
    if now >= row.expires_at:
        refuse("code_expired", CODE_EXPIRED)
    if not same_digest(row.code_digest, keyed_digest("login_code", f"{login_id}:{code}")):
        row.failed_tries += 1
        session.add(row)
        left = MAX_TRIES - row.failed_tries
        refuse(
            "code_wrong",
            f"Onay kodu hatalı. {left} deneme hakkınız kaldı."
            if left
            else "Onay kodu hatalı. Deneme hakkınız kalmadı; yeni kod isteyin.",
        )
    row.consumed_at = now
    session.add(row)
    actor = muhtar_actor(session, muhtar.id)
    record_attempt(
        session,
        LoginAttemptKind.CODE_VERIFY,
        client_ip=client_ip,
        success=True,
        subject_digest=digest,
    )
    login_event(session, EventKind.LOGIN_SUCCEEDED, trace, client_ip=client_ip, actor=actor)
    return open_session(session, actor, client_ip=client_ip)
