"""İl and ilçe choices for the staff filters (Görünümler), in Turkish alphabetical order."""

from sqlmodel import Session, col, select

from mbs.core.models import District, Province
from mbs.core.text import turkish_sort_key


def province_choices(*, session: Session) -> list[tuple[int, str]]:
    """Every il as (plate code, name), by name."""
    rows = session.exec(select(Province.id, Province.name)).all()
    return sorted(
        ((pid, name) for pid, name in rows if pid is not None),
        key=lambda row: turkish_sort_key(row[1]),
    )


def district_choices(*, session: Session, province_id: int) -> list[tuple[int, str]]:
    """The ilçes of il `province_id` as (id, name), by name."""
    rows = session.exec(
        select(District.id, District.name).where(col(District.province_id) == province_id)
    ).all()
    return sorted(
        ((did, name) for did, name in rows if did is not None),
        key=lambda row: turkish_sort_key(row[1]),
    )
