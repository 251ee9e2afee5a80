"""The photo pipeline: metadata never survives, orientation is applied, bad uploads are refused.

Every image is built in memory with Pillow (and pillow-heif for HEIC); no database.
"""

import dataclasses
import io
import struct
import zipfile
import zlib

import pillow_heif
import pytest
from PIL import ExifTags, Image, ImageCms, IptcImagePlugin, PngImagePlugin

from layers.photo_processing import (
    ANIMATED,
    DAMAGED,
    EMPTY,
    NOT_AN_IMAGE,
    PhotoError,
    ProcessedPhoto,
    process_photo,
)

LIMITS = {
    "max_bytes": 15 * 2**20,
    "max_pixels": 50_000_000,
    "display_size": 1600,
    "thumbnail_size": 400,
}
RED = (220, 20, 20)
WHITE = (255, 255, 255)
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">SecretXmpCreator</x:xmpmeta>'
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
# Strings planted in the uploads that must not appear anywhere in the output bytes.
SECRETS = (
    b"Exif",
    b"SecretPhoneMaker",
    b"SecretModel",
    b"2024:05:01",
    b"SecretXmpCreator",
    b"xmpmeta",
    b"Photoshop 3.0",
    b"8BIM",
    b"Kim Reporter",
    b"SecretComment",
    b"SecretAuthor",
    b"acsp",  # the signature of every ICC profile
)
METADATA_INFO_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop"}


def process(data, **limits):
    return process_photo(data, **(LIMITS | limits))


def encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def heic_encoder():
    if not pillow_heif.libheif_info()["HEIF"]:
        pytest.skip("this libheif has no HEIC encoder (x265), so no HEIC can be made to test with")


def secret_exif(orientation=1):
    """EXIF with the camera, the time and the GPS position of the resident's home."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretPhoneMaker"
    exif[ExifTags.Base.Model] = "SecretModel 15"
    exif[ExifTags.Base.DateTime] = "2024:05:01 07:30:00"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (37.0, 33.0, 58.8),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (126.0, 58.0, 41.4),
    }
    return exif


def marked_photo(mode="RGB"):
    """A white 300×200 picture with a red square in its top-left corner, to see where it ends up.

    In RGBA its bottom-right corner is transparent.
    """
    image = Image.new("RGB", (300, 200), WHITE)
    image.paste(RED, (0, 0, 60, 60))
    if mode == "RGBA":
        image.putalpha(255)
        image.paste((0, 0, 0, 0), (240, 140, 300, 200))
    return image


def with_iptc(jpeg):
    """Insert an APP13 Photoshop segment carrying an IPTC By-line (2:80)."""
    iptc = b"\x1c\x02\x50" + struct.pack(">H", 12) + b"Kim Reporter"
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc + b"\x00"
    payload = b"Photoshop 3.0\x00" + resource
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def jpeg_upload(orientation=1):
    data = encode(
        marked_photo(),
        "JPEG",
        exif=secret_exif(orientation),
        xmp=XMP,
        comment=b"SecretComment",
        icc_profile=ICC,
    )
    return with_iptc(data)


def png_upload(orientation=1, mode="RGB"):
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "SecretAuthor")
    text.add_text("Comment", "SecretComment", zip=True)
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    return encode(marked_photo(mode=mode), "PNG", exif=secret_exif(orientation), pnginfo=text, icc_profile=ICC)


def webp_upload(orientation=1, mode="RGB"):
    return encode(
        marked_photo(mode=mode),
        "WEBP",
        exif=secret_exif(orientation),
        xmp=XMP,
        icc_profile=ICC,
        lossless=True,
    )


def heic_upload(orientation=1):
    """Given EXIF as bytes, pillow-heif turns its orientation into an ``irot`` box, as phones do.

    (HEIF readers ignore the EXIF orientation itself; libheif applies ``irot``.)
    """
    heic_encoder()
    exif = secret_exif(orientation).tobytes()
    return encode(marked_photo(), "HEIF", exif=exif, xmp=XMP, quality=90)


UPLOADS = {"JPEG": jpeg_upload, "PNG": png_upload, "WEBP": webp_upload, "HEIF": heic_upload}


def metadata_blocks(data):
    """Names of the containers in an encoded file that can hold metadata."""
    if data.startswith(b"\xff\xd8"):
        return [name for name in jpeg_segments(data) if name.startswith("APP") or name == "COM"]
    if data.startswith(b"\x89PNG"):
        return [name for name in png_chunks(data) if name not in {"IHDR", "IDAT", "IEND"}]
    return [name for name in webp_chunks(data) if name in {"EXIF", "XMP ", "ICCP"}]


def jpeg_segments(data):
    """Segments before the image data; APP0 (JFIF) is left out, it holds no metadata."""
    names, position = [], 2
    while data[position + 1] != 0xDA:
        marker = data[position + 1]
        if 0xE1 <= marker <= 0xEF:
            names.append(f"APP{marker - 0xE0}")
        elif marker == 0xFE:
            names.append("COM")
        position += 2 + struct.unpack(">H", data[position + 2 : position + 4])[0]
    return names


def png_chunks(data):
    names, position = [], 8
    while position < len(data):
        length, name = struct.unpack(">I4s", data[position : position + 8])
        names.append(name.decode())
        position += 12 + length
    return names


def webp_chunks(data):
    names, position = [], 12
    while position < len(data):
        name, length = struct.unpack("<4sI", data[position : position + 8])
        names.append(name.decode())
        position += 8 + length + length % 2
    return names


def assert_no_metadata(data):
    image = Image.open(io.BytesIO(data))
    assert not image.getexif()
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert not METADATA_INFO_KEYS & image.info.keys()
    assert not getattr(image, "text", {})
    assert metadata_blocks(data) == []
    for secret in SECRETS:
        assert secret not in data


def patched_png_size(width, height):
    """A small valid PNG whose IHDR now claims ``width`` × ``height`` (CRC recomputed)."""
    png = encode(Image.new("1", (8, 8)), "PNG")
    ihdr = b"IHDR" + struct.pack(">II", width, height) + png[24:29]
    return png[:12] + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + png[33:]


def patched_jpeg_size(width, height):
    """A small valid JPEG whose SOF0 header now claims ``width`` × ``height``."""
    jpeg = encode(Image.new("RGB", (8, 8)), "JPEG")
    sof = jpeg.index(b"\xff\xc0")
    return jpeg[: sof + 5] + struct.pack(">HH", height, width) + jpeg[sof + 9 :]


# --- metadata ------------------------------------------------------------------------


@pytest.mark.parametrize("source_format", UPLOADS)
def test_uploads_really_carry_the_metadata_the_other_tests_expect_removed(source_format):
    data = UPLOADS[source_format]()
    image = Image.open(io.BytesIO(data))
    assert image.getexif()[ExifTags.Base.Make] == "SecretPhoneMaker"
    assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    assert b"SecretXmpCreator" in data
    if source_format == "JPEG":
        assert IptcImagePlugin.getiptcinfo(image)[(2, 80)] == b"Kim Reporter"
        assert image.info["comment"] == b"SecretComment"
    if source_format == "PNG":
        assert image.text["Author"] == "SecretAuthor"


@pytest.mark.parametrize("source_format", UPLOADS)
def test_no_metadata_survives_in_display_or_thumbnail(source_format):
    photo = process(UPLOADS[source_format]())
    assert photo.source_format == source_format
    assert_no_metadata(photo.display)
    assert_no_metadata(photo.thumbnail)


@pytest.mark.parametrize("source_format", ["PNG", "WEBP"])
def test_transparent_outputs_carry_no_metadata_either(source_format):
    photo = process(UPLOADS[source_format](mode="RGBA"))
    assert photo.extension == {"PNG": ".png", "WEBP": ".webp"}[source_format]
    assert_no_metadata(photo.display)
    assert_no_metadata(photo.thumbnail)


def test_png_text_chunks_are_gone():
    upload = png_upload(mode="RGBA")
    assert {"tEXt", "zTXt", "iTXt", "eXIf", "iCCP"} <= set(png_chunks(upload))
    photo = process(upload)
    assert photo.content_type == "image/png"
    assert set(png_chunks(photo.display)) == {"IHDR", "IDAT", "IEND"}
    assert Image.open(io.BytesIO(photo.display)).text == {}


# --- orientation ---------------------------------------------------------------------


@pytest.mark.parametrize("source_format", UPLOADS)
def test_orientation_6_is_applied_to_the_pixels(source_format):
    photo = process(UPLOADS[source_format](orientation=6))
    display = Image.open(io.BytesIO(photo.display)).convert("RGB")
    # Orientation 6 means "turn 90° clockwise to view": 300×200 becomes 200×300 and
    # the red top-left corner becomes the top-right corner.
    assert (photo.width, photo.height) == display.size == (200, 300)
    assert_close(display.getpixel((190, 10)), RED)
    assert_close(display.getpixel((10, 10)), WHITE)
    thumbnail = Image.open(io.BytesIO(photo.thumbnail))
    assert thumbnail.height > thumbnail.width


def test_orientation_1_leaves_the_picture_as_it_is():
    photo = process(jpeg_upload(orientation=1))
    display = Image.open(io.BytesIO(photo.display))
    assert display.size == (300, 200)
    assert_close(display.getpixel((10, 10)), RED)


def assert_close(pixel, expected, tolerance=40):
    assert all(abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=False)), pixel


# --- formats -------------------------------------------------------------------------


@pytest.mark.parametrize("source_format", UPLOADS)
def test_opaque_photos_come_out_as_jpeg(source_format):
    photo = process(UPLOADS[source_format]())
    assert (photo.extension, photo.content_type) == (".jpg", "image/jpeg")
    for data in (photo.display, photo.thumbnail):
        image = Image.open(io.BytesIO(data))
        assert (image.format, image.mode) == ("JPEG", "RGB")


def test_heic_comes_out_as_jpeg():
    heic_encoder()
    upload = encode(Image.new("RGB", (640, 480), RED), "HEIF", quality=90)
    assert Image.open(io.BytesIO(upload)).format == "HEIF"
    photo = process(upload)
    assert (photo.source_format, photo.content_type) == ("HEIF", "image/jpeg")
    display = Image.open(io.BytesIO(photo.display))
    assert (display.format, display.size) == ("JPEG", (640, 480))
    assert_close(display.getpixel((320, 240)), RED)


def test_transparent_png_stays_png_with_its_transparency():
    image = Image.new("RGBA", (100, 80), (0, 0, 0, 0))
    image.paste((20, 120, 220, 255), (0, 0, 50, 80))
    photo = process(encode(image, "PNG"))
    assert (photo.extension, photo.content_type) == (".png", "image/png")
    display = Image.open(io.BytesIO(photo.display))
    assert display.mode == "RGBA"
    assert display.getpixel((75, 40))[3] == 0
    assert display.getpixel((25, 40)) == (20, 120, 220, 255)


def test_transparent_webp_stays_webp_with_its_transparency():
    image = Image.new("RGBA", (100, 80), (0, 0, 0, 0))
    image.paste((20, 120, 220, 255), (0, 0, 50, 80))
    photo = process(encode(image, "WEBP", lossless=True))
    assert (photo.extension, photo.content_type) == (".webp", "image/webp")
    display = Image.open(io.BytesIO(photo.display))
    assert display.format == "WEBP"
    assert display.getpixel((75, 40))[3] == 0
    assert display.getpixel((25, 40))[3] == 255


def test_palette_png_with_a_transparent_colour_stays_transparent():
    image = Image.new("P", (40, 40), 0)
    image.putpalette([255, 255, 255, 200, 0, 0])
    image.paste(1, (0, 0, 20, 40))
    photo = process(encode(image, "PNG", transparency=0))
    display = Image.open(io.BytesIO(photo.display)).convert("RGBA")
    assert photo.extension == ".png"
    assert display.getpixel((30, 20))[3] == 0
    assert display.getpixel((10, 20)) == (200, 0, 0, 255)


def test_alpha_channel_that_is_fully_opaque_gives_a_jpeg():
    photo = process(encode(Image.new("RGBA", (50, 50), (10, 200, 10, 255)), "PNG"))
    assert photo.extension == ".jpg"
    assert_close(Image.open(io.BytesIO(photo.display)).getpixel((25, 25)), (10, 200, 10))


@pytest.mark.parametrize(
    ("image", "fmt", "expected"),
    [
        (Image.new("CMYK", (40, 40), (0, 255, 255, 0)), "JPEG", (255, 0, 0)),
        (Image.new("L", (40, 40), 100), "JPEG", (100, 100, 100)),
        (Image.new("1", (40, 40), 1), "PNG", WHITE),
        (Image.new("LA", (40, 40), (100, 255)), "PNG", (100, 100, 100)),
        (Image.new("I;16", (40, 40), 40000), "PNG", (156, 156, 156)),
    ],
    ids=["cmyk-jpeg", "grey-jpeg", "1-bit-png", "grey-alpha-png", "16-bit-grey-png"],
)
def test_other_colour_modes_become_rgb_with_the_right_colour(image, fmt, expected):
    photo = process(encode(image, fmt))
    display = Image.open(io.BytesIO(photo.display))
    assert (display.format, display.mode) == ("JPEG", "RGB")
    assert_close(display.getpixel((20, 20)), expected, tolerance=6)


def test_multi_picture_jpeg_keeps_its_main_picture():
    main, depth = Image.new("RGB", (64, 48), RED), Image.new("RGB", (64, 48), (0, 0, 255))
    upload = encode(main, "MPO", save_all=True, append_images=[depth])
    assert Image.open(io.BytesIO(upload)).n_frames == 2
    photo = process(upload)
    assert (photo.source_format, photo.extension) == ("MPO", ".jpg")
    assert metadata_blocks(photo.display) == []  # the MPF index (APP2) is gone too
    assert_close(Image.open(io.BytesIO(photo.display)).getpixel((32, 24)), RED)


def red_blue_swapped_profile():
    """The sRGB profile with its red and blue primaries exchanged: "red" pixels mean blue."""
    profile = bytearray(ICC)
    (count,) = struct.unpack(">I", profile[128:132])
    for entry in range(132, 132 + 12 * count, 12):
        signature = bytes(profile[entry : entry + 4])
        swapped = {b"rXYZ": b"bXYZ", b"bXYZ": b"rXYZ"}.get(signature, signature)
        profile[entry : entry + 4] = swapped
    return bytes(profile)


def test_colours_are_converted_to_srgb_with_the_embedded_profile():
    upload = encode(Image.new("RGB", (50, 50), RED), "PNG", icc_profile=red_blue_swapped_profile())
    photo = process(upload)
    assert_no_metadata(photo.display)
    assert_close(Image.open(io.BytesIO(photo.display)).getpixel((25, 25)), (20, 20, 220))


def test_a_broken_icc_profile_does_not_cost_the_photo():
    photo = process(encode(Image.new("RGB", (50, 50), RED), "PNG", icc_profile=b"not a profile"))
    assert photo.extension == ".jpg"
    assert_close(Image.open(io.BytesIO(photo.display)).getpixel((25, 25)), RED)


def test_a_jpeg_with_a_payload_appended_is_cleaned_not_refused():
    """Phones append data after the JPEG end (motion photos); the payload must not be kept."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("evil.html", "<script>alert(1)</script>")
    upload = encode(Image.new("RGB", (50, 50), RED), "JPEG") + archive.getvalue()
    photo = process(upload)
    for data in (photo.display, photo.thumbnail):
        assert b"<script>" not in data
        assert b"PK\x03\x04" not in data
        assert data.endswith(b"\xff\xd9")


# --- sizes ---------------------------------------------------------------------------


def test_a_small_image_is_not_upscaled():
    photo = process(encode(Image.new("RGB", (120, 80), RED), "JPEG"))
    assert (photo.width, photo.height) == (120, 80)
    assert Image.open(io.BytesIO(photo.display)).size == (120, 80)
    assert Image.open(io.BytesIO(photo.thumbnail)).size == (120, 80)


@pytest.mark.parametrize(
    ("size", "display", "thumbnail"),
    [((3200, 1200), (1600, 600), (400, 150)), ((1000, 3000), (533, 1600), (133, 400))],
)
def test_a_large_image_fits_its_boxes_keeping_its_shape(size, display, thumbnail):
    photo = process(encode(Image.new("RGB", size, RED), "JPEG"))
    assert (photo.width, photo.height) == display
    assert Image.open(io.BytesIO(photo.display)).size == display
    assert Image.open(io.BytesIO(photo.thumbnail)).size == thumbnail


def test_sizes_are_taken_from_the_arguments():
    photo = process(encode(Image.new("RGB", (1000, 500), RED), "PNG"), display_size=300, thumbnail_size=64)
    assert (photo.width, photo.height) == (300, 150)
    assert Image.open(io.BytesIO(photo.thumbnail)).size == (64, 32)


def test_a_big_jpeg_is_shrunk_with_the_right_content():
    """The JPEG is decoded at a reduced scale; the picture must still be the whole picture."""
    image = Image.new("RGB", (6000, 4000), WHITE)
    image.paste(RED, (5000, 3000, 6000, 4000))
    photo = process(encode(image, "JPEG"))
    display = Image.open(io.BytesIO(photo.display))
    assert display.size == (1600, 1067)
    assert_close(display.getpixel((1550, 1030)), RED)
    assert_close(display.getpixel((50, 50)), WHITE)


# --- accepted inputs -----------------------------------------------------------------


@pytest.mark.parametrize("wrap", [bytes, bytearray, memoryview, io.BytesIO], ids=lambda w: w.__name__)
def test_bytes_and_streams_are_accepted(wrap):
    photo = process(wrap(encode(Image.new("RGB", (30, 20), RED), "JPEG")))
    assert (photo.width, photo.height) == (30, 20)


def test_a_real_file_is_accepted(tmp_path):
    path = tmp_path / "photo.png"
    Image.new("RGB", (30, 20), RED).save(path)
    with path.open("rb") as upload:
        photo = process(upload)
    assert (photo.width, photo.height, photo.source_format) == (30, 20, "PNG")


def test_a_file_of_exactly_the_limit_is_accepted():
    image = encode(Image.new("RGB", (30, 20), RED), "JPEG")
    upload = image + b"\x00" * (2**20 - len(image))
    assert process(upload, max_bytes=2**20).width == 30


def test_the_result_is_frozen():
    photo = process(encode(Image.new("RGB", (30, 20), RED), "JPEG"))
    assert isinstance(photo, ProcessedPhoto)
    with pytest.raises(dataclasses.FrozenInstanceError):
        photo.width = 1


# --- refusals ------------------------------------------------------------------------


def refused(data, **limits):
    with pytest.raises(PhotoError) as caught:
        process(data, **limits)
    return str(caught.value)


class EndlessStream:
    """A stream that never ends, counting what was read from it."""

    def __init__(self):
        self.bytes_read = 0

    def read(self, size=-1):
        assert size > 0, "an unbounded read of an upload"
        self.bytes_read += size
        return b"\xff" * size


def test_too_many_bytes_are_refused_before_decoding():
    upload = encode(Image.new("RGB", (30, 20)), "JPEG")
    upload += b"\x00" * (15 * 2**20 + 1 - len(upload))
    assert refused(upload) == "The file is larger than 15 MB"
    assert refused(io.BytesIO(upload)) == "The file is larger than 15 MB"


def test_a_stream_is_read_no_further_than_one_byte_past_the_limit():
    stream = EndlessStream()
    assert refused(stream, max_bytes=2**20) == "The file is larger than 1 MB"
    assert stream.bytes_read == 2**20 + 1


def test_an_empty_file_is_refused():
    assert refused(b"") == EMPTY
    assert refused(io.BytesIO()) == EMPTY


def test_too_many_pixels_are_refused_with_the_dimensions():
    upload = encode(Image.new("RGB", (300, 200)), "PNG")
    message = refused(upload, max_pixels=50_000)
    assert message == "The image is too large: 300×200 pixels (limit 0.05 megapixels)"


@pytest.mark.parametrize("patched", [patched_png_size, patched_jpeg_size])
def test_the_pixel_limit_is_checked_from_the_header_before_decoding(patched):
    # The header claims 9000×9000 (81 megapixels, below Pillow's own bomb limit) but
    # the file holds 8×8 pixels: decoding would fail as damaged, so the size message
    # proves the check comes first.
    message = refused(patched(9000, 9000))
    assert message == "The image is too large: 9000×9000 pixels (limit 50 megapixels)"


@pytest.mark.parametrize("patched", [patched_png_size, patched_jpeg_size])
def test_a_decompression_bomb_is_refused_not_crashed_on(patched):
    message = refused(patched(60_000, 60_000))
    assert message == "The image is too large: more than 179 megapixels (limit 50 megapixels)"


@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
def test_pillows_bomb_warning_raised_as_an_error_is_refused_too():
    # 100 megapixels: over Pillow's warning limit (89.5), under this call's own limit.
    message = refused(patched_png_size(10_000, 10_000), max_pixels=200_000_000)
    assert message == "The image is too large: more than 89.5 megapixels (limit 200 megapixels)"


@pytest.mark.parametrize("source_format", UPLOADS)
def test_a_truncated_image_is_refused_as_damaged(source_format):
    upload = encode(Image.effect_noise((400, 300), 60).convert("RGB"), source_format)
    assert refused(upload[: len(upload) // 2]) == DAMAGED


def svg():
    return b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def html_with_a_jpeg_inside():
    return b"<html><script>alert(1)</script></html>" + encode(Image.new("RGB", (8, 8)), "JPEG")


def zip_archive():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("photo.jpg", encode(Image.new("RGB", (8, 8)), "JPEG"))
    return archive.getvalue()


NOT_IMAGES = {
    "text": lambda: "서울시 중구 골목길 가로등 고장".encode(),
    "svg": svg,
    "pdf": lambda: encode(Image.new("RGB", (8, 8)), "PDF"),
    "gif": lambda: encode(Image.new("RGB", (8, 8)), "GIF"),
    "bmp": lambda: encode(Image.new("RGB", (8, 8)), "BMP"),
    "tiff": lambda: encode(Image.new("RGB", (8, 8)), "TIFF"),
    "html-with-jpeg": html_with_a_jpeg_inside,
    "zip": zip_archive,
}


@pytest.mark.parametrize("kind", NOT_IMAGES)
def test_what_is_not_an_accepted_image_is_refused(kind):
    assert refused(NOT_IMAGES[kind]()) == NOT_AN_IMAGE


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_animated_images_are_refused(fmt):
    frames = [Image.new("RGB", (32, 32), colour) for colour in (RED, WHITE)]
    upload = encode(frames[0], fmt, save_all=True, append_images=frames[1:])
    assert Image.open(io.BytesIO(upload)).is_animated
    assert refused(upload) == ANIMATED


def test_photo_error_is_a_value_error():
    assert issubclass(PhotoError, ValueError)
