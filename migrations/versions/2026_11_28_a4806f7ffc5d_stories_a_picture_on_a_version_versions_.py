"""stories: a picture on a version, versions offered to staff

A version may carry one picture (stored without metadata; the file name is kept), and a
member may offer a version to staff, who then ask to use exactly that version.

Revision ID: a4806f7ffc5d
Revises: 9ec226ab4489
Create Date: 2026-11-28 21:23:21.016253

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4806f7ffc5d'
down_revision = '9ec226ab4489'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('story_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('picture_file', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('picture_type', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('offered_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('story_versions', schema=None) as batch_op:
        batch_op.drop_column('offered_at')
        batch_op.drop_column('picture_type')
        batch_op.drop_column('picture_file')
