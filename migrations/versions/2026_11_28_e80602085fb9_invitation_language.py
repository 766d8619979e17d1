"""Invitations: the language the joining page starts in, chosen by the inviter

Revision ID: e80602085fb9
Revises: 09d7e824648d
Create Date: 2026-11-28 21:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e80602085fb9'
down_revision = "09d7e824648d"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('locale', sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_column('locale')
