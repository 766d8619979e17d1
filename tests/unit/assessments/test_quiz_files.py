"""The quiz validator: each error kind with its file and line; translations must match."""

from lms.catalog.quizzes import parse_quiz

GOOD = """\
title: A quiz
pass_mark: 70
questions:
  - id: q1
    kind: single_choice
    lesson: intro
    prompt: Pick one
    options:
      - id: a
        text: A
        correct: true
        feedback: That is it.
      - id: b
        text: B
        feedback: Not this one.
  - id: q2
    kind: true_false
    prompt: True?
    answer: true
    feedback:
      correct: Right.
      incorrect: Not yet.
"""


def problems(text, lessons=None):
    return [str(p) for p in parse_quiz(text, "assessments/c/final.yaml", "c", "final", lessons)[1]]


def test_good_quiz_parses():
    quiz, found = parse_quiz(GOOD, "f.yaml", "c", "final", {"intro"})
    assert found == [] and [q.id for q in quiz.questions] == ["q1", "q2"]


def test_unknown_kind():
    assert (
        "assessments/c/final.yaml:17: unknown question kind 'essay'"
        in problems(GOOD.replace("kind: true_false", "kind: essay"))[0]
    )


def test_no_correct_answer():
    assert any(
        ":4: no option is marked 'correct: true'" in p
        for p in problems(GOOD.replace("correct: true", "correct: false"))
    )
    assert any(
        ":16: a true_false question needs" in p
        for p in problems(GOOD.replace("    answer: true\n", ""))
    )


def test_duplicate_ids():
    found = problems(GOOD.replace("id: q2", "id: q1"))
    assert any(":16: duplicate question id 'q1'" in p for p in found)
    found = problems(GOOD.replace("- id: b", "- id: a"))
    assert any(":13: duplicate option id 'a'" in p for p in found)


def test_pass_mark_out_of_range():
    for mark in ("0", "101", "seventy"):
        assert any(
            ":2: 'pass_mark' must be a whole number from 1 to 100" in p
            for p in problems(GOOD.replace("70", mark))
        )


def test_unknown_lesson_and_missing_feedback():
    assert any(":6: lesson 'intro' does not exist" in p for p in problems(GOOD, lessons={"other"}))
    text = GOOD.replace("    feedback:\n      correct: Right.\n      incorrect: Not yet.\n", "")
    assert any("every question needs 'feedback'" in p for p in problems(text))


def test_translated_quiz_must_keep_ids(tmp_path):
    from lms.catalog.quizzes import load_quiz

    folder = tmp_path / "assessments" / "c"
    folder.mkdir(parents=True)
    (folder / "final.yaml").write_text(GOOD)
    (folder / "final.bn.yaml").write_text(GOOD.replace("id: q2", "id: q3"))
    (folder / "final.zh-Hans.yaml").write_text(GOOD.replace("answer: true", "answer: false"))
    quiz, found = load_quiz(folder / "final.yaml", tmp_path)
    text = [str(p) for p in found]
    assert quiz is None
    assert (
        "assessments/c/final.bn.yaml:1: question ids differ from the original quiz"
        " (missing: q2; not in the original: q3)" in text
    )
    assert (
        "assessments/c/final.zh-Hans.yaml:1: kinds, option ids or correct answers differ from the original quiz"
        in text
    )


def test_yes_and_no_are_not_text_in_yaml():
    found = problems(GOOD.replace("feedback: That is it.", "feedback: Yes"))
    assert any(":12: 'feedback' must be text: put it in quotes" in p for p in found)


def test_a_lesson_that_is_no_slug_is_reported_with_its_line():
    """`lesson: []` once crashed the course check with a TypeError instead of naming the line."""
    for written in ("[]", "{a: b}"):
        found = problems(GOOD.replace("lesson: intro", f"lesson: {written}"), lessons={"intro"})
        assert found == [
            "assessments/c/final.yaml:6: 'lesson' must be the slug of a lesson in course 'c'"
        ]
