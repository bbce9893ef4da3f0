"""Delivery reports pushed to us: Verimor POSTs a JSON list of reports to the URL set in
its panel (OİM → SMS Ayarlarım) as soon as it learns a message's fate, and retries three
times, five minutes apart, until it gets 200.

The URL cannot carry a header, so it carries a shared secret (MBS_VERIMOR_REPORT_TOKEN)
in its query string; the HTTP route (mbs/ui/sms_report_route.py) compares it in
constant time, parses the body here and stores the reports in one transaction.
"""

import hmac
import json
import os
from collections.abc import Mapping, Sequence

from sqlmodel import Session

from mbs.core.errors import ValidationError
from mbs.core.sms.providers.base import DeliveryReport
from mbs.core.sms.providers.verimor import parse_push
from mbs.core.sms.reports import record_delivery_report

# Verimor pushes reports as they come; a list this large is not a report.
MAX_BODY_BYTES = 1_000_000
MIN_TOKEN_LENGTH = 24


def report_token(environ: Mapping[str, str] = os.environ) -> str | None:
    """The shared secret of the push URL, or None when pushes are switched off (unset).
    A secret shorter than MIN_TOKEN_LENGTH is a configuration error."""
    token = environ.get("MBS_VERIMOR_REPORT_TOKEN", "").strip()
    if not token:
        return None
    if len(token) < MIN_TOKEN_LENGTH:
        raise ValidationError(f"MBS_VERIMOR_REPORT_TOKEN en az {MIN_TOKEN_LENGTH} karakter olmalı.")
    return token


def token_matches(given: str, expected: str) -> bool:
    """Compare in constant time, so the answer's timing tells nothing about the secret."""
    return hmac.compare_digest(given.encode(), expected.encode())


def parse_verimor_push(raw: bytes) -> list[DeliveryReport]:
    """The delivery reports in a body Verimor pushed. Anything but a JSON list of objects
    is a ValidationError whose message (Turkish, then English) can go back to the
    sender; entries that are not delivery reports (inbound SMS, unknown states) are
    left out."""
    if len(raw) > MAX_BODY_BYTES:
        raise ValidationError("Rapor gövdesi çok büyük (report body too large).")
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ValidationError("Rapor gövdesi JSON değil (body is not valid JSON).") from None
    if not isinstance(payload, list):
        raise ValidationError(
            "Rapor gövdesi bir JSON listesi olmalı (body must be a JSON array of reports)."
        )
    if not all(isinstance(item, Mapping) for item in payload):
        raise ValidationError(
            "Listedeki her rapor bir JSON nesnesi olmalı (every report must be a JSON object)."
        )
    return parse_push(payload)


def record_pushed_reports(session: Session, reports: Sequence[DeliveryReport]) -> int:
    """Store the reports on their rows in the caller's transaction; returns how many rows
    changed (a repeated push changes nothing)."""
    return sum(
        record_delivery_report(session=session, report=report) is not None for report in reports
    )
