"""Redirect targets after a form: known open-redirect bypass forms are refused, local paths kept."""

import pytest

from lms.redirects import is_safe_next

BYPASSES = [
    "//evil.example",
    "///evil.example",
    "////evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",  # what the server sees for ?next=/%09/evil.example
    "\t//evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\t\t/evil.example",
    " //evil.example",
    "  /\t/evil.example",
    "/ /evil.example",
    "/\u3000/evil.example",  # ideographic space
    "/\u2028/evil.example",  # line separator
    "\x00//evil.example",
    "/\x00/evil.example",
    "/\x7f/evil.example",
    "/\x85/evil.example",  # C1 next-line
    "/%09/evil.example",  # a second layer of encoding, decoded by something on the way
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%252F%252Fevil.example",
    "/%5Cevil.example",
    "/%5c%5cevil.example",
    "%2F%2Fevil.example",
    "https://evil.example",
    "HTTPS://evil.example",
    "https:evil.example",
    "https:/evil.example",
    "http:\\\\evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "@evil.example",
    "/ok\r\nSet-Cookie: x=1",
    "/account ",
    "",
    None,
]

LOCAL = [
    "/",
    "/account",
    "/staff/members?x=1",
    "/courses/intro/lessons/2#notes",
    "/sign-in?next=%2Faccount",
    "/staff/members?q=min%20ho",
    "/courses/caf%C3%A9",
    "/courses/中文课",
    "/a/b//c",
    "/notifications?next=//not-a-host-here",
]


@pytest.mark.parametrize("target", BYPASSES)
def test_bypass_forms_are_refused(target):
    assert is_safe_next(target) is False


@pytest.mark.parametrize("target", LOCAL)
def test_local_paths_are_allowed(target):
    assert is_safe_next(target) is True


def test_not_a_string_is_refused():
    assert is_safe_next(["/account"]) is False
