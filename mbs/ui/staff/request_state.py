"""The request screen's data (/kurum/talep/<id>): loading it for the user's unit,
showing it, and the live refresh while it is open.

The id in the address is only a lookup: the core answers "Talep bulunamadı." for a
request outside the unit's reach. `_version` is the version the user acts upon: a live
refresh takes the new one only while the user has no draft (a typed note or chosen
units), so someone who was writing when another user acted gets the conflict message
and the fresh state instead of a silent overwrite.
"""

from dataclasses import asdict
from typing import Any

import reflex as rx

from mbs.core.errors import DomainError, NotFound, PermissionDenied, SessionExpired
from mbs.core.queries.staff_request import StaffRequestView, staff_request_view
from mbs.core.workflow import AssignmentAction, RequestAction
from mbs.ui import live
from mbs.ui.staff.session import StaffSessionMixin, who

EXPIRED = "Oturumunuzun süresi doldu; bu sayfa artık güncellenmiyor. Yeniden giriş yapın."
CHANGED = "Bu talep siz bakarken değiştirildi; güncel hâli aşağıda."


def _strings(items: list[Any]) -> list[dict[str, str]]:
    return [
        {key: "" if value is None else str(value) for key, value in asdict(item).items()}
        for item in items
    ]


class RequestLoadMixin(StaffSessionMixin, mixin=True):
    found: bool = False
    loaded: bool = False
    error: str = ""  # the last action's refusal
    result: str = ""  # the last action's success, or a live change
    busy: str = ""  # the action in progress ("route", "complete", ...)
    live_serial: int = 0  # bumps on a live change, to replay the highlight
    tracking_no: str = ""
    type_label: str = ""
    status: str = ""
    status_label: str = ""
    priority: str = ""
    filed_at: str = ""
    updated_at: str = ""
    description: str = ""
    summary: str = ""
    muhtar_name: str = ""
    muhtar_tckn: str = ""
    muhtar_phone: str = ""
    muhtarlik: str = ""
    district: str = ""
    province: str = ""
    assignments: list[dict[str, str]] = []
    history: list[dict[str, str]] = []
    files: list[dict[str, str]] = []
    central_actions: list[str] = []
    still_working: list[str] = []
    any_finished: bool = False
    my_actions: list[str] = []
    open_forwards: list[str] = []
    has_draft: bool = False
    _request_id: int = 0
    _version: int = 0
    _assignment_id: int = 0
    _assignment_version: int = 0

    def _show(self, view: StaffRequestView, *, keep_version: bool = False) -> None:
        self.found, self.loaded = True, True
        self.tracking_no, self.type_label, self.status = (
            view.tracking_no,
            view.type,
            view.status.value,
        )
        self.status_label, self.priority = view.status_label, view.priority
        self.filed_at, self.updated_at = view.filed_at, view.updated_at
        self.description, self.summary = view.description, view.summary
        self.muhtar_name, self.muhtar_tckn = view.muhtar_name, view.muhtar_tckn
        self.muhtar_phone, self.muhtarlik = view.muhtar_phone, view.muhtarlik
        self.district, self.province = view.district, view.province
        self.assignments = _strings(view.assignments)
        self.history = _strings(view.history)
        self.files = _strings(view.files)
        self.still_working, self.any_finished = view.still_working, view.any_finished
        self.open_forwards = view.open_forwards
        if keep_version:
            return
        # The actions follow the version acted upon, so they change together.
        self.central_actions = sorted(a.value for a in view.central_actions)
        self.my_actions = sorted(a.value for a in view.my_actions)
        self._version = view.version
        self._assignment_id = view.my_assignment_id or 0
        self._assignment_version = view.my_assignment_version

    def _not_found(self, message: str) -> None:
        self.found, self.loaded, self.error = False, True, message
        self.assignments, self.history, self.files = [], [], []
        self.central_actions, self.my_actions = [], []

    async def _reload(self):  # noqa: ANN202
        """Read the request again for this user (one transaction)."""
        request_id = self._request_id
        try:
            session_who, view = await self._as_staff(
                lambda session, actor: (
                    who(session, actor),
                    staff_request_view(session=session, actor=actor, request_id=request_id),
                )
            )
        except (SessionExpired, PermissionDenied) as error:
            return await self._to_login(error)
        except NotFound as error:
            self._not_found(error.message)
            return None
        await self._load_who(session_who)
        self._show(view)
        self.has_draft = False
        return None

    async def _open(self, state_class: type[rx.State]):  # noqa: ANN202
        raw = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1]
        self._request_id = int(raw) if raw.isdigit() and len(raw) < 12 else 0
        self.error = self.result = self.busy = ""
        redirect = await self._reload()
        if redirect is not None or not self.found:
            live.unwatch(self.router.session.client_token)
            return redirect
        audience = await self._peek_as_staff(
            lambda _session, actor: (
                live.Audience(central=True)
                if actor.is_central
                else live.Audience(unit_id=actor.unit_id)
            )
        )
        live.watch(self.router.session.client_token, audience, state_class)
        return None

    async def on_live_change(self, request_ids: list[int]) -> None:
        """Re-read when this request changed (another user or unit acted on it)."""
        if self._request_id not in request_ids or self.busy:
            return
        request_id = self._request_id
        try:
            view = await self._peek_as_staff(
                lambda session, actor: staff_request_view(
                    session=session, actor=actor, request_id=request_id
                )
            )
        except NotFound as error:
            self._not_found(error.message)
            return
        except DomainError:
            live.unwatch(self.router.session.client_token)
            self.error = EXPIRED
            return
        if view.version == self._version:
            return
        self._show(view, keep_version=self.has_draft)
        self.live_serial += 1
        self.result = CHANGED if self.has_draft else "Talep güncellendi."

    @rx.event
    def mark_draft(self, text: str) -> None:
        """A note box lost the focus with text in it: the user is preparing an action."""
        if text.strip():
            self.has_draft = True

    @rx.event
    async def refresh(self):  # noqa: ANN201
        self.error = self.result = ""
        return await self._reload()

    def can(self, action: RequestAction | AssignmentAction) -> bool:
        return action.value in self.central_actions or action.value in self.my_actions
