"""One request (/talep-sorgulama/<id>): its text, where it is now, and its hareket
bilgileri, updated live while open.

The id in the address is only a lookup: the core answers "Talep bulunamadı." for any
request outside the muhtar's own muhtarlık, whether it exists or not.
"""

from dataclasses import asdict

import reflex as rx

from mbs.core.errors import DomainError, NotFound, PermissionDenied, SessionExpired
from mbs.core.permissions import NOT_FOUND
from mbs.core.queries.muhtar_request import MuhtarRequestView, muhtar_request_view
from mbs.ui import live
from mbs.ui.muhtar.session import Events, MuhtarSessionMixin

EXPIRED = "Oturumunuzun süresi doldu; bu sayfa artık güncellenmiyor. Yeniden giriş yapın."


def _text_rows(items: list) -> list[dict[str, str]]:
    return [{key: str(value) for key, value in asdict(item).items()} for item in items]


class MuhtarRequestPageState(MuhtarSessionMixin, rx.State):
    found: bool = False
    loaded: bool = False
    error: str = ""
    tracking_no: str = ""
    type: str = ""
    status: str = ""
    status_label: str = ""
    filed_at: str = ""
    muhtarlik: str = ""
    filed_by: str = ""
    description: str = ""
    where_now: str = ""
    units: list[dict[str, str]] = []
    steps: list[dict[str, str]] = []
    files: list[dict[str, str]] = []
    _request_id: int = 0

    def _show(self, view: MuhtarRequestView) -> None:
        self.found, self.loaded, self.error = True, True, ""
        self.tracking_no, self.type = view.tracking_no, view.type
        self.status, self.status_label = view.status.value, view.status_label
        self.filed_at, self.muhtarlik, self.filed_by = view.filed_at, view.muhtarlik, view.filed_by
        self.description, self.where_now = view.description, view.where_now
        self.units = _text_rows(view.units)
        self.steps = _text_rows(view.steps)
        self.files = _text_rows(view.files)

    def _not_found(self, message: str = NOT_FOUND) -> None:
        self.found, self.loaded, self.error = False, True, message
        self.units, self.steps, self.files = [], [], []

    @rx.event
    async def on_load(self) -> Events:
        raw = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1]
        self._request_id = int(raw) if raw.isdigit() and len(raw) < 12 else 0
        request_id = self._request_id
        try:
            view, muhtarlik_id = await self._as_muhtar(
                lambda session, actor: (
                    muhtar_request_view(session=session, actor=actor, request_id=request_id),
                    actor.muhtarlik_id,
                )
            )
        except (SessionExpired, PermissionDenied) as error:
            return await self._to_login(error)
        except NotFound as error:
            self._not_found(error.message)
            live.unwatch(self.router.session.client_token)
            return None
        self._show(view)
        live.watch(
            self.router.session.client_token,
            live.Audience(muhtarlik_id=muhtarlik_id),
            MuhtarRequestPageState,
        )
        return None

    async def on_live_change(self, request_ids: list[int]) -> None:
        """Re-read when this request changed (a unit or MİGM acted on it)."""
        if self._request_id not in request_ids:
            return
        request_id = self._request_id
        try:
            view = await self._peek_as_muhtar(
                lambda session, actor: muhtar_request_view(
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
        self._show(view)
