"""Web sessions of muhtars and staff: a random token in the browser, its SHA-256 in
web_session. A session ends on Çıkış, or after MBS_SESSION_IDLE_MINUTES (30) without
activity."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from mbs.core import clock, settings
from mbs.core.actors import MuhtarActor, StaffActor, muhtar_actor, staff_actor
from mbs.core.auth.audit import login_event
from mbs.core.auth.digests import token_digest
from mbs.core.auth.limits import clean_ip
from mbs.core.enums import EventKind, SessionKind
from mbs.core.errors import SessionExpired
from mbs.core.models import Muhtar, Unit, User, WebSession

# last_seen_at is written at most this often, so browsing does not write on every event;
# the idle limit is therefore exact to within this interval.
TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionIssued:
    """A new session: `token` goes to the browser (cookie), never anywhere else."""

    token: str
    expires_at: datetime
    actor: MuhtarActor | StaffActor


def open_session(
    session: Session, actor: MuhtarActor | StaffActor, *, client_ip: str
) -> SessionIssued:
    """Create the session row for a login that just succeeded."""
    token = secrets.token_urlsafe(32)
    now = clock.now()
    expires_at = now + timedelta(minutes=settings.session_idle_minutes())
    is_muhtar = isinstance(actor, MuhtarActor)
    session.add(
        WebSession(
            token_digest=token_digest(token),
            kind=SessionKind.MUHTAR if is_muhtar else SessionKind.STAFF,
            muhtar_id=actor.muhtar_id if isinstance(actor, MuhtarActor) else None,
            user_id=actor.user_id if isinstance(actor, StaffActor) else None,
            client_ip=clean_ip(client_ip),
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
        )
    )
    return SessionIssued(token=token, expires_at=expires_at, actor=actor)


def resolve_session(*, session: Session, token: str | None) -> MuhtarActor | StaffActor:
    """The actor of the browser holding `token`, checked again (a disabled account or an
    ended term is refused with PermissionDenied). Raises SessionExpired when the token
    is unknown, ended or idle too long; otherwise slides the idle expiry."""
    row = session.get(WebSession, token_digest(token)) if token else None
    now = clock.now()
    if row is None or row.revoked_at is not None or now > row.expires_at:
        raise SessionExpired()
    if row.kind is SessionKind.MUHTAR:
        assert row.muhtar_id is not None
        actor: MuhtarActor | StaffActor = muhtar_actor(session, row.muhtar_id)
    else:
        assert row.user_id is not None
        actor = staff_actor(session, row.user_id)
    if now - row.last_seen_at >= TOUCH_INTERVAL:
        row.last_seen_at = now
        row.expires_at = now + timedelta(minutes=settings.session_idle_minutes())
        session.add(row)
    return actor


def end_session(*, session: Session, token: str | None) -> bool:
    """Çıkış: end the session (audited). False if it was unknown or already over."""
    row = session.get(WebSession, token_digest(token)) if token else None
    now = clock.now()
    if row is None or row.revoked_at is not None or now > row.expires_at:
        return False
    row.revoked_at = now
    session.add(row)
    login_event(
        session,
        EventKind.LOGGED_OUT,
        {"channel": row.kind.value},
        client_ip=None,
        actor=_unchecked_actor(session, row),
    )
    return True


def _unchecked_actor(session: Session, row: WebSession) -> MuhtarActor | StaffActor | None:
    # Logging out must work for an account disabled meanwhile, so no permission check.
    if row.muhtar_id is not None:
        muhtar = session.get(Muhtar, row.muhtar_id)
        return MuhtarActor(row.muhtar_id, muhtar.muhtarlik_id) if muhtar else None
    user = session.get(User, row.user_id) if row.user_id is not None else None
    unit = session.get(Unit, user.unit_id) if user else None
    if user is None or unit is None or user.id is None or unit.id is None:
        return None
    return StaffActor(user.id, unit.id, unit.kind, unit.province_id, user.is_admin)
