"""Attachments: type from the bytes, size and count limits, private storage, and
downloads only for those who may see them."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from mbs.core import clock
from mbs.core.attachments import MAX_BYTES, UploadedFile
from mbs.core.commands import (
    RouteTarget,
    complete_assignment,
    file_request,
    forward_assignment,
    route_request,
)
from mbs.core.enums import CompletionOutcome, RequestType
from mbs.core.errors import NotFound, ValidationError
from mbs.core.queries.requests import open_attachment, request_detail
from tests.core.world import NOW, World, build_world

TEXT = "Okulun çatısı akıyor, fotoğrafları ekte gönderiyorum."
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x03\x00\x08\xfc\x02\xfe"
    b"\xa7\x9a\xa0\xa0\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.setenv("MBS_ATTACHMENT_DIR", str(tmp_path / "files"))
    clock.set_clock(lambda: NOW)
    try:
        yield build_world(session)
    finally:
        clock.set_clock(None)


def test_muhtar_files_with_a_photo_stored_privately_under_a_random_name(session, world, tmp_path):
    request = file_request(
        session=session,
        actor=world.muhtar,
        type=RequestType.SIKAYET,
        description=TEXT,
        files=[UploadedFile("../../çatı fotoğrafı.png", PNG)],
    )
    [attachment] = request_detail(
        session=session, actor=world.muhtar, request_id=request.id
    ).attachments
    assert attachment.original_name == "çatı fotoğrafı.png"
    assert attachment.content_type == "image/png" and attachment.size == len(PNG)
    assert "çatı" not in attachment.storage_key and attachment.storage_key.endswith(".png")
    _, path = open_attachment(session=session, actor=world.muhtar, attachment_id=attachment.id)
    assert path.read_bytes() == PNG
    assert path.is_relative_to(tmp_path / "files")


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([UploadedFile("foto.jpg", b"this is not a picture at all")], "yalnızca fotoğraf"),
        ([UploadedFile("büyük.pdf", PDF + b"0" * MAX_BYTES)], "10 MB"),
        ([UploadedFile("boş.png", b"")], "boş"),
        ([UploadedFile(f"{i}.png", PNG) for i in range(6)], "En fazla 5"),
    ],
)
def test_bad_files_are_refused_before_anything_is_written(session, world, tmp_path, files, message):
    with pytest.raises(ValidationError, match=message):
        file_request(
            session=session,
            actor=world.muhtar,
            type=RequestType.ISTEK,
            description=TEXT,
            files=files,
        )
    assert not (tmp_path / "files").exists()


def test_completion_attachments_are_seen_by_those_above_only(session, world):
    request = file_request(
        session=session, actor=world.muhtar, type=RequestType.ISTEK, description=TEXT
    )
    [valilik] = route_request(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        targets=[RouteTarget(world.units["valilik"].id)],
    )
    [child] = forward_assignment(
        session=session,
        actor=world.valilik,
        assignment_id=valilik.id,
        expected_version=valilik.version,
        targets=[RouteTarget(world.units["il_mudurlugu"].id)],
    )
    complete_assignment(
        session=session,
        actor=world.il_mudurlugu,
        assignment_id=child.id,
        expected_version=child.version,
        note="Çatı onarıldı, rapor ekte.",
        outcome=CompletionOutcome.POSITIVE,
        files=[UploadedFile("rapor.pdf", PDF)],
    )
    [attachment] = request_detail(
        session=session, actor=world.central, request_id=request.id
    ).attachments
    assert attachment.assignment_id == child.id
    for who in ("central", "valilik", "il_mudurlugu"):
        found, _ = open_attachment(
            session=session, actor=getattr(world, who), attachment_id=attachment.id
        )
        assert found.id == attachment.id
    # Internal to the valilik's subtree: not for the muhtar, nor for other units.
    for who in ("muhtar", "other_valilik", "belediye", "other_muhtar"):
        with pytest.raises(NotFound, match="Dosya bulunamadı"):
            open_attachment(session=session, actor=getattr(world, who), attachment_id=attachment.id)
