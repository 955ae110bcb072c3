"""``lintas send_action_reminders``: remind the owner units of actions agreed at events that are
due within a week or overdue, for cron where no worker runs. Idempotent: each reminder is
claimed once a week."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from lintas.events.services import remind_action_items


class Command(BaseCommand):
    help = "Remind the owner units of event actions due within a week or overdue."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = remind_action_items(timezone.localdate())
        self.stdout.write(f"{summary.reminded} actions reminded.")
