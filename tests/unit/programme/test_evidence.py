"""Evidence files: huge pictures refused from the header, PDFs rewritten without metadata or refused."""

import io
import struct
import time
import zlib

import pikepdf
import pytest
from PIL import Image

from lms.catalog.services import pillow
from lms.programme import evidence


def png_of_size(width: int, height: int) -> bytes:
    """A real, valid black-and-white PNG of any size, built row by row in a few kilobytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter byte, then 1-bit pixels
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def pdf_bytes(change=None, **save) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["Real Name Here"]
    pdf.docinfo["/Author"] = "Real Name Here"
    pdf.docinfo["/Creator"] = "ScannerApp 3"
    if change:
        change(pdf)
    out = io.BytesIO()
    pdf.save(out, **save)
    return out.getvalue()


def code_of(data: bytes) -> str:
    with pytest.raises(evidence.EvidenceProblem) as problem:
        evidence.clean(data)
    return problem.value.code


def test_pillow_guard_is_set_for_every_decoder():
    # Pillow is imported when a picture is first decoded, with the guard set then.
    assert pillow() is Image
    assert Image.MAX_IMAGE_PIXELS == evidence.MAX_PIXELS == 40_000_000


@pytest.mark.parametrize(("width", "height"), [(12000, 12000), (7000, 6000), (40_001, 1000)])
def test_pictures_over_40_megapixels_are_refused_before_decoding(width, height):
    data = png_of_size(width, height)
    assert len(data) < evidence.MAX_BYTES
    started = time.monotonic()
    assert code_of(data) == "too_many_pixels"
    assert time.monotonic() - started < 2  # the header only: no minute-long decode


def test_a_picture_just_under_the_limit_is_counted_from_its_header():
    assert evidence.pixel_count(png_of_size(8000, 5000)) == 40_000_000


def test_an_ordinary_picture_is_kept():
    image = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(image, format="PNG")
    data, suffix, mime = evidence.clean(image.getvalue())
    assert (suffix, mime) == (".png", "image/png")
    assert Image.open(io.BytesIO(data)).size == (64, 48)


def test_pdf_is_rewritten_without_document_information_or_xmp():
    original = pdf_bytes()
    assert b"Real Name Here" in original and b"ScannerApp" in original
    data, suffix, mime = evidence.clean(original)
    assert (suffix, mime) == (".pdf", "application/pdf")
    assert b"Real Name Here" not in data and b"ScannerApp" not in data
    with pikepdf.open(io.BytesIO(data)) as cleaned:
        assert len(cleaned.pages) == 1
        assert "/Info" not in cleaned.trailer
        assert "/Metadata" not in cleaned.Root


def test_page_level_metadata_is_removed_too():
    def page_metadata(pdf):
        stream = pikepdf.Stream(pdf, b"<x:xmpmeta>Real Name Here</x:xmpmeta>")
        pdf.pages[0].obj["/Metadata"] = pdf.make_indirect(stream)

    data, _, _ = evidence.clean(pdf_bytes(page_metadata))
    assert b"Real Name Here" not in data


def _open_action_script(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")
    )


def _named_script(pdf):
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), script]))
    )


def _link_with_script(pdf):
    action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10], A=action
    )
    pdf.pages[0].obj["/Annots"] = pikepdf.Array([pdf.make_indirect(link)])


def _attached_file(pdf):
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00")


def _launch(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))


@pytest.mark.parametrize(
    "change", [_open_action_script, _named_script, _link_with_script, _attached_file, _launch]
)
def test_pdf_with_scripts_or_files_is_refused(change):
    assert code_of(pdf_bytes(change)) == "pdf_active"


def test_an_ordinary_link_is_kept():
    def web_link(pdf):
        action = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org"))
        link = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10], A=action
        )
        pdf.pages[0].obj["/Annots"] = pikepdf.Array([pdf.make_indirect(link)])

    data, _, _ = evidence.clean(pdf_bytes(web_link))
    assert b"example.org" in data


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n% not really a PDF\n",
        b"%PDF-1.7\n" + b"\x00" * 2000,
        pdf_bytes(encryption=pikepdf.Encryption(owner="o", user="secret")),
    ],
)
def test_a_pdf_that_does_not_open_is_refused(data):
    assert code_of(data) == "pdf_unreadable"


def test_a_pdf_with_only_an_owner_password_is_kept_unencrypted():
    data, _, _ = evidence.clean(pdf_bytes(encryption=pikepdf.Encryption(owner="o", user="")))
    with pikepdf.open(io.BytesIO(data)) as cleaned:
        assert not cleaned.is_encrypted
