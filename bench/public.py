"""Benchmark of the public pages (not part of the test suite).

    uv run python bench/public.py [--repeat 50]
    DATABASE_URL=postgresql://… uv run python bench/public.py   # the same on PostgreSQL

Loads the demo (``lintas demo``) in a fresh database, then asks, as an anonymous visitor
through the whole middleware stack, for the working group's public page, one release, its CSV,
JSON and feed. Prints the machine, then for each the median and best wall time over REPEAT
requests and the SQL queries of one: the page made (the cache emptied before each request) and
the page answered from the cache, and a repeat visit answered 304 by its ETag.
Target: a public page under 100 ms from the cache. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from _django import bench_database, setup_django


def _timed(step: Callable[[], Any], repeat: int, *, before: Callable[[], None] | None = None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    step()  # warm
    times: list[float] = []
    queries = 0
    for _ in range(repeat):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            answer = step()
            times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code in (200, 304), answer.status_code
        queries = len(ctx.captured_queries)
    return statistics.median(times), min(times), queries


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args(argv)
    setup_django()
    with bench_database():
        from django.core.cache import cache
        from django.core.management import call_command
        from django.test import Client

        from lintas.members.demo import WG_SLUG

        start = time.perf_counter()
        call_command("demo", quiet=True)
        print(f"demo loaded in {time.perf_counter() - start:.1f} s")
        client = Client()
        home = f"/public/{WG_SLUG}/"
        etag = client.get(home)["ETag"]
        steps: list[tuple[str, Callable[[], Any], Callable[[], None] | None]] = [
            ("public page, made", lambda: client.get(home), cache.clear),
            ("public page, from the cache", lambda: client.get(home), None),
            ("public page in Vietnamese, from cache", lambda: client.get(home + "?lang=vi"), None),
            (
                "public page, repeat visit (304)",
                lambda: client.get(home, HTTP_IF_NONE_MATCH=etag),
                None,
            ),
            ("release 1, from the cache", lambda: client.get(home + "releases/1/"), None),
            ("release 1 as CSV", lambda: client.get(home + "releases/1.csv"), None),
            ("release 1 as JSON", lambda: client.get(home + "releases/1.json"), None),
            ("feed of releases (Atom)", lambda: client.get(home + "releases.atom"), None),
        ]
        for name, step, before in steps:
            median, best, queries = _timed(step, args.repeat, before=before)
            print(
                f"{name:<40} median {median:8.1f} ms  best {best:8.1f} ms  {queries:3d} queries"
                "  (target < 100 ms from the cache)"
            )


if __name__ == "__main__":
    main()
