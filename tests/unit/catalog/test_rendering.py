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


def test_stored_links_move_under_the_path_the_app_is_mounted_at():
    from lms.catalog.rendering import stored_html

    html = str(render_markdown("Read [the next one](hard-topic).\n\n![A map](map.png)", "rights"))
    assert 'href="/learn/rights/hard-topic"' in html and 'src="/learn/rights/media/map.png"' in html
    assert str(stored_html(html)) == html == str(stored_html(html, ""))
    mounted = str(stored_html(html, "/pathways"))
    assert 'href="/pathways/learn/rights/hard-topic"' in mounted
    assert 'src="/pathways/learn/rights/media/map.png"' in mounted
    assert 'href="/learn/' not in mounted and 'src="/learn/' not in mounted
    # A mount path is quoted as a URL path and can never end the attribute.
    odd = str(stored_html(html, '/a "b"<c>'))
    assert 'href="/a%20%22b%22%3Cc%3E/learn/rights/hard-topic"' in odd
    # Links to other sites are left as they are.
    external = str(render_markdown("[A site](https://example.org/learn/x)", "rights"))
    assert str(stored_html(external, "/pathways")) == external
