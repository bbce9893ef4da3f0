"""`mbs units import` and `mbs muhtars import`: the DETSİS list and the muhtar registry.

A file with any bad row imports nothing: every problem is printed as "satır N: ..." on
stderr and the exit status is 1.
"""

from collections.abc import Callable
from pathlib import Path

import click
from sqlmodel import Session

from mbs.core.db import transaction
from mbs.core.errors import CsvImportError
from mbs.core.imports import ImportReport, import_muhtars, import_units

FILE = click.Path(exists=True, dir_okay=False, readable=True, path_type=Path)


@click.group("units")
def units_group() -> None:
    """Birimler (DETSİS)."""


@units_group.command("import")
@click.argument("file", type=FILE)
def import_units_command(file: Path) -> None:
    """Import the DETSİS unit list (CSV: detsis_no, ad, tur, il, ilce, ust_detsis_no,
    belediye_turu)."""
    report = _run(lambda session: import_units(session=session, rows_text_or_file=file))
    click.echo(f"Birimler içe aktarıldı: {_describe(report)}.")


@click.group("muhtars")
def muhtars_group() -> None:
    """Muhtar kayıtları."""


@muhtars_group.command("import")
@click.argument("file", type=FILE)
def import_muhtars_command(file: Path) -> None:
    """Import the muhtar registry (CSV: tckn, ad, soyad, cep_telefonu, il, ilce,
    muhtarlik, muhtarlik_turu, gorev_baslangic, gorev_bitis; optional muhtarlik_kodu)."""
    report = _run(lambda session: import_muhtars(session=session, file=file))
    click.echo(f"Muhtarlar içe aktarıldı: {_describe(report)}.")


def _run(action: Callable[[Session], ImportReport]) -> ImportReport:
    try:
        with transaction() as session:
            return action(session)
    except CsvImportError as error:
        for line, reason in error.problems:
            click.echo(f"satır {line}: {reason}", err=True)
        click.echo(
            f"Hiçbir kayıt içe aktarılmadı: {len(error.problems)} sorun var. "
            "Dosyayı düzeltip yeniden deneyin.",
            err=True,
        )
        raise SystemExit(1) from None


def _describe(report: ImportReport) -> str:
    return (
        f"{report.rows} satır; {report.created} yeni, {report.updated} güncellendi, "
        f"{report.unchanged} değişmedi"
    )


COMMANDS = [units_group, muhtars_group]
