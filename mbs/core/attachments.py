"""Attachments: stored outside any public folder, under random names.

Reflex serves its upload folder to anyone, so files live in MBS_ATTACHMENT_DIR
(default ./var/attachments) and are read back only through `open_attachment`, which
checks that the actor may see the request. The type is read from the file's bytes, not
from the name or the browser's claim; the original name is kept only as metadata.
Photos are stored re-encoded, without their EXIF location (mbs/core/photos.py).
"""

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import filetype  # type: ignore[import-untyped]
from sqlmodel import Session

from mbs.core import clock
from mbs.core.actors import Actor, MuhtarActor, StaffActor
from mbs.core.errors import NotFound, ValidationError
from mbs.core.models import Attachment
from mbs.core.photos import clean_photo, is_photo

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
ALLOWED_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}


@dataclass(frozen=True)
class UploadedFile:
    """A file as the interface received it."""

    name: str
    data: bytes


def storage_dir() -> Path:
    return Path(os.environ.get("MBS_ATTACHMENT_DIR") or "var/attachments").resolve()


def check_files(files: list[UploadedFile]) -> list[str]:
    """Validate before anything is written; returns the detected MIME types."""
    if len(files) > MAX_FILES:
        raise ValidationError(f"En fazla {MAX_FILES} dosya ekleyebilirsiniz.")
    types = []
    for file in files:
        if len(file.data) > MAX_BYTES:
            raise ValidationError(f"“{_safe_name(file.name)}” 10 MB'tan büyük.")
        if not file.data:
            raise ValidationError(f"“{_safe_name(file.name)}” boş bir dosya.")
        kind = filetype.guess(file.data)
        if kind is None or kind.mime not in ALLOWED_TYPES:
            raise ValidationError(
                f"“{_safe_name(file.name)}” eklenemez: yalnızca fotoğraf (JPEG, PNG, WebP) "
                "ve PDF dosyaları kabul edilir."
            )
        types.append(kind.mime)
    return types


def store_files(
    session: Session,
    actor: Actor,
    files: list[UploadedFile],
    *,
    request_id: int,
    assignment_id: int | None = None,
) -> list[Attachment]:
    """Write the files and add their rows. A file whose transaction later rolls back stays
    on disk without a row; the cleanup job removes such orphans."""
    types = check_files(files)
    # Every photo is re-encoded before the first byte is written, so a bad one leaves
    # nothing on disk.
    contents = [
        clean_photo(file.data, mime, _safe_name(file.name)) if is_photo(mime) else file.data
        for file, mime in zip(files, types, strict=True)
    ]
    directory = storage_dir()
    rows = []
    for file, mime, data in zip(files, types, contents, strict=True):
        key = f"{secrets.token_hex(16)}.{ALLOWED_TYPES[mime]}"
        path = directory / key[:2] / key
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".part")
        temporary.write_bytes(data)
        temporary.replace(path)
        row = Attachment(
            request_id=request_id,
            assignment_id=assignment_id,
            storage_key=key,
            original_name=_safe_name(file.name),
            content_type=mime,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by_user_id=actor.user_id if isinstance(actor, StaffActor) else None,
            uploaded_by_muhtar_id=actor.muhtar_id if isinstance(actor, MuhtarActor) else None,
            created_at=clock.now(),
        )
        session.add(row)
        rows.append(row)
    return rows


def attachment_path(attachment: Attachment) -> Path:
    path = storage_dir() / attachment.storage_key[:2] / attachment.storage_key
    if not path.is_file():
        raise NotFound("Dosya bulunamadı.")
    return path


def _safe_name(name: str) -> str:
    # Keep only the last path component and drop control characters.
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return (cleaned or "dosya")[:255]
