"""``lintas send_message_reminders``: remind and escalate the messages not acknowledged in time,
for cron.

The worker does it every quarter of an hour on its own; this command is for deployments that
run cron instead, and to see what is due (``--dry-run``). Safe to run often and alongside the
worker: each receipt is reminded once and escalated once, whoever gets there first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from lintas.exchange.services import chase_unacknowledged


def _instant(value: str) -> dt.datetime:
    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--now {value!r} is not an ISO date and time") from None
    return instant if timezone.is_aware(instant) else timezone.make_aware(instant, dt.UTC)


class Command(BaseCommand):
    help = (
        "Remind the units that have not acknowledged an alert or request by its deadline, and "
        "escalate those still silent as long again (each receipt once)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            help="Act as if it were this instant (ISO 8601; UTC when no offset is given).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what is due; remind, record and tell nobody.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = _instant(options["now"]) if options["now"] else timezone.now()
        if options["dry_run"]:
            # The real run, undone: its counts are exactly what a run now would do, and the
            # notices, audit entries and e-mails queued after the commit go with the rollback.
            with transaction.atomic():
                summary = chase_unacknowledged(now)
                transaction.set_rollback(True)
            done = "due (dry run: nothing sent)"
        else:
            summary = chase_unacknowledged(now)
            done = "sent"
        self.stdout.write(f"reminders: {summary.reminded} {done}")
        self.stdout.write(f"escalations: {summary.escalated} {done}")
