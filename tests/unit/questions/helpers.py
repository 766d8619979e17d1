"""Small quiz files and quizzes for the question kind tests."""

from lms.catalog.quizzes import Question, Quiz, parse_quiz

HEAD = "title: A quiz\npass_mark: 100\nquestions:\n"


def problems(questions_yaml: str) -> list[str]:
    """Every problem of a quiz file with these questions, as `file:line: message`."""
    quiz, found = parse_quiz(HEAD + questions_yaml, "assessments/c/final.yaml", "c", "final")
    assert (quiz is None) == bool(found)
    return [str(p) for p in found]


def parsed(questions_yaml: str) -> Quiz:
    quiz, found = parse_quiz(HEAD + questions_yaml, "assessments/c/final.yaml", "c", "final")
    assert found == []
    return quiz


def quiz_of(*questions: Question, pass_mark: int = 100) -> Quiz:
    return Quiz("final", "c", "A quiz", pass_mark, None, questions)
