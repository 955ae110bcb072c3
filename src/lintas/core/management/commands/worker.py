"""``lintas worker``: run background tasks (Django's task framework, database backend)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string

from lintas.core import heartbeat
from lintas.core.periodic import queue_unless_waiting

# Tasks that queue their own next run (see core.periodic); the worker queues the first.
PERIODIC_TASKS = [
    "lintas.reporting.tasks.send_reminders",
    "lintas.synthesis.tasks.generate_after_lock",
    "lintas.cases.tasks.remind_referrals",
    "lintas.notices.tasks.send_due_emails",
    "lintas.exchange.tasks.chase_messages",
    "lintas.events.tasks.remind_actions",
    "lintas.public.tasks.publish_silent_consent",
    "lintas.core.tasks.prune_task_results",
]


class Command(BaseCommand):
    help = (
        "Run the background worker that executes queued tasks. At start it queues each periodic "
        "task (reminders and consolidated reports of periods that locked, each hourly; notice "
        "e-mails to retry and daily digests, every five minutes; reminders of messages not "
        "acknowledged, every quarter of an hour; actions agreed at events and due, every six "
        "hours; public releases whose sign-off deadline passed in silence, hourly; finished "
        "task results deleted, daily) unless a run is already waiting. While it "
        "runs it records a heartbeat, so pages can tell when no worker is running."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")
        parser.add_argument(
            "--no-periodic",
            action="store_true",
            help="Do not queue the periodic tasks; run only what is queued already.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Pages that wait for the worker read its heartbeat (core.heartbeat): beat now, then from
        # a thread while tasks run; a batch beats when it starts and when it ends.
        name = heartbeat.this_worker()
        heartbeat.forget_old_beats()
        heartbeat.record_beat(worker=name)
        if not options["no_periodic"]:
            for path in PERIODIC_TASKS:
                if queue_unless_waiting(import_string(path)) and options["verbosity"] > 1:
                    self.stdout.write(f"Queued {path}")
        if options["batch"]:
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
            heartbeat.record_beat(worker=name)
            return
        beating = heartbeat.Heartbeat(worker=name)
        beating.start()
        try:
            # Never reloaded on code changes (django-tasks does in DEBUG): a reload ends the
            # process in the middle of a task, which then stays "running" for ever.
            call_command("db_worker", "--no-reload")
        finally:
            beating.stop()
