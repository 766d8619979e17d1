"""Notes on identifying details and the redacted text (pure rules)."""

from hypothesis import given
from hypothesis import strategies as st

from lms.stories import details
from lms.stories.details import find_details, marked_passages, parse_terms, redact, without_markers

WORDS = {
    "private": "[something private]",
    "name": "[a name]",
    "place": "[a place]",
    "phone": "[a phone number]",
    "email": "[an email address]",
    "url": "[a web address]",
    "date": "[a date]",
    "id_number": "[a number]",
    "own_word": "[something private]",
}


def kinds(text, own=(), names=()):
    return [(n.kind, n.text) for n in find_details(text, own, names)]


def test_phone_email_url_date_and_id_numbers():
    text = (
        "Call +855 12 345 678, write to mei.li@example.org, see https://example.org/a, "
        "on 12/03/2023 or 5 March 2024, passport EA1234567."
    )
    found = kinds(text)
    assert ("phone", "+855 12 345 678") in found
    assert ("email", "mei.li@example.org") in found
    assert ("url", "https://example.org/a") in found  # without the comma after it
    assert ("date", "12/03/2023") in found and ("date", "5 March 2024") in found
    assert ("id_number", "EA1234567") in found


def test_chinese_dates_and_long_digit_ids():
    assert ("date", "2023年3月12日") in kinds("我在2023年3月12日到达")
    # A long run of digits is noted, as a phone or an ID number: either way, it is pointed out.
    assert [t for _, t in kinds("ID 123456789012 here")] == ["123456789012"]


def test_own_words_and_organisation_names_in_three_scripts():
    text = "I met Rahim and 李明 near রহিম বাজার in kampot."
    found = kinds(text, own=["Kampot"], names=["Rahim", "李明", "রহিম"])
    assert ("own_word", "kampot") in found  # Latin words match whatever the case
    assert ("name", "Rahim") in found and ("name", "李明") in found and ("name", "রহিম") in found


def test_latin_names_match_whole_words_only():
    assert kinds("Annabel arrived", names=["Anna"]) == []
    assert kinds("Anna arrived", names=["Anna"]) == [("name", "Anna")]


def test_plain_words_raise_no_notes():
    assert kinds("I learned to trust myself again. Today I help others.") == []


def test_marked_passages_are_not_noted_again_and_are_replaced():
    text = "I was in [[place: Sihanoukville]] with [[name: Mei]]; [[private: my phone was taken]]."
    assert kinds(text, own=["Mei"]) == []
    assert marked_passages(text) == [
        ("place", "Sihanoukville"),
        ("name", "Mei"),
        ("private", "my phone was taken"),
    ]
    assert redact(text, WORDS) == "I was in [a place] with [a name]; [something private]."
    assert without_markers(text) == "I was in Sihanoukville with Mei; my phone was taken."


def test_redacting_with_notes_hides_detected_details_too():
    text = "Write to me at a@b.org about [[name: Mei]]."
    notes = find_details(text)
    assert redact(text, WORDS) == "Write to me at a@b.org about [a name]."
    assert redact(text, WORDS, notes) == "Write to me at [an email address] about [a name]."


def test_words_in_another_language():
    zh = {**WORDS, "place": "[某个地方]"}
    assert redact("[[place: Kampot]]", zh) == "[某个地方]"


def test_parse_terms_keeps_distinct_lines():
    assert parse_terms("Mei\n\n mei \nKampot\n") == ["Mei", "Kampot"]


# Text without markers, digits, @ or brackets: nothing to hide, so redaction changes nothing.
plain = st.text(alphabet=st.characters(categories=("L", "Zs")), max_size=200)


@given(plain)
def test_redaction_without_markers_or_notes_changes_nothing(text):
    assert redact(text, WORDS) == text


@given(
    st.lists(st.text(alphabet="abcdefghij 李明রহিম", min_size=1, max_size=12), max_size=4), plain
)
def test_a_marked_secret_never_survives_redaction(secrets, text):
    secrets = [s.strip() for s in secrets if s.strip()]
    marked = text + " ".join(f"[[private: {s}]]" for s in secrets)
    redacted = redact(marked, WORDS)
    assert "[[" not in redacted
    assert redacted.count("[something private]") == len(secrets) + text.count("[something private]")


@given(st.text(max_size=300), st.lists(st.text(max_size=10), max_size=3))
def test_notes_are_in_order_and_never_overlap(text, own):
    notes = find_details(text, own)
    for first, second in zip(notes, notes[1:], strict=False):
        assert first.end <= second.start
    for note in notes:
        assert text[note.start : note.end] == note.text
        assert note.kind in details.KINDS


@given(st.text(max_size=300))
def test_after_redacting_every_note_no_email_or_web_address_is_left(text):
    redacted = redact(text, WORDS, find_details(text))
    assert not [n for n in find_details(redacted) if n.kind in ("email", "url")]
