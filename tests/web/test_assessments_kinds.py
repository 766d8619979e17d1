"""Every kind of question through the form, without a browser: matching and ordering above all,
which the browser journeys otherwise test alone; and the interface words each kind adds, in
every language."""

import re

import pytest

from lms.assessments.models import QuizAttempt
from lms.catalog.models import Quiz
from lms.extensions import db

from .conftest import post_form

ALL_KINDS = "/learn/sample-rights/quizzes/all-kinds"
CHECK = "/learn/sample-rights/quizzes/check"
FINAL = "/learn/sample-english/quizzes/final"


def version_of(slug):
    return str(db.session.scalar(db.select(Quiz).where(Quiz.slug == slug)).version_id)


def answers(**changes):
    right = {
        "version": version_of("all-kinds"),
        "q.one": "support",
        "q.many": ["skip", "save"],
        "q.word": "help",
        "q.pairs.p1": "p1",
        "q.pairs.p2": "p2",
        "q.steps.s1": "1",
        "q.steps.s2": "2",
        "q.steps.s3": "3",
    }
    return right | changes


def attempts():
    return db.session.scalar(db.select(db.func.count(QuizAttempt.id)))


def submit(client, data):
    return post_form(client, ALL_KINDS, data, page=ALL_KINDS)


def test_every_kind_answered_right_passes_and_is_stored_by_id(client, auth, world, synced):
    auth.sign_in("learner")
    response = submit(client, answers())
    assert response.status_code == 302
    attempt = db.session.scalar(db.select(QuizAttempt))
    assert attempt.score == 100 and attempt.passed
    assert attempt.answers == {
        "one": "support",
        "many": ["save", "skip"],
        "word": "help",
        "pairs": {"p1": "p1", "p2": "p2"},
        "steps": ["s1", "s2", "s3"],
    }
    page = client.get(response.location).get_data(as_text=True)
    assert "Well done." in page and "Yes. Skipping never blocks the course." in page


def test_wrong_matches_and_order_are_not_yet_with_their_feedback(client, auth, world, synced):
    auth.sign_in("learner")
    wrong = answers(
        **{"q.pairs.p1": "p2", "q.pairs.p2": "p1", "q.steps.s1": "3", "q.steps.s3": "1"}
    )
    response = submit(client, wrong)
    attempt = db.session.scalar(db.select(QuizAttempt))
    assert attempt.answers["pairs"] == {"p1": "p2", "p2": "p1"}
    assert attempt.answers["steps"] == ["s3", "s2", "s1"]
    assert attempt.score == 60 and not attempt.passed  # three of five questions right
    page = client.get(response.location).get_data(as_text=True)
    assert "Consent means saying yes freely" in page
    assert "First ask, then explain, then share only what was agreed." in page


def test_the_same_number_twice_is_asked_again_and_what_was_chosen_is_kept(
    client, auth, world, synced
):
    auth.sign_in("learner")
    response = submit(client, answers(**{"q.steps.s2": "1"}))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert page.count("Please use each number once.") == 2  # in the summary and beside it
    assert re.search(r'<a href="#q\.steps\.s\d">Put the steps in order\.: Please use', page)
    # What the learner chose stays chosen, for the order and for every other question.
    for name in ("q.steps.s1", "q.steps.s2"):
        select = page.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
        assert '<option selected value="1">' in select
    pairs = page.split('name="q.pairs.p2"', 1)[1].split("</select>", 1)[0]
    assert '<option selected value="p2">' in pairs
    assert attempts() == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"q.pairs.p2": ""},  # a line not matched
        {"q.pairs.p2": "p9"},  # an answer the question does not have
        {"q.steps.s3": "4"},  # a position past the end
        {"q.steps.s3": ""},  # an item not placed
    ],
)
def test_missing_or_forged_matches_and_positions_are_asked_for(
    client, auth, world, synced, changes
):
    auth.sign_in("learner")
    response = submit(client, answers(**changes))
    assert response.status_code == 400
    name = next(iter(changes))
    field = response.get_data(as_text=True).split(f'id="{name}-error"', 1)
    assert len(field) == 2 and field[1].startswith(">Please answer this question.</p>")
    assert attempts() == 0


def test_the_lines_are_shuffled_the_same_way_each_time_for_one_learner(client, auth, world, synced):
    auth.sign_in("learner")
    first = client.get(ALL_KINDS).get_data(as_text=True)
    again = client.get(ALL_KINDS).get_data(as_text=True)

    def order(page):
        return re.findall(r'name="(q\.steps\.s\d)"', page), re.findall(
            r'<option value="(p\d)">', page.split('name="q.pairs.p1"', 1)[1].split("</select>")[0]
        )

    assert order(first) == order(again)
    assert sorted(order(first)[0]) == ["q.steps.s1", "q.steps.s2", "q.steps.s3"]


@pytest.mark.parametrize(
    ("locale", "true", "false", "once", "short"),
    [
        ("zh_Hans", "对", "错", "每个数字只能用一次。", "请把答案写短一点（最多 200 个字符）。"),
        (
            "bn",
            "ঠিক",
            "ভুল",
            "প্রতিটি নম্বর একবারই ব্যবহার করুন।",
            "উত্তর ছোট রাখুন (২০০টি অক্ষরের মধ্যে)।",
        ),
    ],
    ids=["zh_Hans", "bn"],
)
def test_the_words_each_kind_adds_are_in_the_learners_language(
    client, auth, world, synced, locale, true, false, once, short
):
    auth.sign_in("learner")
    post_form(client, "/language", {"locale": locale, "next": "/"}, page="/")
    page = client.get(CHECK).get_data(as_text=True)
    assert f'<label for="q.q1-0">{true}</label>' in page
    assert f'<label for="q.q1-1">{false}</label>' in page
    ordering = submit(client, answers(**{"q.steps.s2": "1"})).get_data(as_text=True)
    assert once in ordering and "Please use each number once." not in ordering
    long = post_form(
        client, FINAL, {"version": version_of("final"), "q.hello": "x" * 300}, page=FINAL
    )
    assert short in long.get_data(as_text=True)
    assert attempts() == 0
