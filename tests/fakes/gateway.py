"""A tiny HTTP server on 127.0.0.1 (free port, own thread) that the provider fakes build
on. A test scripts what the next send requests meet: `gateway.plan("rate_limit", "ok")`;
once the plan is used up, every request is answered normally ("ok")."""

import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

# Send behaviours a test can plan:
#   ok          accepted and answered
#   lost        accepted, but the answer comes too late (the client times out)
#   hang        not accepted, and no answer in time
#   malformed   not accepted; HTTP 200 with a body nobody can read
#   rate_limit  not accepted; the provider's rate-limit answer
#   auth        not accepted; wrong credentials answer
#   server_error / unavailable   not accepted; HTTP 500 / 503
BEHAVIOURS = {
    "ok",
    "lost",
    "hang",
    "malformed",
    "rate_limit",
    "auth",
    "server_error",
    "unavailable",
}


class FakeGateway:
    def __init__(self, *, latency: float = 0.0, slow_seconds: float = 1.0) -> None:
        self.latency = latency  # every answer waits this long (a real gateway's round trip)
        self.slow_seconds = slow_seconds  # for "lost" and "hang"
        self.lock = threading.Lock()
        self._plan: deque[str] = deque()
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "FakeGateway":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def plan(self, *behaviours: str) -> None:
        unknown = set(behaviours) - BEHAVIOURS
        assert not unknown, unknown
        with self.lock:
            self._plan.extend(behaviours)

    def next_behaviour(self) -> str:
        with self.lock:
            return self._plan.popleft() if self._plan else "ok"

    def handle(self, method: str, path: str, query: dict[str, str], body: bytes, headers: Any):
        """Subclasses answer: (status, content type, body bytes, accepted-then-slow)."""
        raise NotImplementedError

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like a real gateway
            disable_nagle_algorithm = True  # else delayed ACKs add 40 ms per answer

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def _serve(self, method: str) -> None:
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with gateway.lock:
                    gateway.requests.append((method, parts.path))
                status, content_type, payload, delay = gateway.handle(
                    method, parts.path, query, body, self.headers
                )
                time.sleep(gateway.latency + delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up waiting (planned timeouts)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


def json_answer(status: int, data: object, delay: float = 0.0):
    return status, "application/json", json.dumps(data).encode(), delay


def text_answer(status: int, text: str, delay: float = 0.0):
    return status, "text/plain; charset=utf-8", text.encode(), delay
