"""Grading is pure and strict: property tests over generated quizzes, and each kind by hand."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lms.assessments.grading import AnswerError, grade
from lms.catalog.quizzes import Option, Question, Quiz
from lms.questions.short_text import normalise_text

IDS = st.text(alphabet="abcdefghjk", min_size=1, max_size=4)
# The machine running the tests is often busy: a slow example is not a wrong one.
unhurried = settings(deadline=None)


@st.composite
def questions(draw, question_id):
    kind = draw(
        st.sampled_from(
            ["single_choice", "multiple_choice", "true_false", "short_text", "matching", "ordering"]
        )
    )
    common = {
        "id": question_id,
        "kind": kind,
        "prompt": "P",
        "feedback_correct": "yes",
        "feedback_incorrect": "not yet",
    }
    if kind in ("single_choice", "multiple_choice"):
        ids = draw(st.lists(IDS, min_size=2, max_size=5, unique=True))
        if kind == "single_choice":
            right = {draw(st.sampled_from(ids))}
        else:
            right = set(draw(st.lists(st.sampled_from(ids), min_size=1, unique=True)))
        options = tuple(Option(i, f"text {i}", i in right, f"about {i}") for i in ids)
        return Question(**common, options=options, partial_credit=draw(st.booleans()))
    if kind == "true_false":
        return Question(**common, answer=draw(st.booleans()))
    if kind == "short_text":
        return Question(
            **common,
            accepted=tuple(
                draw(
                    st.lists(
                        st.sampled_from(["help", "Hilfe", "帮助", "সাহায্য"]), min_size=1, unique=True
                    )
                )
            ),
        )
    ids = draw(st.lists(IDS, min_size=2, max_size=5, unique=True))
    if kind == "matching":
        return Question(
            **common,
            pairs=tuple((i, f"L{i}", f"R{i}") for i in ids),
            partial_credit=draw(st.booleans()),
        )
    return Question(
        **common, items=tuple((i, f"T{i}") for i in ids), partial_credit=draw(st.booleans())
    )


@st.composite
def quizzes(draw):
    count = draw(st.integers(min_value=1, max_value=6))
    qs = tuple(draw(questions(f"q{n}")) for n in range(count))
    return Quiz("quiz", "course", "Quiz", draw(st.integers(min_value=1, max_value=100)), None, qs)


def right_answer(q: Question):
    return {
        "single_choice": lambda: next(o.id for o in q.options if o.correct),
        "multiple_choice": lambda: {o.id for o in q.options if o.correct},
        "true_false": lambda: q.answer,
        "short_text": lambda: q.accepted[0],
        "matching": lambda: {p[0]: p[0] for p in q.pairs},
        "ordering": lambda: [i[0] for i in q.items],
    }[q.kind]()


@st.composite
def any_answer(draw, q: Question):
    if q.kind == "single_choice":
        return draw(st.sampled_from([o.id for o in q.options]))
    if q.kind == "multiple_choice":
        return set(draw(st.lists(st.sampled_from([o.id for o in q.options]), unique=True)))
    if q.kind == "true_false":
        return draw(st.booleans())
    if q.kind == "short_text":
        return draw(st.text(max_size=20))
    if q.kind == "matching":
        ids = [p[0] for p in q.pairs]
        return {i: draw(st.sampled_from(ids)) for i in ids}
    return draw(st.permutations([i[0] for i in q.items]))


@unhurried
@given(st.data())
def test_scores_stay_between_0_and_100(data):
    quiz = data.draw(quizzes())
    answers = {q.id: data.draw(any_answer(q)) for q in quiz.questions}
    result = grade(quiz, answers)
    assert 0 <= result.score <= 100
    assert all(0.0 <= r.score <= 1.0 for r in result.questions)
    assert result.passed == (result.score >= quiz.pass_mark)


@unhurried
@given(quizzes())
def test_a_fully_correct_submission_always_passes(quiz):
    result = grade(quiz, {q.id: right_answer(q) for q in quiz.questions})
    assert result.score == 100 and result.passed
    assert all(r.correct for r in result.questions)


@unhurried
@given(st.data())
def test_order_of_options_does_not_matter(data):
    quiz = data.draw(quizzes())
    shuffled = Quiz(
        quiz.slug,
        quiz.course,
        quiz.title,
        quiz.pass_mark,
        quiz.attempts,
        tuple(
            Question(**{**q.__dict__, "options": tuple(data.draw(st.permutations(q.options)))})
            for q in quiz.questions
        ),
    )
    answers = {q.id: data.draw(any_answer(q)) for q in quiz.questions}
    assert grade(quiz, answers).score == grade(shuffled, answers).score


@unhurried
@given(quizzes(), st.text(min_size=1, max_size=8))
def test_answers_to_unknown_ids_are_rejected(quiz, stranger):
    answers = {q.id: right_answer(q) for q in quiz.questions}
    if stranger in answers:
        return
    with pytest.raises(AnswerError):
        grade(quiz, {**answers, stranger: "a"})


def question(kind, **extra):
    return Question(
        id="q",
        kind=kind,
        prompt="P",
        feedback_correct="right",
        feedback_incorrect="not yet",
        **extra,
    )


def test_forged_option_ids_are_rejected():
    q = question(
        "single_choice", options=(Option("a", "A", True, "fa"), Option("b", "B", False, "fb"))
    )
    with pytest.raises(AnswerError):
        grade(Quiz("x", "c", "T", 50, None, (q,)), {"q": "zzz"})


def test_multiple_choice_needs_all_correct_unless_partial():
    options = (
        Option("a", "A", True, "fa"),
        Option("b", "B", True, "fb"),
        Option("c", "C", False, "fc"),
    )
    strict = Quiz("x", "c", "T", 50, None, (question("multiple_choice", options=options),))
    partial = Quiz(
        "x",
        "c",
        "T",
        50,
        None,
        (question("multiple_choice", options=options, partial_credit=True),),
    )
    assert grade(strict, {"q": {"a"}}).score == 0
    assert grade(partial, {"q": {"a"}}).score == 50
    assert grade(partial, {"q": {"a", "c"}}).score == 0
    result = grade(strict, {"q": {"a", "c"}})
    assert result.questions[0].feedback == ("fa", "fc")  # feedback for each chosen option


def test_short_text_normalises_case_space_width_and_unicode():
    q = question("short_text", accepted=("help", "帮助", "সাহায্য"))
    quiz = Quiz("x", "c", "T", 50, None, (q,))
    for typed in ("  HELP ", "ｈｅｌｐ", "help.", "帮助", "帮助。", "সাহায্য"):
        assert grade(quiz, {"q": typed}).passed, typed
    assert not grade(quiz, {"q": ""}).passed
    assert normalise_text("Ａ\u3000 b") == "a b"


def test_matching_and_ordering():
    pairs = (("p1", "victim", "harmed"), ("p2", "consent", "free yes"))
    matching = Quiz("x", "c", "T", 100, None, (question("matching", pairs=pairs),))
    assert grade(matching, {"q": {"p1": "p1", "p2": "p2"}}).passed
    assert not grade(matching, {"q": {"p1": "p2", "p2": "p1"}}).passed
    with pytest.raises(AnswerError):
        grade(matching, {"q": {"p1": "p9", "p2": "p2"}})
    items = (("s1", "a"), ("s2", "b"), ("s3", "c"))
    ordering = Quiz("x", "c", "T", 100, None, (question("ordering", items=items),))
    assert grade(ordering, {"q": ["s1", "s2", "s3"]}).passed
    assert grade(ordering, {"q": ["s2", "s1", "s3"]}).questions[0].feedback == ("not yet",)
    with pytest.raises(AnswerError):
        grade(ordering, {"q": ["s1", "s1", "s3"]})


def test_short_text_accepts_the_shown_translation_and_the_original():
    question = Question("w", "short_text", "Fill the gap", accepted=("victims",))
    quiz = Quiz("q", "c", "Quiz", 100, None, (question,))
    shown = Quiz(
        "q", "c", "测验", 100, None, (Question("w", "short_text", "填空", accepted=("受害者",)),)
    )
    assert grade(quiz, {"w": "受害者"}, shown).passed
    assert grade(quiz, {"w": "Victims"}, shown).passed
    assert not grade(quiz, {"w": "受害者"}).passed  # without the version shown, English only
    assert not grade(quiz, {"w": "criminals"}, shown).passed
