"""Page links are built once per process and mount point (lms.urls.kept_url), for speed: each
must stay exactly what `url_for` builds, at whatever path the app is mounted."""

import re

from flask import url_for

from lms import urls
from lms.urls import kept_url

LINKS = [
    ("progress.catalogue", {}),
    ("progress.course", {"course_slug": "sample-rights"}),
    ("progress.lesson", {"course_slug": "sample-rights", "lesson_slug": "first-steps"}),
    ("static", {"filename": "css/pathways.css"}),  # with its version, from a URL default
]


def test_a_kept_link_is_url_for_at_each_mount_point(app):
    for root in ("", "/pathways", "/other"):
        with app.test_request_context("/", base_url=f"https://localhost{root}"):
            for endpoint, values in LINKS:
                built = url_for(endpoint, **values)
                assert built.startswith(f"{root}/")
                assert kept_url(endpoint, **values) == built
                assert kept_url(endpoint, **values) == built  # the kept one
    kept = app.extensions["pathways_kept_urls"]
    assert {key[0] for key in kept} == {"", "/pathways", "/other"}


def test_options_and_relative_names_are_built_each_time(app):
    with app.test_request_context("/", base_url="https://localhost"):
        kept = app.extensions["pathways_kept_urls"]
        kept.clear()
        assert kept_url("progress.catalogue", _external=True) == "https://localhost/learn"
        assert kept_url("progress.catalogue", _anchor="top") == "/learn#top"
        assert kept_url("static", filename="x.css", v=["1", "2"]) == url_for(
            "static", filename="x.css", v=["1", "2"]
        )
        assert kept == {}


def test_debug_mode_builds_every_link(app):
    app.debug = True
    try:
        with app.test_request_context("/"):
            app.extensions["pathways_kept_urls"].clear()
            assert kept_url("progress.catalogue") == "/learn"
            assert app.extensions["pathways_kept_urls"] == {}
    finally:
        app.debug = False


def test_the_kept_links_are_bounded(app, monkeypatch):
    monkeypatch.setattr(urls, "URLS_KEPT", 2)
    with app.test_request_context("/"):
        for slug in ("a", "b", "c", "d"):
            assert kept_url("progress.course", course_slug=slug) == f"/learn/{slug}"
            assert len(app.extensions["pathways_kept_urls"]) <= 2


def test_learner_pages_link_within_their_mount_point(client, auth, world, synced):
    auth.sign_in("learner")
    for root in ("/pathways", ""):
        base = f"http://localhost{root}"
        for page in ("/", "/learn/sample-rights", "/learn/sample-rights/first-steps"):
            html = client.get(page, base_url=base).get_data(as_text=True)
            # The lesson's own text too: its links, stored at sync, move under the mount path.
            links = re.findall(r'(?:href|action|src)="(/[^"]*)"', html)
            assert any("/learn/sample-rights" in link for link in links)
            if page.endswith("first-steps"):  # its text links to the hard lesson
                assert f"{root}/learn/sample-rights/hard-topic" in links
            assert all(link.startswith(f"{root}/") for link in links)
            if not root:
                assert not [link for link in links if link.startswith("/pathways/")]
