"""The muhtars' mailboxes in forms a mail server imports. Only active accounts (people
with a current or future term) are listed, by address; no format carries a password
or a TCKN.

* csv: UTF-8 (no BOM), comma-separated, a header row: email, display_name, first_name,
  last_name, muhtarlik, ilce, il. Names keep their Turkish letters.
* postfix: `virtual_mailbox_maps` lines, "address  domain/local_part/" (Maildir under
  virtual_mailbox_base); run `postmap` on the file.
* dovecot: a passwd-file userdb, "address::::display name:home::" with the home
  `<home_base>/<domain>/<local_part>`; the password field is empty because passwords
  are kept by the passdb (LDAP, SQL or the like), never by MBS; uid and gid come from
  Dovecot's own settings (mail_uid/mail_gid).
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session, col, select

from mbs.core.mail.accounts import Person, people
from mbs.core.mail.config import mail_domain
from mbs.core.models import MailAccount


class ExportFormat(StrEnum):
    CSV = "csv"
    POSTFIX = "postfix"
    DOVECOT = "dovecot"


DEFAULT_HOME_BASE = "/var/vmail"
CSV_HEADER = ["email", "display_name", "first_name", "last_name", "muhtarlik", "ilce", "il"]


@dataclass(frozen=True)
class Mailbox:
    address: str
    local_part: str
    domain: str
    display_name: str
    person: Person | None


def mailboxes(session: Session) -> list[Mailbox]:
    """Every active account with its person's current name and place, by address."""
    domain = mail_domain()
    accounts = session.exec(
        select(MailAccount).where(col(MailAccount.is_active)).order_by(col(MailAccount.local_part))
    ).all()
    found = people(session, [account.tckn for account in accounts])
    return [
        Mailbox(
            f"{account.local_part}@{domain}",
            account.local_part,
            domain,
            account.display_name,
            found.get(account.tckn),
        )
        for account in accounts
    ]


def export_accounts(
    *, session: Session, format: ExportFormat, home_base: str = DEFAULT_HOME_BASE
) -> tuple[str, int]:
    """The active accounts as text in `format` (see the module's description), and
    how many there are."""
    boxes = mailboxes(session)
    return render(boxes, format, home_base), len(boxes)


def render(boxes: list[Mailbox], format: ExportFormat, home_base: str = DEFAULT_HOME_BASE) -> str:
    """`boxes` as text in `format`."""
    if format is ExportFormat.CSV:
        return _csv(boxes)
    if format is ExportFormat.POSTFIX:
        return _lines(
            ["# Postfix virtual_mailbox_maps (MBS): postmap bu dosya"],
            (f"{box.address} {box.domain}/{box.local_part}/" for box in boxes),
        )
    base = home_base.rstrip("/")
    return _lines(
        ["# Dovecot passwd-file userdb (MBS); parolalar passdb'de tutulur"],
        (
            f"{box.address}::::{_gecos(box.display_name)}:{base}/{box.domain}/{box.local_part}::"
            for box in boxes
        ),
    )


def _csv(boxes: list[Mailbox]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for box in boxes:
        person = box.person
        place = [person.muhtarlik, person.district, person.province] if person else ["", "", ""]
        names = [person.first_name, person.last_name] if person else ["", ""]
        writer.writerow([box.address, box.display_name, *names, *place])
    return out.getvalue()


def _lines(comments: list[str], lines: Iterable[str]) -> str:
    return "\n".join([*comments, *lines]) + "\n"


def _gecos(name: str) -> str:
    # The passwd-file's separator and line breaks cannot appear inside a field.
    return name.replace(":", " ").replace("\n", " ")
