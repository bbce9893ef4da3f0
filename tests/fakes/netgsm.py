"""A local Netgsm: REST v2 send, OTP and report endpoints with HTTP Basic auth, the
JSON answers and error codes of the real service, and a job list tests can inspect and
mark delivered."""

import base64
import json
from datetime import datetime
from typing import Any

from mbs.core import clock
from tests.fakes.gateway import FakeGateway, json_answer, text_answer


class FakeNetgsm(FakeGateway):
    def __init__(
        self,
        *,
        usercode: str = "8503001122",
        password: str = "netgsm-Gizli-Parola",
        header: str = "MBS",
        **options: Any,
    ) -> None:
        super().__init__(**options)
        self.usercode, self.password, self.header = usercode, password, header
        self.jobs: list[dict[str, Any]] = []  # one per accepted message
        self.bad_numbers: set[str] = set()  # ten-digit numbers refused with code 70
        self.send_requests: list[dict[str, Any]] = []  # accepted or not, as decoded
        self.report_plan: list[str] = []  # "rate_limit" answers code 80 once
        self._next_jobid = 17000

    def handle(self, method, path, query, body, headers):
        if path in ("/sms/rest/v2/send", "/sms/rest/v2/otp") and method == "POST":
            return self._send(path, body, headers)
        if path == "/sms/rest/v2/report" and method == "POST":
            return self._report(body, headers)
        return text_answer(404, "Not Found")

    def _authorized(self, headers) -> bool:
        expected = base64.b64encode(f"{self.usercode}:{self.password}".encode()).decode()
        return headers.get("Authorization") == f"Basic {expected}"

    def _send(self, path: str, body: bytes, headers):
        behaviour = self.next_behaviour()
        data = json.loads(body or b"{}")
        with self.lock:
            self.send_requests.append({"path": path, **data})
        if behaviour == "auth" or not self._authorized(headers):
            return json_answer(406, {"code": "30", "description": "Geçersiz kullanıcı adı"})
        if behaviour == "rate_limit":
            return json_answer(406, {"code": "80", "description": "Gönderim sınır aşımı"})
        if behaviour in ("server_error", "unavailable"):
            return text_answer(500 if behaviour == "server_error" else 503, "Hata")
        if behaviour == "hang":
            return json_answer(406, {"code": "100"}, delay=self.slow_seconds)
        if behaviour == "malformed":
            return text_answer(200, "<html><body>Bakım çalışması</body></html>")
        if data.get("msgheader") != self.header:
            return json_answer(406, {"code": "40", "description": "Başlık tanımsız"})
        messages = [data] if path.endswith("/otp") else data.get("messages") or []
        numbers = [str(m.get("no", "")) for m in messages]
        if not messages or any(
            len(n) != 10 or not n.startswith("5") or n in self.bad_numbers for n in numbers
        ):
            return json_answer(406, {"code": "70", "description": "Parametre hatası"})
        if path.endswith("/send") and data.get("encoding") != "TR":
            return json_answer(406, {"code": "70", "description": "encoding"})
        with self.lock:
            self._next_jobid += 1
            jobid = str(self._next_jobid)
            for message in messages:
                self.jobs.append(
                    {"jobid": jobid, "no": message["no"], "msg": message["msg"],
                     "status": 0, "at": clock.now(), "otp": path.endswith("/otp")}
                )  # fmt: skip
        delay = self.slow_seconds if behaviour == "lost" else 0.0
        return json_answer(200, {"code": "00", "jobid": jobid, "description": "queued"}, delay)

    def _report(self, body: bytes, headers):
        if not self._authorized(headers):
            return json_answer(406, {"code": "30"})
        if self.report_plan and self.report_plan.pop(0) == "rate_limit":
            return json_answer(406, {"code": "80", "description": "Sorgu sınırı"})
        data = json.loads(body or b"{}")
        with self.lock:
            jobs = list(self.jobs)
        if "jobids" in data:
            wanted = {str(j) for j in data["jobids"]}
            jobs = [job for job in jobs if job["jobid"] in wanted]
        elif "startdate" in data and "stopdate" in data:
            start, stop = _parse(data["startdate"]), _parse(data["stopdate"])
            jobs = [job for job in jobs if start <= job["at"] <= stop]
        else:
            return json_answer(406, {"code": "70"})
        if not jobs:
            return json_answer(406, {"code": "60", "description": "Kayıt yok", "jobs": None})
        rows = [
            {"jobid": job["jobid"], "number": f"90{job['no']}", "status": job["status"],
             "operator": 30, "msglen": 1, "deliveredDate": job.get("delivered", ""),
             "errorCode": 0}
            for job in jobs
        ]  # fmt: skip
        return json_answer(200, {"code": "00", "description": "success", "jobs": rows})

    def deliver(self, status: int = 1, *, number: str | None = None) -> None:
        """Set the report status of every job (or those to one ten-digit number)."""
        stamp = clock.local(clock.now()).strftime("%d.%m.%Y %H:%M:%S")
        with self.lock:
            for job in self.jobs:
                if number is None or job["no"] == number:
                    job["status"], job["delivered"] = status, stamp

    def bodies(self) -> list[str]:
        with self.lock:
            return [job["msg"] for job in self.jobs]


def _parse(text: str) -> datetime:
    return datetime.strptime(text, "%d%m%Y%H%M%S").replace(tzinfo=clock.ISTANBUL)
