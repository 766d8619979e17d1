"""Pathways as an organisation runs it: nginx (deploy/nginx/pathways.conf, real TLS) in front of
two gunicorn instances in production mode, sharing PostgreSQL and Redis. Whatever one instance
starts or ends, the other must know at once; limits are counted once for both, and per client.

Run on its own (`make test-cluster`, part of `make test`): it starts real servers.
"""

import http.client
import io
import os
import re
import tempfile
from contextlib import ExitStack
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from .harness import DEMO_PASSWORD, ROOT, ClusterError, adapt_site, start_cluster

WRONG = "not-the-password-1"
NOT_RIGHT = "The username or password is not right."


@pytest.fixture(scope="module")
def cluster():
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="pathways-cluster-") as tmp:
        # Registered after the folder, so every server stops before its folder goes.
        yield start_cluster(stack, Path(tmp))


def _port(response) -> int:
    assert response.upstream, "nginx did not say which instance answered"
    return int(response.upstream.rsplit(":", 1)[1])


def _other(cluster, port: int) -> int:
    return next(p for p in cluster.upstreams if p != port)


def _signed_in(browser, port: int) -> bool:
    response = browser.get_on("/account", port)
    if response.status == 200:
        return True
    assert response.status == 302 and "/sign-in" in response.headers["Location"]
    return False


def test_nginx_serves_the_deploy_configuration(cluster):
    browser = cluster.browser()
    health = browser.get("/healthz")
    assert health.status == 200
    assert b'"status":"ok"' in health.body.replace(b" ", b"")
    # Pages come from an instance in production mode: HTTPS only, for a year.
    assert health.upstream
    assert health.headers["Strict-Transport-Security"].startswith("max-age=31536000")

    # Plain HTTP only sends people to HTTPS.
    plain = http.client.HTTPConnection("127.0.0.1", cluster.http_port, timeout=10)
    plain.request("GET", "/sign-in?next=/account")
    redirect = plain.getresponse()
    plain.close()
    assert redirect.status == 301
    assert redirect.headers["Location"] == "https://127.0.0.1/sign-in?next=/account"

    # Static files come from nginx itself (no instance answers), a versioned URL is kept a year,
    # and text is compressed.
    page = browser.get("/sign-in")
    stylesheet = re.search(r'href="(/static/css/[^"]+\?v=[0-9a-f]+)"', page.text)
    assert stylesheet, "the page links no versioned stylesheet"
    css = browser.get(
        stylesheet.group(1).replace("&amp;", "&"), headers={"Accept-Encoding": "gzip"}
    )
    assert css.status == 200
    assert css.upstream == ""
    assert css.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert css.headers["Content-Encoding"] == "gzip"
    unversioned = browser.get("/static/css/pathways.css")
    assert unversioned.status == 200 and unversioned.headers["Cache-Control"] == "no-cache"


def test_signed_in_on_one_instance_carries_on_on_the_other(cluster):
    browser = cluster.browser()
    first = cluster.upstreams[0]
    form = browser.get_on("/sign-in", first)
    signed_in = browser.post(
        "/sign-in",
        {"csrf_token": form.csrf_token(), "username": "learner1", "password": DEMO_PASSWORD},
    )
    # The form one instance made was accepted by the other, and the session cookie is
    # HTTPS-only, as production sets it.
    assert _port(signed_in) == _other(cluster, first)
    assert signed_in.status == 302, signed_in.text[:2000]
    assert browser.cookie_flags["pathways_session"]["secure"]
    for port in cluster.upstreams:
        assert _signed_in(browser, port), f"not signed in on the instance on port {port}"


def test_wrong_passwords_on_both_instances_count_towards_one_limit(cluster):
    browser = cluster.browser()
    token = browser.get("/sign-in").csrf_token()
    answered_by = set()
    for _ in range(5):
        refused = browser.post(
            "/sign-in", {"csrf_token": token, "username": "mentor1", "password": WRONG}
        )
        assert refused.status == 200 and NOT_RIGHT in refused.text
        answered_by.add(_port(refused))
    assert answered_by == set(cluster.upstreams)
    # Each instance saw only some of the five; one shared count stops the sixth, on either.
    for _ in range(2):
        limited = browser.post(
            "/sign-in", {"csrf_token": token, "username": "mentor1", "password": DEMO_PASSWORD}
        )
        assert limited.status == 429
        answered_by.discard(_port(limited))
    assert answered_by == set()


def test_sign_out_everywhere_ends_the_sessions_on_both_instances(cluster):
    phone, laptop = cluster.browser(), cluster.browser()
    assert phone.sign_in("learner1").status == 302
    assert laptop.sign_in("learner1").status == 302
    assert all(_signed_in(laptop, port) for port in cluster.upstreams)

    account = phone.get("/account")
    ended = phone.post("/account/sign-out-everywhere", {"csrf_token": account.csrf_token()})
    assert ended.status == 302 and ended.headers["Location"].endswith("/sign-in")

    for port in cluster.upstreams:
        assert not _signed_in(laptop, port), f"still signed in on the instance on port {port}"
        assert not _signed_in(phone, port)


def test_quick_exit_on_one_instance_ends_the_session_on_the_other(cluster):
    browser = cluster.browser()
    assert browser.sign_in("learner1").status == 302
    # A copy of the cookie, as someone else at the same phone might keep.
    copy = cluster.browser()
    copy.cookies = dict(browser.cookies)
    assert all(_signed_in(copy, port) for port in cluster.upstreams)

    left = browser.get("/exit")
    assert left.status == 302
    assert left.headers["Location"].startswith("https://www.wikipedia.org/")

    other = _other(cluster, _port(left))
    assert not _signed_in(copy, other), "the copied cookie still works on the other instance"
    assert not _signed_in(copy, _port(left))
    assert not _signed_in(browser, other)


def _photo(width: int = 800, height: int = 700) -> bytes:
    # Noise does not compress: about 1.6 MB, more than nginx's own 1 MB default.
    picture = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def test_an_evidence_upload_passes_nginx_and_either_instance_serves_it(cluster):
    staff = cluster.browser()
    assert staff.sign_in("staff1").status == 302
    photo = _photo()
    assert 1024 * 1024 < len(photo) < 5 * 1024 * 1024

    form = staff.get("/staff/activities/new")
    fields = {
        "csrf_token": form.csrf_token(),
        "held_on": date.today().isoformat(),
        "kind": "training",
        "title": "Cluster test session",
        "attendance": "4",
        "cohort": "",
    }
    saved = staff.post(
        "/staff/activities/new", fields, files={"evidence": ("photo.png", "image/png", photo)}
    )
    assert saved.status == 302, saved.text[:3000]
    listing = staff.get("/staff/activities")
    found = re.search(r"/staff/activities/(\d+)/evidence", listing.text)
    assert found, "the new activity has no evidence link"
    for port in cluster.upstreams:
        download = staff.get_on(found.group(0), port)
        assert download.status == 200
        assert download.headers["Content-Type"] == "image/png"
        assert download.body.startswith(b"\x89PNG")

    # Above LMS_MAX_UPLOAD_MB (8), nginx refuses before any instance reads it.
    too_big = staff.post(
        "/staff/activities/new",
        fields,
        files={"evidence": ("big.png", "image/png", b"\0" * (9 * 1024 * 1024))},
    )
    assert too_big.status == 413
    assert too_big.upstream == ""


def test_clients_at_different_addresses_have_their_own_limits(cluster):
    # Two devices behind nginx, at their own addresses; nginx passes each one's address in
    # X-Forwarded-For, and Pathways (LMS_PROXY_COUNT=1) counts each on its own.
    guesser, owner = cluster.browser("127.0.0.2"), cluster.browser("127.0.0.3")
    token = guesser.get("/sign-in").csrf_token()
    for _ in range(5):
        refused = guesser.post(
            "/sign-in", {"csrf_token": token, "username": "learner2", "password": WRONG}
        )
        assert refused.status == 200 and NOT_RIGHT in refused.text
    fields = {"csrf_token": token, "username": "learner2", "password": WRONG}
    assert guesser.post("/sign-in", fields).status == 429
    # Claiming another address does not help: nginx sets X-Forwarded-For itself.
    forged = guesser.post("/sign-in", fields, headers={"X-Forwarded-For": "203.0.113.9"})
    assert forged.status == 429

    owner_token = owner.get("/sign-in").csrf_token()
    wrong_once = owner.post(
        "/sign-in", {"csrf_token": owner_token, "username": "learner2", "password": WRONG}
    )
    assert wrong_once.status == 200 and NOT_RIGHT in wrong_once.text
    assert owner.sign_in("learner2").status == 302
    assert all(_signed_in(owner, port) for port in cluster.upstreams)


def test_a_reshaped_deploy_site_fails_loudly_instead_of_testing_something_else(tmp_path):
    site = (ROOT / "deploy" / "nginx" / "pathways.conf").read_text()
    adapt_site(site, [1, 2], 3, 4, tmp_path)  # the shipped file adapts
    with pytest.raises(ClusterError, match="listen 80"):
        adapt_site(site.replace("listen 80;", "listen 8080;"), [1, 2], 3, 4, tmp_path)
