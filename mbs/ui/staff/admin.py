"""Kullanıcılar (/kurum/kullanicilar): a central-unit administrator creates, disables
and resets the staff accounts of any unit, and sets their notification e-mail. The
core refuses anyone else; the menu entry is only for the eye."""

from dataclasses import asdict
from typing import Any

import reflex as rx

from mbs.core.commands.users import create_user, disable_user, reset_password, set_user_email
from mbs.core.errors import DomainError, PermissionDenied, SessionExpired
from mbs.core.queries.accounts import accounts, unit_search
from mbs.ui.staff.session import StaffSessionMixin, who


def _strings(items: list[Any]) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in asdict(item).items()} for item in items]


class StaffAdminState(StaffSessionMixin, rx.State):
    query: str = ""
    users: list[dict[str, str]] = []
    units: list[dict[str, str]] = []
    unit_code: str = ""
    unit_name: str = ""
    error: str = ""
    result: str = ""
    busy: str = ""
    allowed: bool = False

    async def _list(self):  # noqa: ANN202
        query = self.query
        try:
            session_who, rows = await self._as_staff(
                lambda session, actor: (
                    who(session, actor),
                    accounts(session=session, actor=actor, query=query),
                )
            )
        except SessionExpired as error:
            return await self._to_login(error)
        except PermissionDenied as error:
            self.allowed, self.error = False, error.message
            return None
        await self._load_who(session_who)
        self.allowed, self.users = True, _strings(rows)
        return None

    @rx.event
    async def on_load(self):  # noqa: ANN201
        self.error = self.result = self.busy = ""
        return await self._list()

    @rx.event
    async def search(self, form: dict[str, Any]):  # noqa: ANN201
        self.query = str(form.get("kullanici_ara", "")).strip()
        return await self._list()

    @rx.event
    async def find_units(self, form: dict[str, Any]):  # noqa: ANN201
        text = str(form.get("birim_ara", ""))
        try:
            rows = await self._as_staff(
                lambda session, actor: unit_search(session=session, actor=actor, query=text)
            )
        except SessionExpired as error:
            return await self._to_login(error)
        except DomainError as problem:
            self.error = problem.message
            return None
        self.units = _strings(rows)
        return None

    @rx.event
    def choose_unit(self, code: str, name: str) -> None:
        self.unit_code, self.unit_name = code, name

    async def _act(self, work: Any, done: str):  # noqa: ANN202
        self.error = self.result = ""
        try:
            value = await self._as_staff(work)
        except SessionExpired as error:
            self.busy = ""
            return await self._to_login(error)
        except DomainError as problem:
            self.busy, self.error = "", problem.message
            return None
        self.busy = ""
        self.result = done.format(value=value)
        return await self._list()

    @rx.event
    async def create(self, form: dict[str, Any]):  # noqa: ANN201
        """Hesap aç."""
        username = str(form.get("yeni_kullanici_adi", "")).strip().lower()
        full_name = str(form.get("ad_soyad", ""))
        password = str(form.get("yeni_parola", ""))
        is_admin = bool(form.get("yonetici"))
        email = str(form.get("yeni_eposta", "")).strip() or None
        code = self.unit_code
        if not code:
            self.error = "Hesabın birimini seçin."
            return
        self.busy = "create"
        yield
        yield await self._act(
            lambda session, actor: create_user(
                session=session,
                actor=actor,
                username=username,
                full_name=full_name,
                unit_code=code,
                password=password,
                is_admin=is_admin,
                email=email,
            ),
            f"{username} hesabı açıldı ({self.unit_name}).",
        )
        if not self.error:
            yield rx.set_value("yeni_parola", "")

    @rx.event
    async def disable(self, username: str):  # noqa: ANN201
        self.busy = "disable:" + username
        yield
        yield await self._act(
            lambda session, actor: disable_user(session=session, actor=actor, username=username),
            f"{username} hesabı devre dışı bırakıldı.",
        )

    @rx.event
    async def save_email(self, form: dict[str, Any]):  # noqa: ANN201
        """The address for the account's notification e-mails (empty: none)."""
        username = str(form.get("kullanici", "")).strip()
        email = str(form.get("eposta", "")).strip()
        self.busy = "email:" + username
        yield
        done = "kaydedildi" if email else "kaldırıldı"
        yield await self._act(
            lambda session, actor: set_user_email(
                session=session, actor=actor, username=username, email=email
            ),
            f"{username} hesabının e-posta adresi {done}.",
        )

    @rx.event
    async def reset_user_password(self, username: str):  # noqa: ANN201
        """Parola sıfırla: a generated password, shown once to the administrator."""
        self.busy = "reset:" + username
        yield
        yield await self._act(
            lambda session, actor: reset_password(session=session, actor=actor, username=username),
            f"{username} hesabının yeni parolası: {{value}} "
            "(bir kez gösterilir; kilit kaldırıldı).",
        )
