"""A lesson's status tag is kept per language and status (lms.progress.tags), for speed: it must
stay the macro's output, in the page's language, and hold nothing else."""

from flask import render_template_string
from flask_babel import force_locale, gettext

from lms.config import LOCALES

from .conftest import post_form

STATUSES = [None, "opened", "saved", "skipped", "finished"]
MACRO = '{% import "_macros/learning.html" as m %}{{ m.status_tag(status) }}'


def test_each_kept_tag_is_the_macros_output_in_the_pages_language(app):
    with app.test_request_context("/"):
        for _round in range(2):  # the second round is served from what the first kept
            for locale in LOCALES:
                with force_locale(locale):
                    for status in STATUSES:
                        kept = render_template_string("{{ status_tag(status) }}", status=status)
                        assert kept == render_template_string(MACRO, status=status)
                    assert gettext("Done") in render_template_string("{{ status_tag('finished') }}")
        kept = app.extensions["pathways_status_tags"]
        assert set(kept) == {(locale, status) for locale in LOCALES for status in STATUSES}


def test_debug_mode_draws_the_tag_every_time(app):
    app.extensions["pathways_status_tags"] = {("en", "finished"): "stale"}
    app.debug = True
    try:
        with app.test_request_context("/"):
            assert "tag--done" in render_template_string("{{ status_tag('finished') }}")
    finally:
        app.debug = False


def test_the_course_page_tags_follow_the_members_progress_and_language(
    app, client, auth, world, synced
):
    auth.sign_in("learner")
    client.get("/learn/sample-rights/first-steps")  # opened
    page = client.get("/learn/sample-rights").get_data(as_text=True)
    assert page.count('<span class="tag">Started</span>') == 1
    assert page.count('<span class="tag tag--quiet">Not started</span>') == 2

    post_form(client, "/language", {"locale": "bn", "next": "/"}, page="/")
    page = client.get("/learn/sample-rights").get_data(as_text=True)
    with app.test_request_context("/"), force_locale("bn"):
        assert page.count(f'<span class="tag">{gettext("Started")}</span>') == 1
        assert page.count(f'<span class="tag tag--quiet">{gettext("Not started")}</span>') == 2
    assert "Not started" not in page


def test_each_kept_progress_bar_is_the_macros_output_for_its_counts_label_and_language(app):
    from lms.progress.resume import CourseProgress

    bars = [(CourseProgress(done, 5), label) for done in (0, 2, 5) for label in ("Rights", "A & B")]
    macro = '{% import "_macros/learning.html" as m %}{{ m.progress_bar(p, label) }}'
    with app.test_request_context("/"):
        for _round in range(2):  # the second round is served from what the first kept
            for locale in LOCALES:
                with force_locale(locale):
                    for progress, label in bars:
                        kept = render_template_string(
                            "{{ progress_bar(p, label) }}", p=progress, label=label
                        )
                        assert kept == render_template_string(macro, p=progress, label=label)
        assert len(app.extensions["pathways_progress_bars"]) == len(LOCALES) * len(bars)
        assert "A &amp; B" in render_template_string(
            "{{ progress_bar(p, label) }}", p=CourseProgress(1, 5), label="A & B"
        )


def test_the_dashboard_bars_follow_the_members_progress(app, client, auth, world, synced):
    auth.sign_in("learner")
    client.get("/learn/sample-rights/first-steps")
    post_form(
        client,
        "/learn/sample-rights/first-steps/progress",
        {"event": "finished"},
        page="/learn/sample-rights/first-steps",
    )
    page = client.get("/").get_data(as_text=True)
    assert '<progress max="3" value="1"' in page
    auth.sign_out()
    auth.sign_in("learner2")
    client.get("/learn/sample-rights/first-steps")
    page = client.get("/").get_data(as_text=True)
    assert '<progress max="3" value="0"' in page and 'value="1"' not in page
