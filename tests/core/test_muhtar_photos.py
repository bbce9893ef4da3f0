"""Photos a muhtar sends are stored without their metadata (GPS) and shrunk."""

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin
from sqlmodel import Session

from mbs.core import clock
from mbs.core.attachments import UploadedFile
from mbs.core.commands import file_request
from mbs.core.enums import RequestType
from mbs.core.errors import ValidationError
from mbs.core.photos import MAX_SIDE, clean_photo
from mbs.core.queries.requests import open_attachment, request_detail
from tests.core.world import NOW, World, build_world

TEXT = "Köy yolundaki çukur büyüdü, fotoğrafını ekledim."
GPS_IFD = 0x8825
ORIENTATION = 0x0112
SECRET_PLACE = b"Ahmet Bey'in evi"


def _exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010E] = SECRET_PLACE.decode()  # ImageDescription
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (39.0, 55.0, 12.5), 3: "E", 4: (32.0, 51.0, 3.2)})
    return exif


def _photo(fmt: str, size: tuple[int, int], **save: object) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    image.paste((20, 20, 180), (0, 0, size[0] // 2, size[1]))  # left half blue
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def _metadata(data: bytes) -> tuple[dict, dict]:
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif()), dict(image.info)


def test_a_camera_jpeg_loses_its_gps_and_is_shrunk() -> None:
    original = _photo("JPEG", (4000, 3000), exif=_exif(), quality=95)
    assert _metadata(original)[0]  # the fixture really carries EXIF

    cleaned = clean_photo(original, "image/jpeg", "foto.jpg")

    exif, info = _metadata(cleaned)
    assert exif == {} and "exif" not in info
    assert SECRET_PLACE not in cleaned and b"Exif" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.format == "JPEG" and image.size == (MAX_SIDE, 1200)
    assert len(cleaned) < len(original)


def test_the_orientation_is_applied_to_the_pixels() -> None:
    # Orientation 6: the camera was held upright; viewers rotate 90° clockwise.
    original = _photo("JPEG", (400, 300), exif=_exif(orientation=6))
    with Image.open(io.BytesIO(clean_photo(original, "image/jpeg", "dik.jpg"))) as image:
        assert image.size == (300, 400)
        # The blue left half of the sensor is now on top.
        assert image.getpixel((150, 50))[2] > 150 and image.getpixel((150, 350))[0] > 150


def test_png_and_webp_with_metadata_are_re_encoded_without_it() -> None:
    text = PngImagePlugin.PngInfo()
    text.add_text("Location", SECRET_PLACE.decode())
    png = _photo("PNG", (200, 100), pnginfo=text)
    webp = _photo("WEBP", (200, 100), exif=_exif())
    for data, mime in ((png, "image/png"), (webp, "image/webp")):
        cleaned = clean_photo(data, mime, "ek")
        assert SECRET_PLACE not in cleaned
        assert _metadata(cleaned)[0] == {}


def test_a_small_plain_png_is_kept_byte_for_byte() -> None:
    png = _photo("PNG", (300, 200))
    assert clean_photo(png, "image/png", "ekran.png") == png


def test_a_large_png_is_shrunk() -> None:
    cleaned = clean_photo(_photo("PNG", (3200, 800)), "image/png", "geniş.png")
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.size == (MAX_SIDE, 400)


def test_a_broken_image_is_refused_with_its_name() -> None:
    broken = _photo("JPEG", (50, 50))[:200]
    with pytest.raises(ValidationError, match="“bozuk.jpg” açılamadı"):
        clean_photo(broken, "image/jpeg", "bozuk.jpg")


@pytest.fixture
def world(session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.setenv("MBS_ATTACHMENT_DIR", str(tmp_path / "files"))
    clock.set_clock(lambda: NOW)
    try:
        yield build_world(session)
    finally:
        clock.set_clock(None)


def test_filing_stores_the_cleaned_photo_and_its_real_size(session: Session, world: World) -> None:
    original = _photo("JPEG", (3000, 2000), exif=_exif())
    request = file_request(
        session=session,
        actor=world.muhtar,
        type=RequestType.SIKAYET,
        description=TEXT,
        files=[UploadedFile("çukur.jpg", original)],
    )
    assert request.id is not None
    [attachment] = request_detail(
        session=session, actor=world.muhtar, request_id=request.id
    ).attachments
    assert attachment.id is not None
    _, path = open_attachment(session=session, actor=world.muhtar, attachment_id=attachment.id)
    stored = path.read_bytes()
    assert attachment.size == len(stored) < len(original)
    assert SECRET_PLACE not in stored
    assert attachment.content_type == "image/jpeg"


def test_a_broken_photo_leaves_no_file(session: Session, world: World, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="açılamadı"):
        file_request(
            session=session,
            actor=world.muhtar,
            type=RequestType.ISTEK,
            description=TEXT,
            files=[
                UploadedFile("iyi.jpg", _photo("JPEG", (40, 40))),
                UploadedFile("bozuk.jpg", _photo("JPEG", (50, 50))[:200]),
            ],
        )
    assert not any((tmp_path / "files").rglob("*.jpg"))
