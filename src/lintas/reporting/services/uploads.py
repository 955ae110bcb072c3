"""Taking a filled offline workbook in as a submission's draft."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from lintas.audit.services import log_action
from lintas.core.errors import ConflictError
from lintas.reporting import policy
from lintas.reporting.models import Submission
from lintas.reporting.services.answers import InvalidAnswers
from lintas.reporting.services.drafts import save_draft


def upload_workbook(
    submission: Submission,
    *,
    content: bytes,
    by: policy.Actor,
    request: HttpRequest | None = None,
) -> Submission:
    """Save a filled workbook's answers as the draft; the report is not submitted. Any problem
    refuses the whole file (``offline.WorkbookProblems``), and nothing is saved. A file whose
    identification does not verify, or that names another report, is recorded in the audit
    log."""
    # The workbook's reader checks answers through this package: imported here, not above, so
    # that neither package needs the other half-loaded.
    from lintas.reporting.offline.layout import Problem, WorkbookProblems
    from lintas.reporting.offline.read import read_with_meta, stale

    if by is not policy.SYSTEM:
        policy.require(policy.can_edit_submission(by, submission))
    body = submission.obligation.body
    try:
        answers, comments, meta = read_with_meta(submission, content)
    except WorkbookProblems as exc:
        if exc.identity:
            log_action(
                "reporting.submission.upload_refused",
                actor=by,
                body=body,
                target=submission,
                data={"problems": [str(p) for p in exc.problems], "bytes": len(content)},
                request=request,
            )
        raise
    try:
        with transaction.atomic():
            save_draft(
                submission,
                data=answers,
                comments=comments,
                revision=meta.revision,
                by=by,
                source="xlsx",
            )
            log_action(
                "reporting.submission.uploaded",
                actor=by,
                body=body,
                target=submission,
                # the revision the file was made from, and the one it became (see offline/read.py)
                data={
                    "file_revision": meta.revision,
                    "revision": submission.revision,
                    "bytes": len(content),
                },
                request=request,
            )
    except ConflictError:  # someone saved while the file was read: nothing is kept
        submission.refresh_from_db()
        raise WorkbookProblems([stale(submission)]) from None
    except InvalidAnswers as exc:  # read_workbook ran the same check: not expected
        raise WorkbookProblems(
            [Problem("", "", f"{code}: {m}") for code, ms in exc.errors.items() for m in ms]
        ) from None
    return submission
