"""The daily overdue reminder: one e-mail per staff user per day listing their unit's
assignments open longer than the answer period (15 days)."""

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mbs.core import clock
from mbs.core.enums import OPEN_ASSIGNMENT_STATUSES, EmailKind, RequestStatus
from mbs.core.mail.letters import OverdueLine, overdue_letter
from mbs.core.mail.queue import queue_email
from mbs.core.models import (
    Assignment,
    District,
    EmailMessage,
    Muhtarlik,
    Province,
    Request,
    Unit,
    User,
)
from mbs.core.queries.listing import ANSWER_PERIOD
from mbs.core.queries.muhtar_profile import muhtarlik_title


def digest_key(user_id: int, day: date) -> str:
    """One digest per user per day: queueing twice is a no-op."""
    return f"overdue:{user_id}:{day.isoformat()}"


def overdue_by_unit(
    session: Session, now: datetime, unit_ids: Collection[int]
) -> dict[int, list[OverdueLine]]:
    """Open assignments of these units' routed requests older than the answer period,
    by unit, oldest first."""
    columns: Any = (
        col(Assignment.unit_id), col(Assignment.created_at), col(Request.tracking_no),
        col(Unit.name), col(District.name), col(Province.name), Muhtarlik,
    )  # fmt: skip
    # Typed Any: sqlmodel's select() overloads stop at four columns.
    query: Any = (
        sa_select(*columns)
        .join(Request, col(Request.id) == col(Assignment.request_id))
        .join(Unit, col(Unit.id) == col(Assignment.unit_id))
        .join(Muhtarlik, col(Muhtarlik.id) == col(Request.muhtarlik_id))
        .join(District, col(District.id) == col(Muhtarlik.district_id))
        .join(Province, col(Province.id) == col(Muhtarlik.province_id))
        .where(
            col(Assignment.unit_id).in_(sorted(unit_ids)),
            col(Assignment.status).in_(OPEN_ASSIGNMENT_STATUSES),
            col(Request.status) == RequestStatus.ROUTED,
            col(Assignment.created_at) < now - ANSWER_PERIOD,
        )
        .order_by(col(Assignment.created_at), col(Assignment.id))
    )
    found: dict[int, list[OverdueLine]] = defaultdict(list)
    for unit_id, created_at, tracking_no, unit, district, province, place in session.exec(query):
        label = f"{muhtarlik_title(place)} ({district} / {province})"
        found[unit_id].append(OverdueLine(tracking_no, unit, label, (now - created_at).days))
    return found


def queue_overdue_digests(*, session: Session, now: datetime | None = None) -> int:
    """Queue today's digest (Turkey's date) for each active staff user with an e-mail
    address whose unit has overdue assignments, unless already queued today; returns
    how many were queued. Never commits.

    The scheduler calls this every quarter of an hour; once today's digests are queued
    a call costs two small queries (who has an address, whose digest is queued), and
    the overdue assignments are read only for the units of users still waiting.
    """
    now = now or clock.now()
    day = clock.local(now).date()
    users = session.exec(
        select(User).where(col(User.is_active), col(User.email).is_not(None)).order_by(col(User.id))
    )
    wanted = {digest_key(user.id, day): user for user in users if user.id is not None}
    keys = sorted(wanted)
    done: set[str] = set()
    for start in range(0, len(keys), 500):  # stay under every backend's parameter limit
        chunk = keys[start : start + 500]
        key_column = col(EmailMessage.idempotency_key)
        done.update(session.exec(select(EmailMessage.idempotency_key).where(key_column.in_(chunk))))
    waiting = {key: user for key, user in wanted.items() if key not in done}
    if not waiting:
        return 0
    by_unit = overdue_by_unit(session, now, {user.unit_id for user in waiting.values()})
    queued = 0
    for key, user in waiting.items():
        if user.unit_id not in by_unit or not user.email:
            continue
        queue_email(
            session,
            to_address=user.email,
            letter=overdue_letter(user.full_name, day, by_unit[user.unit_id]),
            kind=EmailKind.OVERDUE_DIGEST,
            user_id=user.id,
            key=key,
        )
        queued += 1
    session.flush()
    return queued
