"""E-mail settings, read from the environment (MBS_MAIL_*, MBS_SMTP_*).

Credentials live only in `SmtpSettings.password`, which is left out of its repr so a
logged or printed settings object never shows it.
"""

import os
import re
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.utils import parseaddr

from mbs.core.errors import ValidationError
from mbs.core.settings import env_number

DEFAULT_DOMAIN = "muhtar.gov.tr"
SECURITY_CHOICES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
_DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9.-]{1,253}")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str = "starttls"  # MBS_SMTP_SECURITY: starttls, ssl or none
    username: str = ""
    password: str = field(default="", repr=False)
    timeout_seconds: float = 30.0  # MBS_SMTP_TIMEOUT_SECONDS: per SMTP command


@dataclass(frozen=True)
class MailSettings:
    sender: Address  # MBS_MAIL_FROM
    max_attempts: int = 6  # MBS_MAIL_MAX_ATTEMPTS: then the row is marked failed
    retry_base_seconds: float = 60.0  # MBS_MAIL_RETRY_BASE_SECONDS: 60, 120, 240, ... s
    retry_cap_seconds: float = 3600.0
    # A claimed row whose sender vanished is looked at again after this long; it must
    # outlast one SMTP conversation (several commands, each up to the timeout).
    lease_seconds: float = 300.0


def mail_domain() -> str:
    """The muhtars' mail domain (MBS_MAIL_DOMAIN, default muhtar.gov.tr), lower case."""
    domain = os.environ.get("MBS_MAIL_DOMAIN", "").strip().lower() or DEFAULT_DOMAIN
    if not _DOMAIN.fullmatch(domain):
        raise ValidationError(f"MBS_MAIL_DOMAIN geçerli bir alan adı değil: {domain!r}.")
    return domain


def check_address(text: str) -> str:
    """A plain e-mail address (ASCII, one @, a dotted domain), trimmed and with the
    domain lower-cased; ValidationError otherwise."""
    address = (text or "").strip()
    if not _ADDRESS.fullmatch(address) or len(address) > 254:
        raise ValidationError("Geçerli bir e-posta adresi girin (ör. ad.soyad@kurum.gov.tr).")
    local, domain = address.rsplit("@", 1)
    if not _DOMAIN.fullmatch(domain.lower()) or local.startswith(".") or ".." in local:
        raise ValidationError("Geçerli bir e-posta adresi girin (ör. ad.soyad@kurum.gov.tr).")
    return f"{local}@{domain.lower()}"


def mail_settings() -> MailSettings:
    """The outbox sender's settings; MBS_MAIL_FROM defaults to
    "Muhtar Bilgi Sistemi <bildirim@MBS_MAIL_DOMAIN>"."""
    defaults = MailSettings(sender=Address("", addr_spec="x@example.org"))
    raw_from = os.environ.get("MBS_MAIL_FROM", "").strip()
    if raw_from:
        name, address = parseaddr(raw_from)
        sender = Address(name, addr_spec=check_address(address))
    else:
        sender = Address("Muhtar Bilgi Sistemi", addr_spec=f"bildirim@{mail_domain()}")
    return MailSettings(
        sender=sender,
        max_attempts=int(env_number("MBS_MAIL_MAX_ATTEMPTS", defaults.max_attempts, 1)),
        retry_base_seconds=env_number(
            "MBS_MAIL_RETRY_BASE_SECONDS", defaults.retry_base_seconds, 0.01
        ),
    )


def smtp_settings() -> SmtpSettings | None:
    """The SMTP server from MBS_SMTP_HOST, _PORT, _SECURITY, _USER, _PASSWORD and
    _TIMEOUT_SECONDS; None without MBS_SMTP_HOST (the development transport is used).

    A user name and password are sent only over TLS (starttls or ssl): with
    MBS_SMTP_SECURITY=none they are refused.
    """
    host = os.environ.get("MBS_SMTP_HOST", "").strip()
    if not host:
        return None
    security = os.environ.get("MBS_SMTP_SECURITY", "").strip().lower() or "starttls"
    if security not in SECURITY_CHOICES:
        raise ValidationError(
            f"MBS_SMTP_SECURITY starttls, ssl veya none olmalı (şu an: {security!r})."
        )
    port = int(env_number("MBS_SMTP_PORT", DEFAULT_PORTS[security], 1))
    username = os.environ.get("MBS_SMTP_USER", "").strip()
    password = os.environ.get("MBS_SMTP_PASSWORD", "")
    if (username or password) and security == "none":
        raise ValidationError(
            "SMTP kullanıcı adı ve parolası şifrelenmemiş bağlantıda gönderilmez; "
            "MBS_SMTP_SECURITY=starttls veya ssl kullanın."
        )
    if bool(username) != bool(password):
        raise ValidationError("MBS_SMTP_USER ve MBS_SMTP_PASSWORD birlikte verilmeli.")
    timeout = env_number("MBS_SMTP_TIMEOUT_SECONDS", 30.0, 0.1)
    return SmtpSettings(host, port, security, username, password, timeout)
