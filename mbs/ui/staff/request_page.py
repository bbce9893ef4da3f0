"""The request screen's state: data and live refresh (request_state), the central
unit's actions (request_central) and a unit's actions (request_unit)."""

import reflex as rx

from mbs.ui.staff.request_central import CentralActionsMixin
from mbs.ui.staff.request_unit import UnitActionsMixin


class StaffRequestState(CentralActionsMixin, UnitActionsMixin, rx.State):
    @rx.event
    async def on_load(self):  # noqa: ANN201
        self.selected, self.unit_query = [], ""
        self.complete_note = self.return_reason = self.forward_note = ""
        self.complete_outcome = ""
        redirect = await self._open(StaffRequestState)
        if redirect is None and self.found:
            await self._load_choices()
            await self._load_sub_units()
        return redirect

    @rx.event
    async def reload(self):  # noqa: ANN201
        """Yenile: the fresh state, dropping any draft."""
        self.error = self.result = ""
        redirect = await self._reload()
        await self._load_choices()
        await self._load_sub_units()
        return redirect
