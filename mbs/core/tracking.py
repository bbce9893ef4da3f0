"""Human tracking numbers: `2026-000123`, a sequence per year in Turkey's time."""

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from mbs.core import clock
from mbs.core.models import TrackingCounter


def next_tracking_number(session: Session) -> str:
    """Take the next number for this year. Safe under concurrency: the upsert locks the
    year's counter row until the transaction ends, so two filings never share a number."""
    year = clock.local(clock.now()).year
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = TrackingCounter.__table__  # type: ignore[attr-defined]
    statement = (
        insert(table)
        .values(year=year, last=1)
        .on_conflict_do_update(index_elements=["year"], set_={"last": table.c.last + 1})
        .returning(table.c.last)
    )
    number = session.execute(statement).scalar_one()
    return f"{year}-{number:06d}"
