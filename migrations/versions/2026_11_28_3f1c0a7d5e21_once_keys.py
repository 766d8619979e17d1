"""Once keys: a form that makes something new makes it once

Revision ID: 3f1c0a7d5e21
Revises: e80602085fb9
Create Date: 2026-11-28 22:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3f1c0a7d5e21'
down_revision = 'e80602085fb9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'once_keys',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('made_url', sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_once_keys_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_once_keys')),
        sa.UniqueConstraint('user_id', 'key', name=op.f('uq_once_keys_user_id')),
    )
    with op.batch_alter_table('once_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_once_keys_created_at'), ['created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('once_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_once_keys_created_at'))
    op.drop_table('once_keys')
