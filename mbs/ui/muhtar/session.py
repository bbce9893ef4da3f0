"""The muhtar's login session as the pages use it.

The browser keeps only a random token (the "mbs_oturum" cookie, so the attachment route
gets it too). Every event that reads or changes data looks the token up on the server
again (`resolve_session`) in the same transaction as its work; an unknown, ended or idle
session sends the browser to the login page with a Turkish message, and the page it
was on is remembered so the muhtar comes back to it after logging in.
"""

import asyncio
from collections.abc import Callable
from typing import TypeVar

import reflex as rx
from sqlmodel import Session

from mbs.core.actors import MuhtarActor
from mbs.core.auth import end_session, resolve_session
from mbs.core.db import get_engine, transaction
from mbs.core.errors import DomainError, PermissionDenied, SessionExpired
from mbs.core.settings import is_production
from mbs.ui import live, routes

SESSION_COOKIE = "mbs_oturum"
LOGGED_OUT = "Çıkış yaptınız. Yeniden giriş yapmak için bilgilerinizi girin."
LOGIN_FIRST = "Bu sayfayı görmek için giriş yapın."
T = TypeVar("T")
Work = Callable[[Session, MuhtarActor], T]
# What an event handler may answer with: events for the browser, or nothing.
Events = rx.event.EventSpec | list[rx.event.EventSpec] | None

# Pages a muhtar may be sent back to after logging in (never a URL from outside).
_RETURN_PREFIXES = (routes.MUHTAR_NEW_REQUEST, routes.MUHTAR_REQUESTS)


class MuhtarSession(rx.State):
    """One per browser tab; the token itself lives in the cookie."""

    token: str = rx.Cookie(
        "", name=SESSION_COOKIE, path="/", same_site="strict", secure=is_production()
    )
    # Set when a page sends the muhtar to the login; the login page shows and clears it.
    notice: str = ""
    _return_to: str = ""

    def _take_return_path(self) -> str:
        path, self._return_to = self._return_to, ""
        return path

    @rx.event
    async def logout(self) -> rx.event.EventSpec:
        """Çıkış: end the session on the server, then forget the token."""
        token, self.token = self.token, ""
        await asyncio.to_thread(_end, token)
        live.unwatch(self.router.session.client_token)
        self.notice = LOGGED_OUT
        return rx.redirect(routes.MUHTAR_LOGIN, replace=True)


def _end(token: str) -> None:
    with transaction() as session:
        end_session(session=session, token=token)


def _actor(session: Session, token: str) -> MuhtarActor:
    actor = resolve_session(session=session, token=token)
    if not isinstance(actor, MuhtarActor):
        # A staff session is no muhtar session.
        raise SessionExpired()
    return actor


def as_muhtar(token: str, work: Work[T]) -> T:
    """One user action: resolve the session and do `work` in one transaction."""
    with transaction() as session:
        return work(session, _actor(session, token))


def peek_as_muhtar(token: str, work: Work[T]) -> T:
    """Read for a live refresh: the same checks, but rolled back, so a page left open
    does not keep its session alive."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            return work(session, _actor(session, token))
        finally:
            session.rollback()


class MuhtarSessionMixin(rx.State, mixin=True):
    """For the states of pages behind the muhtar login."""

    async def _token(self) -> str:
        return (await self.get_state(MuhtarSession)).token

    async def _as_muhtar(self, work: Work[T]) -> T:
        """Run `work(session, actor)` off the event loop; SessionExpired or
        PermissionDenied if the session no longer holds."""
        return await asyncio.to_thread(as_muhtar, await self._token(), work)

    async def _peek_as_muhtar(self, work: Work[T]) -> T:
        return await asyncio.to_thread(peek_as_muhtar, await self._token(), work)

    async def _to_login(self, error: DomainError | None = None) -> rx.event.EventSpec:
        """Forget the session and open the login page, coming back here afterwards."""
        session_state = await self.get_state(MuhtarSession)
        if not session_state.token:
            session_state.notice = LOGIN_FIRST
        elif isinstance(error, SessionExpired | PermissionDenied):
            session_state.notice = error.message
        session_state.token = ""
        path = self.router.url.path
        if path.startswith(_RETURN_PREFIXES):
            session_state._return_to = path
        live.unwatch(self.router.session.client_token)
        return rx.redirect(routes.MUHTAR_LOGIN, replace=True)
