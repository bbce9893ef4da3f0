"""The Verimor adapter against a local server that speaks Verimor's SMS API v2."""

import asyncio
import logging
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from mbs.core import clock
from mbs.core.enums import SmsKind
from mbs.core.sms.providers.base import DeliveryState, Outcome, OutgoingSms, ProviderError
from mbs.core.sms.providers.verimor import VerimorProvider, parse_push
from tests.fakes.verimor import FakeVerimor


@pytest.fixture
def verimor() -> Iterator[FakeVerimor]:
    with FakeVerimor(slow_seconds=2.0) as fake:
        yield fake


def provider_for(fake: FakeVerimor, **changes: object) -> VerimorProvider:
    values = {"username": fake.username, "password": fake.password}
    return VerimorProvider(  # type: ignore[arg-type]
        **{**values, "source_addr": fake.source_addr, "base_url": fake.url, **changes}
    )


def call(coroutine_function, *args):
    async def run():
        async with httpx.AsyncClient(timeout=httpx.Timeout(1.0, connect=2.0)) as client:
            return await coroutine_function(client, *args)

    return asyncio.run(run())


def sms(n: int, kind: SmsKind = SmsKind.NOTIFICATION, **extra: object) -> OutgoingSms:
    return OutgoingSms(f"key{n:029d}", f"9053212345{n:02d}", f"Mesaj ğüşıöç {n}", kind, **extra)  # type: ignore[arg-type]


def test_a_batch_is_one_campaign_carrying_our_keys(verimor):
    results = call(provider_for(verimor).send, [sms(1), sms(2)], "claimtoken")
    assert {r.outcome for r in results.values()} == {Outcome.ACCEPTED}
    (campaign,) = verimor.campaigns
    assert {r.provider_ref for r in results.values()} == {str(campaign["campaign_id"])}
    assert campaign["custom_id"] == "claimtoken" and campaign["valid_for"] == "24:00"
    assert [m["message_custom_id"] for m in campaign["messages"]] == [sms(1).key, sms(2).key]
    assert [m["dest"] for m in campaign["messages"]] == ["905321234501", "905321234502"]


def test_a_login_code_goes_alone_and_lives_only_until_it_expires(verimor):
    code = sms(1, SmsKind.OTP, expires_at=clock.now() + timedelta(minutes=3, seconds=30))
    call(provider_for(verimor).send, [code, sms(2)], "claimtoken")
    by_custom_id = {c["custom_id"]: c for c in verimor.campaigns}
    assert by_custom_id[code.key]["valid_for"] == "00:03"
    assert len(by_custom_id[code.key]["messages"]) == 1
    assert by_custom_id["claimtoken"]["valid_for"] == "24:00"


def test_wrong_password_is_a_configuration_error_that_never_shows_the_password(verimor):
    result = call(provider_for(verimor, password="yanlis-parola").send, [sms(1)], "b")
    assert result[sms(1).key].outcome is Outcome.RETRY and result[sms(1).key].config_error
    assert "yanlis-parola" not in repr(result) + repr(provider_for(verimor, password="yanlis"))


def test_unknown_sender_name_is_a_configuration_error(verimor):
    result = call(provider_for(verimor, source_addr="BASKA").send, [sms(1)], "b")[sms(1).key]
    assert result.outcome is Outcome.RETRY and result.config_error
    assert "INVALID_SOURCE_ADDRESS" in result.reason


@pytest.mark.parametrize(
    ("behaviour", "outcome"),
    [
        ("rate_limit", Outcome.RETRY),  # 429
        ("unavailable", Outcome.RETRY),  # 503
        ("server_error", Outcome.UNKNOWN),
        ("hang", Outcome.UNKNOWN),
        ("lost", Outcome.UNKNOWN),
        ("malformed", Outcome.UNKNOWN),
    ],
)
def test_failures_are_classified_by_whether_verimor_may_have_the_message(
    verimor, behaviour, outcome
):
    verimor.plan(behaviour)
    result = call(provider_for(verimor).send, [sms(1)], "b")[sms(1).key]
    assert result.outcome is outcome and result.reason


def test_a_bad_number_fails_alone(verimor):
    bad = OutgoingSms("k" * 32, "90212123", "Mesaj")
    results = call(provider_for(verimor).send, [sms(1), bad, sms(3)], "b")
    assert results[bad.key].outcome is Outcome.REJECTED
    assert "Numara hatalı" in results[bad.key].reason
    assert results[sms(1).key].outcome is results[sms(3).key].outcome is Outcome.ACCEPTED


def test_lookup_by_our_campaign_id_knows_for_sure(verimor):
    provider = provider_for(verimor)
    verimor.plan("lost")
    assert (
        call(provider.send, [sms(1), sms(2)], "lost-batch")[sms(1).key].outcome is Outcome.UNKNOWN
    )
    campaign_id = str(verimor.campaigns[0]["campaign_id"])
    found = call(provider.lookup, [sms(1), sms(2)], "lost-batch", clock.now())
    assert found == {sms(1).key: campaign_id, sms(2).key: campaign_id}
    verimor.plan("hang")
    call(provider.send, [sms(3)], "hung-batch")
    assert call(provider.lookup, [sms(3)], "hung-batch", clock.now()) == {sms(3).key: None}
    with pytest.raises(ProviderError):
        call(provider_for(verimor, password="yanlis").lookup, [sms(3)], "hung-batch", clock.now())


def test_reports_are_polled_by_campaign_and_pushed_alike(verimor):
    provider = provider_for(verimor)
    ref = call(provider.send, [sms(1), sms(2)], "b")[sms(1).key].provider_ref
    assert {r.state for r in call(provider.fetch_reports, [ref])} == {DeliveryState.PENDING}
    verimor.deliver("DELIVERED", dest="905321234501")
    verimor.deliver("NOT_DELIVERED", dest="905321234502")
    polled = {r.message_key: r for r in call(provider.fetch_reports, [ref])}
    assert polled[sms(1).key].state is DeliveryState.DELIVERED and polled[sms(1).key].done_at
    assert polled[sms(2).key].state is DeliveryState.FAILED
    assert "İletilemedi" in polled[sms(2).key].reason
    pushed = {r.message_key: r for r in parse_push(verimor.push_body())}
    assert pushed == polled
    assert parse_push([{"type": "inbound", "content": "merhaba"}]) == []
    assert parse_push({"not": "a list"}) == []


def test_status_pages_through_large_campaigns(verimor):
    provider = provider_for(verimor)
    batch = [OutgoingSms(f"k{n:031d}", f"905321{n:06d}", f"M{n}") for n in range(100)]
    ref = call(provider.send, batch, "big")[batch[0].key].provider_ref
    verimor.campaigns[0]["messages"].append(
        {**verimor.campaigns[0]["messages"][-1], "message_id": "99999999", "message_custom_id": "x"}
    )
    assert len(call(provider.fetch_reports, [ref])) == 101


def test_the_password_in_the_status_query_is_masked_in_httpx_logs(verimor, caplog):
    caplog.set_level(logging.INFO, logger="httpx")
    call(provider_for(verimor).lookup, [sms(1)], "none", clock.now())
    assert "/v2/status" in caplog.text
    assert verimor.password not in caplog.text and "password=***" in caplog.text
