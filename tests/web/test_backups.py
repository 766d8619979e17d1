"""`flask pathways backup` and `restore`: the database and uploads in one encrypted archive,
round-tripped on SQLite and (in the PostgreSQL run) on PostgreSQL."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from lms import create_app
from lms.backups import MAGIC
from lms.extensions import db
from lms.orgs.models import MentorAssignment, Organisation
from tests.web.conftest import TEST_CONFIG, make_user
from tests.web.migrated import _migrated_template, migrated_url  # noqa: F401 (fixtures)

KEY = "a long backup passphrase kept offline"


_APPS = []


def _app(url: str, uploads: Path, **extra):
    uploads.mkdir(parents=True, exist_ok=True)
    app = create_app(
        {**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url, "LMS_EVIDENCE_DIR": str(uploads), **extra}
    )
    _APPS.append(app)
    return app


@pytest.fixture(autouse=True)
def _close_connections():
    """Each test's apps hand their connections back before the databases are dropped."""
    yield
    while _APPS:
        with _APPS.pop().app_context():
            db.session.remove()
            db.engine.dispose()


def _seed(app, uploads: Path) -> None:
    with app.app_context():
        org = Organisation(name="Harbour Group — 港湾 — বন্দর")
        db.session.add(org)
        db.session.flush()
        learner = make_user("min", org, "learner", "Min 敏")
        mentor = make_user("mai", org, "mentor", "Mai")
        db.session.add(
            MentorAssignment(organisation_id=org.id, mentor_id=mentor.id, learner_id=learner.id)
        )
        db.session.commit()
        db.engine.dispose()
    (uploads / str(1)).mkdir(exist_ok=True)
    (uploads / "1" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (uploads / "1" / "notes.pdf").write_bytes(b"%PDF-1.4 evidence")


def _snapshot(app) -> dict:
    with app.app_context():
        tables = {}
        for name in sorted(inspect(db.engine).get_table_names()):
            if name == "alembic_version":
                continue
            table = db.metadata.tables[name]
            with db.engine.connect() as connection:
                rows = connection.execute(select(table).order_by(*table.primary_key.columns)).all()
            tables[name] = [tuple(row) for row in rows]
        db.engine.dispose()
        return tables


def _hashes(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def _run(app, *args, key: str | None = KEY, monkeypatch=None):
    if key is None:
        monkeypatch.delenv("LMS_BACKUP_KEY", raising=False)
    else:
        monkeypatch.setenv("LMS_BACKUP_KEY", key)
    return app.test_cli_runner().invoke(args=["pathways", *args])


def test_backup_and_restore_round_trip(migrated_url, tmp_path, monkeypatch):  # noqa: F811
    source_uploads, target_uploads = tmp_path / "up-source", tmp_path / "up-target"
    source = _app(migrated_url("source"), source_uploads)
    _seed(source, source_uploads)
    archive = tmp_path / "pathways.backup"

    made = _run(source, "backup", str(archive), monkeypatch=monkeypatch)
    assert made.exit_code == 0, made.output
    assert "encrypted" in made.output
    data = archive.read_bytes()
    assert data.startswith(MAGIC)
    assert b"Harbour Group" not in data  # nothing readable inside
    assert archive.stat().st_mode & 0o077 == 0  # readable by its owner only

    target = _app(migrated_url("target"), target_uploads)
    restored = _run(target, "restore", str(archive), monkeypatch=monkeypatch)
    assert restored.exit_code == 0, restored.output

    before, after = _snapshot(source), _snapshot(target)
    assert {t: len(r) for t, r in after.items()} == {t: len(r) for t, r in before.items()}
    assert before["users"] and before["organisations"]
    assert after == before  # every row of every table, not only the counts
    assert _hashes(target_uploads) == _hashes(source_uploads)
    assert len(_hashes(target_uploads)) == 2


def test_restore_never_overwrites_data_without_replace(migrated_url, tmp_path, monkeypatch):  # noqa: F811
    uploads = tmp_path / "up"
    app = _app(migrated_url("busy"), uploads)
    _seed(app, uploads)
    archive = tmp_path / "b"
    assert _run(app, "backup", str(archive), monkeypatch=monkeypatch).exit_code == 0
    with app.app_context():
        make_user("added-later", None, "")
        db.session.commit()
        db.engine.dispose()

    refused = _run(app, "restore", str(archive), monkeypatch=monkeypatch)
    assert refused.exit_code != 0
    assert "--replace" in refused.output
    assert "added-later" in str(_snapshot(app)["users"])

    replaced = _run(app, "restore", "--replace", str(archive), monkeypatch=monkeypatch)
    assert replaced.exit_code == 0, replaced.output
    assert "added-later" not in str(_snapshot(app)["users"])


def test_a_wrong_key_or_a_changed_archive_is_refused_kindly(migrated_url, tmp_path, monkeypatch):  # noqa: F811
    uploads = tmp_path / "up"
    app = _app(migrated_url("keyed", sqlite=True), uploads)
    _seed(app, uploads)
    archive = tmp_path / "b"
    assert _run(app, "backup", str(archive), monkeypatch=monkeypatch).exit_code == 0
    target = _app(migrated_url("empty", sqlite=True), tmp_path / "up2")

    wrong = _run(target, "restore", str(archive), key="not the key", monkeypatch=monkeypatch)
    assert wrong.exit_code != 0 and "cannot be opened with this key" in wrong.output
    missing = _run(target, "restore", str(archive), key=None, monkeypatch=monkeypatch)
    assert missing.exit_code != 0 and "LMS_BACKUP_KEY" in missing.output

    data = bytearray(archive.read_bytes())
    data[-20] ^= 0x01
    archive.write_bytes(bytes(data))
    changed = _run(target, "restore", str(archive), monkeypatch=monkeypatch)
    assert changed.exit_code != 0 and "changed after it was made" in changed.output
    assert _snapshot(target)["users"] == []


def _rewrite_manifest(data: bytes, **changes) -> bytes:
    out = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as old,
        tarfile.open(fileobj=out, mode="w:gz") as new,
    ):
        for member in old.getmembers():
            content = old.extractfile(member).read()
            if member.name == "manifest.json":
                content = json.dumps({**json.loads(content), **changes}).encode()
                member.size = len(content)
            new.addfile(member, io.BytesIO(content))
    return out.getvalue()


def test_an_archive_from_a_newer_schema_is_refused(migrated_url, tmp_path, monkeypatch):  # noqa: F811
    uploads = tmp_path / "up"
    app = _app(migrated_url("old", sqlite=True), uploads)
    archive = tmp_path / "b"
    assert (
        _run(app, "backup", "--unencrypted", str(archive), monkeypatch=monkeypatch).exit_code == 0
    )
    archive.write_bytes(_rewrite_manifest(archive.read_bytes(), revision="ffffffffffff"))
    target = _app(migrated_url("new", sqlite=True), tmp_path / "up2")
    refused = _run(target, "restore", str(archive), monkeypatch=monkeypatch)
    assert refused.exit_code != 0
    assert "newer version of Pathways" in refused.output


def test_production_refuses_an_unencrypted_backup_unless_asked(migrated_url, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("LMS_BASE_URL", "https://pathways.example")
    app = _app(
        migrated_url("prod", sqlite=True),
        tmp_path / "up",
        LMS_ENV="production",
        SECRET_KEY="k" * 32,
    )
    archive = tmp_path / "b"
    refused = _run(app, "backup", str(archive), key=None, monkeypatch=monkeypatch)
    assert refused.exit_code != 0 and "LMS_BACKUP_KEY" in refused.output
    assert not archive.exists()
    asked = _run(app, "backup", "--unencrypted", str(archive), key=None, monkeypatch=monkeypatch)
    assert asked.exit_code == 0, asked.output
    assert archive.read_bytes()[:2] == b"\x1f\x8b"  # a plain gzip file, as asked


@pytest.mark.parametrize("content", [b"", b"not a backup at all", MAGIC + b"x" * 40])
def test_a_file_that_is_not_a_backup_is_refused(migrated_url, tmp_path, monkeypatch, content):  # noqa: F811
    app = _app(migrated_url("empty", migrate=False, sqlite=True), tmp_path / "up")
    archive = tmp_path / "b"
    archive.write_bytes(content)
    refused = _run(app, "restore", str(archive), monkeypatch=monkeypatch)
    assert refused.exit_code != 0
    assert "Error:" in refused.output and "Traceback" not in refused.output
