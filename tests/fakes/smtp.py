"""A real SMTP server on 127.0.0.1 (aiosmtpd) for the e-mail tests, with a plan of
misbehaviours per message: answer 4xx or 5xx at RCPT or at the end of DATA, or hang
past the client's timeout at RCPT (before the message is sent) or at the end of DATA
(after it was, so the server has it)."""

import asyncio
import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller

OK = "ok"
BEHAVIOURS = {OK, "busy_rcpt", "reject_rcpt", "hang_rcpt", "busy_data", "reject_data", "hang_data"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Handler:
    def __init__(self, server: "FakeSmtp") -> None:
        self.server = server

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:  # noqa: E501, N802
        behaviour = self.server.next_behaviour()
        envelope.behaviour = behaviour
        if behaviour == "busy_rcpt":
            return "451 4.3.2 Sunucu meşgul, sonra deneyin"
        if behaviour == "reject_rcpt":
            return "550 5.1.1 Böyle bir posta kutusu yok"
        if behaviour == "hang_rcpt":
            await asyncio.sleep(self.server.hang_seconds)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        behaviour = getattr(envelope, "behaviour", OK)
        if behaviour == "busy_data":
            return "452 4.3.1 Yetersiz depolama alanı"
        if behaviour == "reject_data":
            return "554 5.6.0 İleti reddedildi"
        self.server.record(envelope.content)
        if behaviour == "hang_data":
            await asyncio.sleep(self.server.hang_seconds)
        return "250 2.0.0 Kabul edildi"


class FakeSmtp:
    """`with FakeSmtp() as smtp:` serves on smtp.host:smtp.port until the block ends."""

    def __init__(self, *, hang_seconds: float = 2.0) -> None:
        self.host = "127.0.0.1"
        self.port = _free_port()
        self.hang_seconds = hang_seconds
        self.received: list[bytes] = []  # raw messages the server accepted (or kept)
        self._plan: list[str] = []
        self._lock = threading.Lock()
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port)

    def plan(self, *behaviours: str) -> None:
        """Misbehave for the next messages, one behaviour each, then answer OK."""
        assert set(behaviours) <= BEHAVIOURS, behaviours
        with self._lock:
            self._plan.extend(behaviours)

    def next_behaviour(self) -> str:
        with self._lock:
            return self._plan.pop(0) if self._plan else OK

    def record(self, content: bytes) -> None:
        with self._lock:
            self.received.append(content)

    def messages(self) -> list[EmailMessage]:
        with self._lock:
            raw = list(self.received)
        return [message_from_bytes(data, policy=policy.default) for data in raw]  # type: ignore[misc]

    def __enter__(self) -> "FakeSmtp":
        self._controller.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._controller.stop()
