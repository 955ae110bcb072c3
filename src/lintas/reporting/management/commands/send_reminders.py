"""``lintas send_reminders``: send the reminders and escalations due now, for cron.

The worker sends them every hour on its own; this command is for deployments that run cron
instead, and to see what is due (``--dry-run``). Safe to run often and alongside the worker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lintas.reporting.reminders import Summary, describe, due_reminders, send_due_reminders


def _instant(value: str) -> dt.datetime:
    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--now {value!r} is not an ISO date and time") from None
    return instant if timezone.is_aware(instant) else timezone.make_aware(instant, dt.UTC)


class Command(BaseCommand):
    help = "Send the report reminders and escalations that are due (each one once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            help="Act as if it were this instant (ISO 8601; UTC when no offset is given).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what is due; send and record nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = _instant(options["now"]) if options["now"] else timezone.now()
        if options["dry_run"]:
            reminders = due_reminders(now)
            if options["verbosity"] > 1:
                for reminder in reminders:
                    self.stdout.write(describe(reminder))
            summary = Summary.planned(reminders)
        else:
            summary = send_due_reminders(now)
        for line in summary.lines():
            self.stdout.write(line)
