"""Notes on details that may identify someone in a story, and the redacted text: pure rules.

Notes are gentle hints beside the text, never blocks: the member decides. Passages the
member wraps as `[[private: ...]]` (or `[[name: ...]]`, `[[place: ...]]`) never appear in
a redacted version; the neutral words that replace them come from the caller, already in
the reader's language.
"""

import re
from dataclasses import dataclass

PHONE = "phone"
EMAIL = "email"
URL = "url"
DATE = "date"
ID_NUMBER = "id_number"
OWN_WORD = "own_word"
NAME = "name"
KINDS = (OWN_WORD, NAME, PHONE, EMAIL, URL, DATE, ID_NUMBER)

# Marked passages: [[private: ...]], [[name: ...]], [[place: ...]] (no nesting, one line).
MARKER = re.compile(r"\[\[\s*(private|name|place)\s*:\s*([^\[\]\n]*?)\s*\]\]", re.IGNORECASE)
MARKER_KINDS = ("private", "name", "place")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A web address, without the punctuation that ends the sentence around it.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]", re.IGNORECASE)
# A run of digits with optional separators, long enough to be a phone number.
_PHONE = re.compile(r"(?<![\w])\+?\d(?:[\d\s().-]{6,18})\d(?![\w])")
_DATE = re.compile(
    r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b"
    r"|\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?",
    re.IGNORECASE,
)
# Passport and ID numbers: letters and digits together, or a long run of digits.
_ID = re.compile(
    r"(?<![\w])(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,12}(?![\w])|(?<![\w\d])\d{9,18}(?![\w\d])"
)


@dataclass(frozen=True)
class Note:
    """One detail that may identify someone: its kind, where it is, and the words found."""

    kind: str
    start: int
    end: int
    text: str


def _term_pattern(term: str) -> re.Pattern | None:
    term = term.strip()
    if len(term) < 2:
        return None
    escaped = re.escape(term)
    # Latin words match whole words; Chinese and Bengali are matched as written, since
    # Chinese has no spaces between words and Bengali vowel signs are not "word" letters.
    if term.isascii():
        return re.compile(rf"(?<!\w){escaped}(?!\w)", re.IGNORECASE)
    return re.compile(escaped)


def _overlaps(note: Note, taken: list[Note]) -> bool:
    return any(note.start < other.end and other.start < note.end for other in taken)


def find_details(text: str, own_words=(), organisation_names=()) -> list[Note]:
    """Return notes on identifying details in `text`, in reading order, without overlaps.

    `own_words` is the member's "never public" list; `organisation_names` the names the
    organisation keeps. Passages already marked as never public are left out.
    """
    marked = [Note("marked", m.start(), m.end(), m.group(0)) for m in MARKER.finditer(text)]
    found: list[Note] = []
    searches = [(OWN_WORD, _term_pattern(w)) for w in own_words]
    searches += [(NAME, _term_pattern(n)) for n in organisation_names]
    searches += [(EMAIL, _EMAIL), (URL, _URL), (DATE, _DATE), (PHONE, _PHONE), (ID_NUMBER, _ID)]
    for kind, pattern in searches:
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            note = Note(kind, match.start(), match.end(), match.group(0))
            if not _overlaps(note, marked) and not _overlaps(note, found):
                found.append(note)
    return sorted(found, key=lambda n: n.start)


def marked_passages(text: str) -> list[tuple[str, str]]:
    """Return (kind, words) for each passage the member marked as never public."""
    return [(m.group(1).lower(), m.group(2)) for m in MARKER.finditer(text)]


def redact(text: str, words: dict, notes: list[Note] | None = None) -> str:
    """Return the text with marked passages (and, if given, the noted details) replaced.

    `words` maps "private", "name", "place" and each detail kind to neutral words in the
    reader's language, e.g. {"place": "[a place]"}; a missing kind uses words["private"].
    Notes must come from `find_details` on the same text.
    """
    fallback = words["private"]
    pieces = []
    position = 0
    spans = [(m.start(), m.end(), m.group(1).lower()) for m in MARKER.finditer(text)]
    spans += [(n.start, n.end, n.kind) for n in notes or ()]
    for start, end, kind in sorted(spans):
        if start < position:
            continue
        pieces.append(text[position:start])
        pieces.append(words.get(kind, fallback))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def without_markers(text: str) -> str:
    """Return the text as the member wrote it, with the markers taken off (their own view)."""
    return MARKER.sub(lambda m: m.group(2), text)


def parse_terms(text: str, limit: int = 200) -> list[str]:
    """Return the distinct, non-empty lines of a list the member or staff typed."""
    seen: list[str] = []
    for line in text.splitlines():
        term = line.strip()
        if term and term.casefold() not in {s.casefold() for s in seen}:
            seen.append(term[:80])
    return seen[:limit]
