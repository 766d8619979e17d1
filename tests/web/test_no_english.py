"""The key learner pages, rendered in Chinese and Bengali, show no English interface string.

The English strings looked for are the catalogue's own: every msgid whose translation differs
from it. Course content that is English by fallback carries `lang="en"` (as do the names of
languages in the switcher), so it is set aside; so are proper names (people, organisations).
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from lms.assessments.models import QuizAttempt
from lms.catalog.models import Quiz
from lms.extensions import db

from .conftest import post_form

ROOT = Path(__file__).resolve().parents[2]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SHOWN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


class VisibleText(HTMLParser):
    """Text a person sees or hears, in pieces, outside any part marked as another language."""

    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.stack: list[tuple[str, bool]] = []  # (tag, inside English content)
        self.pieces: list[str] = []
        self.hidden = 0

    def _english(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        english = self._english() or (lang is not None and lang.startswith("en"))
        if lang is not None and not lang.startswith("en"):
            english = False
        if not english:
            self.pieces.extend(attrs[a].strip() for a in SHOWN_ATTRIBUTES if attrs.get(a))
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.pieces.append(attrs["value"].strip())
        if tag in ("script", "style"):
            self.hidden += 1
        if tag not in VOID:
            self.stack.append((tag, english))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.hidden and not self._english():
            self.pieces.append(text)


def visible_pieces(html: str, lang: str) -> list[str]:
    parser = VisibleText(lang)
    parser.feed(html)
    return parser.pieces


def english_strings(locale: str) -> list[tuple[str, re.Pattern]]:
    """Every English msgid that has a translation different from itself, as a pattern."""
    path = ROOT / "lms" / "translations" / locale / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as f:
        catalogue = read_po(f)
    found = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for source in ids:
            words_only = re.sub(r"%\(\w+\)[sd]|%[sd]", "", source)  # placeholders are not English
            if source in strings or not re.search(r"[A-Za-z]{2}", words_only):
                continue
            # Placeholders stand for anything: numbers, names, dates.
            pattern = re.escape(" ".join(source.split()))
            pattern = re.sub(r"%\\\(\w+\\\)[sd]|%[sd]", ".+?", pattern)
            found.append((source, re.compile(pattern)))
    return found


def english_left(html: str, locale: str, allowed: set[str]) -> list[str]:
    pieces = visible_pieces(html, locale)
    text = " | ".join(pieces)
    left = []
    for source, pattern in english_strings(locale):
        if source in allowed:
            continue
        whole_piece = any(pattern.fullmatch(piece) for piece in pieces)
        # A longer string is English wherever it appears; a short one only as a whole piece
        # ("Done" may be part of a sentence in a course's own English text).
        words = re.sub(r"%\(\w+\)[sd]|%[sd]", "", source).split()
        long_enough = len(words) >= 3 and pattern.search(text)
        if whole_piece or long_enough:
            left.append(source)
    return sorted(set(left))


# Proper names and words that are the same in every language here.
# "learner" is also the test member's username, shown on the account page.
NAMES = {"Pathways", "Harbour Group", "Learner", "learner", "Mentor", "Staff", "English"}


@pytest.fixture
def learner_pages(client, auth, world, synced):
    """A learner with something on every page: a finished lesson, a quiz result, a check-in."""
    auth.sign_in("learner")
    post_form(
        client,
        "/learn/sample-rights/first-steps/progress",
        {"event": "finished"},
        page="/learn/sample-rights/first-steps",
    )
    post_form(
        client,
        "/learn/sample-rights/hard-topic/progress",
        {"event": "skipped"},
        page="/learn/sample-rights/hard-topic?read=1",
    )
    quiz = "/learn/sample-english/quizzes/final"
    version = str(db.session.scalar(db.select(Quiz.version_id).where(Quiz.slug == "final")))
    post_form(client, quiz, {"version": version, "q.hello": "nope"})
    attempt = db.session.scalar(db.select(QuizAttempt))
    return [
        "/",
        "/learn",
        "/learn/sample-rights",
        "/learn/sample-rights/first-steps",
        "/learn/sample-rights/hard-topic",
        quiz,
        f"{quiz}/attempts/{attempt.id}",
        "/checkins",
        "/roles",
        "/certificates",
        "/support",
        "/account",
    ]


@pytest.mark.parametrize("locale", ["zh_Hans", "bn"])
def test_key_learner_pages_show_no_english_interface_string(client, learner_pages, locale):
    post_form(client, "/language", {"locale": locale, "next": "/"}, page="/")
    found = {}
    for url in learner_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        left = english_left(response.get_data(as_text=True), locale, NAMES)
        if left:
            found[url] = left
    assert found == {}


def test_the_check_finds_english_when_it_is_there():
    """The checker itself: an untranslated tag is found, English content marked as such is not."""
    html = (
        '<main><span class="tag">Skipped for now</span>'
        '<article lang="en"><p>Done</p><p>Skipped for now</p></article>'
        "<p>已完成 1 节课，共 3 节</p></main>"
    )
    assert english_left(html, "zh_Hans", set()) == ["Skipped for now"]
    sentence = "<p>You completed this course on 3 May 2026.</p>"
    assert english_left(sentence, "bn", set()) == ["You completed this course on %(date)s."]


def test_bengali_pages_use_one_digit_style(client, learner_pages):
    """Every number on a Bengali page is written in Bengali digits (০-৯), never mixed with 0-9."""
    post_form(client, "/language", {"locale": "bn", "next": "/"}, page="/")
    found = {}
    for url in learner_pages:
        html = client.get(url).get_data(as_text=True)
        pieces = visible_pieces(html, "bn")
        # "WHO-5" is the instrument's own name, the same in every language.
        latin = [p for p in pieces if re.search(r"[0-9]", p.replace("WHO-5", ""))]
        if latin:
            found[url] = latin
    assert found == {}
    dashboard = " ".join(visible_pieces(client.get("/learn").get_data(as_text=True), "bn"))
    assert re.search(r"[০-৯]", dashboard)  # there are numbers, in Bengali digits


def test_chinese_pages_keep_latin_digits(client, learner_pages):
    post_form(client, "/language", {"locale": "zh_Hans", "next": "/"}, page="/")
    page = " ".join(visible_pieces(client.get("/learn").get_data(as_text=True), "zh_Hans"))
    assert re.search(r"[0-9]", page) and not re.search(r"[০-৯]", page)


def test_python_placeholders_follow_the_same_rule(app):
    """`_()`, `ngettext()` and lazy strings in Python write numbers as templates do."""
    from flask_babel import force_locale, lazy_gettext, ngettext

    with app.test_request_context("/"), force_locale("bn"):
        done = ngettext("%(num)d lesson done", "%(num)d lessons done", 12)
        assert "১২" in done and "12" not in done
        lazy = str(lazy_gettext("%(num)d lesson done", num=3))
        assert "৩" in lazy and "3" not in lazy
    with app.test_request_context("/"), force_locale("zh_Hans"):
        assert "12" in ngettext("%(num)d lesson done", "%(num)d lessons done", 12)
