"""Benchmark of events: check-in at two points at once over HTTP on loopback, and the agenda
page of a large event (not part of the test suite).

    uv run python bench/events.py [--delegates 60] [--contributions 120] [--repeat 5]
    DATABASE_URL=postgresql://… uv run python bench/events.py   # the same on PostgreSQL

Builds, in a fresh database (a temporary SQLite file in WAL mode, as Lintas runs, unless
DATABASE_URL is given), a body with a five-day conference of CONTRIBUTIONS contributions in
parallel rooms and DELEGATES approved delegates, through the services. Then:

- check-in: a real HTTP server on 127.0.0.1 (Django's WSGI application in a threading server)
  and two check-in points, each a thread posting the badge codes of every delegate to the API
  in its own order, so each badge is scanned twice, often at the same moment. Target: all
  within 5 minutes, each delegate checked in exactly once (none lost, none duplicated);
- the agenda page as the view renders it, for a small event (one session) and the large one:
  the same number of queries. Target: under 200 ms.

Prints the machine, then the figures. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import threading
import time
import urllib.request
from collections.abc import Callable
from typing import Any

from _django import bench_database, setup_django, signed_in_client


def _timed(step: Callable[[], Any], repeat: int) -> tuple[float, float, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    step()
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


def _build(delegates: int, contributions: int) -> dict[str, Any]:
    from lintas.events import services
    from lintas.members import services as members
    from lintas.members.models import Body, Role, User
    from lintas.policy import SYSTEM

    body = members.create_body(
        by=SYSTEM, name="Bench body", short_name="B", slug="bench", kind=Body.Kind.WORKING_GROUP,
        time_zone="Asia/Ho_Chi_Minh", languages=["en"],
    )  # fmt: skip
    sec = User.objects.create_user("sec@bench.example", "x", full_name="Secretariat")
    members.grant_role(body=body, person=sec, role=Role.SECRETARIAT, by=SYSTEM)
    today = dt.date.today()  # noqa: DTZ011 (the server's day: check-in is for today)
    event = services.create_event(
        body=body, by=SYSTEM, kind="conference", title="Five days", starts_on=today,
        ends_on=today + dt.timedelta(days=4), rooms=["Hall", "Room A", "Room B"],
    )  # fmt: skip
    rooms = list(event.rooms.all())
    people = [
        services.add_delegate(event=event, by=SYSTEM, full_name=f"Delegate {n}", role="delegate")
        for n in range(delegates)
    ]
    per_session = 3
    sessions = contributions // per_session
    for n in range(sessions):
        day = today + dt.timedelta(days=n % 5)
        slot = (n // 5) // len(rooms)
        room = rooms[(n // 5) % len(rooms)]
        start = dt.time(8 + slot, 0)
        s = services.add_session(
            event=event, by=SYSTEM, title=f"Session {n}", day=day, starts=start,
            ends=dt.time(8 + slot, 50), room=room,
        )  # fmt: skip
        for k in range(per_session):
            services.add_contribution(
                session=s,
                by=SYSTEM,
                title=f"Talk {n}.{k}",
                presenters=[people[(n * 3 + k) % delegates]],
            )
    small = services.create_event(
        body=body, by=SYSTEM, kind="meeting", title="One session", starts_on=today, ends_on=today,
        rooms=["Hall"],
    )  # fmt: skip
    s = services.add_session(
        event=small, by=SYSTEM, title="Only", day=today, starts=dt.time(9), ends=dt.time(10),
        room=small.rooms.get(),
    )  # fmt: skip
    services.add_contribution(session=s, by=SYSTEM, title="Talk", presenters=[])
    _token, key = members.create_api_token(sec, name="bench", by=sec)
    return {"body": body, "event": event, "small": small, "people": people, "sec": sec, "key": key}


def _serve() -> tuple[Any, int]:
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    from django.core.wsgi import get_wsgi_application

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), server_class=Server, handler_class=Quiet
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_port


def _check_in_race(made: dict[str, Any]) -> None:
    from django.conf import settings

    from lintas.events.models import CheckIn

    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    server, port = _serve()
    event = made["event"]
    url = f"http://127.0.0.1:{port}/api/v1/bodies/{made['body'].slug}/events/{event.pk}/check-ins"
    codes = [d.badge_code for d in made["people"]]
    results: dict[str, list[tuple[int, bool, float]]] = {"Door 1": [], "Door 2": []}

    def point(name: str, seed: int) -> None:
        order = codes[:]
        random.Random(seed).shuffle(order)
        for code in order:
            body = json.dumps({"code": f"LINTAS-BADGE:{code}", "point": name}).encode()
            headers = {"Authorization": f"Bearer {made['key']}", "Content-Type": "application/json"}
            request = urllib.request.Request(url, data=body, method="POST", headers=headers)
            start = time.perf_counter()
            with urllib.request.urlopen(request) as response:  # noqa: S310
                answer = json.loads(response.read())
                results[name].append(
                    (response.status, answer["created"], (time.perf_counter() - start) * 1000)
                )

    threads = [threading.Thread(target=point, args=(n, i)) for i, n in enumerate(results)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    server.shutdown()
    answers = [r for rows in results.values() for r in rows]
    rows = CheckIn.objects.filter(event=event)
    per_delegate = rows.values("delegate_id").distinct().count()
    created = sum(1 for r in answers if r[1])
    latency = [r[2] for r in answers]
    print(
        f"check-in: {len(codes)} delegates scanned at 2 points over HTTP (each badge twice): "
        f"{len(answers)} answers in {elapsed:.1f} s (target under 300 s), "
        f"{created} check-ins made, {len(answers) - created} told 'already', "
        f"{rows.count()} rows for {per_delegate} delegates "
        f"(target: {len(codes)} and {len(codes)}); "
        f"scan median {statistics.median(latency):.0f} ms, slowest {max(latency):.0f} ms"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=60)
    parser.add_argument("--contributions", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    setup_django()
    import tempfile

    from django.db import connection

    if connection.vendor == "sqlite":
        # A file, as Lintas runs: writers wait for each other (an in-memory database does not).
        connection.settings_dict["TEST"]["NAME"] = tempfile.mktemp(suffix=".sqlite3")  # noqa: S306

    with bench_database():
        start = time.perf_counter()
        made = _build(args.delegates, args.contributions)
        print(
            f"data: a five-day event with {args.contributions} contributions, "
            f"{args.delegates} delegates, built in {time.perf_counter() - start:.1f} s"
        )
        _check_in_race(made)
        client = signed_in_client(made["sec"])
        slug = made["body"].slug

        def page(event: Any) -> Callable[[], Any]:
            def get() -> None:
                response = client.get(f"/b/{slug}/events/{event.pk}/")
                assert response.status_code == 200, response.status_code

            return get

        for label, event in (("small (1 session)", made["small"]), ("large", made["event"])):
            median, best, queries = _timed(page(event), args.repeat)
            print(
                f"agenda page, {label}: median {median:.0f} ms, best {best:.0f} ms, "
                f"{queries} queries (target under 200 ms, the same queries small or large)"
            )


if __name__ == "__main__":
    main()
