"""The development provider's own record of what it "sent": one JSON line per message
in a file (MBS_SMS_DEV_OUTBOX, default `instance_dir()/sms-dev-outbox.jsonl`).

A login code's text is blanked in the database once it is sent (mbs/core/sms/rows.py),
so without a real phone this file is where a developer, `mbs sms list` and the browser
tests read the onay kodu. It holds the row's key, kind, masked number and the text;
never the full number. Only the dev provider writes it, and nothing reads it in
production.
"""

import json
import logging
import os
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mbs.core import clock
from mbs.core.settings import instance_dir
from mbs.core.tckn import mask_phone

if TYPE_CHECKING:  # the providers import this module
    from mbs.core.sms.providers.base import OutgoingSms

log = logging.getLogger("mbs.sms")

FILE_NAME = "sms-dev-outbox.jsonl"


def outbox_path(environ: Mapping[str, str] = os.environ) -> Path:
    """Where the dev provider writes (MBS_SMS_DEV_OUTBOX, else under the instance dir)."""
    configured = environ.get("MBS_SMS_DEV_OUTBOX", "").strip()
    return Path(configured) if configured else instance_dir() / FILE_NAME


def append(path: Path, messages: Sequence["OutgoingSms"], at: datetime | None = None) -> None:
    """Add one line per message. A file that cannot be written is logged, not raised:
    the console still shows the text, and the send must not be left half done."""
    stamp = (at or clock.now()).isoformat()
    lines = "".join(
        json.dumps(
            {
                "key": m.key,
                "kind": m.kind.value,
                "phone": mask_phone(m.phone),
                "body": m.body,
                "at": stamp,
            },
            ensure_ascii=False,
        )
        + "\n"
        for m in messages
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as file:
            file.write(lines)  # one write per batch: concurrent appends do not interleave
    except OSError as error:
        log.warning("Geliştirme SMS dosyasına yazılamadı (%s): %s", path, error.strerror)


def bodies(path: Path) -> dict[str, str]:
    """Every text in the file by outbox key (the newest, for a key sent twice)."""
    found: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8") as file:
            for line in file:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # a line cut short by a crash
                if isinstance(entry, dict) and isinstance(entry.get("key"), str):
                    found[entry["key"]] = str(entry.get("body", ""))
    except FileNotFoundError:
        pass
    return found


def body_of(path: Path, key: str) -> str | None:
    """The text sent under outbox key `key`; None when the file does not have it."""
    return bodies(path).get(key)
