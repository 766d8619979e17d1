"""The home page: a welcome for visitors, and a calm overview for signed-in members."""

from flask import Blueprint, render_template
from flask_login import current_user

from lms.catalog.snapshot import catalogue
from lms.orgs.context import current_membership
from lms.orgs.roles import LEARNER, is_staff
from lms.progress import services as progress
from lms.progress.resume import CourseProgress

bp = Blueprint("dashboard", __name__)


@bp.get("/")
def home():
    if not current_user.is_authenticated:
        return render_template("dashboard/welcome.html")
    membership = current_membership()
    if membership is None:
        return render_template("dashboard/home.html", membership=None)
    user_id = current_user.id  # once: each use of the proxy looks the member up again
    picture = progress.learner_picture(user_id, mentors_in=membership.organisation_id)
    summaries = progress.overview(user_id, picture)
    tracks = catalogue().tracks
    track_progress = [
        (
            track,
            CourseProgress(
                sum(s.progress.done for s in summaries if s.course.track_id == track.id),
                sum(s.progress.total for s in summaries if s.course.track_id == track.id),
            ),
        )
        for track in tracks
    ]
    last_course_id = picture.last_course_id
    return render_template(
        "dashboard/home.html",
        membership=membership,
        mentor_names=picture.mentor_names,
        is_learner=membership.role == LEARNER,
        is_staff=is_staff(membership.role),
        continue_lesson=progress.resume_lesson(picture),
        started=[s for s in summaries if s.progress.done or s.course.id == last_course_id],
        completed=[s for s in summaries if s.completed_at],
        new_courses=[s for s in summaries if s.is_new and not s.progress.done],
        track_progress=track_progress,
    )
