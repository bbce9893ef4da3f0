"""Verimor's pushed delivery reports: the body parser, the shared secret's settings."""

import json

import pytest

from mbs.core.errors import ValidationError
from mbs.core.sms.providers.base import DeliveryState
from mbs.core.sms.push import (
    MAX_BODY_BYTES,
    parse_verimor_push,
    report_token,
    token_matches,
)

REPORT = {
    "type": "outbound",
    "campaign_id": 20121,
    "campaign_custom_id": "parti-1",
    "message_id": "13582302",
    "message_custom_id": "anahtar-1",
    "dest": "905319876543",
    "size": 1,
    "international_multiplier": 1,
    "credits": 1,
    "status": "DELIVERED",
    "gsm_error": "0",
    "sent_at": "2026-11-22 16:06:00",
    "done_at": "2026-11-22 16:06:30",
}
INBOUND = {"message_id": 1234, "type": "inbound", "source_addr": "905319876543", "content": "x"}


def body(*items: object) -> bytes:
    return json.dumps(list(items)).encode()


def test_a_push_becomes_reports_in_turkeys_time():
    failed = {**REPORT, "message_custom_id": "anahtar-2", "status": "NOT_DELIVERED",
              "gsm_error": "27"}  # fmt: skip
    delivered, not_delivered = parse_verimor_push(body(REPORT, failed, INBOUND))
    assert delivered.provider == "verimor" and delivered.state is DeliveryState.DELIVERED
    assert (delivered.message_key, delivered.provider_ref) == ("anahtar-1", "20121")
    assert delivered.phone == "905319876543"
    assert delivered.done_at is not None and delivered.done_at.isoformat() == (
        "2026-11-22T16:06:30+03:00"
    )
    assert not_delivered.state is DeliveryState.FAILED
    assert not_delivered.reason is not None and "27" in not_delivered.reason


def test_entries_that_are_not_reports_are_left_out():
    unknown = {**REPORT, "status": "BILINMEYEN"}
    assert parse_verimor_push(body(INBOUND, unknown)) == []
    assert parse_verimor_push(b"[]") == []


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"<html>", "JSON değil"),
        (b"\xff\xfe", "JSON değil"),
        (b"", "JSON değil"),
        (json.dumps(REPORT).encode(), "JSON listesi olmalı"),
        (b'[1, "iki"]', "JSON nesnesi olmalı"),
        (b"[" + b" " * MAX_BODY_BYTES + b"]", "çok büyük"),
    ],
)
def test_a_malformed_body_is_refused_with_its_reason(raw: bytes, reason: str):
    with pytest.raises(ValidationError) as refused:
        parse_verimor_push(raw)
    assert reason in refused.value.message
    assert "(" in refused.value.message  # the English reason too, for Verimor's support


def test_the_secret_is_off_when_unset_and_must_be_long_enough():
    assert report_token({}) is None
    assert report_token({"MBS_VERIMOR_REPORT_TOKEN": "  "}) is None
    secret = "r" * 32
    assert report_token({"MBS_VERIMOR_REPORT_TOKEN": f" {secret} "}) == secret
    with pytest.raises(ValidationError, match="en az 24"):
        report_token({"MBS_VERIMOR_REPORT_TOKEN": "kisa"})


def test_the_secret_is_compared_exactly():
    secret = "Ğizli-" + "x" * 30
    assert token_matches(secret, secret)
    assert not token_matches(secret[:-1], secret)
    assert not token_matches("", secret)
    assert not token_matches(secret + "x", secret)
