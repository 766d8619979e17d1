"""Backups: the database and the uploaded files in one archive, encrypted with `LMS_BACKUP_KEY`.

An archive is a gzipped tar holding `manifest.json` (format, database kind, schema revision,
a SHA-256 of every file), the database (SQLite's online backup API, or `pg_dump` custom
format) and `uploads/`. Encrypted archives start with MAGIC, then a random salt, then a
Fernet token (AES-128-CBC with HMAC-SHA256, from the `cryptography` library) whose key is
derived from `LMS_BACKUP_KEY` with scrypt. A backup holds everything survivors told the
organisation, so production never writes one in the clear unless asked to explicitly.
"""

import base64
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from flask import current_app
from sqlalchemy import inspect, text

from .config import MIGRATIONS
from .extensions import db

FORMAT = 1
MAGIC = b"PATHWAYS-BACKUP-ENCRYPTED-1\n"
SALT_BYTES = 16


class BackupError(RuntimeError):
    """A backup or restore was refused; the message says why and what to do."""


@dataclass(frozen=True)
class Manifest:
    dialect: str
    revision: str | None
    files: dict  # archive name -> sha256

    def to_json(self) -> bytes:
        body = {
            "format": FORMAT,
            "dialect": self.dialect,
            "revision": self.revision,
            "files": self.files,
        }
        return json.dumps(body, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "Manifest":
        body = json.loads(data)
        if body.get("format") != FORMAT:
            raise BackupError("This archive was made by a different version of Pathways.")
        return cls(body["dialect"], body["revision"], dict(body["files"]))


def _key(passphrase: str, salt: bytes) -> bytes:
    derived = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())
    return base64.urlsafe_b64encode(derived)


def encrypt(data: bytes, passphrase: str) -> bytes:
    salt = os.urandom(SALT_BYTES)
    return MAGIC + salt + Fernet(_key(passphrase, salt)).encrypt(data)


def decrypt(data: bytes, passphrase: str | None) -> bytes:
    """Return the archive inside `data`, decrypting it when it is encrypted."""
    if not data.startswith(MAGIC):
        return data
    if not passphrase:
        raise BackupError(
            "This backup is encrypted: set LMS_BACKUP_KEY to the key it was made with."
        )
    salt = data[len(MAGIC) : len(MAGIC) + SALT_BYTES]
    try:
        return Fernet(_key(passphrase, salt)).decrypt(data[len(MAGIC) + SALT_BYTES :])
    except InvalidToken as error:
        raise BackupError(
            "This backup cannot be opened with this key, or it was changed after it was made."
        ) from error


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _script_directory() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config)


def current_revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _uploads_dir() -> Path:
    return Path(current_app.config["LMS_EVIDENCE_DIR"])


def _postgres_command(program: str) -> tuple[list[str], dict]:
    """Return the libpq connection arguments, with the password in the environment, not argv."""
    url = db.engine.url
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = url.password
    args = [program, "--host", url.host or "localhost", "--dbname", url.database or ""]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    return args, env


def _dump_database(folder: Path) -> tuple[str, Path]:
    dialect = db.engine.dialect.name
    if dialect == "sqlite":
        target = folder / "database.sqlite3"
        raw = db.engine.raw_connection()
        try:
            destination = sqlite3.connect(target)
            raw.driver_connection.backup(destination)  # consistent even while the app writes
            destination.close()
        finally:
            raw.close()
        return dialect, target
    if dialect == "postgresql":
        target = folder / "database.pgdump"
        args, env = _postgres_command("pg_dump")
        result = subprocess.run(  # noqa: S603 (fixed program, arguments from our own URL)
            [*args, "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return dialect, target
    raise BackupError(f"Backups of {dialect} databases are not supported.")


def make_backup(passphrase: str | None) -> bytes:
    """Return the archive bytes (encrypted when a passphrase is given)."""
    with tempfile.TemporaryDirectory() as scratch:
        dialect, dump = _dump_database(Path(scratch))
        members = {f"database/{dump.name}": dump.read_bytes()}
        uploads = _uploads_dir()
        if uploads.is_dir():
            for path in sorted(uploads.rglob("*")):
                if path.is_file():
                    members[f"uploads/{path.relative_to(uploads).as_posix()}"] = path.read_bytes()
    manifest = Manifest(dialect, current_revision(), {n: _sha256(d) for n, d in members.items()})
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in [("manifest.json", manifest.to_json()), *members.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o600
            archive.addfile(info, io.BytesIO(data))
    data = buffer.getvalue()
    return encrypt(data, passphrase) if passphrase else data


def read_archive(data: bytes) -> tuple[Manifest, dict[str, bytes]]:
    """Return the manifest and the files of an archive, checking every file's hash."""
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            files = {}
            for member in archive.getmembers():
                if not member.isfile() or member.name.startswith("/") or ".." in member.name:
                    raise BackupError(f"The archive holds an unexpected entry: {member.name}")
                files[member.name] = archive.extractfile(member).read()
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError("This file is not a Pathways backup, or it is damaged.") from error
    if "manifest.json" not in files:
        raise BackupError("This file is not a Pathways backup: it has no manifest.")
    manifest = Manifest.from_json(files.pop("manifest.json"))
    if set(files) != set(manifest.files) or any(
        _sha256(files[name]) != digest for name, digest in manifest.files.items()
    ):
        raise BackupError("The archive's files do not match its manifest: it may be damaged.")
    return manifest, files


def check_revision(revision: str | None, script: ScriptDirectory) -> None:
    """Refuse an archive whose schema this version of Pathways does not know (a newer one)."""
    if revision is None:
        return
    try:
        script.get_revision(revision)
    except Exception as error:
        raise BackupError(
            f"This backup comes from a newer version of Pathways (schema {revision}). "
            "Upgrade Pathways first, then restore."
        ) from error


def database_has_data() -> bool:
    inspector = inspect(db.engine)
    with db.engine.connect() as connection:
        for table in inspector.get_table_names():
            if table == "alembic_version":
                continue
            quoted = db.engine.dialect.identifier_preparer.quote(table)
            if connection.execute(text(f"SELECT 1 FROM {quoted} LIMIT 1")).first():  # noqa: S608
                return True
    return False


def _restore_database(manifest: Manifest, files: dict[str, bytes]) -> None:
    dialect = db.engine.dialect.name
    if manifest.dialect != dialect:
        raise BackupError(
            f"This backup is of a {manifest.dialect} database; this Pathways uses {dialect}."
        )
    db.session.remove()
    with tempfile.TemporaryDirectory() as scratch:
        if dialect == "sqlite":
            source_path = Path(scratch) / "database.sqlite3"
            source_path.write_bytes(files["database/database.sqlite3"])
            source = sqlite3.connect(source_path)
            raw = db.engine.raw_connection()
            try:
                source.backup(raw.driver_connection)
            finally:
                raw.close()
                source.close()
        else:
            dump = Path(scratch) / "database.pgdump"
            dump.write_bytes(files["database/database.pgdump"])
            _drop_everything_postgres()
            args, env = _postgres_command("pg_restore")
            result = subprocess.run(  # noqa: S603 (fixed program, arguments from our own URL)
                [*args, "--no-owner", "--no-privileges", "--exit-on-error", str(dump)],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    db.engine.dispose()


def _drop_everything_postgres() -> None:
    # Tables with foreign keys between them: drop them all with CASCADE, then restore.
    with db.engine.begin() as connection:
        for table in inspect(connection).get_table_names():
            quoted = connection.dialect.identifier_preparer.quote(table)
            connection.execute(text(f"DROP TABLE IF EXISTS {quoted} CASCADE"))


def _restore_uploads(files: dict[str, bytes]) -> None:
    uploads = _uploads_dir().resolve()
    if uploads.is_dir():
        for path in sorted(uploads.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
    for name, data in files.items():
        if not name.startswith("uploads/"):
            continue
        target = (uploads / name.removeprefix("uploads/")).resolve()
        if not target.is_relative_to(uploads):
            raise BackupError(f"The archive holds an unexpected entry: {name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        target.chmod(0o600)


def restore_backup(data: bytes, passphrase: str | None, replace: bool) -> Manifest:
    """Restore an archive into this app's database and uploads folder; return its manifest."""
    manifest, files = read_archive(decrypt(data, passphrase))
    check_revision(manifest.revision, _script_directory())
    uploads = _uploads_dir()
    has_uploads = uploads.is_dir() and any(p.is_file() for p in uploads.rglob("*"))
    if not replace and (database_has_data() or has_uploads):
        raise BackupError(
            "This Pathways already holds data. Restoring would replace all of it: "
            "run the command again with --replace if that is what you want."
        )
    _restore_database(manifest, files)
    _restore_uploads(files)
    return manifest
