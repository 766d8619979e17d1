"""Operator commands, and migrations that build exactly the schema the models describe."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from lms import create_app
from lms.accounts.models import User
from lms.extensions import db
from lms.orgs.models import Membership, MentorAssignment, Organisation
from tests.web.migrated import upgrade

ROOT = Path(__file__).resolve().parents[2]


def test_demo_is_idempotent_and_prints_sign_ins(runner, monkeypatch):
    monkeypatch.setenv("LMS_DEMO_PASSWORD", "demo pass phrase")
    first = runner.invoke(args=["pathways", "demo"])
    second = runner.invoke(args=["pathways", "demo"])
    assert first.exit_code == 0 and second.exit_code == 0
    assert "learner1" in first.output and "demo pass phrase" in first.output
    assert db.session.scalar(db.select(db.func.count(Organisation.id))) == 1
    assert db.session.scalar(db.select(db.func.count(Membership.id))) == 5
    link = db.session.scalar(db.select(MentorAssignment))
    assert db.session.get(User, link.mentor_id).username == "mentor1"
    assert db.session.get(User, link.learner_id).username == "learner1"
    # A cohort, goals and activity records, added once however often the demo runs.
    from lms.mentoring.models import Goal
    from lms.programme.models import Activity, Cohort, CohortMember

    assert db.session.scalar(db.select(db.func.count(Cohort.id))) == 1
    assert db.session.scalar(db.select(db.func.count(CohortMember.id))) == 3
    assert db.session.scalar(db.select(db.func.count(Goal.id))) == 2
    assert db.session.scalar(db.select(db.func.count(Activity.id))) == 4


def test_demo_support_contacts_read_in_all_three_languages(runner, monkeypatch):
    from lms.orgs.models import SupportContact

    monkeypatch.setenv("LMS_DEMO_PASSWORD", "demo pass phrase")
    assert runner.invoke(args=["pathways", "demo"]).exit_code == 0
    contacts = db.session.scalars(db.select(SupportContact).order_by(SupportContact.position)).all()
    assert len(contacts) == 2
    for contact in contacts:
        words = contact.name + contact.how_to_reach
        assert "help" in words.lower() or "mentor" in words.lower()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in words), "no Chinese"
        assert any("\u0980" <= ch <= "\u09ff" for ch in words), "no Bengali"


def test_demo_password_is_generated_once_and_kept(runner, monkeypatch, tmp_path):
    monkeypatch.delenv("LMS_DEMO_PASSWORD", raising=False)
    kept = tmp_path / "instance" / "demo_password"
    runner.app.config["DEMO_PASSWORD_FILE"] = str(kept)
    first = runner.invoke(args=["pathways", "demo"])
    assert first.exit_code == 0
    password = first.output.strip().splitlines()[-1].split(": ", 1)[1]
    assert len(password) >= 10
    assert kept.read_text().strip() == password
    assert kept.stat().st_mode & 0o077 == 0  # readable by its owner only
    # A second `make run` prints, and signs in with, the same password.
    second = runner.invoke(args=["pathways", "demo"])
    assert second.exit_code == 0
    assert second.output.strip().splitlines()[-1] == f"Password for all demo accounts: {password}"
    from lms.accounts.passwords import verify_password

    learner = db.session.scalar(db.select(User).where(User.username == "learner1"))
    assert verify_password(learner.password_hash, password)


def test_demo_never_loads_in_production(monkeypatch, tmp_path):
    monkeypatch.setenv("LMS_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("LMS_BASE_URL", "https://pathways.example")
    app = create_app(
        {"LMS_ENV": "production", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db"}
    )
    result = app.test_cli_runner().invoke(args=["pathways", "demo"])
    with app.app_context():
        db.engine.dispose()
    assert result.exit_code != 0
    assert "never loads in production" in result.output


def test_create_admin(runner):
    result = runner.invoke(
        args=["pathways", "create-admin", "root-admin", "--password", "a long admin phrase"]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.username == "root-admin"))
    assert user.is_platform_admin
    weak = runner.invoke(
        args=["pathways", "create-admin", "weak-admin", "--password", "password123"]
    )
    assert weak.exit_code != 0


def test_migrations_match_the_models(tmp_path):
    """Upgrade an empty SQLite database with the real migrations; it must equal the models."""
    database = tmp_path / "migrated.db"
    upgrade(f"sqlite:///{database}")
    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    engine.dispose()
    assert differences == []
