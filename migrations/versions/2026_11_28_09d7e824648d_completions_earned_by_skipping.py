"""Course completions earned only by skipping are set right (certificates are kept)

Revision ID: 09d7e824648d
Revises: 853ea6b84481
Create Date: 2026-11-28 21:45:00

Skipping once counted as finishing, so a course could be recorded complete while some of its
lessons were only skipped. Skipping means "not now": such a course is not complete, and its
completion record goes (it is recorded again, with its new date, when the last lesson is
finished). Certificates already issued are not touched: a person may have shown theirs to an
employer, and it must not vanish without a word; no new one is offered for such a course
until its lessons are finished (lms/certificates/services.py, `available_courses`).
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '09d7e824648d'
down_revision = "853ea6b84481"
branch_labels = None
depends_on = None


def upgrade():
    # A skipped lesson is one never finished (finishing always wins over skipping), so a
    # completion beside a skipped lesson of the course, still in use, was earned by skipping.
    op.execute(
        """
        DELETE FROM course_completions
        WHERE EXISTS (
            SELECT 1
            FROM lesson_progress
            JOIN lessons ON lessons.id = lesson_progress.lesson_id
            WHERE lesson_progress.user_id = course_completions.user_id
              AND lessons.course_id = course_completions.course_id
              AND lesson_progress.status = 'skipped'
              AND NOT lessons.is_archived
        )
        """
    )


def downgrade():
    # The removed records were wrong; nothing is put back.
    pass
