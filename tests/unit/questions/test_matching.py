"""Matching questions without a browser: reading the file, grading, the form's fields."""

import random

import pytest

from lms.assessments.grading import AnswerError, grade
from lms.questions import matching

from .helpers import parsed, problems, quiz_of

GOOD = """\
  - id: pairs
    kind: matching
    prompt: Match each word to its meaning.
    pairs:
      - {id: p1, left: consent, right: saying yes freely}
      - {id: p2, left: referral, right: connecting someone to help}
      - {id: p3, left: victim, right: someone who was harmed}
    feedback:
      correct: Well done.
      incorrect: Not yet. Look at each word again.
"""


def question(partial_credit=False):
    q = parsed(GOOD).questions[0]
    return q if not partial_credit else q.__class__(**{**q.__dict__, "partial_credit": True})


def test_pairs_are_read_in_file_order():
    q = question()
    assert q.kind == "matching" and q.prompt == "Match each word to its meaning."
    assert q.pairs == (
        ("p1", "consent", "saying yes freely"),
        ("p2", "referral", "connecting someone to help"),
        ("p3", "victim", "someone who was harmed"),
    )
    assert (q.feedback_correct, q.feedback_incorrect) == (
        "Well done.",
        "Not yet. Look at each word again.",
    )
    assert (
        parsed(GOOD.replace("    feedback:", "    partial_credit: true\n    feedback:"))
        .questions[0]
        .partial_credit
    )


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            GOOD.replace(
                "      - {id: p2, left: referral, right: connecting someone to help}\n"
                "      - {id: p3, left: victim, right: someone who was harmed}\n",
                "",
            ),
            "assessments/c/final.yaml:4: this question needs a list of at least two 'pairs'",
        ),
        (
            GOOD.replace("{id: p2,", "{id: p1,"),
            "assessments/c/final.yaml:9: duplicate id 'p1'",
        ),
        (
            GOOD.replace("{id: p3,", "{id: 'p 3',"),
            "assessments/c/final.yaml:10: each entry needs an 'id' of letters, digits or hyphens",
        ),
        (
            GOOD.replace(", right: someone who was harmed", ""),
            "assessments/c/final.yaml:10: missing field 'right'",
        ),
        (
            GOOD.replace("left: consent", "left: yes"),
            "assessments/c/final.yaml:8: 'left' must be text: put it in quotes,"
            " as YAML reads yes/no as true/false",
        ),
        (
            GOOD.replace(
                "      - {id: p3, left: victim, right: someone who was harmed}", "      - p3"
            ),
            "assessments/c/final.yaml:10: each entry needs id, left, right",
        ),
        (
            GOOD.split("    feedback:")[0],
            "assessments/c/final.yaml:4: every question needs 'feedback' with 'correct' and"
            " 'incorrect' text",
        ),
    ],
)
def test_each_mistake_in_the_file_is_named_with_its_line(broken, expected):
    assert expected in problems(broken)


def test_all_pairs_matched_is_right_in_any_order_of_the_answers():
    quiz = quiz_of(question())
    for answer in ({"p1": "p1", "p2": "p2", "p3": "p3"}, {"p3": "p3", "p1": "p1", "p2": "p2"}):
        result = grade(quiz, {"pairs": answer})
        assert result.passed and result.score == 100
        assert result.questions[0].feedback == ("Well done.",)


def test_a_wrong_match_is_not_yet_and_says_so():
    result = grade(quiz_of(question()), {"pairs": {"p1": "p2", "p2": "p1", "p3": "p3"}})
    assert not result.passed and result.score == 0
    assert result.questions[0].feedback == ("Not yet. Look at each word again.",)
    assert not result.questions[0].correct


def test_partial_credit_counts_each_pair_matched():
    answer = {"p1": "p2", "p2": "p1", "p3": "p3"}
    assert grade(quiz_of(question(partial_credit=True)), {"pairs": answer}).score == 33
    assert grade(quiz_of(question(partial_credit=False)), {"pairs": answer}).score == 0
    everything_wrong = {"p1": "p2", "p2": "p3", "p3": "p1"}
    assert grade(quiz_of(question(partial_credit=True)), {"pairs": everything_wrong}).score == 0


@pytest.mark.parametrize(
    "answer",
    [
        {"p1": "p1", "p2": "p2"},  # a pair left out
        {"p1": "p1", "p2": "p2", "p3": "p9"},  # an answer the question does not have
        {"p1": "p1", "p2": "p2", "p3": "p3", "p9": "p1"},  # a line it does not have
        ["p1", "p2", "p3"],  # not a mapping at all
    ],
)
def test_forged_or_incomplete_answers_are_refused(answer):
    with pytest.raises(AnswerError):
        grade(quiz_of(question()), {"pairs": answer})


def test_a_question_left_unanswered_scores_nothing():
    result = grade(quiz_of(question()), {})
    assert result.score == 0 and result.questions[0].feedback == (
        "Not yet. Look at each word again.",
    )


def test_the_form_shuffles_the_answers_the_same_way_for_one_learner():
    q = question()
    asked = matching.ask(q, q, random.Random("learner-1"))
    again = matching.ask(q, q, random.Random("learner-1"))
    assert asked == again
    assert [a.part for a in asked] == ["p1", "p2", "p3"]  # the lines keep their order
    assert [a.label for a in asked] == ["consent", "referral", "victim"]
    assert all(a.widget == "select" and a.allowed == ("p1", "p2", "p3") for a in asked)
    rights = {a.choices for a in asked}
    assert len(rights) == 1  # every line offers the same answers
    assert sorted(rights.pop()) == sorted((p[0], p[2]) for p in q.pairs)
    orders = {
        tuple(matching.ask(q, q, random.Random(f"learner-{n}"))[0].choices) for n in range(20)
    }
    assert len(orders) > 1  # shuffled: not always the order of the file


def test_the_form_reads_back_what_was_chosen_for_each_line():
    q = question()
    values = {"p2": "p2", "p1": "p3", "p3": "p1"}
    assert matching.read(q, values) == {"p1": "p3", "p2": "p2", "p3": "p1"}


TRANSLATED = (
    GOOD.replace("Match each word to its meaning.", "把每个词和它的意思连起来。")
    .replace("left: consent, right: saying yes freely", "left: 同意, right: 自愿说好")
    .replace("left: referral, right: connecting someone to help", "left: 转介, right: 帮人联系帮助")
    .replace("left: victim, right: someone who was harmed", "left: 受害者, right: 受到伤害的人")
    .replace("Well done.", "做得好。")
)


def test_in_another_language_the_words_change_and_the_ids_grade_the_same():
    q, shown = question(), parsed(TRANSLATED).questions[0]
    asked = matching.ask(q, shown, random.Random("learner-1"))
    assert [a.label for a in asked] == ["同意", "转介", "受害者"]
    assert {label for _, label in asked[0].choices} == {"自愿说好", "帮人联系帮助", "受到伤害的人"}
    # Shuffled the same way as in English: the seed, not the words, decides.
    english = matching.ask(q, q, random.Random("learner-1"))
    assert [value for value, _ in asked[0].choices] == [value for value, _ in english[0].choices]
    answer = {"pairs": {"p1": "p1", "p2": "p2", "p3": "p3"}}
    result = grade(quiz_of(q), answer, quiz_of(shown))
    assert result.passed
    assert matching.feedback(shown, answer["pairs"], True) == ("做得好。",)
