"""`mbs demo`: demo staff accounts and muhtars on top of the reference data."""

import click

from mbs.cli.users import format_table
from mbs.core.db import transaction
from mbs.core.demo import create_demo_accounts


@click.command("demo")
def demo() -> None:
    """Create (or repair) the demo accounts and print their credentials."""
    with transaction() as session:
        report = create_demo_accounts(session=session)
    if report.changes:
        click.echo(f"Demo hesapları hazırlandı ({report.changes} değişiklik).")
    else:
        click.echo("Demo hesapları zaten hazırdı; değişiklik yapılmadı.")
    click.echo(f"\nKurum kullanıcıları (hepsinin parolası: {report.password})")
    staff = [[s.role, s.username, s.unit_name] for s in report.staff]
    click.echo(format_table(["Rol", "Kullanıcı adı", "Birim"], staff))
    # Fake people: the full TCKN is printed because it is what the muhtar login asks.
    click.echo("\nDemo muhtarlar (gerçek kişi değildir)")
    muhtars = [[m.tckn, m.full_name, m.muhtarlik] for m in report.muhtars]
    click.echo(format_table(["TC Kimlik No", "Ad Soyad", "Muhtarlık"], muhtars))


COMMANDS = [demo]
