"""Which browser origins may talk to the backend (CORS and the event websocket).

Reflex allows every origin ("*") unless told otherwise; MBS never does, because the
websocket carries logged-in sessions. rxconfig.py reads the list from here.
"""

import os
from collections.abc import Mapping

# The addresses `make run` and `reflex run` serve the frontend on.
LOCAL_DEV_ORIGINS = ("http://localhost:3000", "http://127.0.0.1:3000")


class OriginsConfigError(SystemExit):
    """The configured origins are missing or unsafe; the app must not start.

    A SystemExit so that Reflex prints the Turkish message as one line and stops,
    instead of a traceback.
    """


def allowed_origins(environ: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    """Origins from MBS_CORS_ORIGINS (comma-separated), or the local dev origins.

    In production (MBS_ENV=production) the list is required: a missing value would
    silently fall back to localhost and lock every real user out.
    """
    raw = environ.get("MBS_CORS_ORIGINS", "")
    origins = tuple(origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip())
    if "*" in origins:
        raise OriginsConfigError(
            "MBS_CORS_ORIGINS içinde '*' kullanılamaz: izin verilen adresleri tek tek yazın."
        )
    for origin in origins:
        if not origin.startswith(("http://", "https://")):
            raise OriginsConfigError(
                f"MBS_CORS_ORIGINS geçersiz: {origin!r} http:// veya https:// ile başlamalı."
            )
    if origins:
        return origins
    if environ.get("MBS_ENV", "").strip().lower() == "production":
        raise OriginsConfigError(
            "Üretim ortamında (MBS_ENV=production) MBS_CORS_ORIGINS tanımlanmalıdır, "
            "örneğin MBS_CORS_ORIGINS=https://muhtar.example.gov.tr"
        )
    return LOCAL_DEV_ORIGINS
