"""Photos are re-encoded before they are stored.

A phone photo carries EXIF metadata, often with the GPS position of where it was taken
(the muhtar's home, a complainant's house), and is several megabytes that staff on slow
lines must download. Re-encoding keeps only the pixels: the orientation is applied to
them, every metadata block is dropped, and the long side is cut to MAX_SIDE.

JPEGs are always re-encoded (cameras write them). A PNG or WebP that already holds
nothing but pixels and fits MAX_SIDE is kept as it is: re-encoding a lossless screenshot
would only blur or grow it.
"""

import io
import struct

from PIL import Image, ImageOps, UnidentifiedImageError

from mbs.core.errors import ValidationError

MAX_SIDE = 1600
JPEG_QUALITY = 82
# JPEGs are decoded at a reduced scale (draft mode), so large camera photos stay cheap;
# other formats are decoded whole, so their limit is lower.
MAX_JPEG_PIXELS = 120_000_000
MAX_OTHER_PIXELS = 40_000_000

_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


def is_photo(mime: str) -> bool:
    return mime in _FORMATS


def clean_photo(data: bytes, mime: str, shown_name: str) -> bytes:
    """The image re-encoded in its own format, without metadata, at most MAX_SIDE
    pixels on its long side. ValidationError if it cannot be read."""
    target = _FORMATS[mime]
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if target != "JPEG" and max(opened.size) <= MAX_SIDE and _only_pixels(data, target):
                return data
            limit = MAX_JPEG_PIXELS if opened.format == "JPEG" else MAX_OTHER_PIXELS
            if opened.width * opened.height > limit:
                raise ValidationError(f"“{shown_name}” çok büyük bir resim; daha küçük gönderin.")
            if opened.format == "JPEG":
                scale = MAX_SIDE / max(opened.size)
                if scale < 1:
                    opened.draft("RGB", (int(opened.width * scale), int(opened.height * scale)))
            image = ImageOps.exif_transpose(opened)
            image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            return _encode(image, target)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            f"“{shown_name}” açılamadı; bozuk bir resim olabilir. Fotoğrafı yeniden çekip ekleyin."
        ) from None


def _encode(image: Image.Image, target: str) -> bytes:
    out = io.BytesIO()
    # No exif=, icc_profile= or pnginfo= arguments: nothing but pixels is written.
    if target == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif target == "WEBP":
        image.save(out, "WEBP", quality=JPEG_QUALITY)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, "PNG")
    return out.getvalue()


# Chunks that describe pixels; anything else (eXIf, tEXt, iTXt, zTXt, iCCP, EXIF, XMP,
# ICCP, animation frames...) sends the file through re-encoding.
_PNG_PIXEL_CHUNKS = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"sRGB", b"pHYs"}
_WEBP_PIXEL_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


def _only_pixels(data: bytes, target: str) -> bool:
    return _png_only_pixels(data) if target == "PNG" else _webp_only_pixels(data)


def _png_only_pixels(data: bytes) -> bool:
    position = 8  # signature; then chunks of length, type, data and CRC
    while position + 8 <= len(data):
        size, kind = struct.unpack_from(">I4s", data, position)
        if kind not in _PNG_PIXEL_CHUNKS:
            return False
        position += 12 + size
    return position == len(data)


def _webp_only_pixels(data: bytes) -> bool:
    position = 12  # "RIFF", size, "WEBP"; then chunks of type, length and even-padded data
    while position + 8 <= len(data):
        kind, size = struct.unpack_from("<4sI", data, position)
        if kind not in _WEBP_PIXEL_CHUNKS:
            return False
        position += 8 + size + (size & 1)
    return position == len(data)
