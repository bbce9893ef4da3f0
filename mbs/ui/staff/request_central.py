"""The central unit's part of the request screen: öncelik, the valilik / belediye
picker with a note per unit or for all (SEÇİLEN BİRİMLERE YÖNLENDİR, and adding units
later), concluding without routing, and SÜRECİ TAMAMLA."""

from typing import Any

import reflex as rx

from mbs.core import labels
from mbs.core.commands import (
    RouteTarget,
    add_units,
    conclude_request,
    conclude_unrouted,
    route_request,
    set_priority,
)
from mbs.core.enums import Priority
from mbs.core.errors import DomainError
from mbs.core.queries.unit_pickers import UnitChoice, routable_units
from mbs.core.workflow import RequestAction
from mbs.ui.staff.request_actions import RequestActionMixin

PICKER_LIMIT = 50


def _choice(unit: UnitChoice) -> dict[str, str]:
    kind = (
        labels.BELEDIYE_KIND[unit.belediye_kind]
        if unit.belediye_kind
        else labels.UNIT_KIND[unit.kind]
    )
    return {
        "id": str(unit.id),
        "name": unit.name,
        "kind": kind,
        "province": unit.province_name,
        "busy": "1" if unit.busy else "",
    }


class CentralActionsMixin(RequestActionMixin, mixin=True):
    unit_query: str = ""
    unit_choices: list[dict[str, str]] = []
    selected: list[dict[str, str]] = []

    async def _load_choices(self) -> None:
        if not (self.can(RequestAction.ROUTE) or self.can(RequestAction.ADD_UNITS)):
            self.unit_choices = []
            return
        request_id, query = self._request_id, self.unit_query
        try:
            units = await self._peek_as_staff(
                lambda session, actor: routable_units(
                    session=session,
                    actor=actor,
                    request_id=request_id,
                    query=query,
                    limit=PICKER_LIMIT,
                )
            )
        except DomainError as problem:
            self.error = problem.message
            return
        self.unit_choices = [_choice(unit) for unit in units]

    @rx.event
    async def search_units(self, form: dict[str, Any]) -> None:
        """Birim ara: name and il words, Turkish-aware; the muhtarlık's own il first."""
        self.unit_query = str(form.get("birim_ara", "")).strip()
        await self._load_choices()

    @rx.event
    def pick_unit(self, unit_id: str) -> None:
        if any(item["id"] == unit_id for item in self.selected):
            return
        for choice in self.unit_choices:
            if choice["id"] == unit_id and not choice["busy"]:
                self.selected = [*self.selected, {**choice, "note": ""}]
                self.has_draft = True
                return

    @rx.event
    def drop_unit(self, unit_id: str) -> None:
        self.selected = [item for item in self.selected if item["id"] != unit_id]
        self.has_draft = bool(self.selected)

    @rx.event
    def keep_unit_note(self, unit_id: str, text: str) -> None:
        """A unit's note box lost the focus: keep what was typed (it survives errors)."""
        self.selected = [
            {**item, "note": text} if item["id"] == unit_id else item for item in self.selected
        ]
        if text.strip():
            self.has_draft = True

    @rx.event
    async def route(self, form: dict[str, Any]):  # noqa: ANN201
        """SEÇİLEN BİRİMLERE YÖNLENDİR (or Birimleri ekle on a routed request)."""
        common = str(form.get("ortak_not", "")).strip()
        self.selected = [
            {**item, "note": str(form.get(f"not_{item['id']}", item["note"]))}
            for item in self.selected
        ]
        targets = [
            RouteTarget(int(item["id"]), item["note"].strip() or common) for item in self.selected
        ]
        priority_value = str(form.get("oncelik", "")) or None
        request_id, version = self._request_id, self._version
        adding = self.status == "routed"
        self.busy = "route"
        yield

        def work(session, actor):  # noqa: ANN001, ANN202
            if adding:
                return add_units(
                    session=session,
                    actor=actor,
                    request_id=request_id,
                    expected_version=version,
                    targets=targets,
                )
            priority = Priority(priority_value) if priority_value else None
            return route_request(
                session=session,
                actor=actor,
                request_id=request_id,
                expected_version=version,
                targets=targets,
                priority=priority,
            )

        names = ", ".join(item["name"] for item in self.selected)
        redirect = await self._run(work, f"Talep yönlendirildi: {names}.")
        if not self.error:
            self.selected = []
            yield rx.set_value("ortak_not", "")
        await self._load_choices()
        yield redirect

    @rx.event
    async def change_priority(self, value: str):  # noqa: ANN201
        request_id, version = self._request_id, self._version
        self.busy = "priority"
        yield
        try:
            priority = Priority(value)
        except ValueError:
            self.busy, self.error = "", "Geçersiz öncelik."
            return
        yield await self._run(
            lambda session, actor: set_priority(
                session=session,
                actor=actor,
                request_id=request_id,
                expected_version=version,
                priority=priority,
            ),
            f"Öncelik {labels.PRIORITY[priority]} olarak kaydedildi.",
        )

    @rx.event
    async def conclude(self, form: dict[str, Any]):  # noqa: ANN201
        """SÜRECİ TAMAMLA with the summary for the muhtar."""
        summary = str(form.get("ozet", ""))
        request_id, version = self._request_id, self._version
        self.busy = "conclude"
        yield
        yield await self._run(
            lambda session, actor: conclude_request(
                session=session,
                actor=actor,
                request_id=request_id,
                expected_version=version,
                summary=summary,
            ),
            "Süreç tamamlandı; muhtara SMS gönderilecek.",
        )

    @rx.event
    async def conclude_without_routing(self, form: dict[str, Any]):  # noqa: ANN201
        explanation = str(form.get("aciklama", ""))
        request_id, version = self._request_id, self._version
        self.busy = "conclude_unrouted"
        yield
        yield await self._run(
            lambda session, actor: conclude_unrouted(
                session=session,
                actor=actor,
                request_id=request_id,
                expected_version=version,
                explanation=explanation,
            ),
            "Talep yönlendirilmeden sonuçlandırıldı; muhtara SMS gönderilecek.",
        )
