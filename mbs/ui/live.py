"""Live screens: each backend worker follows the event log and refreshes the open
screens of its own clients that a change concerns.

Why polling the event log: changes come from every process (web workers, the command
line, scheduled jobs), and each leaves an Event row after its commit, so a reader never
pushes uncommitted data. With Redis, each worker holds the websockets of its own
clients, so each worker runs this task (Reflex runs lifespan tasks in every worker) and
serves only the clients that registered with it.
"""

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, Protocol

import reflex as rx
from reflex.istate.manager.token import BaseStateToken

from mbs.core.db import transaction
from mbs.core.live import Change, changes_since, latest_event_id

POLL_SECONDS = 0.25
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Audience:
    """Whose screen this is: the central unit, one unit, or one muhtarlık."""

    central: bool = False
    unit_id: int | None = None
    muhtarlik_id: int | None = None

    def concerns(self, change: Change) -> bool:
        if self.central:
            return True
        if self.muhtarlik_id is not None:
            return change.muhtarlik_id == self.muhtarlik_id
        return self.unit_id in change.unit_ids


class LiveState(Protocol):
    async def on_live_change(self, request_ids: list[int]) -> None: ...


_watchers: dict[str, tuple[Audience, type[rx.State]]] = {}


def watch(client_token: str, audience: Audience, state_class: type[rx.State]) -> None:
    """Refresh `state_class` of this client when a change concerns `audience`.

    The state class must define `async def on_live_change(self, request_ids)`; it runs
    while the client's state is locked, so it should only re-read what it shows."""
    _watchers[client_token] = (audience, state_class)


def unwatch(client_token: str) -> None:
    _watchers.pop(client_token, None)


def watched() -> dict[str, tuple[Audience, type[rx.State]]]:
    return dict(_watchers)


async def follow_event_log(app: rx.App) -> None:
    """Lifespan task: poll for new events and push to the clients they concern."""
    last = await asyncio.to_thread(_read_latest)
    while True:
        await asyncio.sleep(POLL_SECONDS)
        try:
            last, changes = await asyncio.to_thread(_read_changes, last)
        except Exception:  # a database hiccup must not end live updates for good
            logger.exception("live updates: reading the event log failed")
            continue
        if changes:
            await _fan_out(app, changes)


def _read_latest() -> int:
    with transaction() as session:
        return latest_event_id(session)


def _read_changes(last: int) -> tuple[int, list[Change]]:
    with transaction() as session:
        return changes_since(session, last)


async def _fan_out(app: rx.App, changes: list[Change]) -> None:
    pushes: list[Awaitable[None]] = []
    for token, (audience, state_class) in list(_watchers.items()):
        request_ids = [c.request_id for c in changes if audience.concerns(c)]
        if request_ids:
            pushes.append(_push(app, token, state_class, request_ids))
    if pushes:
        await asyncio.gather(*pushes)


async def _push(
    app: rx.App, token: str, state_class: type[rx.State], request_ids: list[int]
) -> None:
    manager = app.event_namespace._token_manager if app.event_namespace else None
    if manager is not None and not await manager.is_token_connected(token):
        unwatch(token)
        return
    try:
        async with app.modify_state(BaseStateToken(ident=token, cls=state_class)) as root:
            state: Any = await root.get_state(state_class)
            await state.on_live_change(request_ids)
    except Exception:
        logger.exception("live updates: refreshing a client failed")
