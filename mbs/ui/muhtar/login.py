"""Sisteme Giriş (/basvuru): TC Kimlik No, Ad ve Soyadı and the doğrulama kodu, then
the onay kodu sent by SMS.

Every rule (checksum, registry match, captcha, code lifetime and tries, rate limits,
audit) is enforced by mbs.core.auth; this page keeps what was typed, shows the core's
Turkish messages next to the right field, and runs each step in `login_transaction()`
so refused attempts count.
"""

import asyncio
import base64
from datetime import datetime

import reflex as rx

from mbs.core import clock
from mbs.core.auth import (
    LoginCodeIssued,
    LoginRefused,
    SessionIssued,
    login_transaction,
    new_captcha,
    request_login_code,
    verify_login_code,
)
from mbs.core.auth.muhtar_login import CAPTCHA_WRONG, TCKN_INVALID
from mbs.core.errors import DomainError
from mbs.core.tckn import is_valid_tckn
from mbs.ui import routes
from mbs.ui.muhtar.session import Events, MuhtarSession, as_muhtar

DETAILS, CODE = "bilgiler", "kod"
NAME_MISSING = "Adınızı ve soyadınızı yazın."
CAPTCHA_MISSING = "Resimdeki doğrulama kodunu yazın."
NEW_CODE = (
    "Yeni onay kodu için resimdeki doğrulama kodunu yazıp “Onay Kodu Gönder” düğmesine basın."
)


def _captcha() -> tuple[str, str]:
    with login_transaction() as session:
        challenge_id, png = new_captcha(session=session)
    return challenge_id, "data:image/png;base64," + base64.b64encode(png).decode()


def _seconds_until(moment: datetime | None) -> int:
    if moment is None:
        return 0
    return max(0, int((moment - clock.now()).total_seconds() + 0.999))


class MuhtarLoginState(rx.State):
    step: str = DETAILS
    tckn: str = ""
    full_name: str = ""
    captcha_src: str = ""
    notice: str = ""
    error: str = ""
    tckn_error: str = ""
    name_error: str = ""
    captcha_error: str = ""
    code_error: str = ""
    masked_phone: str = ""
    # The countdown restarts whenever code_serial changes.
    code_serial: int = 0
    expires_in: int = 0
    resend_in: int = 0
    busy: bool = False
    _captcha_id: str = ""
    _login_id: str = ""
    _expires_at: datetime | None = None
    _resend_at: datetime | None = None

    def _clear_errors(self) -> None:
        self.error = self.tckn_error = self.name_error = ""
        self.captcha_error = self.code_error = ""

    async def _new_captcha(self) -> None:
        self._captcha_id, self.captcha_src = await asyncio.to_thread(_captcha)

    @rx.event
    async def on_load(self) -> Events:
        session_state = await self.get_state(MuhtarSession)
        self.notice, session_state.notice = session_state.notice, ""
        self._clear_errors()
        if session_state.token:
            try:
                await asyncio.to_thread(as_muhtar, session_state.token, lambda _s, _a: None)
            except DomainError:
                session_state.token = ""
            else:
                return rx.redirect(self._after_login(session_state), replace=True)
        if self.step == CODE and _seconds_until(self._expires_at) == 0:
            self.step = DETAILS
        if self.step == CODE:
            self._restart_timer()
        else:
            await self._new_captcha()
        return None

    @rx.event
    async def refresh_captcha(self) -> list[rx.event.EventSpec]:
        self.captcha_error = ""
        await self._new_captcha()
        return _retype_captcha()

    @rx.event
    async def send_code(self, form: dict[str, str]) -> Events:
        """Onay Kodu Gönder."""
        self.tckn = "".join(form.get("tckn", "").split())
        self.full_name = form.get("ad_soyad", "").strip()
        answer = form.get("dogrulama_kodu", "").strip()
        self._clear_errors()
        # Checked here first only so a typo does not cost the muhtar the captcha;
        # the core checks the same again.
        if not is_valid_tckn(self.tckn):
            self.tckn_error = TCKN_INVALID
        if not self.full_name:
            self.name_error = NAME_MISSING
        if not answer:
            self.captcha_error = CAPTCHA_MISSING
        if self.tckn_error or self.name_error or self.captcha_error:
            return _focus_first(self.tckn_error, self.name_error)
        ip = self.router.session.client_ip
        captcha_id, tckn, name = self._captcha_id, self.tckn, self.full_name

        def ask() -> LoginCodeIssued:
            with login_transaction() as session:
                return request_login_code(
                    session=session,
                    tckn=tckn,
                    full_name=name,
                    captcha_id=captcha_id,
                    captcha_answer=answer,
                    client_ip=ip,
                )

        try:
            issued = await asyncio.to_thread(ask)
        except LoginRefused as refused:
            # The doğrulama kodu is used up by any attempt: show a new one.
            await self._new_captcha()
            if refused.message == CAPTCHA_WRONG:
                self.captcha_error = refused.message
            elif refused.message == TCKN_INVALID:
                self.tckn_error = refused.message
            else:
                self.error = refused.message
            return _retype_captcha()
        self.step = CODE
        self.notice = ""
        self.masked_phone = issued.masked_phone
        self._login_id = issued.login_id
        self._expires_at, self._resend_at = issued.expires_at, issued.resend_after
        self._restart_timer()
        return rx.set_focus("onay_kodu")

    def _restart_timer(self) -> None:
        self.code_serial += 1
        self.expires_in = _seconds_until(self._expires_at)
        self.resend_in = _seconds_until(self._resend_at)

    @rx.event
    async def sign_in(self, form: dict[str, str]) -> Events:
        """Sisteme Giriş."""
        self._clear_errors()
        code = form.get("onay_kodu", "")
        ip, login_id = self.router.session.client_ip, self._login_id

        def verify() -> SessionIssued:
            with login_transaction() as session:
                return verify_login_code(
                    session=session, login_id=login_id, code=code, client_ip=ip
                )

        try:
            issued = await asyncio.to_thread(verify)
        except LoginRefused as refused:
            self.code_error = refused.message
            return rx.set_focus("onay_kodu")
        session_state = await self.get_state(MuhtarSession)
        session_state.token = issued.token
        # Nothing of the login stays in this tab's state.
        self.reset()
        return rx.redirect(self._after_login(session_state), replace=True)

    @rx.event
    async def ask_new_code(self) -> Events:
        """Yeni kod iste / Bilgilerimi değiştir: back to the first form, with what was
        typed, and a fresh doğrulama kodu (each code needs one)."""
        self._clear_errors()
        self.step = DETAILS
        self.notice = NEW_CODE
        await self._new_captcha()
        return _retype_captcha()

    def _after_login(self, session_state: MuhtarSession) -> str:
        return session_state._take_return_path() or routes.MUHTAR_NEW_REQUEST


def _retype_captcha() -> list[rx.event.EventSpec]:
    """Empty the doğrulama kodu box (its image changed) and put the cursor there."""
    return [rx.set_value("dogrulama_kodu", ""), rx.set_focus("dogrulama_kodu")]


def _focus_first(tckn_error: str, name_error: str) -> rx.event.EventSpec:
    if tckn_error:
        return rx.set_focus("tckn")
    return rx.set_focus("ad_soyad" if name_error else "dogrulama_kodu")
