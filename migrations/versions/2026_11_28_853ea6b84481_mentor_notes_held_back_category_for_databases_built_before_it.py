"""mentor_notes.held_back_category for databases built before it

Revision ID: 853ea6b84481
Revises: a4806f7ffc5d
Create Date: 2026-11-28 21:45:00

The column was added by editing revision 96054fdc160f after it had landed, so a database
upgraded to that revision before the edit lacks it while Alembic says it is up to date. This
revision adds it where it is missing; databases built after the edit already have it.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "853ea6b84481"
down_revision = "a4806f7ffc5d"
branch_labels = None
depends_on = None


def upgrade():
    columns = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("mentor_notes")}
    if "held_back_category" not in columns:
        with op.batch_alter_table("mentor_notes", schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("held_back_category", sa.String(length=40), nullable=True)
            )


def downgrade():
    # Nothing to undo: revision 96054fdc160f (as it stands) creates the column, so going below
    # this revision must keep it; dropping it here would leave 96054fdc160f's schema wrong.
    pass
