"""A local Verimor: `POST /v2/send.json` (campaign id as plain text, error names with
400), `GET /v2/status` (by id or custom_id, 100 messages a page), and the push body."""

import json
from typing import Any

from mbs.core import clock
from tests.fakes.gateway import FakeGateway, json_answer, text_answer


class FakeVerimor(FakeGateway):
    def __init__(
        self,
        *,
        username: str = "908501234567",
        password: str = "verimor-Gizli-Parola",
        source_addr: str = "MBS",
        **options: Any,
    ) -> None:
        super().__init__(**options)
        self.username, self.password, self.source_addr = username, password, source_addr
        self.campaigns: list[dict[str, Any]] = []
        self.send_requests: list[dict[str, Any]] = []
        self._next_campaign, self._next_message = 20120, 13582300

    def handle(self, method, path, query, body, headers):
        if path == "/v2/send.json" and method == "POST":
            return self._send(json.loads(body or b"{}"))
        if path == "/v2/status" and method == "GET":
            return self._status(query)
        return text_answer(404, "Not Found")

    def _send(self, data: dict[str, Any]):
        behaviour = self.next_behaviour()
        with self.lock:
            self.send_requests.append(data)
        if behaviour == "auth" or (data.get("username"), data.get("password")) != (
            self.username,
            self.password,
        ):
            return text_answer(401, "Geçersiz kullanıcı adı/şifre")
        if behaviour == "rate_limit":
            return text_answer(429, "Too Many Requests")
        if behaviour in ("server_error", "unavailable"):
            return text_answer(500 if behaviour == "server_error" else 503, "Hata")
        if behaviour == "hang":
            return text_answer(400, "SEND_ERROR", delay=self.slow_seconds)
        if behaviour == "malformed":
            return text_answer(200, "<html>Bakım</html>")
        if data.get("source_addr") != self.source_addr:
            return text_answer(400, "INVALID_SOURCE_ADDRESS")
        messages = data.get("messages") or []
        if not messages:
            return text_answer(400, "MISSING_MESSAGE")
        for message in messages:
            dest = str(message.get("dest", ""))
            if len(dest) != 12 or not dest.startswith("905"):
                return text_answer(400, "INVALID_DESTINATION_ADDRESS")
        with self.lock:
            self._next_campaign += 1
            campaign = {"campaign_id": self._next_campaign, "custom_id": data.get("custom_id"),
                        "valid_for": data.get("valid_for"), "messages": []}  # fmt: skip
            for message in messages:
                self._next_message += 1
                campaign["messages"].append(
                    {"message_id": str(self._next_message), "message_custom_id": message.get("id"),
                     "dest": message["dest"], "msg": message["msg"], "status": "WAITING",
                     "gsm_error": "0", "sent_at": None, "done_at": None}
                )  # fmt: skip
            self.campaigns.append(campaign)
        delay = self.slow_seconds if behaviour == "lost" else 0.0
        return text_answer(200, str(campaign["campaign_id"]), delay)

    def _status(self, query: dict[str, str]):
        if (query.get("username"), query.get("password")) != (self.username, self.password):
            return text_answer(401, "Geçersiz kullanıcı adı/şifre")
        with self.lock:
            if "id" in query:
                found = [c for c in self.campaigns if str(c["campaign_id"]) == query["id"]]
            else:
                found = [c for c in self.campaigns if c["custom_id"] == query.get("custom_id")]
            if not found:
                return text_answer(404, "Bu idye sahip kampanya bulunamadı")
            rows = [self._row(found[0], m) for m in found[0]["messages"]]
        after = int(query.get("greater_than") or 0)
        rows = [row for row in rows if int(row["message_id"]) > after][:100]
        return json_answer(200, rows)

    @staticmethod
    def _row(campaign: dict[str, Any], message: dict[str, Any]) -> dict[str, Any]:
        return {
            "campaign_id": campaign["campaign_id"],
            "campaign_custom_id": campaign["custom_id"],
            **{k: message[k] for k in ("message_id", "message_custom_id", "dest", "status",
                                       "gsm_error", "sent_at", "done_at")},
            "size": 1, "international_multiplier": 1, "credits": 1,
        }  # fmt: skip

    def deliver(self, status: str = "DELIVERED", *, dest: str | None = None) -> None:
        stamp = clock.local(clock.now()).strftime("%Y-%m-%d %H:%M:%S")
        with self.lock:
            for campaign in self.campaigns:
                for message in campaign["messages"]:
                    if dest is None or message["dest"] == dest:
                        message["status"], message["done_at"] = status, stamp
                        message["gsm_error"] = "0" if status == "DELIVERED" else "1"

    def push_body(self) -> list[dict[str, Any]]:
        """What Verimor would POST to our callback URL for every message."""
        with self.lock:
            return [
                {"type": "outbound", **self._row(c, m)}
                for c in self.campaigns
                for m in c["messages"]
            ]

    def bodies(self) -> list[str]:
        with self.lock:
            return [m["msg"] for c in self.campaigns for m in c["messages"]]
