"""Choosing the provider and the sender's settings from the environment."""

import pytest

from mbs.core.errors import ValidationError
from mbs.core.sms.config import sender_settings
from mbs.core.sms.providers import (
    DevProvider,
    NetgsmProvider,
    VerimorProvider,
    provider_from_env,
)

NETGSM = {
    "MBS_SMS_PROVIDER": "netgsm",
    "MBS_NETGSM_USERCODE": "8503001122",
    "MBS_NETGSM_PASSWORD": "cok-gizli",
    "MBS_NETGSM_HEADER": "MBS",
}


def test_without_configuration_the_dev_provider_prints_to_the_console():
    assert isinstance(provider_from_env({}), DevProvider)


def test_production_must_choose_a_real_provider():
    with pytest.raises(ValidationError, match="MBS_SMS_PROVIDER"):
        provider_from_env({"MBS_ENV": "production"})
    assert isinstance(
        provider_from_env({"MBS_ENV": "production", "MBS_SMS_PROVIDER": "dev"}), DevProvider
    )


def test_netgsm_from_the_environment_with_its_default_address():
    provider = provider_from_env(NETGSM)
    assert isinstance(provider, NetgsmProvider)
    assert provider.base_url == "https://api.netgsm.com.tr" and provider.use_otp_endpoint
    assert "cok-gizli" not in repr(provider)
    other = provider_from_env(
        {**NETGSM, "MBS_NETGSM_BASE_URL": "http://127.0.0.1:9/", "MBS_NETGSM_OTP_ENDPOINT": "0"}
    )
    assert other.base_url == "http://127.0.0.1:9" and not other.use_otp_endpoint


def test_verimor_from_the_environment():
    provider = provider_from_env(
        {
            "MBS_SMS_PROVIDER": "Verimor",
            "MBS_VERIMOR_USERNAME": "908501234567",
            "MBS_VERIMOR_PASSWORD": "cok-gizli",
            "MBS_VERIMOR_SOURCE_ADDR": "MBS",
        }
    )
    assert isinstance(provider, VerimorProvider)
    assert provider.base_url == "https://sms.verimor.com.tr"
    assert "cok-gizli" not in repr(provider)


def test_missing_settings_are_named_but_values_never_shown():
    with pytest.raises(ValidationError) as caught:
        provider_from_env({**NETGSM, "MBS_NETGSM_HEADER": ""})
    assert "MBS_NETGSM_HEADER" in caught.value.message
    assert "cok-gizli" not in caught.value.message
    with pytest.raises(ValidationError, match="tanınmadı"):
        provider_from_env({"MBS_SMS_PROVIDER": "twilio"})


def test_sender_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("MBS_SMS_MAX_ATTEMPTS", "4")
    monkeypatch.setenv("MBS_SMS_RATE_PER_SECOND", "25")
    settings = sender_settings()
    assert settings.max_attempts == 4 and settings.rate_per_second == 25
    assert settings.batch_size == 50 and settings.effective_batch_size == 25
    monkeypatch.setenv("MBS_SMS_MAX_ATTEMPTS", "altı")
    with pytest.raises(ValidationError, match="MBS_SMS_MAX_ATTEMPTS"):
        sender_settings()
