"""`mbs mail ...` and the staff e-mail options of `mbs users` end to end, against a
private migrated database (each command commits) and a real SMTP server on
127.0.0.1."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import Session

from mbs.cli.main import cli
from mbs.core import migrations
from mbs.core.db import get_engine, transaction
from mbs.core.enums import EmailKind, UnitKind
from mbs.core.mail.compose import Letter
from mbs.core.mail.queue import queue_email
from tests.builders import make_district, make_muhtarlik, make_province, make_unit, valid_tckn
from tests.conftest import _create_postgres_database, _drop_postgres_database
from tests.fakes.smtp import FakeSmtp

HEADER = "tckn;ad;soyad;cep_telefonu;il;ilce;muhtarlik;muhtarlik_turu;gorev_baslangic;gorev_bitis"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    admin_url = os.environ.get("MBS_TEST_DATABASE_URL")
    name = None
    if admin_url:
        name, url = _create_postgres_database(admin_url)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('mail-cli') / 'mbs.db'}"
    try:
        migrations.upgrade(url)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("MBS_DATABASE_URL", url)
            for variable in ("MBS_SMTP_HOST", "MBS_MAIL_DOMAIN", "MBS_MAIL_FROM"):
                patch.delenv(variable, raising=False)
            get_engine.cache_clear()
            with Session(get_engine()) as session:
                province = make_province(session, id=100, name="Deneme")
                district = make_district(session, province, name="Yayla")
                make_muhtarlik(session, district, name="Çınar")
                make_muhtarlik(session, district, name="Işıklı")
                make_unit(session, UnitKind.MIGM, code="test:central")
                session.commit()
            yield url
            get_engine().dispose()
        get_engine.cache_clear()
    finally:
        if admin_url and name:
            _drop_postgres_database(admin_url, name)


def _run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_import_then_export_every_format(database: str, tmp_path: Path) -> None:
    registry = tmp_path / "muhtarlar.csv"
    rows = [
        f"{valid_tckn(930_001)};Çağlayan Şükrü;Ölmez;05321234567;100;Yayla;Çınar;mahalle;"
        "01.04.2024;31.03.2029",
        f"{valid_tckn(930_002)};İpek;Işık;05321234568;100;Yayla;Işıklı;mahalle;"
        "01.04.2024;31.03.2029",
    ]
    registry.write_text("\n".join([HEADER, *rows]), "utf-8")
    assert _run("muhtars", "import", str(registry))[0] == 0

    code, out, _ = _run("mail", "assign")
    assert code == 0 and "0 yeni adres" in out  # the import already gave them

    code, out, _ = _run("mail", "export")
    assert code == 0
    assert out.splitlines()[1:] == [
        "caglayan.olmez@muhtar.gov.tr,Çağlayan Şükrü Ölmez,Çağlayan Şükrü,Ölmez,"
        "Çınar Mahallesi,Yayla,Deneme",
        "ipek.isik@muhtar.gov.tr,İpek Işık,İpek,Işık,Işıklı Mahallesi,Yayla,Deneme",
    ]

    target = tmp_path / "virtual_mailbox"
    code, _, err = _run("mail", "export", "--format", "postfix", "--output", str(target))
    assert code == 0 and "2 posta kutusu yazıldı" in err
    assert "ipek.isik@muhtar.gov.tr muhtar.gov.tr/ipek.isik/\n" in target.read_text("utf-8")

    code, out, _ = _run("mail", "export", "--format", "dovecot")
    assert code == 0 and "caglayan.olmez@muhtar.gov.tr::::Çağlayan Şükrü Ölmez:/var/vmail/" in out

    code, _, _ = _run("mail", "export", "--format", "exchange")
    assert code == 2  # click refuses an unknown format


def test_staff_e_mail_is_set_listed_and_cleared(database: str) -> None:
    code, out, _ = _run(
        "users", "create", "cli.posta", "--unit", "test:central", "--name", "Posta Deneme",
        "--email", "posta.deneme@icisleri.gov.tr", input="Guclu.Parola1\nGuclu.Parola1\n",
    )  # fmt: skip
    assert code == 0
    code, out, _ = _run("users", "list", "--unit", "test:central")
    assert "posta.deneme@icisleri.gov.tr" in out
    code, out, _ = _run("users", "set-email", "cli.posta", "yeni.adres@icisleri.gov.tr")
    assert code == 0 and "yeni.adres@icisleri.gov.tr adresine gidecek" in out
    code, out, _ = _run("users", "set-email", "cli.posta")
    assert code == 0 and "kaldırıldı" in out
    assert "yeni.adres" not in _run("users", "list", "--unit", "test:central")[1]


def test_send_pending_through_smtp_and_list(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    letter = Letter("Yeni görev: 2026-000001 numaralı talep", "Sayın Şükrü Bey,", ["Deneme."])
    with transaction() as session:
        queue_email(
            session,
            to_address="sukru.bey@icisleri.gov.tr",
            letter=letter,
            kind=EmailKind.NEW_ASSIGNMENT,
        )
    with FakeSmtp() as smtp:
        monkeypatch.setenv("MBS_SMTP_HOST", smtp.host)
        monkeypatch.setenv("MBS_SMTP_PORT", str(smtp.port))
        monkeypatch.setenv("MBS_SMTP_SECURITY", "none")
        code, out, _ = _run("mail", "send-pending")
        assert code == 0 and "Gönderim: smtp. Gönderildi: 1," in out
        [message] = smtp.messages()
    assert message["Subject"] == "Yeni görev: 2026-000001 numaralı talep"
    assert message["From"].addresses[0].addr_spec == "bildirim@muhtar.gov.tr"
    code, out, _ = _run("mail", "list")
    assert code == 0 and "s***@icisleri.gov.tr" in out and "sukru.bey" not in out
    assert "sent" in out


def test_a_password_is_never_sent_unencrypted(database: str, monkeypatch) -> None:
    monkeypatch.setenv("MBS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MBS_SMTP_SECURITY", "none")
    monkeypatch.setenv("MBS_SMTP_USER", "mbs")
    monkeypatch.setenv("MBS_SMTP_PASSWORD", "Gizli-Parola-123")
    result = CliRunner().invoke(cli, ["mail", "send-pending"])
    assert "şifrelenmemiş" in str(result.exception)
    assert "Gizli-Parola-123" not in str(result.exception) + result.output
