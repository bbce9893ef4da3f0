"""A unit's part of the request screen: Üzerime Al, a valilik's forward to its own
sub-units, İŞLEMİ TAMAMLA with a note, its outcome (Olumlu / Olumsuz and why) and
optional files, and İade with a reason.

Files come through Reflex's upload request, are read into memory here and handed to
the core, which stores them privately; Reflex's public upload folder is never used.
"""

from typing import Any

import reflex as rx

from mbs.core.attachments import MAX_BYTES, UploadedFile
from mbs.core.commands import (
    RouteTarget,
    complete_assignment,
    forward_assignment,
    return_assignment,
    take_on,
)
from mbs.core.enums import CompletionOutcome
from mbs.core.errors import DomainError
from mbs.core.queries.unit_pickers import sub_units
from mbs.core.workflow import AssignmentAction
from mbs.ui.staff.request_actions import RequestActionMixin

UPLOAD_ID = "tamamlama_ekleri"


class UnitActionsMixin(RequestActionMixin, mixin=True):
    sub_unit_choices: list[dict[str, str]] = []
    complete_note: str = ""
    # Olumlu / Olumsuz as chosen (no default: the unit must say); the reason's list
    # shows only for Olumsuz.
    complete_outcome: str = ""
    return_reason: str = ""
    forward_note: str = ""

    async def _load_sub_units(self) -> None:
        if not self.can(AssignmentAction.FORWARD):
            self.sub_unit_choices = []
            return
        try:
            units = await self._peek_as_staff(
                lambda session, actor: sub_units(session=session, actor=actor)
            )
        except DomainError as problem:
            self.error = problem.message
            return
        working = set(self.open_forwards)
        self.sub_unit_choices = [
            {"id": str(u.id), "name": u.name, "busy": "1" if u.name in working else ""}
            for u in units
        ]

    @rx.event
    async def take_on_request(self):  # noqa: ANN201
        """Üzerime Al."""
        assignment_id, version = self._assignment_id, self._assignment_version
        self.busy = "take_on"
        yield
        yield await self._run(
            lambda session, actor: take_on(
                session=session,
                actor=actor,
                assignment_id=assignment_id,
                expected_version=version,
            ),
            "Talebi üzerinize aldınız.",
        )

    @rx.event
    async def forward(self, form: dict[str, Any]):  # noqa: ANN201
        """Alt birimlere yönlendir: the checked sub-units, each with the note."""
        self.forward_note = str(form.get("yonlendirme_notu", ""))
        chosen = [choice for choice in self.sub_unit_choices if form.get(f"alt_{choice['id']}")]
        targets = [RouteTarget(int(c["id"]), self.forward_note.strip()) for c in chosen]
        assignment_id, version = self._assignment_id, self._assignment_version
        self.busy = "forward"
        yield

        redirect = await self._run(
            lambda session, actor: forward_assignment(
                session=session,
                actor=actor,
                assignment_id=assignment_id,
                expected_version=version,
                targets=targets,
            ),
            "Alt birimlere yönlendirildi: " + ", ".join(c["name"] for c in chosen) + ".",
        )
        if not self.error:
            self.forward_note = ""
        await self._load_sub_units()
        yield redirect

    @rx.event
    def choose_outcome(self, value: str) -> None:
        if value in {outcome.value for outcome in CompletionOutcome}:
            self.complete_outcome = value

    @rx.event
    async def complete(self, files: list[rx.UploadFile], form: dict[str, Any]):  # noqa: ANN201
        """İŞLEMİ TAMAMLA with the required note and outcome and the optional files; the
        core checks the outcome and the reason (required for, and only for, Olumsuz)."""
        self.complete_note = str(form.get("tamamlama_notu", ""))
        outcome = str(form.get("sonuc") or self.complete_outcome)
        reason = form.get("olumsuzluk_nedeni") or None
        self.busy = "complete"
        yield
        # One byte over the limit is enough for the core to refuse a file politely.
        uploads = [UploadedFile(f.filename or "dosya", await f.read(MAX_BYTES + 1)) for f in files]
        note = self.complete_note
        assignment_id, version = self._assignment_id, self._assignment_version
        redirect = await self._run(
            lambda session, actor: complete_assignment(
                session=session,
                actor=actor,
                assignment_id=assignment_id,
                expected_version=version,
                note=note,
                outcome=outcome,  # type: ignore[arg-type]  # the core checks form values
                negative_reason=reason,
                files=uploads,
            ),
            "İşleminiz tamamlandı.",
        )
        if not self.error:
            self.complete_note = self.complete_outcome = ""
            yield rx.clear_selected_files(UPLOAD_ID)
        yield redirect

    @rx.event
    async def return_request(self, form: dict[str, Any]):  # noqa: ANN201
        """İade: give the request back with a reason."""
        self.return_reason = str(form.get("iade_gerekcesi", ""))
        reason = self.return_reason
        assignment_id, version = self._assignment_id, self._assignment_version
        self.busy = "return"
        yield
        redirect = await self._run(
            lambda session, actor: return_assignment(
                session=session,
                actor=actor,
                assignment_id=assignment_id,
                expected_version=version,
                reason=reason,
            ),
            "Talep iade edildi.",
        )
        if not self.error:
            self.return_reason = ""
        yield redirect
