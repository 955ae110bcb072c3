"""Benchmark of joint action phases: the phase dashboard and the evaluation report's Word
document (not part of the test suite).

    uv run python bench/plans.py [--results 50] [--activities 300] [--indicators 600] [--repeat 5]
    DATABASE_URL=postgresql://… uv run python bench/plans.py   # the same on PostgreSQL
    uv run python bench/plans.py --profile   # where the large page spends its time, slowest queries

Builds a body with 20 units and one phase of RESULTS results, ACTIVITIES activities and
INDICATORS indicators (half on results, half on activities), each with a baseline, a target and
an actual for each of the phase's 8 quarters, written in bulk through the ORM (not the
services) in a fresh database, then an evaluation after 12 months with lessons, good practices
and recommendations. Prints the machine, then for each step the median and best wall time over
REPEAT runs and its number of SQL queries: the phase's page as the view renders it (and the
same for a phase a tenth the size: the number of queries must not change), and the evaluation
report built as the worker builds it (Word and PDF, charts included), once.
Targets: the dashboard under 300 ms with a constant number of queries, the evaluation DOCX
under 10 s on the worker. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from _django import bench_database, setup_django, signed_in_client


def _timed(step: Callable[[], Any], repeat: int) -> tuple[float, float, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    step()  # warm
    times: list[float] = []
    queries = 0
    for _ in range(repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            step()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    return statistics.median(times), min(times), queries


def _build(body: Any, name: str, n_results: int, n_activities: int, n_indicators: int) -> Any:
    from lintas.members.models import Unit
    from lintas.plans import models as m

    units = list(Unit.objects.filter(body=body))
    phase = m.Phase.objects.create(
        body=body,
        name=name,
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2024, 12, 31),
        status="active",
    )
    pillars = m.Pillar.objects.bulk_create(
        [m.Pillar(phase=phase, number=i + 1, name={"en": f"Pillar {i + 1}"}) for i in range(4)]
    )
    impact = m.Result.objects.create(phase=phase, level="impact", code="0", title={"en": "I"})
    outcomes = m.Result.objects.bulk_create(
        [
            m.Result(
                phase=phase,
                level="outcome",
                code=f"{i + 1}",
                title={"en": f"Outcome {i + 1}", "vi": f"Kết quả {i + 1}"},
                parent=impact,
                pillar=pillars[i % 4],
            )
            for i in range(max(1, n_results // 5))
        ]
    )
    outputs = m.Result.objects.bulk_create(
        [
            m.Result(
                phase=phase,
                level="output",
                code=f"{i % len(outcomes) + 1}.{i}",
                title={"en": f"Output {i}"},
                parent=outcomes[i % len(outcomes)],
            )
            for i in range(n_results - len(outcomes) - 1)
        ]
    )
    activities = m.Activity.objects.bulk_create(
        [
            m.Activity(
                phase=phase,
                result=outputs[i % len(outputs)],
                code=f"A{i}",
                title={"en": f"Activity {i}"},
                starts_on=dt.date(2023, 1 + i % 12, 1),
                ends_on=dt.date(2024, 1 + i % 12, 28),
                status=["planned", "under_way", "done", "delayed"][i % 4],
            )
            for i in range(n_activities)
        ]
    )
    lead = m.Activity.lead_units.through
    lead.objects.bulk_create(
        [lead(activity_id=a.pk, unit_id=units[i % len(units)].pk) for i, a in enumerate(activities)]
    )
    helpers = m.Activity.contributing_units.through
    helpers.objects.bulk_create(
        [
            helpers(activity_id=a.pk, unit_id=units[(i + 1) % len(units)].pk)
            for i, a in enumerate(activities)
        ]
    )
    results = [impact, *outcomes, *outputs]
    indicators = m.Indicator.objects.bulk_create(
        [
            m.Indicator(
                phase=phase,
                result=results[i % len(results)] if i % 2 == 0 else None,
                activity=activities[i % len(activities)] if i % 2 else None,
                code=f"I{i}",
                name={"en": f"Indicator {i}"},
                measure="count" if i % 3 else "percentage",
            )
            for i in range(n_indicators)
        ]
    )
    definitions = m.Definition.objects.bulk_create(
        [m.Definition(indicator=i, number=1, text="What is counted") for i in indicators]
    )
    m.Baseline.objects.bulk_create(
        [
            m.Baseline(indicator_id=d.indicator_id, definition=d, on=dt.date(2022, 12, 31), value=5)
            for d in definitions
        ]
    )
    quarters = phase.periods()
    m.Target.objects.bulk_create(
        [
            m.Target(
                indicator_id=d.indicator_id,
                period_key=q.key,
                period_start=q.start,
                period_end=q.end,
                value=Decimal(10 + 5 * k),
            )
            for d in definitions
            for k, q in enumerate(quarters)
        ]
    )
    m.Actual.objects.bulk_create(
        [
            m.Actual(
                indicator_id=d.indicator_id,
                definition=d,
                period_key=q.key,
                period_start=q.start,
                period_end=q.end,
                value=Decimal(8 + 4 * k + d.indicator_id % 7),
                comment="From the unit's records",
            )
            for d in definitions
            for k, q in enumerate(quarters)
        ]
    )
    return phase


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=int, default=50)
    parser.add_argument("--activities", type=int, default=300)
    parser.add_argument("--indicators", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--profile", action="store_true", help="print where the dashboard's time goes"
    )
    args = parser.parse_args(argv)
    setup_django()

    from django.db import connection, transaction
    from django.test.utils import override_settings

    from lintas.members.models import Body, Membership, Role, Unit, User
    from lintas.plans import services
    from lintas.policy import SYSTEM

    with bench_database():
        start = time.perf_counter()
        with override_settings(DEBUG=False), transaction.atomic():
            body = Body.objects.create(
                name="Bench", short_name="B", slug="bench", kind="working_group"
            )
            Unit.objects.bulk_create(
                [Unit(body=body, name=f"Agency {i}", kind="agency") for i in range(20)]
            )
            user = User.objects.create_user("sec@bench.example", "x", full_name="Sec")
            Membership.objects.create(user=user, body=body, role=Role.SECRETARIAT)
            big = _build(body, "Big", args.results, args.activities, args.indicators)
            small = _build(
                body, "Small", args.results // 10, args.activities // 10, args.indicators // 10
            )
            evaluation = services.start_evaluation(
                big, kind="mid_term", title="12 months", as_of=dt.date(2023, 12, 31), by=SYSTEM
            )
            unit = Unit.objects.filter(body=body).first()
            for i in range(5):
                services.add_lesson(evaluation, title=f"Lesson {i}", what="What", by=SYSTEM)
                services.add_good_practice(
                    evaluation, title=f"Practice {i}", what="What", evidence="Results",
                    shows_results=True, cause_effect=True, replicable=True, by=SYSTEM,
                )  # fmt: skip
                services.add_recommendation(
                    evaluation, text=f"Recommendation {i}", owner_unit=unit, by=SYSTEM
                )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"data: one phase of {args.results} results, {args.activities} activities, "
            f"{args.indicators} indicators x 8 quarters of targets and actuals; a phase a tenth "
            f"its size; built in {time.perf_counter() - start:.1f} s"
        )
        client = signed_in_client(user)

        def page(phase: Any) -> Callable[[], None]:
            url = f"/b/{body.slug}/plans/{phase.pk}/"

            def get() -> None:
                response = client.get(url)
                assert response.status_code == 200, response.status_code

            return get

        if args.profile:
            import cProfile
            import pstats

            page(big)()
            profiler = cProfile.Profile()
            profiler.runcall(page(big))
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as ctx:
                page(big)()
            for query in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:8]:
                print(f"{float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")
            return
        for label, step in (
            (f"phase dashboard, {args.indicators} indicators", page(big)),
            (f"phase dashboard, {args.indicators // 10} indicators", page(small)),
        ):
            median, best, queries = _timed(step, args.repeat)
            print(
                f"{label:<42} median {median:8.1f} ms  best {best:8.1f} ms  "
                f"{queries:3d} queries  (target < 300 ms, constant queries)"
            )

        document = services.request_document(
            big, kind="evaluation", evaluation=evaluation, language="en", by=SYSTEM
        )
        start = time.perf_counter()
        services.build_document(document.pk)
        took = time.perf_counter() - start
        document.refresh_from_db()
        print(
            f"{'evaluation report (DOCX and PDF, charts)':<42} {took:8.1f} s  "
            f"{document.status}, docx {len(document.docx or b'') // 1024} KB, "
            f"pdf {len(document.pdf or b'') // 1024} KB  (target: DOCX < 10 s)"
        )
        from lintas.plans import render, selectors

        evaluation.phase = big
        view = selectors.evaluation_view(evaluation)
        report = render.Report(evaluation.title, big, view.rows, evaluation=view)
        start = time.perf_counter()
        render.render_docx(report)
        print(f"{'evaluation report, DOCX alone':<42} {time.perf_counter() - start:8.1f} s")


if __name__ == "__main__":
    main()
