"""The safety shell around every request: sessions, idle timeout, language, headers, discreet mode."""

import time

from flask import Flask, current_app, flash, g, has_request_context, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from markupsafe import Markup
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .accounts import sessions
from .accounts.models import User
from .accounts.sessions import DISCREET_COOKIE
from .audit.labels import action_label
from .extensions import db, login_manager
from .forms import (
    CSRF_MESSAGE,
    csrf_token_for_page,
    reuse_signed_csrf_token,
    use_kept_wtforms_messages,
)
from .frame import prefetched
from .heldforms import KEEP_FOR as HELD_FORMS_KEPT
from .heldforms import hold_submitted_form, offer_held_form
from .i18n import HTML_LANG, LANGUAGE_NAMES, best_locale, parse_accept_language
from .numbers import local_date, local_datetime, page_locale
from .serving.session_cookie import KeptCookieSessionInterface
from .signed_in import load_member

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """WAL for concurrent readers, foreign keys enforced, and a wait instead of 'locked' errors.

    synchronous=NORMAL is SQLite's advice for WAL: a commit no longer waits for the disk
    (fsync took about 7 ms here, longer than the whole lesson page that opening a lesson
    writes from), and the database still cannot be corrupted; only a power cut or an
    operating-system crash may lose the last moments' commits. Servers that cannot accept
    that use PostgreSQL (deploy/).
    """
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


@login_manager.user_loader
def _load_user(session_token: str) -> User | None:
    user_id, _, version = session_token.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    # None when this session was ended on the server (sign-out, quick exit) or expired. The
    # same statement reads what the page frame needs (lms.signed_in).
    user = load_member(int(user_id), HELD_FORMS_KEPT)
    if user is None or not user.is_active or user.session_version != int(version):
        return None  # signed out everywhere, password changed, or deleted
    return user


def select_locale() -> str:
    """Return the locale: the member's choice, else this browser's switch, else Accept-Language."""
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not has_request_context():
        return default
    user = current_user._get_current_object()  # one look-up: Babel and every page ask
    if user.is_authenticated:
        return user.locale
    choices = [session.get("locale")] + parse_accept_language(
        request.headers.get("Accept-Language")
    )
    return best_locale(choices, default)


def _enforce_idle_timeout():
    """Sign out a session that has been quiet too long: phones are shared and left unlocked.

    The session cookie is rewritten only when something changes (at most once a minute for
    the idle clock) and never by static files. Otherwise a stylesheet still loading when a
    member presses "Exit this page" could write the signed-in cookie back after the exit.
    """
    if request.endpoint == "static":
        return
    now = int(time.time())
    seen = session.get("_seen")
    if current_user.is_authenticated:
        idle = current_app.config["IDLE_TIMEOUT"].total_seconds()
        if seen is not None and now - seen > idle:
            # A form sent just now is held for this member, to be sent on after signing in.
            hold_submitted_form(current_user.id)
            sessions.end_current()
            db.session.commit()
            logout_user()
            session.pop("org_id", None)
            flash(
                _("For your safety, you were signed out after a quiet time. Please sign in again."),
                "notice",
            )
    if seen is None or now - seen >= 60:
        session["_seen"] = now


PUBLIC_CACHE_ENDPOINTS = ("credentials.issuer", "credentials.status_list")


def _security_headers(response):
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if current_app.config["LMS_ENV"] == "production":
        # Production is HTTPS only (behind nginx): browsers must never try plain HTTP for a
        # year, where a network in the middle could read or change pages.
        response.headers["Strict-Transport-Security"] = HSTS
    # Public documents with no personal data (Open Badge issuer profiles, status lists) may be
    # cached; they are served by endpoints listed in PUBLIC_CACHE_ENDPOINTS.
    if request.endpoint not in ("static", *PUBLIC_CACHE_ENDPOINTS):
        # Back on a shared phone after sign-out or quick exit must show nothing.
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    return response


SITE_NAME = "Pathways"
DISCREET_SITE_NAME = _l("Study notes")


# How many menus a process keeps: a few role combinations × 3 languages × unread counts.
MENUS_KEPT = 512


def _draw(app, template_name: str, **context) -> Markup:
    # An autoescaped template's output, as render_template returns it.
    return Markup(app.jinja_env.get_template(template_name).render(**context))  # noqa: S704


def page_frame(discreet: bool, locale: str, nav, unread: int, signed_in: bool) -> dict:
    """The parts of base.html that hold no per-request value, drawn once and kept per process.

    The main menu (templates/_site_nav.html), the head's links, the quick exit, the language
    buttons and the footer (templates/_frame_*.html), the site name and the addresses of the
    frame's forms: about forty links and strings, a millisecond on every page, where a
    dictionary look-up costs a microsecond. None of them holds a CSRF token, the page's path
    or anything about the member beyond the keys: discreet mode, the language, the menu's
    flags, the unread count and where the app is mounted. The menu is kept apart, so the
    rest is not copied for every unread count. Debug mode draws them every time, so an
    edited template shows at once.
    """
    app = current_app._get_current_object()
    kept = app.extensions.setdefault("pathways_page_frame", {})
    # The language of the page's strings (Babel's, which force_locale may change) and the
    # member's, which the language buttons mark.
    words, root = page_locale(), request.script_root
    frame = kept.get((discreet, locale, words, root))
    if frame is None or app.debug:
        # A handful: 2 × 3 × 3 at most for each mount point.
        frame = kept[(discreet, locale, words, root)] = {
            "site_name": str(DISCREET_SITE_NAME) if discreet else SITE_NAME,
            "frame_head": _draw(app, "_frame_head.html", discreet=discreet),
            "frame_tools": _draw(app, "_frame_tools.html"),
            "frame_languages": _draw(
                app, "_frame_languages.html", language_names=LANGUAGE_NAMES, current_locale=locale
            ),
            "frame_footer": _draw(app, "_frame_footer.html"),
            "frame_urls": {
                "home": url_for("dashboard.home"),
                "set_language": url_for("accounts.set_language"),
                "switch_organisation": url_for("orgs.switch_organisation"),
                "sign_out": url_for("accounts.sign_out"),
            },
        }
    menu = ""
    if signed_in:
        menus = app.extensions.setdefault("pathways_site_nav", {})
        menu = menus.get((nav, unread, words, root))
        if menu is None or app.debug:
            if len(menus) >= MENUS_KEPT:
                menus.clear()
            menu = menus[(nav, unread, words, root)] = _draw(
                app, "_site_nav.html", nav=nav, unread_notifications=unread
            )
    return {**frame, "site_nav": menu}


def _page_frame_context():
    """Template context processor: what base.html needs around every page (site name, menu
    flags, language, organisation switcher, unread count), so templates decide nothing."""
    from .notifications.models import unread_count
    from .orgs.context import current_membership, discreet_mode, user_memberships
    from .orgs.roles import navigation

    # The member, resolved once: each use of the `current_user` proxy looks it up again.
    user = current_user._get_current_object()
    signed_in = user is not None and user.is_authenticated
    membership = current_membership() if signed_in else None
    memberships = user_memberships() if signed_in else []
    discreet = discreet_mode(membership)
    g.discreet_page = discreet  # remembered on the device by _keep_discreet_mode
    locale = str(select_locale())
    nav = navigation(
        membership.role if membership is not None else None,
        signed_in and user.is_platform_admin,
    )
    unread = 0
    if signed_in:
        unread = prefetched(user.id, "unread")
        if unread is None:
            unread = unread_count(user.id)
    return {
        "signed_in": signed_in,
        "discreet": discreet,
        "quick_exit_url": current_app.config["LMS_QUICK_EXIT_URL"],
        "current_locale": locale,
        "html_lang": HTML_LANG.get(locale, "en"),
        "language_names": LANGUAGE_NAMES,
        "membership": membership,
        # The menu as ready-made flags: base.html shows them and decides nothing itself.
        "nav": nav,
        "memberships": memberships,
        "unread_notifications": unread,
        **page_frame(discreet, locale, nav, unread, signed_in),
    }


def _keep_discreet_mode(response):
    if g.get("discreet_page") and request.cookies.get(DISCREET_COOKIE) != "1":
        response.set_cookie(
            DISCREET_COOKIE,
            "1",
            max_age=60 * 60 * 24 * 365,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


def init_app(app: Flask) -> None:
    app.session_interface = KeptCookieSessionInterface()
    login_manager.login_view = "accounts.sign_in"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.session_protection = "basic"
    app.before_request(use_kept_wtforms_messages)
    app.before_request(reuse_signed_csrf_token)
    app.before_request(_enforce_idle_timeout)
    app.before_request(offer_held_form)
    app.after_request(_security_headers)
    app.after_request(_keep_discreet_mode)
    app.context_processor(_page_frame_context)
    app.jinja_env.filters["date"] = local_date
    app.jinja_env.filters["datetime"] = local_datetime
    app.jinja_env.filters["audit_action"] = action_label
    # The `lang` attribute of a language named in its own words (zh_Hans -> zh-Hans).
    app.jinja_env.filters["html_lang"] = lambda code: HTML_LANG.get(code, "en")
    app.jinja_env.globals["csrf_message"] = lambda: str(CSRF_MESSAGE)
    # In place of Flask-WTF's generate_csrf (CSRFProtect put it in both places first; this
    # context processor runs after its own).
    app.jinja_env.globals["csrf_token"] = csrf_token_for_page
    app.context_processor(lambda: {"csrf_token": csrf_token_for_page})
