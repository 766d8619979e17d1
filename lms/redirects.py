"""Where a redirect may go after a form: only back into Pathways.

A `next` value is checked the way a browser will read it, not the way it looks. Browsers
(the WHATWG URL standard) drop tabs and newlines anywhere and spaces and control
characters at the ends, and treat a backslash like a slash; Python's `urlsplit` drops tabs
and newlines too, which is how `/<tab>/evil.example` once became `//evil.example`. So a
target is refused when it holds anything a browser would quietly remove or reinterpret,
and when what is left (also after undoing percent-encoding, in case anything on the way
decodes it) could name another site. Pure: no Flask imports.
"""

import unicodedata
from urllib.parse import unquote, urlsplit

# The WHATWG URL parser removes these anywhere in a URL.
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
# ...and strips C0 controls and spaces from both ends.
_C0_CONTROL_OR_SPACE = "".join(chr(code) for code in range(0x21))
# Undo at most this many layers of percent-encoding when looking for a hidden "//" or "\".
_DECODE_ROUNDS = 3


def _browser_view(target: str) -> str:
    """Return `target` as a browser's URL parser would start from it."""
    return target.translate(_TAB_OR_NEWLINE).strip(_C0_CONTROL_OR_SPACE)


def _is_local_path(text: str) -> bool:
    """True when `text` is a path on this site: "/…", never "//…", no scheme or host."""
    if not text.startswith("/") or text.startswith("//"):
        return False
    if "\\" in text:  # browsers read "\" as "/", so "/\evil" is "//evil"
        return False
    if any(unicodedata.category(ch) == "Cc" or ch.isspace() for ch in text):
        return False
    parts = urlsplit(text)
    return not parts.scheme and not parts.netloc


def is_safe_next(target: str | None) -> bool:
    """Return True when `target` is a path on this site, and nothing a browser could read otherwise."""
    if not target or not isinstance(target, str):
        return False
    # Anything a browser strips or a proxy may rewrite has no place in a link we made ourselves:
    # control characters (C0, DEL, C1, tabs, newlines) and any whitespace, at the ends or inside.
    if _browser_view(target) != target or not _is_local_path(target):
        return False
    # Only the path can turn into another host when decoded ("/%2F/evil" read as "//evil");
    # an encoded space or slash in the query string is ordinary.
    decoded = target.split("#", 1)[0].split("?", 1)[0]
    for _ in range(_DECODE_ROUNDS):
        previous, decoded = decoded, unquote(decoded)
        if decoded == previous:
            break
        if not _is_local_path(_browser_view(decoded)):
            return False
    return True
