"""When a mentor note may be kept from the learner, and what the learner is told. Pure rules.

A mentor note is the learner's to read. Keeping one back is allowed only for
safeguarding, with a category and a reason; the learner's data export then names the
category in plain words and says how to ask staff, never the note or the reason.
"""

HELD_BACK_CATEGORIES = (
    "harm_to_learner",
    "harm_to_others",
    "safeguarding_report",
    "other_safeguarding",
)

# What the learner's data export says for each category: plain English, spoken to them.
EXPORT_WORDS = {
    "harm_to_learner": "To keep you safe from harm.",
    "harm_to_others": "To keep someone else safe from harm.",
    "safeguarding_report": "Because of a report to a safeguarding lead or the authorities.",
    "other_safeguarding": "For another safeguarding reason.",
}
EXPORT_HOW_TO_ASK = (
    "You can ask staff at your organisation about this note. "
    "They can tell you more, or explain why they cannot yet."
)
EXPORT_HELD_BACK = "Kept back for safeguarding."

MAX_REASON = 2000


def held_back_problems(held_back: bool, category: str | None, reason: str | None) -> dict:
    """Return {field: message code} for a note the mentor wants to keep back; {} when fine.

    Codes: "category_needed" (none or an unknown one), "reason_needed" (empty),
    "reason_too_long". A note shared with the learner needs neither.
    """
    if not held_back:
        return {}
    problems = {}
    if category not in HELD_BACK_CATEGORIES:
        problems["category"] = "category_needed"
    text = (reason or "").strip()
    if not text:
        problems["reason"] = "reason_needed"
    elif len(text) > MAX_REASON:
        problems["reason"] = "reason_too_long"
    return problems


def export_entry(held_back: bool, category: str | None, body: str, at: str, author: str) -> dict:
    """Return one note as the learner's data export shows it.

    A held-back note shows only its date, that it is held back, the category in plain
    words and how to ask staff: never the note itself or the staff-only reason.
    """
    if not held_back:
        return {"at": at, "from": author, "note": body}
    return {
        "at": at,
        "held_back": EXPORT_HELD_BACK,
        "why": EXPORT_WORDS.get(category, EXPORT_WORDS["other_safeguarding"]),
        "how_to_ask": EXPORT_HOW_TO_ASK,
    }
