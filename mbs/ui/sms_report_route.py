"""POST /api/sms/verimor/rapor?token=…: Verimor pushes delivery reports here.

Verimor's panel takes only a URL, so the shared secret (MBS_VERIMOR_REPORT_TOKEN) rides
in its query string (`X-MBS-Token` works too, for a proxy that adds it). The route is
off (404, as if it did not exist) while no secret is configured. A wrong secret gets
401 with no hint why; a body that is not a JSON list of reports gets 400 with the
reason; the reports are stored in one transaction (mbs/core/sms/push.py) and answered
with 200, which tells Verimor to stop retrying. Access logs see the secret masked.
"""

import asyncio
import logging
import re

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from mbs.core.db import transaction
from mbs.core.errors import ValidationError
from mbs.core.sms.providers.base import DeliveryReport
from mbs.core.sms.push import (
    MAX_BODY_BYTES,
    parse_verimor_push,
    record_pushed_reports,
    report_token,
    token_matches,
)

log = logging.getLogger("mbs.sms")

TOKEN_HEADER = "x-mbs-token"
UNAUTHORIZED = "Yetkisiz istek (unauthorized)."
TOO_LARGE = "Rapor gövdesi çok büyük (report body too large)."


class _MaskToken(logging.Filter):
    """Keeps the push secret out of the server's access log lines."""

    _pattern = re.compile(r"(token=)[^&\s\"']+")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "token=" in message:
            record.msg, record.args = self._pattern.sub(r"\1***", message), ()
        return True


for _logger in ("uvicorn.access", "granian.access"):
    logging.getLogger(_logger).addFilter(_MaskToken())


async def verimor_reports(request: Request) -> Response:
    try:
        expected = report_token()
    except ValidationError as problem:
        log.error("Verimor rapor adresi kapalı: %s", problem.message)
        return PlainTextResponse("Not Found", status_code=404)
    if expected is None:
        return PlainTextResponse("Not Found", status_code=404)
    given = request.query_params.get("token") or request.headers.get(TOKEN_HEADER) or ""
    if not token_matches(given, expected):
        return PlainTextResponse(UNAUTHORIZED, status_code=401)
    raw = await _body(request)
    if raw is None:
        return PlainTextResponse(TOO_LARGE, status_code=413)
    try:
        reports = parse_verimor_push(raw)
    except ValidationError as problem:
        return PlainTextResponse(problem.message, status_code=400)
    changed = await asyncio.to_thread(_store, reports)
    return JSONResponse({"reports": len(reports), "changed": changed})


async def _body(request: Request) -> bytes | None:
    """The body, or None past MAX_BODY_BYTES (read no further than that)."""
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                return None
            chunks.append(chunk)
    except ClientDisconnect:
        return b""
    return b"".join(chunks)


def _store(reports: list[DeliveryReport]) -> int:
    with transaction() as session:
        changed = record_pushed_reports(session, reports)
    if changed:
        log.info("Verimor'dan %d SMS için iletim raporu geldi.", changed)
    return changed
