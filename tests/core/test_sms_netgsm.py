"""The Netgsm adapter against a local server that speaks Netgsm's REST v2."""

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from mbs.core.enums import SmsKind
from mbs.core.sms.providers.base import DeliveryState, Outcome, OutgoingSms
from mbs.core.sms.providers.netgsm import NetgsmProvider
from tests.fakes.clock import fake_clock
from tests.fakes.netgsm import FakeNetgsm


@pytest.fixture
def netgsm() -> Iterator[FakeNetgsm]:
    with FakeNetgsm(slow_seconds=2.0) as fake:
        yield fake


def provider_for(fake: FakeNetgsm, **changes: object) -> NetgsmProvider:
    values = {"usercode": fake.usercode, "password": fake.password, "header": fake.header}
    return NetgsmProvider(**{**values, "base_url": fake.url, **changes})  # type: ignore[arg-type]


def call(coroutine_function, *args):  # run one adapter call with a short read timeout
    async def run():
        async with httpx.AsyncClient(timeout=httpx.Timeout(1.0, connect=2.0)) as client:
            return await coroutine_function(client, *args)

    return asyncio.run(run())


def sms(n: int, kind: SmsKind = SmsKind.NOTIFICATION, phone: str | None = None) -> OutgoingSms:
    return OutgoingSms(f"key{n:029d}", phone or f"9053212345{n:02d}", f"Mesaj ğüşıöç {n}", kind)


def test_a_batch_goes_in_one_request_with_basic_auth_and_turkish_encoding(netgsm):
    results = call(provider_for(netgsm).send, [sms(1), sms(2)], "batch")
    assert {r.outcome for r in results.values()} == {Outcome.ACCEPTED}
    assert len({r.provider_ref for r in results.values()}) == 1  # one job id for the request
    (request,) = netgsm.send_requests
    assert request["path"] == "/sms/rest/v2/send" and request["encoding"] == "TR"
    assert [m["no"] for m in request["messages"]] == ["5321234501", "5321234502"]
    assert netgsm.bodies() == ["Mesaj ğüşıöç 1", "Mesaj ğüşıöç 2"]


def test_login_codes_use_the_otp_endpoint_one_by_one(netgsm):
    batch = [sms(1, SmsKind.OTP), sms(2), sms(3, SmsKind.OTP)]
    results = call(provider_for(netgsm).send, batch, "batch")
    assert all(r.outcome is Outcome.ACCEPTED for r in results.values())
    paths = sorted(r["path"] for r in netgsm.send_requests)
    assert paths == ["/sms/rest/v2/otp", "/sms/rest/v2/otp", "/sms/rest/v2/send"]
    without = call(provider_for(netgsm, use_otp_endpoint=False).send, [sms(4, SmsKind.OTP)], "b")
    assert without[sms(4).key].outcome is Outcome.ACCEPTED
    assert netgsm.send_requests[-1]["path"] == "/sms/rest/v2/send"


def test_wrong_password_is_a_configuration_error_that_never_shows_the_password(netgsm):
    result = call(provider_for(netgsm, password="yanlis-parola").send, [sms(1)], "b")[sms(1).key]
    assert result.outcome is Outcome.RETRY and result.config_error
    assert "30" in (result.reason or "")
    assert "yanlis-parola" not in repr(result) + repr(provider_for(netgsm, password="yanlis"))
    assert netgsm.jobs == []


def test_wrong_header_is_a_configuration_error(netgsm):
    result = call(provider_for(netgsm, header="BASKA").send, [sms(1)], "b")[sms(1).key]
    assert result.outcome is Outcome.RETRY and result.config_error and "40" in result.reason


@pytest.mark.parametrize(
    ("behaviour", "outcome"),
    [
        ("rate_limit", Outcome.RETRY),  # code 80: certainly not queued
        ("unavailable", Outcome.RETRY),  # 503
        ("server_error", Outcome.UNKNOWN),  # 500: may have been queued
        ("hang", Outcome.UNKNOWN),  # read timeout
        ("lost", Outcome.UNKNOWN),  # read timeout although Netgsm took it
        ("malformed", Outcome.UNKNOWN),  # 200 with a body nobody can read
    ],
)
def test_failures_are_classified_by_whether_netgsm_may_have_the_message(netgsm, behaviour, outcome):
    netgsm.plan(behaviour)
    result = call(provider_for(netgsm).send, [sms(1)], "b")[sms(1).key]
    assert result.outcome is outcome
    assert not result.config_error and result.reason


def test_a_refused_batch_is_retried_message_by_message_to_find_the_bad_number(netgsm):
    netgsm.bad_numbers.add("5321234502")
    results = call(provider_for(netgsm).send, [sms(1), sms(2), sms(3)], "b")
    assert results[sms(2).key].outcome is Outcome.REJECTED
    assert results[sms(1).key].outcome is results[sms(3).key].outcome is Outcome.ACCEPTED
    assert sorted(netgsm.bodies()) == ["Mesaj ğüşıöç 1", "Mesaj ğüşıöç 3"]


def test_reports_map_netgsm_status_codes(netgsm):
    provider = provider_for(netgsm)
    first = call(provider.send, [sms(1), sms(2)], "b")[sms(1).key].provider_ref
    netgsm.deliver(1, number="5321234501")
    netgsm.deliver(3, number="5321234502")
    reports = {r.phone: r for r in call(provider.fetch_reports, [first])}
    assert reports["905321234501"].state is DeliveryState.DELIVERED
    assert reports["905321234501"].done_at is not None
    assert reports["905321234502"].state is DeliveryState.FAILED
    assert "Numara hatalı" in reports["905321234502"].reason
    assert call(provider.fetch_reports, ["999"]) == []  # code 60: no records


def test_report_rate_limit_is_an_error_to_ask_again_later(netgsm):
    from mbs.core.sms.providers.base import ProviderError

    netgsm.report_plan.append("rate_limit")
    with pytest.raises(ProviderError, match="sınırı"):
        call(provider_for(netgsm).fetch_reports, ["1"])


def test_lookup_finds_a_job_to_the_number_near_the_attempt_but_not_known_ones(netgsm):
    with fake_clock() as now:
        provider = provider_for(netgsm)
        attempted = now()
        netgsm.plan("lost")
        assert call(provider.send, [sms(1)], "b")[sms(1).key].outcome is Outcome.UNKNOWN
        (job,) = netgsm.jobs
        found = call(provider.lookup, [sms(1), sms(2)], "b", attempted)
        assert found == {sms(1).key: job["jobid"], sms(2).key: None}
        # The job is already recorded on another row: it is not this message's.
        known = frozenset({job["jobid"]})
        assert call(provider.lookup, [sms(1)], "b", attempted, known) == {sms(1).key: None}
        now.advance(3600)  # an hour later the window no longer covers the job
        assert call(provider.lookup, [sms(1)], "b", now()) == {sms(1).key: None}
