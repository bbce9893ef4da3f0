"""The server secret behind the login's HMACs: from the environment, or a private file."""

import stat
from pathlib import Path

import pytest

from mbs.core import settings


@pytest.fixture
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("MBS_SECRET_KEY", raising=False)
    monkeypatch.setenv("MBS_INSTANCE_DIR", str(tmp_path / "var"))
    return tmp_path / "var"


def test_a_key_is_made_once_readable_by_the_owner_only(instance: Path) -> None:
    key = settings.secret_key()
    path = instance / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) >= 32 and settings.secret_key() == key
    assert [p.name for p in instance.iterdir()] == ["secret_key"]  # no temporary left


def test_the_environment_wins(instance: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MBS_SECRET_KEY", "e" * 32)
    assert settings.secret_key() == b"e" * 32
    assert not instance.exists()


def test_a_short_key_is_refused(instance: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MBS_SECRET_KEY", "kısa")
    with pytest.raises(ValueError, match="at least 32"):
        settings.secret_key()


def test_the_idle_limit_must_be_a_positive_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MBS_SESSION_IDLE_MINUTES", "0")
    with pytest.raises(ValueError):
        settings.session_idle_minutes()
    monkeypatch.setenv("MBS_SESSION_IDLE_MINUTES", "45")
    assert settings.session_idle_minutes() == 45
