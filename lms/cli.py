"""Command-line tools: `flask pathways …` for operators and `flask translate …` for translators."""

import os
import secrets
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .config import ROOT
from .extensions import db

TRANSLATIONS = ROOT / "lms" / "translations"
POT_FILE = ROOT / "messages.pot"


@click.group("pathways", cls=AppGroup)
def pathways():
    """Run Pathways: demo data, administrators and (later) course content."""


@pathways.command("demo")
def demo():
    """Create the Demo Organisation and its members (idempotent; refused in production)."""
    from .demo import load_demo

    if current_app.config["LMS_ENV"] == "production":
        raise click.ClickException("Demo data never loads in production.")
    password = os.environ.get("LMS_DEMO_PASSWORD") or _kept_demo_password()
    created = load_demo(password)
    db.session.commit()
    click.echo("Demo Organisation is ready. Sign in at http://127.0.0.1:5000 as:")
    for username, role in created:
        click.echo(f"  {username:<10} ({role})")
    click.echo(f"Password for all demo accounts: {password}")


def _kept_demo_password() -> str:
    """The generated demo password, kept in instance/ (never committed) so that yesterday's
    password still works after another `make run`."""
    path = Path(
        current_app.config.get("DEMO_PASSWORD_FILE")
        or Path(current_app.instance_path) / "demo_password"
    )
    if path.exists() and path.read_text().strip():
        return path.read_text().strip()
    password = secrets.token_urlsafe(9)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password


@pathways.command("create-admin")
@click.argument("username")
@click.option("--display-name", default="Platform administrator")
@click.password_option(help="The new administrator's password (asked for when not given).")
def create_admin(username, display_name, password):
    """Create a platform administrator, who manages organisations (not members' records)."""
    from .accounts.names import check_username
    from .accounts.passwords import check_password
    from .accounts.services import create_user, username_taken

    problem = check_username(username) or check_password(password, username)
    if problem:
        raise click.ClickException(f"Not accepted: {problem.code}")
    if username_taken(username):
        raise click.ClickException("This username is taken.")
    user = create_user(username, display_name, password, None, "en")
    user.is_platform_admin = True
    db.session.commit()
    click.echo(f"Platform administrator {username} created.")


@pathways.command("rotate-signing-key")
@click.argument("organisation")
def rotate_signing_key(organisation):
    """Give ORGANISATION (name or id) a new Open Badge signing key; old public keys stay published."""
    from .credentials.services import rotate_key
    from .orgs.models import Organisation

    query = db.select(Organisation).where(
        Organisation.id == int(organisation)
        if organisation.isdigit()
        else db.func.lower(Organisation.name) == organisation.lower()
    )
    found = db.session.scalar(query)
    if found is None:
        raise click.ClickException("No organisation has this name or id.")
    key = rotate_key(found)
    db.session.commit()
    click.echo(f"New signing key {key.kid} for {found.name}; earlier keys stay published.")


@pathways.command("reset-password")
@click.argument("username")
@click.option("--clear-two-step", is_flag=True, help="Also turn off two-step sign-in (lost phone).")
@click.password_option(help="The new password (asked for when not given).")
def reset_password(username, clear_two_step, password):
    """Set a new password for a member whom no organisation may reset (the platform
    administrator's task): they are asked "was this you?" at every sign-in until they answer."""
    from .accounts.passwords import check_password
    from .accounts.services import find_by_username, turn_off_two_step
    from .orgs.services import reset_password_for

    user = find_by_username(username)
    if user is None:
        raise click.ClickException("No account has this username.")
    problem = check_password(password, username)
    if problem:
        raise click.ClickException(f"Not accepted: {problem.code}")
    reset_password_for(user, password)
    if clear_two_step:
        turn_off_two_step(user)
    db.session.commit()
    click.echo(f"The password of {username} was reset; every session was ended.")


@pathways.group("courses", cls=AppGroup)
def courses():
    """Check course files, and load them into the database."""


def _content_dirs() -> tuple[str, str]:
    return current_app.config["LMS_COURSES_DIR"], current_app.config["LMS_ASSESSMENTS_DIR"]


@courses.command("check")
def courses_check():
    """Validate every course and quiz file; print each problem as path:line: message."""
    from .catalog.loader import untranslated_courses
    from .content import load_content

    content, problems = load_content(*_content_dirs())
    catalog = content.catalog
    for problem in problems:
        click.echo(str(problem), err=problem.severity == "error")
    # Information, not a warning: some courses wait for a translator.
    for slug, languages in untranslated_courses(catalog):
        click.echo(f"info: course '{slug}' has no {' or '.join(languages)} translation yet")
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    lessons = sum(len(c.lessons) for c in catalog.courses)
    click.echo(
        f"{len(catalog.courses)} courses, {lessons} lessons, {len(content.checkins)} check-ins, "
        f"{len(content.roles)} roles: {errors} error(s), {warnings} warning(s)."
    )
    if errors:
        raise SystemExit(1)


@courses.command("sync")
def courses_sync():
    """Load the course files into the database in one transaction (nothing changes on error)."""
    from .catalog.services import SyncRefused
    from .content import sync_content

    try:
        version, warnings = sync_content(*_content_dirs())
    except SyncRefused as refused:
        for problem in refused.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException("Sync refused: the content already live was kept.") from None
    for problem in warnings:
        click.echo(str(problem))
    click.echo(
        f"Content version {version.id}: {version.course_count} courses, {version.lesson_count} lessons."
    )


@pathways.command("daily")
def daily():
    """Daily jobs: pass unanswered support requests to staff, role review reminders, retention."""
    from .accounts.sessions import purge_expired
    from .needs.services import escalate_overdue
    from .oncekeys import remove_old
    from .readiness.services import apply_retention
    from .roles.services import remind_reviews

    escalated, reminded, removed = escalate_overdue(), remind_reviews(), apply_retention()
    ended = purge_expired()
    forgotten = remove_old()
    db.session.commit()
    click.echo(
        f"{escalated} request(s) passed to staff, {reminded} review reminder(s), {removed} old answer set(s) removed."
    )
    click.echo(f"{ended} ended session record(s) removed.")
    click.echo(f"{forgotten} one-time form key(s) older than a day removed.")


@pathways.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@click.option("--unencrypted", is_flag=True, help="Write the archive without encryption.")
def backup(file, unencrypted):
    """Save the database and uploaded files to FILE, encrypted with LMS_BACKUP_KEY."""
    from .backups import BackupError, make_backup

    passphrase = os.environ.get("LMS_BACKUP_KEY") or None
    if passphrase is None and not unencrypted:
        if current_app.config["LMS_ENV"] == "production":
            raise click.ClickException(
                "Set LMS_BACKUP_KEY to encrypt the backup (or pass --unencrypted if you must)."
            )
        click.echo("LMS_BACKUP_KEY is not set: this backup is NOT encrypted.", err=True)
    try:
        data = make_backup(None if unencrypted else passphrase)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    with open(os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
        out.write(data)
    kind = "encrypted" if passphrase and not unencrypted else "unencrypted"
    click.echo(f"Backup written to {file} ({kind}, {len(data):,} bytes).")


@pathways.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--replace", is_flag=True, help="Replace the data this Pathways already holds.")
def restore(file, replace):
    """Restore the database and uploaded files from a backup FILE."""
    from .backups import BackupError, restore_backup

    with open(file, "rb") as archive:
        data = archive.read()
    try:
        manifest = restore_backup(data, os.environ.get("LMS_BACKUP_KEY") or None, replace)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Restored from {file} (schema {manifest.revision or 'unknown'}). "
        "Run `flask db upgrade` if this Pathways is newer than the backup."
    )


@click.group("translate", cls=AppGroup)
def translate():
    """Extract, update and compile the interface translations (zh_Hans, bn)."""


def _pybabel(*args: str) -> None:
    result = subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=False)  # noqa: S603
    if result.returncode != 0:
        raise click.ClickException("pybabel " + " ".join(args[:1]) + " failed.")


def extract_arguments(output) -> list[str]:
    """The `pybabel extract` arguments, shared with the test that checks the catalogues.

    Babel skips folders whose names start with "_" unless told which to ignore, and our
    macros live in `templates/_macros/`: so we name the ignored folders ourselves.
    """
    return [
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "-k",
        "_l",
        "--ignore-dirs",
        ".* __pycache__ node_modules instance test-results",
        "--no-location",
        "--sort-output",
        "--project=Pathways",
        f"--version={version('pathways')}",
        "--copyright-holder=Pathways contributors",
        "-o",
        str(output),
        str(ROOT),
    ]


@translate.command("update")
def translate_update():
    """Extract every marked string and merge it into the catalogues."""
    _pybabel(*extract_arguments(POT_FILE))
    _pybabel(
        "update",
        "-i",
        str(POT_FILE),
        "-d",
        str(TRANSLATIONS),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
    )


@translate.command("compile")
def translate_compile():
    """Compile the catalogues into .mo files (done by `make run` and `make test`)."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


def register_cli(app: Flask) -> None:
    app.cli.add_command(pathways)
    app.cli.add_command(translate)
