"""Only the access policy reads a member's sharing choices (issue 13).

Apart from the policy, the models that define the choices, and the module that stores what
the member chose on the Sharing screen, no code or template under lms/ and templates/ may
name them. Anything else must ask `lms.access.services.see`, which records the look.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SHARING = re.compile(r"share_(progress|checkin)|SharingConsent|sharing_consents")
ALLOWED = {
    "lms/access/policy.py",  # the one reader
    "lms/access/models.py",  # defines the choices
    "lms/access/sharing.py",  # stores what the member chose (the Sharing screen)
}


def readers() -> set[str]:
    found = set()
    for folder, patterns in (("lms", ("*.py",)), ("templates", ("*.html", "*.txt", "*.xml"))):
        for pattern in patterns:
            for path in (ROOT / folder).rglob(pattern):
                if SHARING.search(path.read_text(encoding="utf-8")):
                    found.add(path.relative_to(ROOT).as_posix())
    return found


def test_no_other_module_reads_sharing_choices():
    assert readers() - ALLOWED == set()


def test_the_allowed_modules_still_hold_them():
    # If the choices move, this test must move with them rather than pass on nothing.
    assert readers() == ALLOWED


def test_the_search_would_catch_a_reader():
    assert SHARING.search("if consent.share_checkin_summaries:")
    assert SHARING.search("{% if choice.share_progress %}")
    assert SHARING.search("db.select(SharingConsent)")
    assert not SHARING.search("sharing.progress")
