"""Queueing notification e-mails in the outbox, in the caller's transaction: the
muhtar's copy of each SMS (when they asked for it) and the new-assignment notice to a
unit's staff. The outbox sender delivers them after the commit."""

import secrets
from collections.abc import Sequence

from sqlmodel import Session, col, select

from mbs.core import clock
from mbs.core.enums import EmailKind
from mbs.core.mail.compose import Letter
from mbs.core.mail.config import mail_domain
from mbs.core.mail.letters import AssignmentInfo, assignment_letter, muhtar_letter
from mbs.core.models import (
    Assignment,
    District,
    EmailMessage,
    MailAccount,
    Muhtar,
    Muhtarlik,
    Province,
    Request,
    Unit,
    User,
)
from mbs.core.queries.muhtar_profile import muhtarlik_title


def queue_email(
    session: Session,
    *,
    to_address: str,
    letter: Letter,
    kind: EmailKind,
    request_id: int | None = None,
    user_id: int | None = None,
    account_id: int | None = None,
    key: str | None = None,
) -> EmailMessage:
    """Add one outbox row; `key` (default: random) makes queueing idempotent."""
    now = clock.now()
    message = EmailMessage(
        idempotency_key=key or secrets.token_hex(16),
        kind=kind,
        to_address=to_address,
        subject=letter.subject,
        body_text=letter.text(),
        body_html=letter.html(),
        request_id=request_id,
        user_id=user_id,
        account_id=account_id,
        created_at=now,
        next_attempt_at=now,
    )
    session.add(message)
    return message


def corporate_address(account: MailAccount) -> str:
    """`local_part@MBS_MAIL_DOMAIN`."""
    return f"{account.local_part}@{mail_domain()}"


def mail_muhtar(
    session: Session, muhtar: Muhtar, request: Request, sms_text: str
) -> EmailMessage | None:
    """The muhtar's SMS also by e-mail, if they turned that on (and their account is
    active); None otherwise."""
    account = session.exec(select(MailAccount).where(MailAccount.tckn == muhtar.tckn)).first()
    if account is None or not account.notify_by_email or not account.is_active:
        return None
    return queue_email(
        session,
        to_address=corporate_address(account),
        letter=muhtar_letter(muhtar.full_name, request.tracking_no, sms_text),
        kind=EmailKind.MUHTAR_NOTIFICATION,
        request_id=request.id,
        account_id=account.id,
    )


def place_label(session: Session, muhtarlik_id: int) -> str:
    """ "Çınar Mahallesi (Yayla / Deneme)"."""
    muhtarlik = session.get(Muhtarlik, muhtarlik_id)
    assert muhtarlik is not None
    district = session.get(District, muhtarlik.district_id)
    province = session.get(Province, muhtarlik.province_id)
    where = " / ".join(place.name for place in (district, province) if place is not None)
    return f"{muhtarlik_title(muhtarlik)} ({where})"


def mail_new_assignments(
    session: Session, request: Request, assignments: Sequence[Assignment]
) -> list[EmailMessage]:
    """Tell the active staff with an e-mail address of each newly assigned unit (MİGM's
    routing, or a valilik's forward to its sub-units)."""
    unit_ids = {assignment.unit_id for assignment in assignments}
    if not unit_ids:
        return []
    users = session.exec(
        select(User)
        .where(col(User.unit_id).in_(unit_ids), col(User.is_active), col(User.email).is_not(None))
        .order_by(col(User.id))
    ).all()
    if not users:
        return []
    place = place_label(session, request.muhtarlik_id)
    queued = []
    for assignment in assignments:
        unit = session.get(Unit, assignment.unit_id)
        assert unit is not None
        info = AssignmentInfo(
            unit.name, place, assignment.routing_note, assignment.parent_id is not None
        )
        for user in users:
            if user.unit_id == assignment.unit_id and user.email:
                queued.append(
                    queue_email(
                        session,
                        to_address=user.email,
                        letter=assignment_letter(user.full_name, request, info),
                        kind=EmailKind.NEW_ASSIGNMENT,
                        request_id=request.id,
                        user_id=user.id,
                    )
                )
    return queued
