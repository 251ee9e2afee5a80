"""Turn a resident's uploaded photo into safe display and thumbnail copies.

Pure Pillow: no Django. A photo of a dark alley taken at home can carry the
resident's home position in its EXIF GPS tags, the phone's make and serial,
the time, and text in XMP, IPTC or PNG chunks. Nothing of the upload is kept:
the pixels are decoded, turned upright, converted to sRGB and encoded again
from a fresh image, so no metadata can survive.

Accepted: JPEG (including multi-picture JPEG, of which the main picture is
kept), PNG, WebP and HEIC/HEIF (the primary image). GIF is refused: no phone
camera produces it, and its animation could not be kept. Animated PNG and WebP
are refused for the same reason: only a still photo can be reviewed.

Photos come out as JPEG. An image that really uses transparency keeps it: a
transparent WebP stays WebP, any other transparent image becomes PNG.

Every refusal is a ``PhotoError`` whose message says what is wrong in words a
resident can act on. Limits are checked as early as possible: the byte size
before anything is parsed, the pixel count from the header before the pixels
are decoded.
"""

import io
import struct
from contextlib import contextmanager
from dataclasses import dataclass, field

import pillow_heif
from PIL import Image, ImageCms, ImageOps

# Only the primary image of a HEIF file is used; its thumbnails, depth maps and
# auxiliary images need not be read at all.
pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")

NOT_AN_IMAGE = "This file is not a JPEG, PNG, WebP or HEIC image"
DAMAGED = "The image file is damaged or incomplete"
EMPTY = "The file is empty"
ANIMATED = "Animated images are not accepted: send a still photo"

# Multi-image formats whose extra images are alternatives (depth maps, previews,
# bursts), not animation frames: their main picture is the photo.
_MULTI_IMAGE_PHOTOS = ("MPO", "HEIF")
_SIXTEEN_BIT_GREY = ("I", "I;16", "I;16B", "I;16L", "I;16N")
_SRGB = ImageCms.createProfile("sRGB")
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error)


class PhotoError(ValueError):
    """The upload cannot be stored as a photo; the message says why."""


@dataclass(frozen=True)
class ProcessedPhoto:
    display: bytes
    thumbnail: bytes
    extension: str  # ".jpg", ".png" or ".webp", for both copies
    content_type: str
    width: int  # of the display copy
    height: int
    source_format: str  # Pillow's name for what was uploaded: JPEG, MPO, PNG, WEBP or HEIF


@dataclass(frozen=True)
class _Encoding:
    format: str
    extension: str
    content_type: str
    options: dict = field(default_factory=dict)


_JPEG = _Encoding("JPEG", ".jpg", "image/jpeg", {"quality": 85, "optimize": True, "progressive": True})
_PNG = _Encoding("PNG", ".png", "image/png")
_WEBP = _Encoding("WEBP", ".webp", "image/webp", {"quality": 85})


def process_photo(data, *, max_bytes, max_pixels, display_size, thumbnail_size):
    """Check, orient, clean and shrink an uploaded photo.

    ``data`` is bytes or a binary file-like object read from its current
    position. The display copy fits in ``display_size`` × ``display_size``
    pixels and the thumbnail in ``thumbnail_size`` × ``thumbnail_size``;
    neither is ever enlarged. Raises ``PhotoError`` when the upload is too
    big, not an accepted image, damaged or animated.
    """
    raw = _read(data, max_bytes)
    image = _decode(raw, max_pixels=max_pixels, draft_size=2 * display_size)
    source_format = image.format
    ImageOps.exif_transpose(image, in_place=True)
    pixels = _to_srgb(image)
    encoding = _encoding_for(pixels, source_format)
    display = _fit(pixels, display_size)
    thumbnail = _fit(display, thumbnail_size)
    return ProcessedPhoto(
        display=_encode(display, encoding),
        thumbnail=_encode(thumbnail, encoding),
        extension=encoding.extension,
        content_type=encoding.content_type,
        width=display.width,
        height=display.height,
        source_format=source_format,
    )


def _read(data, max_bytes):
    """At most ``max_bytes`` + 1 bytes: enough to tell that the upload is too big."""
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data[: max_bytes + 1])
    else:
        raw = _read_stream(data, max_bytes + 1)
    if len(raw) > max_bytes:
        raise PhotoError(f"The file is larger than {_short(max_bytes / 2**20)} MB")
    if not raw:
        raise PhotoError(EMPTY)
    return raw


def _read_stream(stream, limit):
    chunks = []
    remaining = limit
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _decode(raw, *, max_pixels, draft_size):
    """The decoded image, after its header has passed the pixel and animation checks.

    A JPEG is decoded at the smallest scale (1/2, 1/4 or 1/8) still at least
    ``draft_size`` wide and high, which saves most of the memory and time on a
    50-megapixel phone photo.
    """
    with _decoding(max_pixels):
        image = Image.open(io.BytesIO(raw), formats=ACCEPTED_FORMATS)
    _check_pixels(image.size, max_pixels)
    if getattr(image, "is_animated", False) and image.format not in _MULTI_IMAGE_PHOTOS:
        raise PhotoError(ANIMATED)
    with _decoding(max_pixels):
        image.draft(None, (draft_size, draft_size))
        image.load()
    return image


@contextmanager
def _decoding(max_pixels):
    """Turn what Pillow raises on a hostile or broken file into a ``PhotoError``.

    Pillow refuses outright an image of more than twice ``Image.MAX_IMAGE_PIXELS``
    before its size can be read back; it only warns above ``MAX_IMAGE_PIXELS``,
    unless warnings are errors, so both are handled.
    """
    try:
        yield
    except Image.UnidentifiedImageError as exc:
        raise PhotoError(NOT_AN_IMAGE) from exc
    except Image.DecompressionBombError as exc:
        raise _bomb(2 * Image.MAX_IMAGE_PIXELS, max_pixels) from exc
    except Image.DecompressionBombWarning as exc:
        raise _bomb(Image.MAX_IMAGE_PIXELS, max_pixels) from exc
    except _DECODE_ERRORS as exc:
        raise PhotoError(DAMAGED) from exc


def _bomb(pillow_limit, max_pixels):
    return PhotoError(
        f"The image is too large: more than {_short(pillow_limit / 1e6)} megapixels"
        f" (limit {_short(max_pixels / 1e6)} megapixels)"
    )


def _check_pixels(size, max_pixels):
    width, height = size
    if width * height > max_pixels:
        raise PhotoError(
            f"The image is too large: {width}×{height} pixels (limit {_short(max_pixels / 1e6)} megapixels)"
        )


def _to_srgb(image):
    """RGB or RGBA pixels in sRGB; an alpha channel only when some pixel is not opaque."""
    image = _apply_icc_profile(image)
    if image.mode in _SIXTEEN_BIT_GREY:
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    mode = "RGBA" if image.has_transparency_data else "RGB"
    image = image.convert(mode)
    if mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")
    return image


def _apply_icc_profile(image):
    """Convert to sRGB with the embedded ICC profile (Display P3 on iPhones, CMYK from print).

    The profile itself is not kept: browsers assume sRGB, and a profile can
    name the device or software that made it. A profile that cannot be used
    is ignored rather than costing the resident the photo.
    """
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        return image
    output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    try:
        return ImageCms.profileToProfile(image, io.BytesIO(profile), _SRGB, outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _encoding_for(image, source_format):
    if image.mode != "RGBA":
        return _JPEG
    return _WEBP if source_format == "WEBP" else _PNG


def _fit(image, size):
    """A copy that fits in ``size`` × ``size``, keeping the aspect ratio, never enlarged."""
    copy = image.copy()
    copy.thumbnail((size, size), Image.Resampling.LANCZOS)
    return copy


def _encode(image, encoding):
    """Encode a fresh image built from the pixels alone, so no metadata can follow."""
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    buffer = io.BytesIO()
    clean.save(buffer, encoding.format, **encoding.options)
    return buffer.getvalue()


def _short(number):
    """15 → "15", 178.96 → "179", 9.537 → "9.54", 1500 → "1,500"."""
    return f"{number:,.0f}" if number >= 100 else f"{number:.3g}"
