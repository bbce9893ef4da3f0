"""Deployment settings read from the environment (one small function per setting)."""

import os
import secrets
from pathlib import Path

from mbs.core.errors import ValidationError

DEFAULT_CENTRAL_UNIT_NAME = "Mahalli İdareler Genel Müdürlüğü"


def central_unit_name() -> str:
    """The name of the unit that routes every request (MBS_CENTRAL_UNIT_NAME).

    The role is configuration, not code: an earlier edition of the system gave it to
    the "İller İdaresi Genel Müdürlüğü".
    """
    return os.environ.get("MBS_CENTRAL_UNIT_NAME", "").strip() or DEFAULT_CENTRAL_UNIT_NAME


_MIN_SECRET_LENGTH = 32
_SECRET_FILE = "secret_key"


def instance_dir() -> Path:
    """Where the running instance keeps its own files (MBS_INSTANCE_DIR, default ./var)."""
    return Path(os.environ.get("MBS_INSTANCE_DIR", "").strip() or "var")


def secret_key() -> bytes:
    """The server secret behind every HMAC of the login (codes, captchas, TCKN digests).

    MBS_SECRET_KEY when set (at least 32 characters); otherwise a random key created
    once in `instance_dir()/secret_key`, readable by the owner only. Changing it
    invalidates pending login codes and captchas, nothing else. Never log it.
    """
    configured = os.environ.get("MBS_SECRET_KEY", "").strip()
    if configured:
        if len(configured) < _MIN_SECRET_LENGTH:
            raise ValueError(f"MBS_SECRET_KEY must be at least {_MIN_SECRET_LENGTH} characters.")
        return configured.encode()
    path = instance_dir() / _SECRET_FILE
    if not path.exists():
        _create_secret_file(path)
    key = path.read_text(encoding="ascii").strip()
    if len(key) < _MIN_SECRET_LENGTH:
        raise ValueError(f"{path} holds no usable key; delete it to have a new one made.")
    return key.encode()


def _create_secret_file(path: Path) -> None:
    # Written under a temporary name and linked into place, so a second process
    # starting at the same moment reads either no file or the whole key.
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{_SECRET_FILE}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_urlsafe(48) + "\n")
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process won the race; its key is the key
    finally:
        temporary.unlink(missing_ok=True)


def session_idle_minutes() -> int:
    """Minutes without activity after which a login session ends (MBS_SESSION_IDLE_MINUTES)."""
    value = os.environ.get("MBS_SESSION_IDLE_MINUTES", "").strip() or "30"
    if not value.isdigit() or int(value) == 0:
        raise ValueError("MBS_SESSION_IDLE_MINUTES must be a positive whole number.")
    return int(value)


def is_production() -> bool:
    """True when MBS_ENV is "production": developer conveniences are off."""
    return os.environ.get("MBS_ENV", "").strip().lower() == "production"


def env_number(name: str, default: float, minimum: float) -> float:
    """A number from the environment variable `name` (unset or blank: `default`);
    anything else, or less than `minimum`, is refused with a Turkish message."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValidationError(f"{name} bir sayı olmalı (şu an: {raw!r}).") from None
    if value < minimum:
        raise ValidationError(f"{name} en az {minimum:g} olmalı (şu an: {raw}).")
    return value
