"""The staff user's login session as the pages use it.

Like the muhtar portal (mbs/ui/muhtar/session.py): the browser keeps only a random token,
in the same cookie ("mbs_oturum", so the one attachment route serves both); every event that
reads or changes data resolves it on the server again (`resolve_session`) in the same
transaction as its work. An unknown, ended or idle session sends the browser to
/kurum/giris with a Turkish message.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import reflex as rx
from sqlmodel import Session

from mbs.core import labels
from mbs.core.actors import StaffActor
from mbs.core.auth import end_session, resolve_session
from mbs.core.db import get_engine, transaction
from mbs.core.errors import DomainError, PermissionDenied, SessionExpired
from mbs.core.models import Unit, User
from mbs.core.settings import is_production
from mbs.ui import live, routes
from mbs.ui.muhtar.session import SESSION_COOKIE as MUHTAR_SESSION_COOKIE

# The muhtar portal's cookie: one session per browser, and the one attachment route
# (mbs/ui/muhtar/attachment_route.py) serves both portals.
SESSION_COOKIE = MUHTAR_SESSION_COOKIE
LOGGED_OUT = "Çıkış yaptınız."
T = TypeVar("T")
Work = Callable[[Session, StaffActor], T]


@dataclass(frozen=True)
class Who:
    """What the frame shows about the signed-in user."""

    full_name: str
    unit_name: str
    unit_kind: str
    is_central: bool
    is_admin: bool


def who(session: Session, actor: StaffActor) -> Who:
    user, unit = session.get(User, actor.user_id), session.get(Unit, actor.unit_id)
    assert user is not None and unit is not None
    return Who(
        user.full_name,
        unit.name,
        labels.UNIT_KIND[unit.kind],
        actor.is_central,
        actor.is_central and actor.is_admin,
    )


class StaffSession(rx.State):
    """One per browser tab; the token itself lives in the cookie."""

    token: str = rx.Cookie(
        "", name=SESSION_COOKIE, path="/", same_site="strict", secure=is_production()
    )
    notice: str = ""
    # Shown in the frame; for the eye only (every action is checked in core).
    full_name: str = ""
    unit_name: str = ""
    unit_kind: str = ""
    is_central: bool = False
    is_admin: bool = False

    def show(self, who: Who) -> None:
        self.full_name, self.unit_name, self.unit_kind = who.full_name, who.unit_name, who.unit_kind
        self.is_central, self.is_admin = who.is_central, who.is_admin

    @rx.event
    async def logout(self) -> rx.event.EventSpec:
        """Çıkış: end the session on the server, then forget the token."""
        token, self.token = self.token, ""
        await asyncio.to_thread(_end, token)
        live.unwatch(self.router.session.client_token)
        self.notice = LOGGED_OUT
        self.full_name = self.unit_name = self.unit_kind = ""
        self.is_central = self.is_admin = False
        return rx.redirect(routes.STAFF_LOGIN, replace=True)


def _end(token: str) -> None:
    with transaction() as session:
        end_session(session=session, token=token)


def _actor(session: Session, token: str) -> StaffActor:
    try:
        actor = resolve_session(session=session, token=token)
    except PermissionDenied as refused:
        # A disabled account: the session is over; an action's own refusal stays
        # a PermissionDenied for the screen to show.
        raise SessionExpired(refused.message) from None
    if not isinstance(actor, StaffActor):
        raise SessionExpired()  # a muhtar session is no staff session
    return actor


def as_staff(token: str, work: Work[T]) -> T:
    """One user action: resolve the session and do `work` in one transaction."""
    with transaction() as session:
        return work(session, _actor(session, token))


def peek_as_staff(token: str, work: Work[T]) -> T:
    """Read for a live refresh: the same checks, rolled back, so a screen left open does
    not keep its session alive."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            return work(session, _actor(session, token))
        finally:
            session.rollback()


class StaffSessionMixin(rx.State, mixin=True):
    """For the states of pages behind the staff login."""

    async def _token(self) -> str:
        return (await self.get_state(StaffSession)).token

    async def _as_staff(self, work: Work[T]) -> T:
        """Run `work(session, actor)` off the event loop in one transaction;
        SessionExpired or PermissionDenied if the session no longer holds."""
        return await asyncio.to_thread(as_staff, await self._token(), work)

    async def _peek_as_staff(self, work: Work[T]) -> T:
        return await asyncio.to_thread(peek_as_staff, await self._token(), work)

    async def _load_who(self, session_who: Who) -> None:
        (await self.get_state(StaffSession)).show(session_who)

    async def _to_login(self, error: DomainError | None = None) -> rx.event.EventSpec:
        """Forget the session and open the login page."""
        session_state = await self.get_state(StaffSession)
        session_state.token = ""
        if isinstance(error, SessionExpired | PermissionDenied):
            session_state.notice = error.message
        live.unwatch(self.router.session.client_token)
        return rx.redirect(routes.STAFF_LOGIN, replace=True)
