"""A story's picture: a JPEG or PNG checked by its content and re-encoded from its pixels
alone, so no EXIF, GPS, XMP, ICC profile or comment survives. The same checks as evidence
files (size, 40 megapixels, what the bytes really are); nothing here imports Flask.

Files live in `<uploads>/stories/<organisation id>/<random token>.<ext>`, inside the folder
backups already include; only the name is kept on the version.
"""

from pathlib import Path

from lms.programme import evidence
from lms.programme.evidence import EvidenceProblem, Stored

SUBFOLDER = "stories"
MAX_BYTES = evidence.MAX_BYTES


def folder(uploads: Path) -> Path:
    return uploads / SUBFOLDER


def clean(data: bytes) -> tuple[bytes, str, str]:
    """Return (bytes to keep, suffix, MIME type) for a photo; a PDF or anything else is refused."""
    if len(data) > MAX_BYTES:
        raise EvidenceProblem("too_big")
    found = evidence.sniff(data)
    if found is None or found[0] == ".pdf":
        raise EvidenceProblem("wrong_type")
    return evidence.clean(data)


def store(uploads: Path, organisation_id: int, data: bytes) -> Stored:
    """Clean, then write the picture; raise EvidenceProblem when it cannot be kept."""
    return store_cleaned(uploads, organisation_id, clean(data))


def store_cleaned(uploads: Path, organisation_id: int, cleaned: tuple[bytes, str, str]) -> Stored:
    """Write a picture that `clean` already checked and re-encoded."""
    return evidence.store(folder(uploads), organisation_id, cleaned)


def path_of(uploads: Path, organisation_id: int, name: str | None) -> Path | None:
    return evidence.path_of(folder(uploads), organisation_id, name or "")


def remove(uploads: Path, organisation_id: int, name: str | None) -> None:
    evidence.remove(folder(uploads), organisation_id, name)
