"""One report: starting it, reading it, filling it in, and comparing its revisions."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.errors import ConflictError, LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Unit
from lintas.reporting import periods, policy, selectors, services
from lintas.reporting.forms import (
    EXTRA_TABLE_ROWS,
    ReturnForm,
    answers_for_form,
    answers_from_post,
    comments_from_post,
)
from lintas.reporting.models import Field, Obligation, Submission, TemplateVersion
from lintas.reporting.validation import ValueWarning
from lintas.reporting.views.common import _submission_or_404


@login_required
@require_POST
def start(
    request: AuthedRequest, slug: str, obligation_id: int, unit_id: int, period: str
) -> HttpResponse:
    body = load_body(request, slug)
    obligation = get_object_or_404(Obligation, pk=obligation_id, body=body)
    unit = get_object_or_404(Unit, pk=unit_id, body=body)
    if not policy.can_fill_for(request.user, unit):
        policy.hide(
            bool(policy.unit_roles(request.user, unit))
            or policy.can_read_all_reports(request.user, body)
        )
        policy.require(False)
    try:
        submission = services.start_submission(
            obligation=obligation, unit=unit, period_key=period, by=request.user
        )
    except LintasError as exc:
        messages.error(request, exc.message)
        return redirect("reporting:my-reports", slug=body.slug)
    return redirect("reporting:submission-edit", slug=body.slug, submission_id=submission.pk)


@dataclass
class FieldView:
    field: Field
    value: Any
    errors: list[str]
    rows: list[dict[str, Any]]
    # the latest earlier report's answer: (period key, value)
    previous: tuple[str, Any] | None = None
    warnings: list[ValueWarning] = dc_field(default_factory=list)
    comment: str = ""

    @property
    def name(self) -> str:
        return f"f_{self.field.code}"

    @property
    def comment_name(self) -> str:
        return f"c_{self.field.code}"


def _sections(
    submission: Submission,
    values: dict[str, Any],
    errors: dict[str, list[str]],
    *,
    comments: dict[str, str] | None = None,
    plausibility: bool = True,
    version: TemplateVersion | None = None,
    language: str | None = None,
) -> list[tuple[Any, list[FieldView]]]:
    """The form's or the review's fields; with ``plausibility``, each numeric field with the
    unit's previous answer, its warnings and its comment. The same number of queries however
    many fields the template has. ``language`` says how ``values`` are written (the page's
    language on the form, None for stored answers)."""
    version = version or selectors.version_with_fields(submission.version_id)
    previous: dict[str, tuple[str, Any]] = {}
    warnings: dict[str, list[ValueWarning]] = {}
    if plausibility:
        past = selectors.values_before(submission)
        previous = past.previous
        parsed = services.check_answers(version, values, require=False, language=language).data
        specs = services.field_specs(version)
        warnings = services.value_warnings(submission, parsed, specs=specs, past=past)
    comments = comments if comments is not None else submission.comments or {}
    out = []
    for section in version.sections.all():
        views = []
        for field in section.fields.all():
            value = values.get(field.code)
            rows: list[dict[str, Any]] = []
            if field.type == Field.Type.TABLE:
                rows = list(value or []) + [{} for _ in range(EXTRA_TABLE_ROWS)]
            view = FieldView(field, value, errors.get(field.code, []), rows)
            if field.is_numeric:
                view.previous = previous.get(field.code)
                view.warnings = warnings.get(field.code, [])
                view.comment = comments.get(field.code, "")
            views.append(view)
        out.append((section, views))
    return out


def _warned(sections: list[tuple[Any, list[FieldView]]]) -> int:
    return sum(1 for _section, views in sections for view in views if view.warnings)


@login_required
def submission_detail(request: AuthedRequest, slug: str, submission_id: int) -> HttpResponse:
    body = load_body(request, slug)
    submission = _submission_or_404(request, body, submission_id)
    can_manage = policy.can_manage_reporting(request.user, body)
    sections = _sections(submission, submission.data, {})
    return render(
        request,
        "reporting/submission_detail.html",
        {
            "body": body,
            "submission": submission,
            "sections": sections,
            "warned": _warned(sections),
            "transitions": submission.transitions.select_related("by"),
            "revisions": submission.revisions.select_related("by")[:30],
            "can_edit": policy.can_edit_submission(request.user, submission)
            and submission.is_editable_state,
            "can_review": can_manage and submission.state == Submission.State.SUBMITTED,
            "can_reopen": can_manage and submission.state == Submission.State.ACCEPTED,
            "can_validate": policy.can_validate_for(request.user, submission.unit)
            and submission.state == Submission.State.AWAITING_VALIDATION,
            "return_form": ReturnForm(),
            "deadlines": submission.obligation.deadlines(
                periods.Period(
                    submission.period_start, submission.period_end, submission.period_key
                )
            ),
            "locked": services.is_locked(submission),
        },
    )


@login_required
def submission_edit(request: AuthedRequest, slug: str, submission_id: int) -> HttpResponse:
    body = load_body(request, slug)
    submission = _submission_or_404(request, body, submission_id)
    policy.require(policy.can_edit_submission(request.user, submission))
    if not submission.is_editable_state:
        messages.info(request, _("This report is no longer a draft."))
        return redirect("reporting:submission-detail", slug=body.slug, submission_id=submission.pk)
    # numbers are typed, shown and read in the page's language: "1,5" is 1.5 in Vietnamese
    language = get_language() or "en"
    version = selectors.version_with_fields(submission.version_id)
    values: dict[str, Any] = answers_for_form(version, submission.data, language)
    comments: dict[str, str] | None = None
    errors: dict[str, list[str]] = {}
    status = 200
    conflict = ""
    if request.method == "POST":
        raw = answers_from_post(version, request.POST)
        comments = comments_from_post(version, request.POST)
        action = request.POST.get("action", "save")
        try:
            revision = int(request.POST.get("revision", "0"))
        except ValueError:
            revision = 0
        try:
            if action == "submit":
                services.submit_report(
                    submission,
                    by=request.user,
                    data=raw,
                    revision=revision,
                    comments=comments,
                    language=language,
                    version=version,
                )
                messages.success(request, _("Report sent. The secretariat has been told."))
                return redirect(
                    "reporting:submission-detail", slug=body.slug, submission_id=submission.pk
                )
            services.save_draft(
                submission,
                data=raw,
                revision=revision,
                by=request.user,
                comments=comments,
                language=language,
                version=version,
            )
            if request.headers.get("HX-Request"):
                return render(
                    request,
                    "reporting/_autosave.html",
                    {
                        "submission": submission,
                        "saved_at": timezone.now(),
                        "notes": _notes_after_save(submission, version),
                    },
                )
            messages.success(request, _("Draft saved."))
            return redirect(
                "reporting:submission-edit", slug=body.slug, submission_id=submission.pk
            )
        except services.InvalidAnswers as exc:
            values, errors, status = raw, exc.errors, 400
            submission.refresh_from_db()
        except ConflictError as exc:
            values, conflict, status = raw, exc.message, 409
            submission.refresh_from_db()
        except LintasError as exc:
            messages.error(request, exc.message)
            values, status = raw, 400
            submission.refresh_from_db()
        if request.headers.get("HX-Request"):
            return render(
                request,
                "reporting/_autosave.html",
                {"submission": submission, "errors": errors, "conflict": conflict},
                status=200,
            )
    sections = _sections(
        submission, values, errors, comments=comments, version=version, language=language
    )
    return render(
        request,
        "reporting/submission_form.html",
        {
            "body": body,
            "submission": submission,
            "sections": sections,
            "warned": _warned(sections),
            "errors": errors,
            "conflict": conflict,
            "locked": services.is_locked(submission),
        },
        status=status,
    )


def _notes_after_save(submission: Submission, version: Any) -> list[tuple[str, list[Any]]]:
    """Every numeric field's warnings after an autosave, so the form shows them as they come
    and go."""
    specs = services.field_specs(version)
    warnings = services.value_warnings(submission, submission.data, specs=specs)
    return [(spec.code, warnings.get(spec.code, [])) for spec in specs if spec.is_numeric]


@login_required
def submission_compare(request: AuthedRequest, slug: str, submission_id: int) -> HttpResponse:
    body = load_body(request, slug)
    submission = _submission_or_404(request, body, submission_id)
    revisions = list(submission.revisions.select_related("by").order_by("number"))
    by_number = {r.number: r for r in revisions}

    def pick(name: str, default: int) -> Any:
        raw = request.GET.get(name, "")
        return by_number.get(int(raw)) if raw.isdigit() else by_number.get(default)

    newest = revisions[-1].number if revisions else 0
    a, b = pick("a", newest - 1), pick("b", newest)
    rows = []
    if a is not None and b is not None:
        for section, views in _sections(submission, {}, {}, plausibility=False):
            for view in views:
                code = view.field.code
                old, new = a.data.get(code), b.data.get(code)
                rows.append((section, view.field, old, new, old != new))
    return render(
        request,
        "reporting/submission_compare.html",
        {
            "body": body,
            "submission": submission,
            "revisions": revisions,
            "a": a,
            "b": b,
            "rows": rows,
        },
    )
