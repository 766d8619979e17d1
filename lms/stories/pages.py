"""What story pages show, worked out for templates (which show, never decide)."""

from dataclasses import dataclass

from lms.catalog.rendering import render_markdown

from . import agreements, details, services
from .words import NOTE_LABELS, PURPOSE_LABELS, STATUS_LABELS, STEP_LABELS, redaction_words


@dataclass
class NoteRow:
    text: str
    label: str


def note_rows(notes: list[details.Note]) -> list[NoteRow]:
    return [NoteRow(n.text, str(NOTE_LABELS[n.kind])) for n in notes]


def story_html(text: str):
    """The story as sanitised HTML, through the same renderer and allow-list as lessons."""
    return render_markdown(text, course="stories")


def public_html(agreement, version) -> str:
    """The agreed version exactly as it is public, in the reader's language for the hidden parts."""
    text = services.redacted(
        version.text,
        agreement.member_id,
        agreement.organisation_id,
        redaction_words(),
        agreement.redact_details,
    )
    return story_html(text)


@dataclass
class AgreementRow:
    agreement: object
    status: str
    status_label: str
    purpose_label: str
    in_force: bool
    needs_takedown: bool


def agreement_row(agreement) -> AgreementRow:
    today = services.today()
    status = agreements.shown_status(agreement.status, agreement.until, today)
    return AgreementRow(
        agreement=agreement,
        status=status,
        status_label=str(STATUS_LABELS[status]),
        purpose_label=str(PURPOSE_LABELS.get(agreement.purpose, agreement.purpose)),
        in_force=agreements.in_force(agreement.status, agreement.until, today),
        needs_takedown=agreements.needs_takedown(
            agreement.status, agreement.was_agreed, agreement.takedown_confirmed_at is not None
        ),
    )


@dataclass
class Step:
    label: str
    at: object


def steps(agreement) -> list[Step]:
    return [
        Step(str(STEP_LABELS.get(e.action, e.action)), e.created_at)
        for e in services.timeline(agreement)
    ]
