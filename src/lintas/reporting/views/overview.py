"""The reports of a body: the secretariat's overview and matrix, a focal point's reports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.reporting import cells, measures, policy, selectors
from lintas.reporting.models import Obligation, ReportTemplate, Submission


@login_required
def reports_home(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    if policy.can_read_all_reports(request.user, body):
        obligations = list(selectors.obligations_for_body(body))
        summaries = []
        now = timezone.now()
        today = timezone.localtime(now, body.tzinfo).date()
        # An obligation whose last period ended and whose last deadline passed is history: it
        # is listed below the current ones, not shown as a card among them.
        ended = [o for o in obligations if selectors.has_ended(o, today)]
        for obligation in obligations:
            if obligation in ended:
                continue
            recent = selectors.obligation_periods(obligation, now=now, last=6)
            matrix = selectors.reporting_matrix(obligation, period_list=recent, now=now)
            summaries.append((obligation, matrix))
        return render(
            request,
            "reporting/reports_home.html",
            {
                "body": body,
                "summaries": summaries,
                "ended": ended,
                "can_manage": policy.can_manage_reporting(request.user, body),
                "templates": ReportTemplate.objects.filter(body=body),
            },
        )
    return redirect("reporting:my-reports", slug=body.slug)


@login_required
def my_reports(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    units = list(policy.units_reported_by(request.user, body))
    items = selectors.my_reports(units, body)
    open_states = {
        measures.DUE,
        measures.NOT_YET_DUE,
        measures.MISSING,
        measures.RETURNED,
        measures.AWAITING_VALIDATION,
    }
    todo = sorted((i for i in items if i.cell.state in open_states), key=lambda i: i.due)
    returned = [i for i in todo if i.cell.state == measures.RETURNED]
    done = sorted(
        (i for i in items if i.cell.state not in open_states), key=lambda i: i.due, reverse=True
    )
    reasons = {
        s.pk: s.return_reason
        for s in Submission.objects.filter(
            pk__in=[i.submission_id for i in returned if i.submission_id]
        )
    }
    return render(
        request,
        "reporting/my_reports.html",
        {
            "body": body,
            "units": units,
            "todo": todo,
            "returned": returned,
            "reasons": reasons,
            "done": done[:24],
            "today": timezone.localdate(),
        },
    )


@login_required
def matrix(request: AuthedRequest, slug: str, obligation_id: int) -> HttpResponse:
    body = load_body(request, slug)
    obligation = get_object_or_404(
        Obligation.objects.select_related("template"), pk=obligation_id, body=body
    )
    policy.require(policy.can_read_all_reports(request.user, body))
    try:
        last = max(1, min(int(request.GET.get("last", "12")), 120))
    except ValueError:
        last = 12
    state_filter = request.GET.get("state", "")
    period_list = selectors.obligation_periods(obligation, last=last)
    result = selectors.reporting_matrix(obligation, period_list=period_list)
    rows = result.rows
    if state_filter:
        rows = [r for r in rows if any(c.state == state_filter for c in r.cells)]
    return render(
        request,
        "reporting/matrix.html",
        {
            "body": body,
            "obligation": obligation,
            "matrix": result,
            "rows": rows,
            "legend": cells.legend(),
            "last": last,
            "state_filter": state_filter,
            "can_manage": policy.can_manage_reporting(request.user, body),
        },
    )
