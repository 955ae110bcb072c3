"""A deadline surge: the queries of starting, saving and submitting a report stay few, and the
same for a unit with many past reports and a secretariat of many people as for a small one."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lintas.members.models import Membership, Role, User
from lintas.reporting import services
from lintas.reporting.models import Submission
from tests.conftest import sign_in
from tests.reporting.conftest import GOOD, Regime

UTC = dt.UTC
POSTED = {
    "f_cases": "12",
    "f_victims": "9",
    "f_rate": "0.5",
    "f_hotline": "yes",
    "f_situation": "Two fake job advertisements led 9 people to a scam compound.",
    "f_channel": "online_ad",
}


def _grow(regime: Regime, *, people: int) -> None:
    """More people in the secretariat (each told of a submission), more reports of the period."""
    cast = regime.cast
    for i in range(people):
        user = User.objects.create_user(f"sec{i}@example.org", "x" * 12, full_name=f"Sec {i}")
        Membership.objects.create(user=user, body=cast.body, role=Role.SECRETARIAT)
    for unit, person in ((cast.unit_b, cast.focal_b), (cast.unit_c, cast.focal_c)):
        sub = services.start_submission(
            obligation=regime.obligation, unit=unit, period_key="2024-03", by=person
        )
        services.submit_report(sub, by=person, data=GOOD, revision=sub.revision)


def _queries(regime: Regime, on_commit: Any) -> dict[str, int]:
    """Queries of each step, with what runs after its commit (the secretariat told)."""
    cast = regime.cast
    client = sign_in(Client(), cast.focal_a)
    client.get(reverse("reporting:my-reports", kwargs={"slug": cast.body.slug}))  # warm
    start = reverse(
        "reporting:start",
        kwargs={
            "slug": cast.body.slug,
            "obligation_id": regime.obligation.pk,
            "unit_id": cast.unit_a.pk,
            "period": "2024-03",
        },
    )
    counts: dict[str, int] = {}
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(start)
    assert response.status_code == 302
    counts["start"] = len(ctx.captured_queries)
    sub = Submission.objects.get(unit=cast.unit_a, period_key="2024-03")
    edit = reverse(
        "reporting:submission-edit", kwargs={"slug": cast.body.slug, "submission_id": sub.pk}
    )
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(
            edit, {**POSTED, "action": "save", "revision": sub.revision}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    counts["save"] = len(ctx.captured_queries)
    sub.refresh_from_db()
    with CaptureQueriesContext(connection) as ctx, on_commit(execute=True) as callbacks:
        response = client.post(edit, {**POSTED, "action": "submit", "revision": sub.revision})
    assert callbacks  # the secretariat's notices were made and counted
    assert response.status_code == 302, response.content.decode()[:2000]
    counts["submit"] = len(ctx.captured_queries)
    sub.refresh_from_db()
    assert sub.state == Submission.State.SUBMITTED
    assert sub.data["cases"] == 12
    return counts


@time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=False)
def test_start_save_and_submit_take_as_many_queries_small_as_large(
    regime: Regime, django_capture_on_commit_callbacks: Any
) -> None:
    small = _queries(regime, django_capture_on_commit_callbacks)
    Submission.objects.all().delete()
    _grow(regime, people=12)
    large = _queries(regime, django_capture_on_commit_callbacks)
    assert small == large
    # a submit reads the person, the report and its template once, writes the revision, the
    # transition, the audit entry and the notices: 48 queries before, far fewer now
    assert large["submit"] <= 36, large
