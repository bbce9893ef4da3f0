"""How every action of the request screen runs: progress on the button, one
transaction through the core, a clear Turkish result, and on a conflict the message
plus the fresh state, with what the user typed kept."""

from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from mbs.core.actors import StaffActor
from mbs.core.errors import ConflictError, DomainError, SessionExpired
from mbs.ui.staff.request_state import RequestLoadMixin

Work = Callable[[Session, StaffActor], Any]


class RequestActionMixin(RequestLoadMixin, mixin=True):
    async def _run(self, work: Work, done: str):  # noqa: ANN202
        """Run one action; returns a redirect when the session is gone, else None. The
        result or error is in `self.result` / `self.error`."""
        self.error = self.result = ""
        try:
            await self._as_staff(work)
        except SessionExpired as error:
            self.busy = ""
            return await self._to_login(error)
        except ConflictError as conflict:
            self.busy = ""
            redirect = await self._reload()
            self.error = conflict.message
            return redirect
        except DomainError as problem:
            self.busy = ""
            self.error = problem.message
            return None
        self.busy = ""
        redirect = await self._reload()
        self.result = done
        return redirect
