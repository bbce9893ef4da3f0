"""`mbs units import`, `mbs muhtars import`, `mbs users ...` end to end: each command
commits, so they run against a private, migrated database of their own (SQLite, or a
second PostgreSQL database when MBS_TEST_DATABASE_URL is set)."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import Session, select

from mbs.cli.main import cli
from mbs.core import migrations
from mbs.core.db import get_engine
from mbs.core.enums import UnitKind
from mbs.core.models import Muhtar, Unit, User
from mbs.core.security.passwords import verify_password
from tests.builders import make_district, make_muhtarlik, make_province, make_unit, valid_tckn
from tests.conftest import _create_postgres_database, _drop_postgres_database


@pytest.fixture(scope="module")
def private_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    admin_url = os.environ.get("MBS_TEST_DATABASE_URL")
    if not admin_url:
        yield f"sqlite:///{tmp_path_factory.mktemp('cli') / 'mbs.db'}"
        return
    name, url = _create_postgres_database(admin_url)
    try:
        yield url
    finally:
        _drop_postgres_database(admin_url, name)


@pytest.fixture(scope="module")
def database(private_url: str) -> Iterator[str]:
    url = private_url
    migrations.upgrade(url)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MBS_DATABASE_URL", url)
        get_engine.cache_clear()
        with Session(get_engine()) as session:
            province = make_province(session, id=100, name="Deneme")
            make_muhtarlik(session, make_district(session, province, name="Yayla"), name="Çınar")
            make_unit(session, UnitKind.MIGM, code="test:central")
            session.commit()
        yield url
        get_engine().dispose()
    get_engine.cache_clear()


def _run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def _query(statement):  # type: ignore[no-untyped-def]
    with Session(get_engine()) as session:
        return session.exec(statement).all()


def test_units_import(database: str, tmp_path: Path) -> None:
    path = tmp_path / "birimler.csv"
    path.write_text("detsis_no;ad;tur;il\n7000001;Deneme Valiliği;valilik;100\n", "utf-8")
    code, out, _ = _run("units", "import", str(path))
    assert code == 0 and "1 yeni" in out
    code, out, _ = _run("units", "import", str(path))
    assert code == 0 and "1 değişmedi" in out
    assert len(_query(select(Unit).where(Unit.detsis_no == "7000001"))) == 1


def test_bad_rows_are_listed_on_stderr_with_exit_1(database: str, tmp_path: Path) -> None:
    path = tmp_path / "muhtarlar.csv"
    header = (
        "tckn;ad;soyad;cep_telefonu;il;ilce;muhtarlik;muhtarlik_turu;gorev_baslangic;gorev_bitis"
    )
    good = f"{valid_tckn(7)};Ayşe;Yılmaz;05321234567;100;Yayla;Çınar;mahalle;01.04.2024;31.03.2029"
    bad = "12345678901;Ali;Kaya;0312 000 00 00;100;Yayla;Yok;mahalle;01.04.2024;31.03.2029"
    path.write_text("\n".join([header, good, bad]), "utf-8")
    code, out, err = _run("muhtars", "import", str(path))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0] == "satır 3: TC kimlik numarası geçersiz."
    assert sum(line.startswith("satır 3: ") for line in lines) == 3
    assert "Hiçbir kayıt içe aktarılmadı" in lines[-1]
    assert "12345678901" not in err
    assert _query(select(Muhtar)) == []

    path.write_text("\n".join([header, good]), "utf-8")
    code, out, _ = _run("muhtars", "import", str(path))
    assert code == 0 and "1 yeni" in out
    assert len(_query(select(Muhtar))) == 1


def test_users_create_list_reset_disable(database: str) -> None:
    code, out, _ = _run(
        "users", "create", "cli.admin", "--unit", "test:central", "--name", "Cli Yönetici",
        "--admin", input="Guclu.Parola1\nGuclu.Parola1\n",
    )  # fmt: skip
    assert code == 0 and "cli.admin" in out
    [user] = _query(select(User).where(User.username == "cli.admin"))
    assert user.is_admin and verify_password("Guclu.Parola1", user.password_hash)

    code, _, err = _run(
        "users", "create", "cli.other", "--unit", "test:central", "--name", "Başka",
        input="Guclu.Parola1\nFarkli.Parola2\n",
    )  # fmt: skip
    assert code != 0 and _query(select(User).where(User.username == "cli.other")) == []

    code, out, _ = _run("users", "list", "--unit", "test:central")
    assert code == 0 and "cli.admin" in out and "Cli Yönetici" in out

    code, out, _ = _run("users", "reset-password", "cli.admin")
    password = out.strip().rsplit(" ", 1)[-1]
    [user] = _query(select(User).where(User.username == "cli.admin"))
    assert code == 0 and verify_password(password, user.password_hash)

    code, out, _ = _run("users", "disable", "cli.admin")
    assert code == 0 and "devre dışı bırakıldı" in out
    [user] = _query(select(User).where(User.username == "cli.admin"))
    assert not user.is_active
