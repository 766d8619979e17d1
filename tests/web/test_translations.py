"""Every interface string is translated into Simplified Chinese and Bengali, and pages use them."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from lms.cli import extract_arguments

from .conftest import post_form

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ["zh_Hans", "bn"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalogue(locale):
    with open(ROOT / "lms" / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f)


def source_msgids(tmp_path) -> set[str]:
    pot = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", *extract_arguments(pot)],
        check=True,
        capture_output=True,
    )
    with open(pot, "rb") as f:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_is_complete_and_not_fuzzy(locale, tmp_path):
    messages = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue(locale) if m.id}
    missing_from_catalogue = source_msgids(tmp_path) - set(messages)
    assert missing_from_catalogue == set(), "run `flask translate update` and translate"
    untranslated = [
        key
        for key, m in messages.items()
        if not m.string or (isinstance(m.string, tuple) and not all(m.string))
    ]
    assert untranslated == []
    assert [key for key, m in messages.items() if m.fuzzy] == []


def _translated(messages) -> dict:
    def plain(value):  # a plural is a list in one format and a tuple in the other
        return value if isinstance(value, str) else tuple(value)

    return {plain(m.id): plain(m.string) for m in messages if m.id and m.string and not m.fuzzy}


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalogue_is_present_and_current(locale):
    """Pages read the compiled .mo files. The tests never compile them (that would hide a
    build that forgot to): `make test` runs `flask translate compile` first."""
    mo = ROOT / "lms" / "translations" / locale / "LC_MESSAGES" / "messages.mo"
    assert mo.exists(), f"{mo} is missing: run `make translations`"
    with open(mo, "rb") as f:
        compiled = _translated(read_mo(f))
    assert compiled == _translated(catalogue(locale)), "stale .mo: run `make translations`"


def _template_folders() -> list[Path]:
    return sorted({path.parent for path in (ROOT / "templates").rglob("*.html")})


def test_every_template_folder_is_extracted(tmp_path):
    """Each template folder's strings reach the extracted messages.pot and both catalogues.

    Reads each folder's templates directly (not through Babel's folder walk), so a folder
    that extraction skips, such as `_macros/` once was, shows up here.
    """
    from babel.messages.extract import extract_from_file

    extracted = source_msgids(tmp_path)  # what `flask translate update` puts in messages.pot
    in_catalogues = [
        {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue(locale) if m.id}
        for locale in LOCALES
    ]
    folders = _template_folders()
    assert ROOT / "templates" / "_macros" in folders
    for folder in folders:
        found = set()
        for template in sorted(folder.glob("*.html")):
            for _line, message, _comments, _context in extract_from_file("jinja2", template):
                found.add(message if isinstance(message, str) else message[0])
        name = folder.relative_to(ROOT)
        assert found - extracted == set(), f"{name}: not extracted into messages.pot"
        for locale, messages in zip(LOCALES, in_catalogues, strict=True):
            assert found - messages == set(), f"{name}: missing from the {locale} catalogue"


@pytest.mark.parametrize("locale", LOCALES)
def test_placeholders_survive_translation(locale):
    for message in catalogue(locale):
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        for target in targets:
            assert set(PLACEHOLDER.findall(target)) == set(PLACEHOLDER.findall(source)), source


@pytest.mark.parametrize(("locale", "expected"), [("zh_Hans", "zh-Hans"), ("bn", "bn")])
def test_pages_are_served_in_the_chosen_language(client, world, locale, expected):
    english = client.get("/sign-in").get_data(as_text=True)
    post_form(client, "/language", {"locale": locale, "next": "/sign-in"}, page="/sign-in")
    page = client.get("/sign-in").get_data(as_text=True)
    assert f'<html lang="{expected}">' in page
    exit_label = re.search(r'id="quick-exit"[^>]*>([^<]+)<', page).group(1)
    assert exit_label != re.search(r'id="quick-exit"[^>]*>([^<]+)<', english).group(1)
    assert "Sign in" not in page.split("<main", 1)[1]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_requirement_message_code_is_translated(locale):
    from lms.roles.messages import (
        CATEGORY_LABELS,
        DOMAIN_LABELS,
        MESSAGES,
        NEXT_STEPS,
        STATUS_LABELS,
    )

    translated = {m.id: m.string for m in catalogue(locale) if m.id and isinstance(m.id, str)}
    for table in (MESSAGES, NEXT_STEPS, STATUS_LABELS, CATEGORY_LABELS, DOMAIN_LABELS):
        for code, message in table.items():
            source = message._args[0]
            assert translated.get(source), f"{code}: {source!r} has no {locale} translation"
            assert translated[source] != source
