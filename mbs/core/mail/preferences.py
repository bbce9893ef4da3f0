"""What a muhtar sees and chooses about their corporate e-mail in the portal: their
address, and whether notifications go there as well as by SMS."""

from dataclasses import dataclass

from sqlmodel import Session, select

from mbs.core import events
from mbs.core.actors import Actor
from mbs.core.enums import EventKind
from mbs.core.errors import NotFound
from mbs.core.mail.accounts import assign_accounts
from mbs.core.mail.queue import corporate_address
from mbs.core.models import MailAccount, Muhtar
from mbs.core.permissions import require_muhtar

NO_ACCOUNT = "Kurumsal e-posta hesabınız bulunamadı."


@dataclass(frozen=True)
class MailChoice:
    address: str  # "ali.yilmaz@muhtar.gov.tr"
    notify_by_email: bool


def _own_account(session: Session, actor: Actor) -> MailAccount:
    muhtar = session.get(Muhtar, require_muhtar(actor).muhtar_id)
    if muhtar is None:
        raise NotFound(NO_ACCOUNT)
    account = session.exec(select(MailAccount).where(MailAccount.tckn == muhtar.tckn)).first()
    if account is None or not account.is_active:
        # A registry loaded before e-mail existed, or a new term the hourly sync has not
        # seen yet: bring this one person's account up to date now.
        assign_accounts(session=session, tckns=[muhtar.tckn])
        account = session.exec(select(MailAccount).where(MailAccount.tckn == muhtar.tckn)).first()
    if account is None:
        raise NotFound(NO_ACCOUNT)
    return account


def mail_choice(*, session: Session, actor: Actor) -> MailChoice:
    """The logged-in muhtar's address and notification choice."""
    account = _own_account(session, actor)
    return MailChoice(corporate_address(account), account.notify_by_email)


def set_email_notifications(*, session: Session, actor: Actor, enabled: bool) -> MailChoice:
    """Turn e-mail copies of the muhtar's notifications on or off (SMS always go);
    records MAIL_NOTIFY_CHANGED when the choice changes. Never commits."""
    account = _own_account(session, actor)
    if account.notify_by_email != enabled:
        account.notify_by_email = enabled
        session.add(account)
        events.record(
            session, EventKind.MAIL_NOTIFY_CHANGED, actor, data={"enabled": bool(enabled)}
        )
        session.flush()
    return MailChoice(corporate_address(account), account.notify_by_email)
