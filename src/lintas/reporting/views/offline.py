"""Offline work on a submission: download it as an XLSX workbook, upload the filled file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lintas.core.downloads import attachment
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.reporting import offline, policy, services
from lintas.reporting.offline import Problem
from lintas.reporting.views.common import _submission_or_404


@login_required
def submission_xlsx(request: AuthedRequest, slug: str, submission_id: int) -> HttpResponse:
    body = load_body(request, slug)
    submission = _submission_or_404(request, body, submission_id)
    content = offline.build_workbook(submission, get_language() or "en")
    return attachment(content, offline.file_name(submission), offline.CONTENT_TYPE)


@login_required
def submission_upload(request: AuthedRequest, slug: str, submission_id: int) -> HttpResponse:
    body = load_body(request, slug)
    submission = _submission_or_404(request, body, submission_id)
    policy.require(policy.can_edit_submission(request.user, submission))
    if not submission.is_editable_state:
        messages.info(request, _("This report is no longer a draft."))
        return redirect("reporting:submission-detail", slug=body.slug, submission_id=submission.pk)
    problems: list[Problem] = []
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            problems = [Problem("", "", _("Choose the filled XLSX file to upload."))]
        elif upload.size is not None and upload.size > offline.MAX_UPLOAD_BYTES:
            mb = offline.MAX_UPLOAD_BYTES // (1024 * 1024)
            problems = [Problem("", "", _("The file is larger than %(n)s MB.") % {"n": mb})]
        else:
            try:
                services.upload_workbook(
                    submission, content=upload.read(), by=request.user, request=request
                )
            except offline.WorkbookProblems as exc:
                problems = exc.problems
            except LintasError as exc:
                problems = [Problem("", "", exc.message)]
            else:
                messages.success(
                    request,
                    _(
                        "The file was taken in as the draft. Check the answers, then submit "
                        "the report."
                    ),
                )
                return redirect(
                    "reporting:submission-edit", slug=body.slug, submission_id=submission.pk
                )
        status = 400
        submission.refresh_from_db()
    return render(
        request,
        "reporting/submission_upload.html",
        {
            "body": body,
            "submission": submission,
            "problems": problems,
            "max_mb": offline.MAX_UPLOAD_BYTES // (1024 * 1024),
            "locked": services.is_locked(submission),
        },
        status=status,
    )
