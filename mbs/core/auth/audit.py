"""Audit events of the login. They hold masked data only: never a full TCKN, a code,
a token or a password; the client IP is kept (needed to investigate abuse)."""

from typing import Any

from sqlmodel import Session

from mbs.core import events
from mbs.core.actors import Actor, SystemActor
from mbs.core.auth.limits import clean_ip
from mbs.core.enums import EventKind
from mbs.core.tckn import mask_tckn

# Before the login succeeds nobody is known to be acting: the event has no actor.
_ANONYMOUS = SystemActor(name="giriş")


def masked_tckn_input(value: str) -> str:
    """A typed TCKN masked for the log, whatever was typed."""
    if len(value) == 11 and value.isdigit():
        return mask_tckn(value)
    return "*" * min(len(value), 11)


def login_event(
    session: Session,
    kind: EventKind,
    trace: dict[str, Any],
    *,
    client_ip: str | None,
    actor: Actor | None = None,
    **extra: Any,
) -> None:
    """One audit event: `trace` names the channel (muhtar/staff) and the masked subject,
    `extra` adds the reason of a refusal or other details."""
    data = {**trace, **extra}
    if client_ip is not None:
        data["ip"] = clean_ip(client_ip)
    events.record(session, kind, actor or _ANONYMOUS, data=data)
