"""Course media files and the printable course PDF."""

from flask import Blueprint, Response, abort, render_template, request

from lms.extensions import db
from lms.i18n import FILE_TAG_NAMES, localised
from lms.numbers import page_locale
from lms.orgs.context import member_required

from .models import CourseMedia
from .pdf import render_pdf
from .queries import choose_text, live_course_or_404

bp = Blueprint("catalog", __name__)


@bp.app_template_filter("localised")
def _localised(values: dict):
    """Pick the member's language from a {file tag: text} mapping, else English."""
    return localised(values, page_locale())


@bp.app_template_filter("language_name")
def _language_name(tag: str) -> str:
    return FILE_TAG_NAMES.get(tag, tag)


@bp.get("/learn/<course_slug>/media/<name>")
@member_required
def media(course_slug: str, name: str):
    course = live_course_or_404(course_slug)
    item = db.session.scalar(
        db.select(CourseMedia).where(CourseMedia.course_id == course.id, CourseMedia.name == name)
    )
    if item is None:
        abort(404)
    response = Response(item.data, mimetype=item.content_type)
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


@bp.get("/learn/<course_slug>/pdf")
@member_required
def course_pdf(course_slug: str):
    course = live_course_or_404(course_slug)
    asked = request.args.get("lang")
    lessons = [
        (lesson, *choose_text(lesson.texts, page_locale(), asked))
        for lesson in course.lessons
        if not lesson.is_archived
    ]
    html = render_template("catalog/course_pdf.html", course=course, lessons=lessons)
    media = {
        f"/learn/{course.slug}/media/{item.name}": (item.data, item.content_type)
        for item in db.session.scalars(
            db.select(CourseMedia).where(CourseMedia.course_id == course.id)
        )
    }
    response = Response(render_pdf(html, media), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{course.slug}.pdf"'
    return response
