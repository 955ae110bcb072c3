"""``lintas worker``: run background tasks (Django's task framework, database backend)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string

from lintas.core.periodic import queue_unless_waiting

# Tasks that queue their own next run (see core.periodic); the worker queues the first.
PERIODIC_TASKS = [
    "lintas.reporting.tasks.send_reminders",
    "lintas.synthesis.tasks.generate_after_lock",
    "lintas.cases.tasks.remind_referrals",
]


class Command(BaseCommand):
    help = (
        "Run the background worker that executes queued tasks. At start it queues each periodic "
        "task (reminders; consolidated reports of periods that locked; each hourly) unless a run "
        "is already waiting."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")
        parser.add_argument(
            "--no-periodic",
            action="store_true",
            help="Do not queue the periodic tasks; run only what is queued already.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_periodic"]:
            for path in PERIODIC_TASKS:
                if queue_unless_waiting(import_string(path)) and options["verbosity"] > 1:
                    self.stdout.write(f"Queued {path}")
        extra = ["--batch", "--no-startup-delay"] if options["batch"] else []
        call_command("db_worker", *extra)
