"""open badges credentials: signing keys, issued credentials, holder secrets, public titles

Revision ID: 0a172edc8844
Revises: 54c0e4484f83
Create Date: 2026-11-28 19:40:00

Existing organisations get a signing key here when LMS_SIGNING_KEY or LMS_SECRET_KEY is set
in the environment; otherwise (development, where the secret lives in instance/) the key is
made on first use. The key derivation is copied here, not imported, so this migration keeps
working whatever later code does.
"""
import base64
import os
import secrets
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0a172edc8844'
down_revision = '54c0e4484f83'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('signing_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kid', sa.String(length=40), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('private_key_encrypted', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('retired_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_signing_keys_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signing_keys')),
    sa.UniqueConstraint('kid', name=op.f('uq_signing_keys_kid'))
    )
    with op.batch_alter_table('signing_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signing_keys_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('issued_credentials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=True),
    sa.Column('credential_id', sa.String(length=60), nullable=False),
    sa.Column('status_index', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificates.id'], name=op.f('fk_issued_credentials_certificate_id_certificates'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_issued_credentials_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_credentials')),
    sa.UniqueConstraint('credential_id', name=op.f('uq_issued_credentials_credential_id')),
    sa.UniqueConstraint('organisation_id', 'status_index', name='uq_issued_credentials_index')
    )
    with op.batch_alter_table('issued_credentials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issued_credentials_certificate_id'), ['certificate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_credentials_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('credential_holders',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('secret_encrypted', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_credential_holders_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_credential_holders'))
    )

    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('public_titles', sa.JSON(), server_default='{}', nullable=False))

    _keys_for_existing_organisations()


def _keys_for_existing_organisations():
    secret = os.environ.get('LMS_SIGNING_KEY') or os.environ.get('LMS_SECRET_KEY')
    if not secret:
        return  # made on first use instead (lms.credentials.services.active_key)
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None,
        info=b"pathways open badges signing key encryption v1",
    ).derive(secret.encode("utf-8"))
    fernet = Fernet(base64.urlsafe_b64encode(derived))
    connection = op.get_bind()
    keys = sa.table('signing_keys', sa.column('organisation_id'), sa.column('kid'),
                    sa.column('public_key'), sa.column('private_key_encrypted'),
                    sa.column('created_at'))
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for (organisation_id,) in connection.execute(sa.text('SELECT id FROM organisations')):
        private = Ed25519PrivateKey.generate()
        raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                    serialization.NoEncryption())
        public = private.public_key().public_bytes(serialization.Encoding.Raw,
                                                   serialization.PublicFormat.Raw)
        connection.execute(keys.insert().values(
            organisation_id=organisation_id,
            kid='key-' + secrets.token_hex(6),
            public_key=base64.urlsafe_b64encode(public).rstrip(b'=').decode('ascii'),
            private_key_encrypted=fernet.encrypt(raw).decode('ascii'),
            created_at=now,
        ))


def downgrade():
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_column('public_titles')
    op.drop_table('credential_holders')
    with op.batch_alter_table('issued_credentials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issued_credentials_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_issued_credentials_certificate_id'))
    op.drop_table('issued_credentials')
    with op.batch_alter_table('signing_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signing_keys_organisation_id'))
    op.drop_table('signing_keys')
