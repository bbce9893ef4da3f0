"""The outbox sender against a real database (its own, since it commits) and local
provider servers: priorities, expiry, backoff, giving up, and never sending twice."""

import asyncio
import io
import random
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine

from mbs.core.enums import SmsKind, SmsStatus
from mbs.core.sms import rows as outbox_rows
from mbs.core.sms.providers import DevProvider, NetgsmProvider, VerimorProvider
from mbs.core.sms.sender import drain
from tests.fakes import outbox
from tests.fakes.netgsm import FakeNetgsm
from tests.fakes.verimor import FakeVerimor


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with outbox.outbox_engine(tmp_path_factory.mktemp("outbox")) as engine:
        yield engine


@pytest.fixture(autouse=True)
def empty_outbox(db: Engine) -> None:
    outbox.clear(db)


@pytest.fixture
def netgsm() -> Iterator[FakeNetgsm]:
    with FakeNetgsm(slow_seconds=2.0) as fake:
        yield fake


@pytest.fixture
def verimor() -> Iterator[FakeVerimor]:
    with FakeVerimor(slow_seconds=2.0) as fake:
        yield fake


def netgsm_provider(fake: FakeNetgsm, **changes: object) -> NetgsmProvider:
    values = {"usercode": fake.usercode, "password": fake.password, "header": fake.header}
    return NetgsmProvider(**{**values, "base_url": fake.url, **changes})  # type: ignore[arg-type]


def verimor_provider(fake: FakeVerimor) -> VerimorProvider:
    return VerimorProvider(fake.username, fake.password, fake.source_addr, base_url=fake.url)


def run(engine: Engine, provider, **settings: object):
    return asyncio.run(drain(engine, provider, outbox.settings(**settings), rng=random.Random(7)))


def test_the_dev_provider_prints_masked_numbers_and_marks_rows_sent(db, now):
    (row_id,) = outbox.queue(db, to="905321234567", text="MBS: onay kodunuz 4F7KQ2")
    console = io.StringIO()
    tally = run(db, DevProvider(stream=console))
    assert tally.sent == 1
    printed = console.getvalue()
    assert "0532 *** ** 67" in printed and "onay kodunuz 4F7KQ2" in printed
    assert "5321234567" not in printed
    row = outbox.row(db, row_id)
    assert row.status is SmsStatus.SENT and row.provider == "dev" and row.attempts == 1
    assert row.sent_at == now() and row.provider_ref


def test_login_codes_go_first(db, now):
    outbox.queue(db, 3, text="bildirim")
    now.advance(1)
    outbox.queue(db, 2, kind=SmsKind.OTP, expires_in=timedelta(minutes=3), text="kod")
    console = io.StringIO()
    run(db, DevProvider(stream=console), batch_size=2, concurrency=1)
    lines = console.getvalue().splitlines()
    assert ["kod" in line for line in lines] == [True, True, False, False, False]


def test_expired_login_codes_are_never_sent(db, now):
    (code,) = outbox.queue(db, kind=SmsKind.OTP, expires_in=timedelta(minutes=3))
    now.advance(181)
    console = io.StringIO()
    tally = run(db, DevProvider(stream=console))
    assert tally.expired == 1 and tally.sent == 0 and console.getvalue() == ""
    row = outbox.row(db, code)
    assert row.status is SmsStatus.EXPIRED and "Süresi doldu" in row.last_error
    assert row.attempts == 0


def test_rate_limits_back_off_exponentially_with_jitter(db, now, netgsm):
    (row_id,) = outbox.queue(db)
    netgsm.plan("rate_limit", "rate_limit", "rate_limit")
    provider = netgsm_provider(netgsm)
    for attempt, base in enumerate([30, 60, 120], start=1):
        assert run(db, provider).retrying == 1
        row = outbox.row(db, row_id)
        wait = (row.next_attempt_at - now()).total_seconds()
        assert base / 2 <= wait <= base, (attempt, wait)
        assert row.status is SmsStatus.PENDING and row.attempts == attempt
        assert "hız sınırı" in row.last_error
        now.advance(wait - 1)
        assert run(db, provider).sent == 0  # not due yet: no request at all
        assert len(netgsm.send_requests) == attempt
        now.advance(1)
    assert run(db, provider).sent == 1
    row = outbox.row(db, row_id)
    assert row.status is SmsStatus.SENT and row.attempts == 4 and row.last_error is None


def test_gives_up_after_the_configured_number_of_attempts(db, now, netgsm):
    (row_id,) = outbox.queue(db)
    netgsm.plan(*["unavailable"] * 10)
    provider = netgsm_provider(netgsm)
    for _ in range(5):
        run(db, provider, max_attempts=3)
        now.advance(3600)
    row = outbox.row(db, row_id)
    assert row.status is SmsStatus.FAILED and row.attempts == 3
    assert row.last_error.startswith("3 denemede gönderilemedi.")
    assert "hizmet dışı" in row.last_error
    assert len(netgsm.send_requests) == 3


def test_a_login_code_is_not_retried_past_its_expiry(db, now, netgsm):
    (code,) = outbox.queue(db, kind=SmsKind.OTP, expires_in=timedelta(seconds=5))
    netgsm.plan("rate_limit")
    tally = run(db, netgsm_provider(netgsm), otp_retry_base_seconds=20)
    assert tally.expired == 1
    assert outbox.row(db, code).status is SmsStatus.EXPIRED


def test_a_timeout_is_retried_only_after_the_provider_says_it_has_nothing(db, now, netgsm):
    (row_id,) = outbox.queue(db)
    provider = netgsm_provider(netgsm)
    netgsm.plan("hang")
    assert run(db, provider).checking == 1
    row = outbox.row(db, row_id)
    assert row.status is SmsStatus.SENDING and "zamanında" in row.last_error
    assert run(db, provider).sent == 0  # not asked again before check_after_seconds
    now.advance(61)
    assert run(db, provider).retrying == 1  # Netgsm's report shows no job: safe to resend
    now.advance(3600)
    assert run(db, provider).sent == 1
    assert outbox.row(db, row_id).status is SmsStatus.SENT
    assert len(netgsm.bodies()) == 1


@pytest.mark.parametrize("name", ["netgsm", "verimor"])
def test_a_lost_answer_is_found_at_the_provider_not_sent_again(db, now, netgsm, verimor, name):
    fake, provider = (
        (netgsm, netgsm_provider(netgsm))
        if name == "netgsm"
        else (verimor, verimor_provider(verimor))
    )
    ids = outbox.queue(db, 2)
    fake.plan("lost")
    assert run(db, provider).checking == 2
    now.advance(61)
    assert run(db, provider).sent == 2
    assert len(fake.bodies()) == 2  # each message reached the provider once
    refs = {outbox.row(db, i).provider_ref for i in ids}
    assert len(refs) == 1 and None not in refs


@pytest.mark.parametrize("name", ["netgsm", "verimor", "dev"])
def test_a_crash_between_the_answer_and_the_commit_never_resends_blindly(
    db, now, netgsm, verimor, name, monkeypatch
):
    fake = {"netgsm": netgsm, "verimor": verimor, "dev": None}[name]
    console = io.StringIO()
    provider = {
        "netgsm": lambda: netgsm_provider(netgsm),
        "verimor": lambda: verimor_provider(verimor),
        "dev": lambda: DevProvider(stream=console),
    }[name]()
    (row_id,) = outbox.queue(db)
    real_record = outbox_rows.record_results

    def die(*args, **kwargs):
        raise RuntimeError("süreç burada öldü")

    monkeypatch.setattr(outbox_rows, "record_results", die)
    with pytest.raises(RuntimeError):
        run(db, provider)
    monkeypatch.setattr(outbox_rows, "record_results", real_record)
    assert outbox.row(db, row_id).status is SmsStatus.SENDING
    assert run(db, provider).sent == 0  # the lease has not run out
    now.advance(121)
    run(db, provider)
    row = outbox.row(db, row_id)
    if fake is not None:  # the provider can be asked: it has the message
        assert row.status is SmsStatus.SENT and row.provider_ref
        assert len(fake.bodies()) == 1
    else:  # the console cannot be asked: a person decides
        assert row.status is SmsStatus.REVIEW and "bilinmiyor" in row.last_error
        now.advance(3600)
        run(db, provider)
        assert outbox.row(db, row_id).status is SmsStatus.REVIEW
        assert len(console.getvalue().splitlines()) == 1


def test_a_configuration_error_stops_the_round(db, now, netgsm):
    outbox.queue(db, 30)
    tally = run(db, netgsm_provider(netgsm, password="yanlis"), batch_size=10, concurrency=1)
    assert len(netgsm.send_requests) == 1 and tally.retrying == 10
    assert tally.config_errors and "yanlis" not in " ".join(tally.config_errors)
    attempts = sorted(row.attempts for row in outbox.rows(db))
    assert attempts == [0] * 20 + [1] * 10


def test_a_bad_number_fails_without_holding_up_the_batch(db, now, netgsm):
    good, bad = outbox.queue(db), outbox.queue(db, to="905559999999")
    netgsm.bad_numbers.add("5559999999")
    tally = run(db, netgsm_provider(netgsm))
    assert (tally.sent, tally.failed) == (1, 1)
    assert outbox.row(db, good[0]).status is SmsStatus.SENT
    assert outbox.row(db, bad[0]).status is SmsStatus.FAILED
    assert "parametre" in outbox.row(db, bad[0]).last_error


def test_a_text_carrying_a_tckn_is_never_sent(db, now):
    leaky, fine = outbox.queue(db, text="MBS: 10000000146 TC numaralı muhtar"), outbox.queue(db)
    console = io.StringIO()
    tally = run(db, DevProvider(stream=console))
    assert (tally.sent, tally.failed) == (1, 1)
    assert "10000000146" not in console.getvalue()
    assert outbox.row(db, leaky[0]).status is SmsStatus.FAILED
    assert "KVKK" in outbox.row(db, leaky[0]).last_error
    assert outbox.row(db, fine[0]).status is SmsStatus.SENT
