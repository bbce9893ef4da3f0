"""TALEP SORGULAMA (/talep-sorgulama): Bekleyen, Yönlendirilen and Sonuçlanan
Taleplerim, newest first, a page at a time, updated live while open."""

from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from mbs.core.actors import MuhtarActor
from mbs.core.clock import format_tr
from mbs.core.enums import RequestStatus
from mbs.core.errors import DomainError, PermissionDenied, SessionExpired, ValidationError
from mbs.core.labels import REQUEST_TYPE
from mbs.core.queries.muhtar_lists import muhtar_counts, muhtar_requests
from mbs.ui import live
from mbs.ui.muhtar.session import Events, MuhtarSessionMixin

PAGE_SIZE = 10
LIST_TITLES = {
    RequestStatus.PENDING: "Bekleyen Taleplerim",
    RequestStatus.ROUTED: "Yönlendirilen Taleplerim",
    RequestStatus.CONCLUDED: "Sonuçlanan Taleplerim",
}
EMPTY = {
    RequestStatus.PENDING: "Bekleyen talebiniz yok.",
    RequestStatus.ROUTED: "Yönlendirilmiş talebiniz yok.",
    RequestStatus.CONCLUDED: "Sonuçlanmış talebiniz yok.",
}
EXPIRED = "Oturumunuzun süresi doldu; liste artık güncellenmiyor. Yeniden giriş yapın."


@dataclass(frozen=True)
class Listing:
    counts: dict[str, int]
    rows: list[dict[str, str]]
    page: int
    has_next: bool
    muhtarlik_id: int


def _listing(session: Session, actor: MuhtarActor, status: str, page: int) -> Listing:
    found = muhtar_requests(
        session=session,
        actor=actor,
        status=RequestStatus(status),
        page=page,
        page_size=PAGE_SIZE,
    )
    if not found.rows and page > 1:
        # The last request of this page moved on: show the page before it.
        return _listing(session, actor, status, page - 1)
    counts = muhtar_counts(session=session, actor=actor)
    return Listing(
        counts={key.value: value for key, value in counts.items()},
        rows=[
            {
                "id": str(row.id),
                "tracking_no": row.tracking_no,
                "filed_at": format_tr(row.created_at),
                "type": REQUEST_TYPE[row.type],
                "excerpt": row.excerpt,
            }
            for row in found.rows
        ],
        page=found.page,
        has_next=found.has_next,
        muhtarlik_id=actor.muhtarlik_id,
    )


class MuhtarRequestsState(MuhtarSessionMixin, rx.State):
    status: str = RequestStatus.PENDING.value
    page: int = 1
    counts: dict[str, int] = {}
    rows: list[dict[str, str]] = []
    has_next: bool = False
    loaded: bool = False
    error: str = ""

    def _show(self, listing: Listing) -> None:
        self.counts, self.rows = listing.counts, listing.rows
        self.page, self.has_next = listing.page, listing.has_next
        self.loaded, self.error = True, ""

    async def _load(self) -> Events:
        status, page = self.status, self.page
        try:
            listing = await self._as_muhtar(
                lambda session, actor: _listing(session, actor, status, page)
            )
        except (SessionExpired, PermissionDenied) as error:
            return await self._to_login(error)
        except ValidationError as problem:
            self.error = problem.message
            return None
        self._show(listing)
        live.watch(
            self.router.session.client_token,
            live.Audience(muhtarlik_id=listing.muhtarlik_id),
            MuhtarRequestsState,
        )
        return None

    @rx.event
    async def on_load(self) -> Events:
        return await self._load()

    @rx.event
    async def show(self, status: str) -> Events:
        if status not in LIST_TITLES:
            return None
        self.status, self.page = status, 1
        return await self._load()

    @rx.event
    async def next_page(self) -> Events:
        if self.has_next:
            self.page += 1
        return await self._load()

    @rx.event
    async def previous_page(self) -> Events:
        self.page = max(1, self.page - 1)
        return await self._load()

    async def on_live_change(self, request_ids: list[int]) -> None:
        """A unit or MİGM acted on one of the muhtarlık's requests: re-read."""
        status, page = self.status, self.page
        try:
            listing = await self._peek_as_muhtar(
                lambda session, actor: _listing(session, actor, status, page)
            )
        except DomainError:
            live.unwatch(self.router.session.client_token)
            self.error = EXPIRED
            return
        self._show(listing)
