"""Browser tests: the real app on 127.0.0.1 in a thread, driven by Debian's chromium.

Every page a journey visits is scanned with axe-core; serious or critical violations fail.
Contexts: a desktop with JavaScript, a 360 px phone with JavaScript, and a phone without it.
"""

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from lms import create_app
from lms.content import sync_content
from lms.extensions import db, limiter
from lms.orgs.models import MentorAssignment, Organisation, SupportContact
from tests.web.conftest import PASSWORD, TEST_CONFIG, make_user

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"

pytestmark = pytest.mark.e2e


@dataclass
class LiveServer:
    url: str
    app: object

    def seed(self):
        """A fresh organisation per test run: staff, admin, a mentor and two learners."""
        with self.app.app_context():
            db.drop_all()
            db.create_all()
            limiter.reset()
            org = Organisation(name="Harbour Group")
            db.session.add(org)
            db.session.flush()
            users = {
                name: make_user(name, org, role, display)
                for name, role, display in [
                    ("learner", "learner", "Min"),
                    ("learner2", "learner", "Rahim"),
                    ("mentor", "mentor", "Mentor Mai"),
                    ("staff", "staff", "Staff Sam"),
                    ("admin", "admin", "Admin Ana"),
                ]
            }
            db.session.add(
                MentorAssignment(
                    organisation_id=org.id,
                    mentor_id=users["mentor"].id,
                    learner_id=users["learner"].id,
                )
            )
            db.session.add(
                SupportContact(
                    organisation_id=org.id,
                    name="Harbour helpline",
                    how_to_reach="Call 000 111",
                    hours="Every day",
                )
            )
            db.session.commit()
            sync_content(self.app.config["LMS_COURSES_DIR"], self.app.config["LMS_ASSESSMENTS_DIR"])


def _closing_iterators(wsgi_app):
    """Read each response whole and close it before handing it to the server.

    Werkzeug's development server skips the response's close() when the browser drops the
    connection mid-send (a page navigated away while an icon loads), leaving the static file
    open; pytest then reports the unclosed file as an error in whichever test runs next.
    """

    def app(environ, start_response):
        iterable = wsgi_app(environ, start_response)
        try:
            return [b"".join(iterable)]
        finally:
            if hasattr(iterable, "close"):
                iterable.close()

    return app


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    database = tmp_path_factory.mktemp("e2e") / "pathways.db"
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})

    @app.get("/neutral-test-page")
    def neutral_page():
        return "<!doctype html><html lang='en'><title>Weather</title><main><h1>Weather</h1></main></html>"

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    server = make_server("127.0.0.1", 0, _closing_iterators(app), threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["LMS_QUICK_EXIT_URL"] = url + "/neutral-test-page"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(url=url, app=app)
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def site(live_server):
    live_server.seed()
    return live_server


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _context(browser, **options):
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def desktop(browser):
    context = _context(browser, viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):
    context = _context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


NO_JS_PAGES = set()


@pytest.fixture
def phone_no_js(browser):
    context = _context(browser, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    NO_JS_PAGES.add(id(page))
    yield page
    NO_JS_PAGES.discard(id(page))
    context.close()


@pytest.fixture
def new_page(browser):
    """Open a fresh, separate browser (its own cookies), e.g. for a second person."""
    contexts = []

    def open_page(**options):
        context = _context(browser, viewport=options.pop("viewport", PHONE), **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


_axe = Axe()


def assert_accessible(page, label: str = ""):
    """Scan the page with axe-core; fail on serious or critical violations. Also scan at 360 px."""
    page.wait_for_load_state("load")  # a form post may still be navigating
    if id(page) in NO_JS_PAGES:
        return _assert_accessible_without_js(page, label)
    original = page.viewport_size
    sizes = [original] if original and original["width"] <= 400 else [original, PHONE]
    for size in sizes:
        if size:
            page.set_viewport_size(size)
        results = _run_axe(page)
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert bad == [], f"axe on {label or page.url} at {size}: {bad}"
    if original:
        page.set_viewport_size(original)


def sign_in(page, base_url, username, password=PASSWORD):
    page.goto(base_url + "/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _run_axe(page):
    """Run axe, waiting out a navigation that a click started just before (no sleeps otherwise)."""
    for attempt in range(3):
        try:
            page.wait_for_load_state("load")
            return _axe.run(page)
        except PlaywrightError as error:
            navigating = "context was destroyed" in str(error) or "documentElement" in str(error)
            if not navigating or attempt == 2:
                raise
            page.wait_for_timeout(250)


def _assert_accessible_without_js(page, label: str):
    """axe-core needs timers, which a page without JavaScript never runs. So the exact HTML
    the no-JS page shows is served again, at the same URL and size, to a scanning context."""
    html = page.content()
    scanner = page.context.browser.new_context(viewport=page.viewport_size)
    try:
        scan_page = scanner.new_page()
        scan_page.route(page.url, lambda route: route.fulfill(body=html, content_type="text/html"))
        scan_page.goto(page.url)
        assert_accessible(scan_page, label + " (without JavaScript)")
    finally:
        scanner.close()
