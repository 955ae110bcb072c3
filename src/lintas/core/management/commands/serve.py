"""``lintas serve``: the production web server (gunicorn), after collecting the static files."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


def default_processes() -> int:
    """One web process per core, at least two (a request that waits on the database does not
    stall the other process); each runs ``LINTAS_WEB_THREADS`` threads."""
    return max(2, os.cpu_count() or 1)


def gunicorn_argv(
    *, bind: str, processes: int, threads: int, timeout: int, trusted: list[str]
) -> list[str]:
    """The command line that runs gunicorn for Lintas."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "lintas.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(processes),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        # a request running longer than this is ended and its process replaced
        "--timeout",
        str(timeout),
        "--graceful-timeout",
        "30",
        # idle keep-alive connections from the reverse proxy are closed after 5 s
        "--keep-alive",
        "5",
        # each process is replaced after about a thousand requests: memory does not creep
        "--max-requests",
        "1000",
        "--max-requests-jitter",
        "100",
        # the reverse proxies whose X-Forwarded-Proto gunicorn may believe (see core/proxy.py)
        "--forwarded-allow-ips",
        ",".join(trusted) or "127.0.0.1,::1",
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
    ]


class Command(BaseCommand):
    help = (
        "Serve Lintas in production with gunicorn: collect the static files (unless "
        "--no-collectstatic), check the deployment, then run LINTAS_WEB_PROCESSES processes of "
        "LINTAS_WEB_THREADS threads each on --bind (LINTAS_BIND, default 127.0.0.1:8000)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind", default=settings.LINTAS_BIND, help="HOST:PORT to listen on (LINTAS_BIND)."
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=settings.LINTAS_WEB_PROCESSES or default_processes(),
            help="Web processes (LINTAS_WEB_PROCESSES; default one per core, at least 2).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=settings.LINTAS_WEB_THREADS,
            help="Threads per process (LINTAS_WEB_THREADS, default 4).",
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=settings.LINTAS_WEB_TIMEOUT,
            help="Seconds before a stuck request's process is replaced (LINTAS_WEB_TIMEOUT, 60).",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="Do not collect the static files first (they were collected by a deploy step).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the gunicorn command and stop."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DEBUG:
            raise CommandError(
                "lintas serve runs the production settings; unset LINTAS_DEBUG "
                "(for development use lintas runserver)."
            )
        for name in ("processes", "threads", "timeout"):
            if options[name] < 1:
                raise CommandError(f"--{name} must be at least 1 (got {options[name]}).")
        if ":" not in options["bind"] and not options["bind"].startswith("unix:"):
            raise CommandError(f"--bind {options['bind']!r}: give HOST:PORT or unix:PATH.")
        argv = gunicorn_argv(
            bind=options["bind"],
            processes=options["processes"],
            threads=options["threads"],
            timeout=options["timeout"],
            trusted=settings.LINTAS_TRUSTED_PROXIES,
        )
        if options["dry_run"]:
            self.stdout.write(" ".join(argv))
            return
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        # the deployment checks (the static manifest among them) stop a server that would
        # answer every page with an error
        call_command("check", deploy=True, fail_level="ERROR")
        sys.stdout.flush()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lintas.settings")
        os.execv(sys.executable, argv)  # noqa: S606 - gunicorn replaces this process
