"""Ordering questions without a browser: reading the file, grading, the form's fields."""

import random
from dataclasses import replace

import pytest

from lms.assessments.grading import AnswerError, grade
from lms.catalog.quizzes import load_quiz
from lms.questions import ordering
from lms.questions.base import AnswerProblem

from .helpers import HEAD, parsed, problems, quiz_of

GOOD = """\
  - id: steps
    kind: ordering
    prompt: Put the steps in order.
    items:
      - {id: s1, text: Ask what the person wants}
      - {id: s2, text: Explain who will see the information}
      - {id: s3, text: Share only what they agreed to}
    feedback:
      correct: Well done.
      incorrect: Not yet. First ask, then explain, then share only what was agreed.
"""
NOT_YET = "Not yet. First ask, then explain, then share only what was agreed."


def question(partial_credit=False):
    return replace(parsed(GOOD).questions[0], partial_credit=partial_credit)


def test_items_are_read_in_the_right_order():
    q = question()
    assert q.kind == "ordering"
    assert q.items == (
        ("s1", "Ask what the person wants"),
        ("s2", "Explain who will see the information"),
        ("s3", "Share only what they agreed to"),
    )
    assert q.feedback_incorrect == NOT_YET


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            GOOD.replace("    items:\n", "    items: []\n").split("      - {id: s1")[0]
            + "    feedback:\n      correct: Yes.\n      incorrect: No.\n",
            "assessments/c/final.yaml:4: this question needs a list of at least two 'items'",
        ),
        (
            GOOD.replace("{id: s3,", "{id: s1,"),
            "assessments/c/final.yaml:10: duplicate id 's1'",
        ),
        (
            GOOD.replace("{id: s2,", "{id: -s2,"),
            "assessments/c/final.yaml:9: each entry needs an 'id' of letters, digits or hyphens",
        ),
        (
            GOOD.replace("text: Share only what they agreed to", "text: ''"),
            "assessments/c/final.yaml:10: 'text' must be non-empty text",
        ),
        (
            GOOD.replace("    feedback:\n      correct: Well done.\n", "    feedback:\n"),
            "assessments/c/final.yaml:11: missing field 'correct'",
        ),
    ],
)
def test_each_mistake_in_the_file_is_named_with_its_line(broken, expected):
    assert expected in problems(broken)


def test_the_right_order_is_right():
    result = grade(quiz_of(question()), {"steps": ["s1", "s2", "s3"]})
    assert result.passed and result.questions[0].feedback == ("Well done.",)


def test_a_wrong_order_is_not_yet_and_says_so():
    result = grade(quiz_of(question()), {"steps": ["s3", "s2", "s1"]})
    assert result.score == 0 and not result.questions[0].correct
    assert result.questions[0].feedback == (NOT_YET,)


def test_partial_credit_counts_each_item_in_its_place():
    answer = {"steps": ["s2", "s1", "s3"]}  # only the last in its place
    assert grade(quiz_of(question(partial_credit=True)), answer).score == 33
    assert grade(quiz_of(question(partial_credit=False)), answer).score == 0
    assert grade(quiz_of(question(partial_credit=True)), {"steps": ["s3", "s1", "s2"]}).score == 0


@pytest.mark.parametrize(
    "answer",
    [
        ["s1", "s2"],  # an item left out
        ["s1", "s1", "s3"],  # one item twice
        ["s1", "s2", "s9"],  # an item the question does not have
        ["s1", "s2", "s3", "s4"],  # one too many
    ],
)
def test_forged_or_incomplete_answers_are_refused(answer):
    with pytest.raises(AnswerError):
        grade(quiz_of(question()), {"steps": answer})


def test_a_question_left_unanswered_scores_nothing():
    result = grade(quiz_of(question()), {})
    assert result.score == 0 and result.questions[0].feedback == (NOT_YET,)


def test_the_form_shuffles_the_items_the_same_way_for_one_learner():
    q = question()
    asked = ordering.ask(q, q, random.Random("learner-1"))
    assert asked == ordering.ask(q, q, random.Random("learner-1"))
    assert sorted(a.part for a in asked) == ["s1", "s2", "s3"]
    assert all(a.widget == "select" for a in asked)
    assert all(a.choices == (("1", "1"), ("2", "2"), ("3", "3")) for a in asked)
    assert all(a.allowed == ("1", "2", "3") for a in asked)
    orders = {
        tuple(a.part for a in ordering.ask(q, q, random.Random(f"learner-{n}"))) for n in range(20)
    }
    assert len(orders) > 1  # shuffled: not always the order of the file


def test_the_form_reads_the_numbers_back_as_an_order():
    q = question()
    assert ordering.read(q, {"s3": "1", "s1": "2", "s2": "3"}) == ["s3", "s1", "s2"]
    assert ordering.read(q, {"s1": "1", "s2": "2", "s3": "3"}) == ["s1", "s2", "s3"]


def test_the_same_number_twice_asks_the_learner_to_fix_it():
    with pytest.raises(AnswerProblem) as problem:
        ordering.read(question(), {"s1": "1", "s2": "1", "s3": "3"})
    assert str(problem.value) == "Please use each number once."


TRANSLATED = (
    GOOD.replace("Put the steps in order.", "ধাপগুলো ক্রমে সাজান।")
    .replace("Ask what the person wants", "মানুষটি কী চান তা জিজ্ঞেস করুন")
    .replace("Explain who will see the information", "কে তথ্য দেখবে তা বুঝিয়ে বলুন")
    .replace("Share only what they agreed to", "তাঁরা যা রাজি হয়েছেন শুধু তা-ই জানান")
    .replace("Not yet. First ask", "এখনো হয়নি। প্রথমে জিজ্ঞেস করুন")
)


def test_in_another_language_the_words_change_and_the_ids_grade_the_same():
    q, shown = question(), parsed(TRANSLATED).questions[0]
    asked = ordering.ask(q, shown, random.Random("learner-1"))
    english = ordering.ask(q, q, random.Random("learner-1"))
    assert [a.part for a in asked] == [a.part for a in english]  # the same shuffle
    assert "মানুষটি কী চান তা জিজ্ঞেস করুন" in {a.label for a in asked}
    result = grade(quiz_of(q), {"steps": ["s2", "s1", "s3"]}, quiz_of(shown))
    assert not result.passed
    assert ordering.feedback(shown, ["s2", "s1", "s3"], False)[0].startswith("এখনো হয়নি।")


def test_a_translation_must_keep_the_order(tmp_path):
    """Reordering the items in a translation would change the right answer: refused."""
    folder = tmp_path / "assessments" / "c"
    folder.mkdir(parents=True)
    (folder / "final.yaml").write_text(HEAD + GOOD)
    (folder / "final.bn.yaml").write_text(
        HEAD
        + TRANSLATED.replace("{id: s1,", "{id: TMP,")
        .replace("{id: s2,", "{id: s1,")
        .replace("{id: TMP,", "{id: s2,")
    )
    quiz, found = load_quiz(folder / "final.yaml", tmp_path)
    assert quiz is None
    assert [str(p) for p in found] == [
        "assessments/c/final.bn.yaml:1: kinds, option ids or correct answers differ"
        " from the original quiz"
    ]
    (folder / "final.bn.yaml").write_text(HEAD + TRANSLATED)
    quiz, found = load_quiz(folder / "final.yaml", tmp_path)
    assert found == [] and quiz.translations["bn"].questions[0].prompt == "ধাপগুলো ক্রমে সাজান।"
