"""Readiness rules: WHO-5 is a support signal only; no score is invented from missing answers."""

from pathlib import Path

from lms.readiness.definitions import load_checkins
from lms.readiness.rules import (
    PREFER_NOT,
    clean_answers,
    domain_statuses,
    offer_support,
    who5_score,
)

ROOT = Path(__file__).resolve().parents[3]
DEFINITIONS, PROBLEMS = load_checkins(ROOT / "assessments" / "checkins", ROOT)
WHO5 = DEFINITIONS["who5"]
READINESS = DEFINITIONS["readiness"]


def test_shipped_checkins_are_valid_and_translated():
    assert [str(p) for p in PROBLEMS] == []
    for definition in DEFINITIONS.values():
        assert set(definition.translations) == {"zh-Hans", "bn"}
    # Self-made WHO-5 translations must say so (its terms of use).
    assert all(t.translation_note for t in WHO5.translations.values())
    assert "Psychiatric Centre North Zealand" in WHO5.attribution


def test_who5_raw_and_percentage():
    answers = {item.id: 3 for item in WHO5.items}
    score = who5_score(WHO5, answers)
    assert (score.raw, score.percent) == (15, 60)
    assert who5_score(WHO5, {item.id: 5 for item in WHO5.items}).raw == 25


def test_no_who5_score_is_invented_from_missing_answers():
    answers = {item.id: 5 for item in WHO5.items[:4]}
    assert who5_score(WHO5, answers).raw is None
    answers[WHO5.items[4].id] = PREFER_NOT
    score = who5_score(WHO5, answers)
    assert score.raw is None and score.percent is None and score.answered == 4


def test_support_is_offered_below_13_or_when_not_safe():
    low = {item.id: 2 for item in WHO5.items}  # raw 10
    assert offer_support(WHO5, low)
    edge = dict(zip([i.id for i in WHO5.items], [3, 3, 3, 2, 2], strict=True))  # raw 13
    assert not offer_support(WHO5, edge)
    assert not offer_support(WHO5, {WHO5.items[0].id: 0})  # no score, no alarm
    assert offer_support(READINESS, {"safe-place": 1})
    assert not offer_support(READINESS, {"safe-place": PREFER_NOT})
    assert not offer_support(READINESS, {"safe-place": 3, "basic-needs": 0})


def test_domains_are_ready_only_from_answers_given():
    answers = {"safe-place": 4, "basic-needs": 3, "no-contact": PREFER_NOT, "someone-to-call": 1}
    statuses = domain_statuses(READINESS, answers)
    assert statuses["safety"] == "ready"  # 'prefer not to say' never counts against anyone
    assert statuses["support"] == "not_yet"
    assert statuses["story"] == "no_answer"


def test_answers_out_of_range_or_for_unknown_items_are_refused():
    answers, refused = clean_answers(
        READINESS,
        {"safe-place": 9, "ghost": 3, "rest": 2, "can-stop": PREFER_NOT, "want-this": True},
    )
    assert answers == {"rest": 2, "can-stop": PREFER_NOT}
    assert sorted(refused) == ["ghost", "safe-place", "want-this"]


def test_items_never_ask_about_the_past_or_symptoms():
    words = ("happened", "trauma", "symptom", "harm yourself", "suicid", "abuse", "what they did")
    for definition in DEFINITIONS.values():
        for item in definition.items:
            assert not any(w in item.text.lower() for w in words), item.text


def test_broken_checkin_file_is_reported_with_line(tmp_path):
    folder = tmp_path / "assessments" / "checkins"
    folder.mkdir(parents=True)
    (folder / "x.yaml").write_text(
        "title: T\npurpose: P\nscale:\n  - {value: 0, label: No}\ndomains:\n  - {id: a, title: A}\n"
        "items:\n  - {id: i1, domain: zzz, text: Hi}\n"
    )
    _, problems = load_checkins(folder, tmp_path)
    assert "assessments/checkins/x.yaml:8: item 'i1' has an unknown domain 'zzz'" in [
        str(p) for p in problems
    ]


def test_who5_is_read_in_words_from_the_support_threshold():
    from lms.readiness.rules import WHO5_SUPPORT_BELOW, who5_reading

    assert who5_reading(None) is None
    assert who5_reading(WHO5_SUPPORT_BELOW - 1) == "heavy"
    assert who5_reading(WHO5_SUPPORT_BELOW) == "steady"
    assert who5_reading(0) == "heavy" and who5_reading(25) == "steady"


def test_answers_are_read_as_the_question_and_the_answer_words():
    from lms.readiness.rules import answers_in_words

    answers = {"rest": 1, "safe-place": 4, "want-this": PREFER_NOT, "gone-item": 2}
    assert answers_in_words(READINESS, answers) == [
        ("I have a safe place to stay now.", "Completely"),
        ("I have enough time to rest between activities.", "A little"),
        ("I want to do this for myself.", PREFER_NOT),
    ]
    zh = READINESS.translations["zh-Hans"]
    assert answers_in_words(zh, {"safe-place": 4})[0] == ("我现在有一个安全的住处。", "完全是")
