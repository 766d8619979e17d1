"""Staff pages for activity records (with an optional evidence file) and the funder report."""

from pathlib import Path

from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from lms import oncekeys
from lms.accounts import lifecycle
from lms.audit.models import record
from lms.certificates.services import issuer_name
from lms.extensions import db
from lms.forms import ActionForm, OnceForm, choices, plain_name, plain_names
from lms.orgs.context import current_organisation_id, in_organisation_or_404, staff_required
from lms.timeutil import utcnow

from . import evidence, report, report_queries, services
from .models import Activity, Cohort
from .pdf import report_pdf
from .report import ACTIVITY_KINDS
from .views_cohorts import bp

KIND_LABELS = {
    "training": _l("Training"),
    "peer_support": _l("Peer-support meeting"),
    "outreach": _l("Outreach"),
    "awareness": _l("Awareness event"),
    "rescue_support": _l("Rescue support"),
    "other": _l("Other"),
}
ATTENDANCE_MAX = 10000
OUTCOME_MAX = 1000
EVIDENCE_PROBLEMS = {
    "too_big": _l("This file is bigger than 5 MB. Please choose a smaller file."),
    "wrong_type": _l("Please choose a photo (JPEG or PNG) or a PDF."),
    "unreadable": _l("We could not open this picture. Please choose another file."),
    "too_many_pixels": _l(
        "This picture is very large (more than 40 megapixels). "
        "Please make it smaller, or choose another file."
    ),
    "pdf_unreadable": _l(
        "We could not open this PDF. If it has a password, please save a copy without one "
        "and choose that."
    ),
    "pdf_active": _l(
        "This PDF has scripts or attached files, which we cannot keep. Please save it again "
        "as a plain PDF (for example with “Print to PDF”) and choose that."
    ),
}
CHOOSE_AGAIN = _l("Please choose the evidence file again: for your safety it was not kept.")
PERIOD_PROBLEMS = {
    "too_early": _l("Please choose dates from 1 January 2000 onwards."),
    "future": _l("Please choose dates up to today."),
    "order": _l("The start date must be on or before the end date."),
    "too_long": _l("Please choose a period of five years or less."),
}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class _KindDate(DateField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_("Please enter a date, such as 2026-03-01.")) from error


class _KindInteger(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_("Please enter a whole number, such as 12.")) from error


class ActivityForm(OnceForm):
    held_on = _KindDate(
        _l("Date it took place"),
        validators=[InputRequired(_l("Please enter the date it took place."))],
    )
    kind = SelectField(
        _l("Kind of activity"),
        choices=choices((k, KIND_LABELS[k]) for k in ACTIVITY_KINDS),
        validators=[InputRequired(_l("Please choose the kind of activity."))],
        validate_choice=False,
    )
    title = StringField(
        _l("Title (optional)"),
        filters=[_strip],
        validators=[Optional(), Length(max=200, message=_l("Please use 200 characters or fewer."))],
    )
    attendance = _KindInteger(
        _l("How many people took part"),
        description=_l("A number only. Please do not write names here."),
        validators=[
            InputRequired(_l("Please enter how many people took part (0 if none).")),
            NumberRange(
                min=0,
                max=ATTENDANCE_MAX,
                message=_l("Please enter a number from 0 to 10,000."),
            ),
        ],
    )
    facilitator = StringField(
        _l("Facilitator (optional)"),
        description=_l("A first name or a pseudonym is fine."),
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=120, message=_l("Please use 120 characters or fewer.")),
            plain_name,
        ],
    )
    outcome = TextAreaField(
        _l("What came of it (optional)"),
        description=_l("A short note, up to 1,000 characters."),
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=OUTCOME_MAX, message=_l("Please use 1,000 characters or fewer.")),
        ],
    )
    named_attendees = TextAreaField(
        _l("Names of attendees (optional)"),
        description=_l("Only people who agreed to be named. Leave empty to count people only."),
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=2000, message=_l("Please use 2,000 characters or fewer.")),
            plain_names,
        ],
    )
    names_consent = BooleanField(_l("Everyone named here agreed to be named"))
    cohort = SelectField(_l("Cohort (optional)"), choices=[], validate_choice=False)
    evidence = FileField(
        _l("Evidence file (optional)"),
        description=_l(
            "A photo (JPEG or PNG) or a PDF, up to 5 MB. Photo location data is removed."
        ),
    )
    remove_evidence = BooleanField(_l("Remove the evidence file"))

    def validate_held_on(self, field):
        today = utcnow().date()
        if field.data and field.data > today:
            raise ValidationError(_("Please choose a date up to today."))
        if field.data and field.data < report.EARLIEST:
            raise ValidationError(_("Please choose a date from 1 January 2000 onwards."))

    def validate_kind(self, field):
        if field.data not in ACTIVITY_KINDS:
            raise ValidationError(_("Please choose the kind of activity."))

    def validate_names_consent(self, field):
        if self.named_attendees.data and not field.data:
            raise ValidationError(
                _("Please confirm that everyone named agreed, or remove the names.")
            )

    def validate_cohort(self, field):
        allowed = {c.value for c in field.choices}
        if field.data and field.data not in allowed:
            raise ValidationError(_("Please choose a cohort from the list."))


@lifecycle.on_delete
def _forget_recorder(user) -> None:
    # The records belong to the organisation; only who typed them in goes with the account.
    db.session.execute(
        db.update(Activity).where(Activity.recorded_by_id == user.id).values(recorded_by_id=None)
    )


def _evidence_dir() -> Path:
    return Path(current_app.config["LMS_EVIDENCE_DIR"])


def _cohort_choices(form: ActivityForm) -> None:
    rows = db.session.scalars(
        db.select(Cohort)
        .where(Cohort.organisation_id == current_organisation_id())
        .order_by(Cohort.name)
    ).all()
    form.cohort.choices = choices([("", _("No cohort"))] + [(str(c.id), c.name) for c in rows])


def _values(form: ActivityForm) -> dict:
    """The form's values, as `services.save_activity` takes them."""
    return {
        "held_on": form.held_on.data,
        "kind": form.kind.data,
        "title": form.title.data or None,
        "attendance": form.attendance.data,
        "facilitator": form.facilitator.data or None,
        "outcome": form.outcome.data or None,
        "named_attendees": form.named_attendees.data or None,
        "cohort_id": int(form.cohort.data) if form.cohort.data else None,
    }


def _read_upload(form: ActivityForm) -> bytes | None:
    upload = form.evidence.data
    if upload is None or not getattr(upload, "filename", ""):
        return None
    try:
        return upload.read(evidence.MAX_BYTES + 1)
    finally:
        upload.close()  # a big upload is spooled to a temporary file: let it go now


def _save(form: ActivityForm, activity: Activity | None) -> Activity | bool | None:
    """Validate, check the file, then save; return None (with errors on the form) on a problem,
    or True for a new record sent again (a double tap: it was recorded once already)."""
    valid = form.validate_on_submit()
    data = _read_upload(form)
    cleaned = None
    if data is not None:
        try:
            cleaned = evidence.clean(data)
        except evidence.EvidenceProblem as problem:
            form.evidence.errors = [str(EVIDENCE_PROBLEMS[problem.code])]
            valid = False
    if not valid:
        if data is not None and not form.evidence.errors:
            form.evidence.errors = [str(CHOOSE_AGAIN)]
        return None
    if activity is None and oncekeys.again(form, url_for("programme.activity_list")):
        return True
    return services.save_activity(
        activity,
        current_organisation_id(),
        current_user.id,
        _values(form),
        _evidence_dir(),
        cleaned=cleaned,
        remove_evidence=bool(form.remove_evidence.data),
    )


@bp.get("/staff/activities")
@staff_required
def activity_list():
    rows = db.session.scalars(
        db.select(Activity)
        .where(Activity.organisation_id == current_organisation_id())
        .order_by(Activity.held_on.desc(), Activity.id.desc())
    ).all()
    return render_template("programme/activities.html", activities=rows, kinds=KIND_LABELS)


@bp.route("/staff/activities/new", methods=["GET", "POST"])
@staff_required
def activity_new():
    form = ActivityForm()
    _cohort_choices(form)
    if request.method == "GET":
        form.held_on.data = utcnow().date()
    elif _save(form, None) is not None:
        flash(_("The activity was recorded."), "notice")
        return redirect(url_for("programme.activity_list"))
    return render_template(
        "programme/activity_form.html", form=form, activity=None
    ), 400 if form.errors else 200


@bp.route("/staff/activities/<int:activity_id>", methods=["GET", "POST"])
@staff_required
def activity_edit(activity_id: int):
    activity = in_organisation_or_404(Activity, activity_id)
    form = ActivityForm(obj=activity)
    _cohort_choices(form)
    if request.method == "GET":
        form.cohort.data = str(activity.cohort_id) if activity.cohort_id else ""
        form.names_consent.data = bool(activity.named_attendees)
    elif _save(form, activity) is not None:
        flash(_("The activity was saved."), "notice")
        return redirect(url_for("programme.activity_list"))
    return render_template(
        "programme/activity_form.html", form=form, activity=activity, action_form=ActionForm()
    ), 400 if form.errors else 200


@bp.post("/staff/activities/<int:activity_id>/delete")
@staff_required
def activity_delete(activity_id: int):
    activity = in_organisation_or_404(Activity, activity_id)
    if ActionForm().validate_on_submit():
        services.delete_activity(activity, current_user.id, _evidence_dir())
        flash(_("The activity record was deleted."), "notice")
    return redirect(url_for("programme.activity_list"))


@bp.get("/staff/activities/<int:activity_id>/evidence")
@staff_required
def activity_evidence(activity_id: int):
    activity = in_organisation_or_404(Activity, activity_id)
    path = evidence.path_of(_evidence_dir(), activity.organisation_id, activity.evidence_file or "")
    if path is None:
        abort(404)
    # Read whole (at most 5 MB), so no file handle outlives the request.
    response = Response(path.read_bytes(), mimetype=activity.evidence_type or "application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="activity-{activity.id}-evidence{path.suffix}"'
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- The funder report ---


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    start = _KindDate(_l("From"), validators=[Optional()])
    end = _KindDate(_l("To"), validators=[Optional()])


def _period():
    """Return (form, start, end, problem message or None) from the query string."""
    form = PeriodForm(request.args)
    today = utcnow().date()
    start, end = report.default_period(today)
    form.validate()
    if form.errors:
        return form, start, end, True
    start = form.start.data or start
    end = form.end.data or end
    problem = report.period_problem(start, end, today)
    if problem:
        start_is_wrong = {
            "too_early": start < report.EARLIEST,
            "future": start > today and end <= today,
            "order": False,
            "too_long": True,
        }[problem]
        field = form.start if start_is_wrong else form.end
        field.errors = [str(PERIOD_PROBLEMS[problem])]
        return form, *report.default_period(today), True
    form.start.data, form.end.data = start, end
    return form, start, end, False


@bp.get("/staff/report")
@staff_required
def funder_report():
    form, start, end, bad = _period()
    data = (
        None
        if bad
        else report_queries.gather(current_organisation_id(), start, end, str(get_locale()))
    )
    return render_template(
        "programme/report.html",
        form=form,
        report=data,
        kinds=KIND_LABELS,
        organisation=issuer_name(g.membership.organisation),
    ), 400 if bad else 200


@bp.get("/staff/report.pdf")
@staff_required
def funder_report_pdf():
    form, start, end, bad = _period()
    if bad:
        # Only the period goes back: other query arguments (say `_method`) mean something
        # to url_for itself and would break the link.
        period = {name: request.args[name] for name in ("start", "end") if name in request.args}
        return redirect(url_for("programme.funder_report", **period))
    data = report_queries.gather(current_organisation_id(), start, end, str(get_locale()))
    pdf = report_pdf(data, issuer_name(g.membership.organisation), KIND_LABELS)
    record(
        "report_downloaded",
        actor_id=current_user.id,
        organisation_id=current_organisation_id(),
        object_type="report",
        detail={"from": start.isoformat(), "to": end.isoformat()},
    )
    db.session.commit()
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="report-{start.isoformat()}-{end.isoformat()}.pdf"'
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
