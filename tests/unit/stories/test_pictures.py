"""A story's picture is re-encoded from its pixels alone: nothing stored inside the file
survives, and only photos are kept."""

import io

import pytest
from PIL import Image, PngImagePlugin

from lms.programme.evidence import EvidenceProblem
from lms.stories import pictures

from ..programme.test_evidence import png_of_size


def _jpeg_with_everything() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (11.0, 33.0, 0.0), 3: "E", 4: (104.0, 55.0, 0.0)})
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(
        out, "JPEG", exif=exif, comment=b"Harbour office", xmp=b"<x:xmpmeta>Harbour</x:xmpmeta>"
    )
    return out.getvalue()


def test_a_jpeg_keeps_its_pixels_and_loses_exif_gps_xmp_and_comments():
    data, suffix, mime = pictures.clean(_jpeg_with_everything())
    assert (suffix, mime) == (".jpg", "image/jpeg")
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (40, 30)
        assert dict(image.getexif()) == {}
        assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info)
    assert b"Harbour" not in data and b"PhoneMaker" not in data


def test_a_png_loses_its_text_chunks():
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "Harbour office")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>Harbour</x:xmpmeta>")
    out = io.BytesIO()
    Image.new("RGBA", (8, 8), (1, 2, 3, 128)).save(out, "PNG", pnginfo=info)
    data, suffix, _mime = pictures.clean(out.getvalue())
    assert suffix == ".png" and b"Harbour" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.mode == "RGBA" and not image.info.get("Location")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"%PDF-1.4 a document", "wrong_type"),
        (b"GIF89a", "wrong_type"),
        (b"\xff\xd8\xff" + b"\x00" * 20, "unreadable"),
        (png_of_size(12_000, 12_000), "too_many_pixels"),  # a small file, 144 megapixels
        (b"\xff\xd8\xff" + b"\x00" * pictures.MAX_BYTES, "too_big"),
    ],
)
def test_what_is_not_a_safe_photo_is_refused(data, code):
    with pytest.raises(EvidenceProblem) as refused:
        pictures.clean(data)
    assert refused.value.code == code
