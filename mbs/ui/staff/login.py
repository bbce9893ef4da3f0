"""Oturum Aç (/kurum/giris): Kullanıcı Adı and Parola.

The core does every check (argon2, the 15-minute lock after 5 failures, the IP limit,
the audit) and never says whether a user name exists; this page shows its message and
runs the step in `login_transaction()` so a refused attempt still counts.
"""

import asyncio

import reflex as rx

from mbs.core.auth import LoginRefused, SessionIssued, login_transaction, staff_login
from mbs.core.errors import DomainError
from mbs.ui import routes
from mbs.ui.staff.session import StaffSession, as_staff

MISSING = "Kullanıcı adınızı ve parolanızı yazın."


class StaffLoginState(rx.State):
    username: str = ""
    error: str = ""
    notice: str = ""
    busy: bool = False

    @rx.event
    async def on_load(self):  # noqa: ANN201 (returns events or None)
        session_state = await self.get_state(StaffSession)
        self.notice, session_state.notice = session_state.notice, ""
        self.error = ""
        self.busy = False
        if session_state.token:
            try:
                await asyncio.to_thread(as_staff, session_state.token, lambda _s, _a: None)
            except DomainError:
                session_state.token = ""
            else:
                return rx.redirect(routes.STAFF_INBOX, replace=True)
        return None

    @rx.event
    async def sign_in(self, form: dict[str, str]):  # noqa: ANN201
        """Oturum Aç."""
        self.username = form.get("kullanici_adi", "").strip()
        password = form.get("parola", "")
        self.error = self.notice = ""
        if not self.username or not password:
            self.error = MISSING
            yield rx.set_focus("parola" if self.username else "kullanici_adi")
            return
        self.busy = True
        yield
        ip, username = self.router.session.client_ip, self.username

        def login() -> SessionIssued:
            with login_transaction() as session:
                return staff_login(
                    session=session, username=username, password=password, client_ip=ip
                )

        try:
            issued = await asyncio.to_thread(login)
        except LoginRefused as refused:
            self.busy = False
            self.error = refused.message
            yield [rx.set_value("parola", ""), rx.set_focus("parola")]
            return
        session_state = await self.get_state(StaffSession)
        session_state.token = issued.token
        self.busy = False
        self.username = ""
        yield rx.redirect(routes.STAFF_INBOX, replace=True)
