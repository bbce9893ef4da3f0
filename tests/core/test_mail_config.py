"""E-mail settings from the environment, and which jobs the scheduler runs for them."""

import pytest
from sqlalchemy import create_engine

from mbs.core.errors import ValidationError
from mbs.core.mail.config import check_address, mail_domain, mail_settings, smtp_settings
from mbs.core.mail.transport import DevTransport, SmtpTransport
from mbs.core.scheduler.jobs import mail_jobs
from mbs.core.scheduler.runner import mail_transport_from_env

VARIABLES = (
    "MBS_ENV", "MBS_MAIL_DOMAIN", "MBS_MAIL_FROM", "MBS_SMTP_HOST", "MBS_SMTP_PORT",
    "MBS_SMTP_SECURITY", "MBS_SMTP_USER", "MBS_SMTP_PASSWORD", "MBS_MAIL_MAX_ATTEMPTS",
)  # fmt: skip


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_defaults_without_configuration():
    assert mail_domain() == "muhtar.gov.tr"
    assert smtp_settings() is None
    assert isinstance(mail_transport_from_env(), DevTransport)
    sender = mail_settings().sender
    assert (sender.display_name, sender.addr_spec) == (
        "Muhtar Bilgi Sistemi",
        "bildirim@muhtar.gov.tr",
    )


def test_smtp_settings_and_the_password_never_in_their_repr(monkeypatch):
    monkeypatch.setenv("MBS_SMTP_HOST", "smtp.icisleri.gov.tr")
    monkeypatch.setenv("MBS_SMTP_USER", "mbs")
    monkeypatch.setenv("MBS_SMTP_PASSWORD", "Çok-Gizli-Parola")
    settings = smtp_settings()
    assert settings is not None
    assert (settings.port, settings.security) == (587, "starttls")
    assert "Çok-Gizli-Parola" not in repr(settings)
    monkeypatch.setenv("MBS_SMTP_SECURITY", "ssl")
    assert smtp_settings().port == 465  # type: ignore[union-attr]
    assert isinstance(mail_transport_from_env(), SmtpTransport)


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"MBS_SMTP_SECURITY": "tls"}, "starttls, ssl veya none"),
        ({"MBS_SMTP_USER": "mbs"}, "birlikte verilmeli"),
        ({"MBS_SMTP_PORT": "yirmibeş"}, "bir sayı olmalı"),
        (
            {"MBS_SMTP_SECURITY": "none", "MBS_SMTP_USER": "u", "MBS_SMTP_PASSWORD": "p"},
            "şifrelenmemiş",
        ),
    ],
)
def test_bad_smtp_settings_are_refused_in_turkish(monkeypatch, variables, message):
    monkeypatch.setenv("MBS_SMTP_HOST", "127.0.0.1")
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match=message):
        smtp_settings()


def test_domain_and_sender_are_checked(monkeypatch):
    monkeypatch.setenv("MBS_MAIL_DOMAIN", "muhtar gov tr")
    with pytest.raises(ValidationError, match="MBS_MAIL_DOMAIN"):
        mail_domain()
    monkeypatch.setenv("MBS_MAIL_DOMAIN", "Muhtarlar.GOV.tr")
    assert mail_domain() == "muhtarlar.gov.tr"
    monkeypatch.setenv("MBS_MAIL_FROM", "MBS Bildirim <noreply@muhtarlar.gov.tr>")
    assert str(mail_settings().sender) == "MBS Bildirim <noreply@muhtarlar.gov.tr>"
    assert check_address(" Ali.Veli@Kurum.GOV.TR ") == "Ali.Veli@kurum.gov.tr"
    for bad in ("ali", "ali@", "ali veli@kurum.gov.tr", "ali..veli@kurum.gov.tr", "ışık@a.tr"):
        with pytest.raises(ValidationError):
            check_address(bad)


def test_production_without_an_smtp_server_sends_nothing(monkeypatch):
    monkeypatch.setenv("MBS_ENV", "production")
    assert mail_transport_from_env() is None
    engine = create_engine("sqlite://")
    names = [job.name for job in mail_jobs(engine, None, mail_settings())]
    assert names == ["mail-digest", "mail-accounts"]
    names = [job.name for job in mail_jobs(engine, DevTransport(), mail_settings())]
    assert names == ["mail-send", "mail-digest", "mail-accounts"]
