"""Benchmark of the exchange: a unit's inbox, the acknowledgement matrix and search (not part of
the test suite).

    uv run python bench/exchange.py [--units 1000] [--messages 100000] [--repeat 5]
    DATABASE_URL=postgresql://… uv run python bench/exchange.py   # the same on PostgreSQL

Builds a body with UNITS units and MESSAGES messages sent over the last 12 months (alerts,
bulletins and requests under every label; one in ten is an answer or update in a thread), each
original delivered to one to twenty units, with receipts read, acknowledged (on time or late) or
not and acted on, written in bulk through the ORM (not the services), in a fresh database (a
temporary SQLite file unless DATABASE_URL is given; on PostgreSQL a test database it creates and
drops), then gathers the tables' statistics (ANALYZE) as a database in use has them. One unit,
the busiest, receives about one message in twenty; a quiet one a few hundred.
Prints the machine, then for each measured step the median and best wall time over REPEAT runs,
the number of SQL queries and the target: a unit's inbox (the selector and its first page, then
the page as the view renders it, for the busy unit and the quiet one: the same number of
queries), the acknowledgement matrix of UNITS units x 12 months, and search over every message.
Targets: inbox under 200 ms with a constant number of queries, matrix under 500 ms, search
under 300 ms. Timings are printed, never asserted.
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

WORDS = [
    "recruiter", "border", "passport", "compound", "shelter", "victim", "broker", "visa",
    "vessel", "agency", "airport", "transfer", "account", "phone", "route", "interview",
    "statement", "return", "family", "salary", "contract", "permit", "office", "province",
    "district", "camp", "driver", "river", "casino", "factory", "plantation", "hotel",
    "workers",
]  # fmt: skip
RARE = "Myawaddy"  # in about one message in a thousand


def _timed(step: Callable[[], Any], repeat: int) -> tuple[float, float, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    step()  # warm: templates, URLs and the first connection are not what is measured
    times: list[float] = []
    queries = 0
    for _ in range(repeat):
        reset_queries()  # the log keeps 9,000 queries: a full one counts nothing new
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            step()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    return statistics.median(times), min(times), queries


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _build(units: int, messages: int) -> dict[str, Any]:
    from django.utils import timezone

    from lintas.core.tlp import TLP
    from lintas.exchange.models import DEFAULT_HOURS, Kind, Message, Priority, Reading, Receipt
    from lintas.exchange.services.content import searchable
    from lintas.members import services as members
    from lintas.members.models import Body, Role, Unit, User
    from lintas.policy import SYSTEM

    rng = random.Random(11)
    body = members.create_body(
        by=SYSTEM,
        name="Bench Working Group",
        short_name="BWG",
        slug="bench",
        kind=Body.Kind.WORKING_GROUP,
        time_zone="Asia/Ho_Chi_Minh",
        languages=["en", "vi", "id"],
    )
    unit_list = Unit.objects.bulk_create(
        Unit(body=body, name=f"Agency {i:04d}", short_name=f"A{i:04d}", kind="agency")
        for i in range(units)
    )
    busy, quiet = unit_list[0], unit_list[-1]
    secretariat = User.objects.create_user("sec@bench.example", "x", full_name="Secretariat")
    focal = User.objects.create_user("focal@bench.example", "x", full_name="Busy Focal Point")
    quiet_focal = User.objects.create_user("quiet@bench.example", "x", full_name="Quiet Focal")
    author = User.objects.create_user("author@bench.example", "x", full_name="Author")
    members.grant_role(body=body, person=secretariat, role=Role.SECRETARIAT, by=SYSTEM)
    members.grant_role(body=body, person=focal, role=Role.FOCAL_POINT, unit=busy, by=SYSTEM)
    members.grant_role(body=body, person=quiet_focal, role=Role.FOCAL_POINT, unit=quiet, by=SYSTEM)

    now = timezone.now()
    start = now - dt.timedelta(days=365)
    kinds = [Kind.ALERT] * 45 + [Kind.REQUEST] * 20 + [Kind.BULLETIN] * 35
    labels = [TLP.AMBER] * 50 + [TLP.GREEN] * 35 + [TLP.AMBER_STRICT] * 8 + [TLP.CLEAR] * 5
    labels += [TLP.RED] * 2
    priorities = [Priority.ROUTINE] * 6 + [Priority.PRIORITY] * 3 + [Priority.URGENT]
    fan_out = [1, 1, 2, 2, 3, 3, 4, 5, 8, 20]
    originals: list[Message] = []
    for _ in range(messages - messages // 10):
        sent = start + dt.timedelta(seconds=rng.randrange(365 * 86400))
        kind = rng.choice(kinds)
        rare = f" {RARE}" if rng.random() < 0.001 else ""
        originals.append(
            Message(
                body=body,
                kind=kind,
                priority=rng.choice(priorities),
                tlp=rng.choice(labels),
                subject=_sentence(rng, 6).capitalize() + rare,
                text=f"<p>{_sentence(rng, 40)}.</p>",
                author=author,
                author_unit=rng.choice(unit_list),
                sent_at=sent,
                answer_by=sent + dt.timedelta(days=10) if kind == Kind.REQUEST else None,
            )
        )
    for message in originals:  # what search reads, as the services write it
        message.search_text = searchable(message.subject, message.text, {})
    originals = Message.objects.bulk_create(originals, batch_size=2000)
    replies = [
        Message(
            body=body,
            kind=root.kind,
            tlp=root.tlp,
            subject=f"Answer: {root.subject}",
            text=f"<p>{_sentence(rng, 25)}.</p>",
            author=author,
            author_unit=rng.choice(unit_list),
            sent_at=root.sent_at + dt.timedelta(hours=rng.randint(1, 200)),
            relation="answer",
            thread=root,
        )
        for root in rng.sample(originals, messages // 10)
    ]
    for message in replies:
        message.search_text = searchable(message.subject, message.text, {})
    Message.objects.bulk_create(replies, batch_size=2000)

    receipts: list[Receipt] = []
    readings: list[Reading] = []
    for message in originals:
        chosen = set(rng.sample(unit_list, min(rng.choice(fan_out), units)))
        if rng.random() < 0.05:
            chosen.add(busy)
        chosen.discard(message.author_unit)
        ack_hours, act_hours = DEFAULT_HOURS[(Kind(message.kind), Priority(message.priority))]
        sent = message.sent_at
        expects = message.kind != Kind.BULLETIN
        for unit in chosen:
            roll = rng.random()
            ack_due = sent + dt.timedelta(hours=ack_hours) if expects else None
            acked = None
            if ack_due is not None and roll < 0.82:
                factor = rng.uniform(0.05, 0.9) if roll < 0.66 else rng.uniform(1.1, 4)
                acked = sent + (ack_due - sent) * factor
            act_due = message.answer_by or (sent + dt.timedelta(hours=act_hours))
            acted = acked + dt.timedelta(hours=rng.uniform(1, 96)) if acked and roll < 0.3 else None
            receipts.append(
                Receipt(
                    message=message,
                    unit=unit,
                    delivered_at=sent,
                    read_at=acked or (sent + dt.timedelta(hours=2) if roll < 0.9 else None),
                    acknowledge_due=ack_due,
                    acknowledged_at=acked if acked and acked < now else None,
                    act_due=act_due if expects else None,
                    acted_at=acted if acted and acted < now else None,
                )
            )
            if unit == busy and roll < 0.85:
                readings.append(Reading(message=message, user=focal, at=sent))
    Receipt.objects.bulk_create(receipts, batch_size=5000)
    Reading.objects.bulk_create(readings, batch_size=5000)
    return {
        "body": body,
        "busy": busy,
        "quiet": quiet,
        "focal": focal,
        "quiet_focal": quiet_focal,
        "secretariat": secretariat,
        "receipts": len(receipts),
        "busy_count": sum(1 for r in receipts if r.unit_id == busy.pk),
        "quiet_count": sum(1 for r in receipts if r.unit_id == quiet.pk),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    setup_django()

    from django.core.paginator import Paginator
    from django.db import connection, transaction
    from django.test.utils import override_settings
    from django.utils import timezone

    from lintas.exchange import policy, selectors
    from lintas.exchange.models import Message
    from lintas.members.models import User

    with bench_database():
        start = time.perf_counter()
        # One transaction, and no query log: the build is not what is measured.
        with override_settings(DEBUG=False), transaction.atomic():
            made = _build(args.units, args.messages)
        # A database in use has statistics on its tables (PostgreSQL's autovacuum gathers them);
        # just after a bulk load it has none, and the planners choose as if tables were empty.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"data: {args.units} units, {args.messages} messages over 12 months, "
            f"{made['receipts']} receipts (busy unit {made['busy_count']}, quiet unit "
            f"{made['quiet_count']}), built in {time.perf_counter() - start:.1f} s"
        )
        body = made["body"]

        def first_page(email: str, unit: int, q: str = "") -> Callable[[], Any]:
            def run() -> None:
                person = User.objects.get(email=email)  # a fresh request: no cached roles
                rows = selectors.inbox(
                    policy.visible_messages(person, body),
                    person=person,
                    units=policy.member_units(person, body),
                    unit=unit,
                    q=q,
                )
                page = Paginator(rows, 50).get_page(1)
                list(page)

            return run

        def page(user: Any, url: str) -> Callable[[], Any]:
            client = signed_in_client(user)

            def get() -> None:
                response = client.get(url)
                assert response.status_code == 200, response.status_code

            return get

        inbox = f"/b/{body.slug}/exchange/"
        today = timezone.localdate()
        first_month = (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
        all_messages = Message.objects.filter(body=body)
        busy, quiet = made["busy"].pk, made["quiet"].pk
        steps: list[tuple[str, str, Callable[[], Any]]] = [
            (
                f"inbox selector, first page, busy unit ({made['busy_count']})",
                "< 200 ms",
                first_page("focal@bench.example", busy),
            ),
            (
                f"inbox selector, first page, quiet unit ({made['quiet_count']})",
                "< 200 ms",
                first_page("quiet@bench.example", quiet),
            ),
            (
                "inbox page (HTML), busy unit",
                "< 200 ms",
                page(made["focal"], f"{inbox}?unit={busy}"),
            ),
            (
                "inbox page (HTML), quiet unit",
                "< 200 ms",
                page(made["quiet_focal"], f"{inbox}?unit={quiet}"),
            ),
            (
                "inbox page (HTML), busy unit, overdue box",
                "< 200 ms",
                page(made["focal"], f"{inbox}?unit={busy}&box=overdue"),
            ),
            (
                f"matrix selector, {args.units} units x 12 months",
                "< 500 ms",
                lambda: selectors.acknowledgement_matrix(body, first=first_month, last=today),
            ),
            (
                f"search selector, all {args.messages} messages, rare word",
                "< 300 ms",
                lambda: list(selectors.search(all_messages, RARE, replies=all_messages)[:50]),
            ),
            (
                f"search selector, all {args.messages} messages, two common words",
                "< 300 ms",
                lambda: list(
                    selectors.search(all_messages, "passport casino", replies=all_messages)[:50]
                ),
            ),
            (
                "inbox selector with q, first page, busy unit",
                "< 300 ms",
                first_page("focal@bench.example", busy, q="passport casino"),
            ),
            (
                "inbox page (HTML) with q, secretariat, two common words",
                "< 300 ms",
                page(made["secretariat"], f"{inbox}?q=passport+casino"),
            ),
            (
                "inbox page (HTML) with q, secretariat, rare word",
                "< 300 ms",
                page(made["secretariat"], f"{inbox}?q={RARE}"),
            ),
        ]
        print(f"{'step':58} {'median ms':>10} {'best ms':>10} {'queries':>8}  target")
        for name, target, step in steps:
            median, best, queries = _timed(step, args.repeat)
            print(f"{name:58} {median:10.1f} {best:10.1f} {queries:8d}  {target}")
        total = selectors.acknowledgement_matrix(body, first=first_month, last=today).total
        print(
            f"measures over 12 months: expected={total.expected} acknowledged={total.acknowledged}"
            f" on_time={total.on_time} requests_due={total.requests_due} answered={total.answered}"
        )


if __name__ == "__main__":
    main()
