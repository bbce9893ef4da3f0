"""Yeni talep (/basvuru/yeni): the muhtar's details, başvuru türü, Açıklama and optional
photos/documents; after Gönder, the tracking number and the two next steps of the seed.

The text, type and files travel in one upload request (Reflex's /_upload endpoint,
buffered in memory, never written to its public upload folder); `file_request` stores
the files privately. A key made when the form opens makes a double tap or a resend
after a reconnect return the request already filed instead of a second one.
"""

import secrets
from typing import Any

import reflex as rx
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from mbs.core.actors import MuhtarActor
from mbs.core.attachments import MAX_BYTES, UploadedFile
from mbs.core.commands.filing import clean_description, file_request
from mbs.core.enums import RequestType
from mbs.core.errors import PermissionDenied, SessionExpired, ValidationError
from mbs.core.queries.muhtar_profile import muhtar_profile
from mbs.ui import live
from mbs.ui.muhtar.session import Events, MuhtarSession, MuhtarSessionMixin

UPLOAD_ID = "ekler"
TYPE_MISSING = "Başvuru türünü seçin."
DRAFT_KEPT = " Yazdığınız açıklama saklandı; eklediğiniz dosyaları yeniden seçin."


class MuhtarNewRequestState(MuhtarSessionMixin, rx.State):
    full_name: str = ""
    muhtarlik: str = ""
    district: str = ""
    province: str = ""
    # What was typed, kept across errors, reconnects and a new login.
    type_value: str = ""
    description: str = ""
    form_key: int = 0
    answer_serial: int = 0
    error: str = ""
    type_error: str = ""
    description_error: str = ""
    files_error: str = ""
    filed_id: int = 0
    filed_tracking_no: str = ""
    _idempotency_key: str = ""

    @rx.event
    async def on_load(self) -> Events:
        live.unwatch(self.router.session.client_token)
        try:
            profile = await self._as_muhtar(
                lambda session, actor: muhtar_profile(session=session, actor=actor)
            )
        except (SessionExpired, PermissionDenied) as error:
            return await self._to_login(error)
        self.full_name, self.muhtarlik = profile.full_name, profile.muhtarlik
        self.district, self.province = profile.district, profile.province
        if not self._idempotency_key:
            self._idempotency_key = secrets.token_urlsafe(24)
        return None

    @rx.event
    def new_form(self) -> rx.event.EventSpec:
        """Yeni talep gir: an empty form with a new key."""
        self.type_value = self.description = ""
        self.error = self.type_error = self.description_error = self.files_error = ""
        self.filed_id, self.filed_tracking_no = 0, ""
        self._idempotency_key = secrets.token_urlsafe(24)
        self.form_key += 1
        return rx.clear_selected_files(UPLOAD_ID)

    @rx.event
    async def submit(self, files: list[rx.UploadFile], form: dict[str, Any]) -> Events:
        """Gönder."""
        self.answer_serial += 1
        self.type_value = str(form.get("tur", ""))
        self.description = str(form.get("aciklama", ""))
        self.error = self.type_error = self.description_error = self.files_error = ""
        if self.filed_id:
            return None  # a late second tap: the confirmation already shows
        # The core checks these again; asking first keeps each message by its field.
        if self.type_value not in {t.value for t in RequestType}:
            self.type_error = TYPE_MISSING
        try:
            clean_description(self.description)
        except ValidationError as problem:
            self.description_error = problem.message
        if self.type_error or self.description_error:
            return rx.set_focus(
                f"tur_{RequestType.SIKAYET.value}" if self.type_error else "aciklama"
            )
        # One byte over the limit is enough for the core to refuse a file politely.
        uploads = [UploadedFile(f.filename or "dosya", await f.read(MAX_BYTES + 1)) for f in files]
        request_type, text, key = (
            RequestType(self.type_value),
            self.description,
            self._idempotency_key,
        )

        def file(session: Session, actor: MuhtarActor) -> tuple[int, str]:
            request = file_request(
                session=session,
                actor=actor,
                type=request_type,
                description=text,
                files=uploads,
                idempotency_key=key,
            )
            assert request.id is not None
            return request.id, request.tracking_no

        try:
            try:
                filed = await self._as_muhtar(file)
            except IntegrityError:
                # The same key won a race in another worker: filing again finds it.
                filed = await self._as_muhtar(file)
        except (SessionExpired, PermissionDenied) as error:
            redirect = await self._to_login(error)
            (await self.get_state(MuhtarSession)).notice += DRAFT_KEPT
            return redirect
        except ValidationError as problem:
            self.files_error = problem.message
            return None
        self.filed_id, self.filed_tracking_no = filed
        self.type_value = self.description = ""
        return [rx.clear_selected_files(UPLOAD_ID), rx.scroll_to("icerik")]
