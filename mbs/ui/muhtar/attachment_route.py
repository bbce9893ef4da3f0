"""GET /api/ek/<id>: one attachment, to whoever may see its request.

Files never sit in a public folder: this route looks the session cookie up on the
server, asks the core (`open_attachment`) whether that actor may see the file, and only
then streams it. Anything else gets a short Turkish reason and no hint whether the file
exists.
"""

import asyncio
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from mbs.core.auth import resolve_session
from mbs.core.db import transaction
from mbs.core.errors import NotFound, PermissionDenied, SessionExpired
from mbs.core.models import Attachment
from mbs.core.queries.requests import open_attachment
from mbs.ui.muhtar.session import SESSION_COOKIE

# Cookies that may carry a session, tried in order (staff pages may add theirs).
SESSION_COOKIES = (SESSION_COOKIE,)
NO_SESSION = "Oturumunuz yok veya süresi doldu. Giriş yapıp yeniden deneyin."
NOT_FOUND = "Dosya bulunamadı."
# Shown in the browser, not downloaded; anything else is saved as a file.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "application/pdf"})


def _open(tokens: list[str], attachment_id: int) -> tuple[Attachment, Path]:
    for token in tokens:
        with transaction() as session:
            try:
                actor = resolve_session(session=session, token=token)
            except (SessionExpired, PermissionDenied):
                continue
            return open_attachment(session=session, actor=actor, attachment_id=attachment_id)
    raise SessionExpired(NO_SESSION)


async def download(request: Request) -> Response:
    tokens = [request.cookies[name] for name in SESSION_COOKIES if request.cookies.get(name)]
    raw = str(request.path_params.get("attachment_id", ""))
    if not tokens:
        return PlainTextResponse(NO_SESSION, status_code=401)
    if not raw.isdigit() or len(raw) > 12:
        return PlainTextResponse(NOT_FOUND, status_code=404)
    try:
        attachment, path = await asyncio.to_thread(_open, tokens, int(raw))
    except SessionExpired:
        return PlainTextResponse(NO_SESSION, status_code=401)
    except NotFound:
        return PlainTextResponse(NOT_FOUND, status_code=404)
    inline = attachment.content_type in INLINE_TYPES
    return FileResponse(
        path,
        media_type=attachment.content_type,
        filename=attachment.original_name,
        content_disposition_type="inline" if inline else "attachment",
        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
    )
