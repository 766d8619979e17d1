"""Readiness rules as plain values: WHO-5 scoring, domain results, and when to offer support.

WHO-5 is only a support signal: nothing here lets it open or close a role.
"""

from dataclasses import dataclass, field

PREFER_NOT = "prefer_not"
WHO5_SUPPORT_BELOW = 13  # raw score; 12 or less is "poor wellbeing" (Topp et al., 2015)
UNSAFE_AT_MOST = 1  # "Not at all" or "A little" on a safety-signal item


@dataclass(frozen=True)
class Item:
    id: str
    domain: str
    text: str
    safety_signal: bool = False


@dataclass(frozen=True)
class CheckinDefinition:
    slug: str
    kind: str  # "readiness" or "who5"
    title: str
    purpose: str
    scale: tuple  # ((value, label), ...)
    domains: tuple  # ((id, title), ...)
    items: tuple  # Item, ...
    ready_from: int | None = None
    instruction: str = ""
    attribution: str = ""
    translation_note: str = ""
    translations: dict = field(default_factory=dict)  # tag -> CheckinDefinition (same ids)

    @property
    def values(self) -> set:
        return {value for value, _ in self.scale}


@dataclass(frozen=True)
class Who5:
    raw: int | None  # None when any item is unanswered: no score is invented
    answered: int

    @property
    def percent(self) -> int | None:
        return None if self.raw is None else self.raw * 4


def numeric(answer) -> int | None:
    """Return an answer as a number, or None for 'prefer not to say' and skipped items."""
    return answer if isinstance(answer, int) and not isinstance(answer, bool) else None


def who5_score(definition: CheckinDefinition, answers: dict) -> Who5:
    """Return the WHO-5 raw score (0 to 25), only when all five items have an answer."""
    values = [numeric(answers.get(item.id)) for item in definition.items]
    answered = sum(1 for v in values if v is not None)
    if answered < len(definition.items):
        return Who5(None, answered)
    return Who5(sum(values), answered)


def who5_reading(raw: int | None) -> str | None:
    """Return what a WHO-5 result suggests, for explaining in words: 'heavy' or 'steady'.

    The number stays inside the rules (the support threshold); people read words, never a
    single score on the person (content guide). None when no score was made.
    """
    if raw is None:
        return None
    return "heavy" if raw < WHO5_SUPPORT_BELOW else "steady"


def answers_in_words(definition: CheckinDefinition, answers: dict) -> list[tuple[str, str]]:
    """Return [(question, answer label or PREFER_NOT)] in the definition's order and language.

    Answers to items the file no longer has are left out: without the question, an answer
    alone would say nothing a person could understand.
    """
    labels = dict(definition.scale)
    rows = []
    for item in definition.items:
        if item.id not in answers:
            continue
        value = answers[item.id]
        rows.append((item.text, PREFER_NOT if value == PREFER_NOT else labels.get(value, "")))
    return rows


def domain_statuses(definition: CheckinDefinition, answers: dict) -> dict:
    """Return {domain: 'ready' | 'not_yet' | 'no_answer'} from a readiness check-in.

    'ready' means every answered item in the domain reached the ready level (self-reported);
    skipped and 'prefer not to say' items are left out, never counted against the person.
    """
    result = {}
    for domain, _title in definition.domains:
        values = [numeric(answers.get(i.id)) for i in definition.items if i.domain == domain]
        given = [v for v in values if v is not None]
        if not given:
            result[domain] = "no_answer"
        elif definition.ready_from is not None and all(v >= definition.ready_from for v in given):
            result[domain] = "ready"
        else:
            result[domain] = "not_yet"
    return result


def offer_support(definition: CheckinDefinition, answers: dict) -> bool:
    """Return True when the next screen should be supportive: a low WHO-5, or not feeling safe now."""
    if definition.kind == "who5":
        score = who5_score(definition, answers)
        return score.raw is not None and score.raw < WHO5_SUPPORT_BELOW
    return any(
        item.safety_signal
        and numeric(answers.get(item.id)) is not None
        and numeric(answers.get(item.id)) <= UNSAFE_AT_MOST
        for item in definition.items
    )


def clean_answers(definition: CheckinDefinition, submitted: dict) -> tuple[dict, list]:
    """Return (answers that fit the definition, ids that were refused).

    Unknown item ids and values outside the scale are refused, never stored.
    """
    items = {item.id for item in definition.items}
    answers, refused = {}, []
    for item_id, value in submitted.items():
        if item_id not in items:
            refused.append(item_id)
        elif value == PREFER_NOT or (numeric(value) is not None and value in definition.values):
            answers[item_id] = value
        else:
            refused.append(item_id)
    return answers, refused
