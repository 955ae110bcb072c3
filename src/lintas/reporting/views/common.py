"""What the reporting pages share: a submission loaded for a page, hidden from strangers."""

from __future__ import annotations

from django.http import Http404

from lintas.members.http import AuthedRequest
from lintas.members.models import Body
from lintas.reporting import policy, selectors
from lintas.reporting.models import Submission


def _submission_or_404(request: AuthedRequest, body: Body, submission_id: int) -> Submission:
    submission = selectors.submission_for_page(submission_id, body)
    if submission is None or not policy.can_view_submission(request.user, submission):
        raise Http404
    return submission
