"""Lesson Markdown becomes safe HTML: no scripts, styles, remote resources or event handlers."""

from lms.catalog.rendering import render_markdown


def render(text):
    return str(render_markdown(text, "course-a"))


def test_lesson_links_and_media_point_into_pathways():
    html = render("See [next](next-lesson) and ![map](map.png).")
    assert 'href="/learn/course-a/next-lesson"' in html
    assert 'src="/learn/course-a/media/map.png"' in html
    assert 'loading="lazy"' in html


def test_external_links_are_marked_and_do_not_leak():
    html = render("Read [the report](https://example.org/report).")
    assert 'class="external"' in html
    assert 'rel="noopener noreferrer"' in html
    assert "(another website)" in html


def test_dangerous_html_is_removed():
    html = render(
        '<script>alert(1)</script><img src=x onerror=alert(1)><iframe src="https://x"></iframe>'
        '<p style="color:red" onclick="x()">hi</p><form><input></form><svg><circle/></svg>'
        "[js](javascript:alert(1))"
    )
    for bad in (
        "<script",
        "onerror",
        "<iframe",
        "style=",
        "onclick",
        "<form",
        "<input",
        "<svg",
        "javascript:",
    ):
        assert bad not in html


def test_remote_images_never_load():
    html = render("![x](https://tracker.example/pixel.gif)")
    assert "tracker.example" not in html


def test_tables_and_quotes_survive():
    html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n> **Min:** Hello.")
    assert "<table>" in html and "<blockquote>" in html and "<strong>Min:</strong>" in html
