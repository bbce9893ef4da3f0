"""`mbs data ...`: Turkey's reference data (provinces, districts, muhtarlıks, standard units)."""

import json
from typing import Any

import click
from sqlmodel import Session

from mbs.core import labels
from mbs.core.db import get_engine, transaction
from mbs.core.enums import BelediyeKind, MuhtarlikKind, UnitKind
from mbs.core.refdata import LoadReport, load_reference_data, reference_data_status

TABLE_NOUNS = {"provinces": "il", "districts": "ilçe", "muhtarliks": "muhtarlık", "units": "birim"}


@click.group("data")
def data_group() -> None:
    """Referans verileri: iller, ilçeler, muhtarlıklar ve standart birimler."""


@data_group.command("load")
def load() -> None:
    """Load the reference data (safe to repeat: only what changed is written)."""
    with transaction() as session:
        report = load_reference_data(session=session)
    click.echo(describe_report(report))


@data_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status(as_json: bool) -> None:
    """Show how much reference data the database holds."""
    with Session(get_engine()) as session:
        counts = reference_data_status(session=session)
    if as_json:
        click.echo(json.dumps(counts, indent=2, sort_keys=True))
    else:
        click.echo(format_status(counts))


def describe_report(report: LoadReport) -> str:
    """One Turkish sentence: what the load inserted and updated."""
    if not report.changed:
        return "Referans verileri zaten güncel: değişiklik yapılmadı."
    parts = [
        f"{_counts(report.inserted)} eklendi" if any(report.inserted.values()) else "",
        f"{_counts(report.updated)} güncellendi" if any(report.updated.values()) else "",
    ]
    return "Referans verileri yüklendi: " + "; ".join(part for part in parts if part) + "."


def _counts(by_table: dict[str, int]) -> str:
    return ", ".join(
        f"{_number(count)} {TABLE_NOUNS[table]}" for table, count in by_table.items() if count
    )


def format_status(counts: dict[str, Any]) -> str:
    """The counts as an aligned Turkish table."""
    rows: list[tuple[str, int]] = [
        ("İller", counts["provinces"]),
        ("  Büyükşehir", counts["metropolitan_provinces"]),
        ("İlçeler", counts["districts"]),
        ("Muhtarlıklar", counts["muhtarliks"]["total"]),
    ]
    rows += [
        (f"  {labels.MUHTARLIK_KIND[k]}", counts["muhtarliks"][k.value]) for k in MuhtarlikKind
    ]
    rows.append(("Birimler", counts["units"]["total"]))
    rows += [(f"  {labels.UNIT_KIND[k]}", counts["units"][k.value]) for k in UnitKind]
    rows += [(f"    {labels.BELEDIYE_KIND[k]}", counts["belediyes"][k.value]) for k in BelediyeKind]
    width = max(len(label) for label, _ in rows) + 2
    return "\n".join(f"{label:<{width}}{_number(count):>8}" for label, count in rows)


def _number(count: int) -> str:
    # Turkish groups thousands with a dot: 50.357.
    return f"{count:,}".replace(",", ".")


COMMANDS = [data_group]
