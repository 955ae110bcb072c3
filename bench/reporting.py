"""Benchmark of the reporting matrix and my reports (not part of the test suite).

    uv run python bench/reporting.py [--units 1000] [--periods 36] [--repeat 5]
    DATABASE_URL=postgresql://… uv run python bench/reporting.py   # the same on PostgreSQL

Builds a body with UNITS units owing a monthly report of 30 fields for the PERIODS months
before this one, one submission per unit and month (drafts, late, returned, accepted), in a
fresh database (a temporary SQLite file unless DATABASE_URL is given; on PostgreSQL a test
database it creates and drops).
Prints the machine, then for each measured step the median and best wall time over REPEAT runs
and the number of SQL queries: the matrix selector over all periods, the matrix page for the last
12 periods and for all, a focal point's my reports, and the measures over the whole range.
Target: the matrix of 1,000 units x 36 periods in under 200 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from _django import bench_database, setup_django, signed_in_client


def _timed(step: Callable[[], Any], repeat: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times: list[float] = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            step()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    return statistics.median(times), min(times), queries


def _build(units: int, months: int) -> dict[str, Any]:
    from django.utils import timezone

    from lintas import policy
    from lintas.members import services as members
    from lintas.members.models import Body, Role, Unit, User
    from lintas.reporting import services
    from lintas.reporting.models import Submission
    from lintas.reporting.periods import period_of

    rng = random.Random(7)
    body = members.create_body(
        by=policy.SYSTEM,
        name="Bench Working Group",
        short_name="BWG",
        slug="bench",
        kind=Body.Kind.WORKING_GROUP,
        time_zone="Asia/Ho_Chi_Minh",
        languages=["en", "vi", "id"],
    )
    unit_list = Unit.objects.bulk_create(
        Unit(body=body, name=f"Department {i:04d}", short_name=f"D{i:04d}", kind="department")
        for i in range(units)
    )
    secretariat = User.objects.create_user("sec@bench.example", "x", full_name="Secretariat")
    focal = User.objects.create_user("focal@bench.example", "x", full_name="Focal Point")
    members.grant_role(body=body, person=secretariat, role=Role.SECRETARIAT, by=policy.SYSTEM)
    members.grant_role(
        body=body, person=focal, role=Role.FOCAL_POINT, unit=unit_list[0], by=policy.SYSTEM
    )
    fields = [
        {"code": f"n{i:02d}", "type": "integer", "label": {"en": f"Figure {i}"}, "required": i < 10}
        for i in range(24)
    ] + [
        {"code": f"t{i}", "type": "long_text", "label": {"en": f"Narrative {i}"}, "required": i < 2}
        for i in range(6)
    ]
    structure = {"sections": [{"code": "s", "title": {"en": "Report"}, "fields": fields}]}
    template = services.create_template(
        body=body,
        code="monthly",
        name={"en": "Monthly report"},
        structure=structure,
        by=policy.SYSTEM,
    )
    version = services.latest_version(template)
    today = timezone.localdate()
    first = today.replace(day=1)
    for _ in range(months):  # the months before this one; this one is not yet due
        first = (first - dt.timedelta(days=1)).replace(day=1)
    obligation = services.define_obligation(
        body=body,
        template=template,
        units=unit_list,
        period_type="monthly",
        starts_on=first,
        due_days=10,
        timely_days=10,
        expiry_days=30,
        by=policy.SYSTEM,
    )
    tz = body.tzinfo
    subs: list[Submission] = []
    day = first
    while day < today.replace(day=1):
        period = period_of("monthly", day)
        for unit in unit_list:
            roll = rng.random()
            sent = dt.datetime.combine(
                period.end + dt.timedelta(days=rng.choice([3, 6, 9, 9, 12, 20])),
                dt.time(10),
                tzinfo=tz,
            )
            state = (
                "draft"
                if roll < 0.1
                else "accepted"
                if roll < 0.7
                else "returned"
                if roll < 0.75
                else "submitted"
            )
            data = {f["code"]: rng.randint(0, 500) for f in fields[:24]}
            data.update({f["code"]: "Situation stable; two referrals." for f in fields[24:]})
            arrived = None if state == "draft" else sent
            subs.append(
                Submission(
                    obligation=obligation,
                    unit=unit,
                    period_key=period.key,
                    period_start=period.start,
                    period_end=period.end,
                    version=version,
                    state=state,
                    data=data,
                    revision=2,
                    required_total=12,
                    required_filled=12,
                    submitted_at=arrived,
                    first_submitted_at=arrived,
                    first_complete_at=arrived,
                    first_complete_on=arrived and arrived.date(),
                )
            )
        day = period.end + dt.timedelta(days=1)
    Submission.objects.bulk_create(subs, batch_size=2000)
    return {
        "body": body,
        "obligation": obligation,
        "secretariat": secretariat,
        "focal": focal,
        "unit": unit_list[0],
        "submissions": len(subs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--periods", type=int, default=36)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup_django()

    from lintas.reporting import selectors

    with bench_database():
        start = time.perf_counter()
        made = _build(args.units, args.periods)
        print(
            f"data: {args.units} units x {args.periods} monthly periods, "
            f"{made['submissions']} submissions, built in {time.perf_counter() - start:.1f} s"
        )
        obligation = made["obligation"]
        body = made["body"]
        periods_all = selectors.obligation_periods(obligation)

        def page(user: Any, url: str) -> Callable[[], Any]:
            client = signed_in_client(user)

            def get() -> None:
                response = client.get(url)
                assert response.status_code == 200, response.status_code

            return get

        matrix_url = f"/b/{body.slug}/reports/obligations/{obligation.pk}/"
        steps: list[tuple[str, Callable[[], Any]]] = [
            (
                f"matrix selector, {args.units} x {len(periods_all)}",
                lambda: selectors.reporting_matrix(obligation, period_list=periods_all),
            ),
            (
                "matrix selector, last 12 periods",
                lambda: selectors.reporting_matrix(obligation, period_list=periods_all[-12:]),
            ),
            (
                f"one unit's history, {len(periods_all)} periods",
                lambda: selectors.unit_history(obligation, made["unit"]),
            ),
            ("matrix page, last 12 periods (HTML)", page(made["secretariat"], matrix_url)),
            (
                f"matrix page, last {len(periods_all)} periods (HTML)",
                page(made["secretariat"], f"{matrix_url}?last={len(periods_all)}"),
            ),
            (
                "my reports page (focal point of one unit)",
                page(made["focal"], f"/b/{body.slug}/reports/mine/"),
            ),
        ]
        print(f"{'step':48} {'median ms':>10} {'best ms':>10} {'queries':>8}")
        for name, step in steps:
            median, best, queries = _timed(step, args.repeat)
            print(f"{name:48} {median:10.1f} {best:10.1f} {queries:8d}")
        total = selectors.reporting_matrix(obligation, period_list=periods_all).total.as_dict()
        print("measures over the whole range: " + ", ".join(f"{k}={v}" for k, v in total.items()))


if __name__ == "__main__":
    main()
