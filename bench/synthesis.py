"""Benchmark of the consolidated report in each format (not part of the test suite).

    uv run python bench/synthesis.py [--units 100] [--periods 10] [--repeat 3]
    uv run python bench/synthesis.py --units 1000 --periods 1   # one period, many units

Builds a body with UNITS units owing a monthly report of 30 fields (three sections of eight
numbers and two narratives) for the PERIODS months before this one, one submission per unit and
month (most accepted, some submitted, some missing), in a fresh database (a temporary SQLite file
unless DATABASE_URL is given). Then builds the consolidated report of the whole range, over
UNITS x PERIODS submissions, and prints for each format the median and best wall time over
REPEAT runs (consolidation included) and the number of SQL queries.
Targets: under 3 s on screen, under 10 s for DOCX and PDF.
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


def _timed(step: Callable[[], Any], repeat: int) -> tuple[float, float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times: list[float] = []
    queries = size = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            size = len(step() or b"")
            times.append(time.perf_counter() - start)
        queries = len(ctx.captured_queries)
    return statistics.median(times), min(times), queries, size


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
        name="Bench Steering Committee",
        short_name="BSC",
        slug="bench",
        kind=Body.Kind.STEERING_COMMITTEE,
        time_zone="Asia/Ho_Chi_Minh",
        languages=["en", "vi", "id"],
    )
    unit_list = Unit.objects.bulk_create(
        Unit(body=body, name=f"Department {i:04d}", short_name=f"D{i:04d}", kind="department")
        for i in range(units)
    )
    secretariat = User.objects.create_user("sec@bench.example", "x", full_name="Secretariat")
    members.grant_role(body=body, person=secretariat, role=Role.SECRETARIAT, by=policy.SYSTEM)
    sections = []
    for s in range(3):
        fields: list[dict[str, Any]] = [
            {
                "code": f"n{s}{i}",
                "type": "integer",
                "label": {"en": f"Figure {s}.{i}", "vi": f"Số liệu {s}.{i}"},
                "required": i < 4,
            }
            for i in range(7)
        ]
        fields.append(
            {
                "code": f"r{s}",
                "type": "decimal",
                "label": {"en": f"Share {s}"},
                "aggregation": "mean",
            }
        )
        fields += [
            {"code": f"t{s}{i}", "type": "long_text", "label": {"en": f"Narrative {s}.{i}"}}
            for i in range(2)
        ]
        sections.append({"code": f"s{s}", "title": {"en": f"Section {s + 1}"}, "fields": fields})
    template = services.create_template(
        body=body,
        code="monthly",
        name={"en": "Monthly report"},
        structure={"sections": sections},
        by=policy.SYSTEM,
    )
    version = services.latest_version(template)
    today = timezone.localdate()
    first = today.replace(day=1)
    for _ in range(months):
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
    codes = [f["code"] for s in sections for f in s["fields"]]
    subs: list[Submission] = []
    day = first
    keys = []
    while day < today.replace(day=1):
        period = period_of("monthly", day)
        keys.append(period.key)
        for unit in unit_list:
            roll = rng.random()
            if roll < 0.03:
                continue  # missing
            sent = dt.datetime.combine(
                period.end + dt.timedelta(days=rng.choice([3, 6, 9, 9, 12, 20])),
                dt.time(10),
                tzinfo=body.tzinfo,
            )
            data: dict[str, Any] = {}
            for code in codes:
                if code.startswith("n"):
                    data[code] = rng.randint(0, 500)
                elif code.startswith("r"):
                    data[code] = str(round(rng.random(), 2))
                else:
                    data[code] = "Two referrals; a fake job advertisement on social media."
            subs.append(
                Submission(
                    obligation=obligation,
                    unit=unit,
                    period_key=period.key,
                    period_start=period.start,
                    period_end=period.end,
                    version=version,
                    state="submitted" if roll > 0.9 else "accepted",
                    data=data,
                    revision=2,
                    required_total=12,
                    required_filled=12,
                    submitted_at=sent,
                    first_submitted_at=sent,
                    first_complete_at=sent,
                    first_complete_on=sent.date(),
                    accepted_at=sent if roll <= 0.9 else None,
                )
            )
        day = period.end + dt.timedelta(days=1)
    Submission.objects.bulk_create(subs, batch_size=2000)
    return {
        "body": body,
        "obligation": obligation,
        "secretariat": secretariat,
        "submissions": len(subs),
        "first": keys[0],
        "last": keys[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--periods", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup_django()

    from lintas.synthesis import render
    from lintas.synthesis.consolidate import consolidate

    with bench_database():
        start = time.perf_counter()
        made = _build(args.units, args.periods)
        print(
            f"data: {args.units} units x {args.periods} monthly periods, 30-field template, "
            f"{made['submissions']} submissions, built in {time.perf_counter() - start:.1f} s"
        )
        obligation, first, last = made["obligation"], made["first"], made["last"]

        def build(include: bool = True) -> Any:
            return consolidate(obligation, first=first, last=last, include_submitted=include)

        client = signed_in_client(made["secretariat"])
        url = (
            f"/b/{made['body'].slug}/synthesis/obligations/{obligation.pk}/"
            f"?first={first}&last={last}&include_submitted=1"
        )

        def page() -> bytes:
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response.content

        steps: list[tuple[str, Callable[[], Any]]] = [
            ("consolidate (the data tree)", lambda: build() and b""),
            ("on screen (HTML page, charts inline)", page),
        ]
        for fmt in render.FORMATS:
            steps.append((fmt.upper(), lambda fmt=fmt: render.render(build(), fmt).content))
        steps.append(
            ("PDF in Vietnamese", lambda: render.render(build_vi(), "pdf").content),
        )

        def build_vi() -> Any:
            return consolidate(
                obligation, first=first, last=last, include_submitted=True, language="vi"
            )

        # a running server imports these once; the first request would otherwise pay for it
        start = time.perf_counter()
        import lintas.synthesis.render.charts
        import lintas.synthesis.render.docx
        import lintas.synthesis.render.pdf
        import lintas.synthesis.render.tabular
        import lintas.synthesis.views  # noqa: F401

        page()
        print(f"warm-up (imports, first request): {time.perf_counter() - start:.1f} s")
        print(f"{'step':<40} {'median':>9} {'best':>9} {'queries':>8} {'bytes':>10}")
        for name, step in steps:
            median, best, queries, size = _timed(step, args.repeat)
            print(f"{name:<40} {median:>8.2f}s {best:>8.2f}s {queries:>8} {size:>10}")
        print("targets: on screen < 3 s; DOCX and PDF < 10 s")


if __name__ == "__main__":
    main()
