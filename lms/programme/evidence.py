"""Evidence files for activity records: checked by content, images and PDFs stripped of metadata.

Files live in `<evidence dir>/<organisation id>/<random token>.<ext>`; only the name is kept
in the database. Nothing here imports Flask: the views pass the folder in.
"""

import io
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path

from lms.catalog.services import MAX_IMAGE_PIXELS, pillow, strip_metadata

MAX_BYTES = 5 * 1024 * 1024
# A few kilobytes of PNG can describe a 12000 × 12000 picture that takes gigabytes and a
# minute to decode; 40 megapixels is more than any phone camera needs. Pillow's own guard,
# for every other place that decodes pictures, is the same (lms.catalog.services.pillow).
MAX_PIXELS = MAX_IMAGE_PIXELS

# Anything in a PDF that runs, launches or carries another file. Evidence is a page to look at.
_ACTIVE_KEYS = {
    "/JS",
    "/JavaScript",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/EF",
    "/XFA",
    "/RichMedia",
}
_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/GoToE", "/ImportData", "/RichMediaExecute"}
_ACTIVE_SUBTYPES = {"/FileAttachment", "/RichMedia", "/Sound", "/Movie", "/Screen"}
# Who made a PDF, with what, when, and private application data: none of it is needed.
_METADATA_KEYS = ("/Metadata", "/PieceInfo")

# Magic bytes → (suffix, MIME type). The file's name and the browser's type are not trusted.
KINDS = (
    (b"\xff\xd8\xff", ".jpg", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", ".png", "image/png"),
    (b"%PDF-", ".pdf", "application/pdf"),
)


class EvidenceProblem(ValueError):
    """The file cannot be kept: `code` is "too_big", "wrong_type" or "unreadable"."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Stored:
    name: str
    mime: str
    size: int


def sniff(data: bytes) -> tuple[str, str] | None:
    """Return (suffix, MIME type) for a JPEG, PNG or PDF by its first bytes, else None."""
    for magic, suffix, mime in KINDS:
        if data.startswith(magic):
            return suffix, mime
    return None


def pixel_count(data: bytes) -> int:
    """Return width × height from the picture's header, without decoding its pixels."""
    # Pillow's open is lazy: it reads the header only. Its own size guard warns from
    # MAX_PIXELS on; here that warning means "too big", like the error beyond it.
    Image = pillow()  # noqa: N806 (Pillow's module, named as everywhere)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise EvidenceProblem("too_many_pixels") from error
        except Exception as error:  # Pillow raises many kinds for a broken picture
            raise EvidenceProblem("unreadable") from error
    return width * height


def _clean_image(data: bytes, suffix: str) -> bytes:
    if pixel_count(data) > MAX_PIXELS:
        raise EvidenceProblem("too_many_pixels")
    try:
        return strip_metadata(data, suffix)
    except Exception as error:  # Pillow raises many kinds for a broken picture
        raise EvidenceProblem("unreadable") from error


def _walk(value, seen: set):
    """Yield every dictionary (and stream dictionary) inside a PDF object, each once."""
    import pikepdf  # here, not at start-up: see clean_pdf

    if isinstance(value, pikepdf.Object) and value.is_indirect:
        if value.objgen in seen:
            return
        seen.add(value.objgen)
    if isinstance(value, pikepdf.Dictionary | pikepdf.Stream):
        yield value
        for key in list(value.keys()):
            yield from _walk(value.get(key), seen)
    elif isinstance(value, pikepdf.Array):
        for item in value:
            yield from _walk(item, seen)


def _is_active(dictionary) -> bool:
    if any(key in dictionary for key in _ACTIVE_KEYS):
        return True
    return (
        str(dictionary.get("/S", "")) in _ACTIVE_ACTIONS
        or str(dictionary.get("/Subtype", "")) in _ACTIVE_SUBTYPES
    )


def clean_pdf(data: bytes) -> bytes:
    """Return the PDF rewritten without document information or XMP metadata.

    Refused ("pdf_unreadable") when it does not open, also when it needs a password, and
    ("pdf_active") when it holds JavaScript, launch actions, forms that run (XFA) or files.
    Streams are copied as they are, never decoded, so a compressed bomb costs nothing.
    """
    import pikepdf  # here, not at start-up: about 16 MB in every worker (issue 15)

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception as error:  # pikepdf raises PdfError, PasswordError and others
        raise EvidenceProblem("pdf_unreadable") from error
    with pdf:
        try:
            seen: set = set()
            dictionaries = list(_walk(pdf.trailer, seen))
            for obj in pdf.objects:  # also objects nothing points to any more
                dictionaries.extend(_walk(obj, seen))
        except Exception as error:  # a damaged object graph
            raise EvidenceProblem("pdf_unreadable") from error
        if any(_is_active(dictionary) for dictionary in dictionaries):
            raise EvidenceProblem("pdf_active")
        for dictionary in dictionaries:
            for key in _METADATA_KEYS:
                if key in dictionary:
                    del dictionary[key]
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        out = io.BytesIO()
        try:
            pdf.save(
                out,
                fix_metadata_version=False,  # would write a new XMP packet
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                compress_streams=False,
                encryption=False,
                deterministic_id=True,  # the original file's ID would link the two
            )
        except Exception as error:
            raise EvidenceProblem("pdf_unreadable") from error
    return out.getvalue()


def clean(data: bytes) -> tuple[bytes, str, str]:
    """Check the file and return (bytes to keep, suffix, MIME type), stripped of metadata."""
    if len(data) > MAX_BYTES:
        raise EvidenceProblem("too_big")
    found = sniff(data)
    if found is None:
        raise EvidenceProblem("wrong_type")
    suffix, mime = found
    if suffix == ".pdf":
        data = clean_pdf(data)
    else:
        data = _clean_image(data, suffix)
    return data, suffix, mime


def store(folder: Path, organisation_id: int, cleaned: tuple[bytes, str, str]) -> Stored:
    """Write a file that `clean` already checked and cleaned; return what to keep on the activity."""
    data, suffix, mime = cleaned
    name = secrets.token_urlsafe(18) + suffix
    target = folder / str(organisation_id)
    target.mkdir(parents=True, exist_ok=True)
    (target / name).write_bytes(data)
    return Stored(name, mime, len(data))


def path_of(folder: Path, organisation_id: int, name: str) -> Path | None:
    """Return the stored file's path, or None when the name is odd or the file is gone."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    path = folder / str(organisation_id) / name
    return path if path.is_file() else None


def remove(folder: Path, organisation_id: int, name: str | None) -> None:
    """Delete a stored file if it is there."""
    path = path_of(folder, organisation_id, name or "")
    if path is not None:
        path.unlink(missing_ok=True)
