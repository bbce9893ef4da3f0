"""`mbs stats`: the statistics rollups (build them again, or bring them up to date)."""

import time

import click

from mbs.core import clock
from mbs.core.db import transaction
from mbs.core.stats.rollup import rebuild, refresh


@click.group("stats")
def stats_group() -> None:
    """İş Zekası Portalı: the rollup tables behind the statistics."""


@stats_group.command("rebuild")
def rebuild_command() -> None:
    """Build every rollup row again from the requests (after a restore, or to check)."""
    started = time.perf_counter()
    with transaction() as session:
        months = rebuild(session=session, now=clock.now())
    click.echo(f"İstatistik özetleri yeniden oluşturuldu: {months} ay, "
               f"{time.perf_counter() - started:.1f} sn.")  # fmt: skip


@stats_group.command("refresh")
def refresh_command() -> None:
    """Bring the rollups up to date now (the scheduler does this every minute)."""
    with transaction() as session:
        changed = refresh(session=session, now=clock.now())
    click.echo(f"İstatistik özetleri güncellendi ({changed} değişiklik).")


COMMANDS = [stats_group]
