"""Evidence files for activity records: checked by content, images stripped of metadata.

Files live in `<evidence dir>/<organisation id>/<random token>.<ext>`; only the name is kept
in the database. Nothing here imports Flask: the views pass the folder in.
"""

import secrets
from dataclasses import dataclass
from pathlib import Path

from lms.catalog.services import strip_metadata

MAX_BYTES = 5 * 1024 * 1024

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


def clean(data: bytes) -> tuple[bytes, str, str]:
    """Check the file and return (bytes to keep, suffix, MIME type); images lose EXIF and GPS."""
    if len(data) > MAX_BYTES:
        raise EvidenceProblem("too_big")
    found = sniff(data)
    if found is None:
        raise EvidenceProblem("wrong_type")
    suffix, mime = found
    if suffix in (".jpg", ".png"):
        try:
            data = strip_metadata(data, suffix)
        except Exception as error:  # Pillow raises many kinds for a broken picture
            raise EvidenceProblem("unreadable") from error
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
