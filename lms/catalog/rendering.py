"""Lesson Markdown to safe HTML: Python-Markdown first, then nh3 against an allowlist.

Python-Markdown's maintainers advise cleaning the output, not the input, so all HTML goes
through nh3 here and is marked safe only in this module (never with `|safe` in templates).
"""

import re
from functools import cache
from urllib.parse import quote, urlparse

from markupsafe import Markup, escape

LESSON_PATH = "/learn/{course}/{lesson}"
MEDIA_PATH = "/learn/{course}/media/{name}"
# Small files only: lessons must load on 2G. Sizes in bytes.
MEDIA_LIMITS = {
    ".png": 300_000,
    ".jpg": 300_000,
    ".jpeg": 300_000,
    ".webp": 300_000,
    ".gif": 300_000,
    ".mp3": 3_000_000,
    ".ogg": 3_000_000,
    ".m4a": 3_000_000,
}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif"}
ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
    "img",
    "dl",
    "dt",
    "dd",
    "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "loading", "width", "height"},
    "th": {"scope"},
    "ol": {"start"},
}
ALLOWED_CLASSES = {"a": {"external"}, "span": {"visually-hidden"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "sane_lists", "fenced_code"]
RAW_HTML = re.compile(r"<\s*[A-Za-z!/?]")


def _is_external(href: str) -> bool:
    return urlparse(href).scheme in ("http", "https", "mailto")


def _is_local_target(href: str) -> bool:
    parsed = urlparse(href)
    return not parsed.scheme and not parsed.netloc and not href.startswith(("#", "/"))


@cache
def _pathways_extension_class():
    """Python-Markdown's extension for Pathways, built on first use.

    Python-Markdown and nh3 are imported when a lesson is rendered (course sync, a story),
    not when a web worker starts: pages show HTML stored at sync (`stored_html`).
    """
    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    class _LinkRewriter(Treeprocessor):
        """Point lesson links and media at Pathways URLs; mark links to other sites."""

        def __init__(self, md, course: str):
            super().__init__(md)
            self.course = course

        def run(self, root):
            for element in root.iter("a"):
                href = element.get("href", "")
                if _is_external(href):
                    element.set("class", "external")
                    hint = element.makeelement("span", {"class": "visually-hidden"})
                    hint.text = " (another website)"
                    element.append(hint)
                elif _is_local_target(href):
                    target = href.split("#", 1)[0]
                    if "." in target:
                        element.set("href", MEDIA_PATH.format(course=self.course, name=target))
                    else:
                        element.set("href", LESSON_PATH.format(course=self.course, lesson=target))
            for element in root.iter("img"):
                src = element.get("src", "")
                if _is_local_target(src):
                    element.set("src", MEDIA_PATH.format(course=self.course, name=src))
                    element.set("loading", "lazy")
                else:
                    element.set("src", "")  # never load anything from another site

    class _PathwaysExtension(Extension):
        def __init__(self, course: str):
            super().__init__()
            self.course = course

        def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's API name)
            md.treeprocessors.register(_LinkRewriter(md, self.course), "pathways_links", 5)

    return _PathwaysExtension


def render_markdown(text: str, course: str) -> Markup:
    """Return sanitised HTML for a lesson body; the only place lesson HTML becomes Markup."""
    import markdown
    import nh3

    extension = _pathways_extension_class()(course)
    html = markdown.markdown(text, extensions=[*EXTENSIONS, extension])
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return Markup(cleaned)  # noqa: S704 (cleaned by nh3 just above)


# [label](target "title"); a target may hold one level of brackets, as URLs sometimes do.
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))+)(?:\s+\"[^\"]*\")?\)")
_INLINE_CODE = re.compile(r"`[^`]*`")


def check_markdown(text: str, lesson_slugs: set, media: dict) -> list[tuple[int, str]]:
    """Return (line within the body, message) for every problem in a lesson's Markdown."""
    problems = []
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        visible = _INLINE_CODE.sub("", line)
        if re.match(r"^#\s", visible):
            problems.append(
                (number, "use '##' headings: the lesson title is the page's only '#' heading")
            )
        if RAW_HTML.search(visible):
            problems.append(
                (number, "raw HTML is not allowed in lessons; sanitising would remove it")
            )
        for bang, label, target in _LINK.findall(visible):
            problems.extend(
                (number, m) for m in _check_target(bool(bang), label, target, lesson_slugs, media)
            )
    return problems


def _check_target(is_image, label, target, lesson_slugs, media):
    scheme = urlparse(target).scheme
    if scheme and scheme not in URL_SCHEMES:
        return [f"link to '{target}': only http, https and mailto links are allowed"]
    if is_image:
        if scheme or target.startswith("//"):
            return [f"image '{target}' is on another site; put the file in the course folder"]
        if target not in media:
            return [f"image '{target}' is missing from the course folder"]
        if not label.strip():
            return [f"image '{target}' needs a description (alt text) between the brackets"]
        return []
    if scheme or target.startswith(("#", "/")):
        return []
    name = target.split("#", 1)[0]
    if "." in name:
        return [] if name in media else [f"file '{name}' is missing from the course folder"]
    if name not in lesson_slugs:
        return [f"link to lesson '{name}', which does not exist in this course"]
    return []


# How links to Pathways pages begin in stored lesson HTML (LESSON_PATH, MEDIA_PATH).
_STORED_LINKS = ('href="/learn/', 'src="/learn/')


def stored_html(html: str, mount_path: str = "") -> Markup:
    """Return lesson HTML saved at sync (already cleaned by render_markdown) for templates.

    Its links to lessons and media were written at sync as paths from the site's root
    (`/learn/...`). Where the app is mounted under a path (`mount_path`, the request's script
    root, such as `/pathways`), they are moved under it, as the page's own links are.
    """
    if mount_path:
        prefix = escape(quote(mount_path, safe="/"))
        for start in _STORED_LINKS:
            html = html.replace(start, start.replace('"/', f'"{prefix}/', 1))
    return Markup(html)  # noqa: S704 (only ever holds render_markdown output)
