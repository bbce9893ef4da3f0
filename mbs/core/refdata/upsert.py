"""Idempotent bulk upsert by natural key: one query reads what is there, one executemany
inserts what is new, one bulk UPDATE by primary key fixes what changed."""

from typing import Any

from sqlalchemy import insert, update
from sqlmodel import Session, SQLModel, select


def upsert(
    session: Session, model: type[SQLModel], key: str, rows: list[dict[str, Any]]
) -> tuple[int, int]:
    """Make the table hold `rows`, matched on column `key`; return (inserted, updated).

    Only the columns present in the dicts are compared and written, so columns filled by
    other means (a unit's DETSİS number, is_active) are never overwritten; rows of the
    table that are not in `rows` are left alone.
    """
    if not rows:
        return 0, 0
    columns = [key, *(column for column in rows[0] if column != key)]
    primary_key = model.id  # type: ignore[attr-defined]
    existing = {
        found[1]: (found[0], tuple(found[1:]))
        for found in session.exec(select(primary_key, *(getattr(model, c) for c in columns)))
    }
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for row in rows:
        current = existing.get(row[key])
        if current is None:
            new.append(row)
        elif current[1] != tuple(row[column] for column in columns):
            changed.append({**row, "id": current[0]})
    if new:
        session.exec(insert(model), params=new)
    if changed:
        session.exec(update(model), params=changed)
    return len(new), len(changed)
