"""``lintas send_notices``: send the notice e-mails that are due now, for cron.

The worker sends them on its own (at once after each notice, and every five minutes for retries
and daily digests); this command is for deployments that run cron instead. Safe to run often and
alongside the worker: each e-mail is claimed before it is sent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lintas.notices.delivery import send_due


class Command(BaseCommand):
    help = "Send the notice e-mails that are due: waiting ones, retries and daily digests."

    def handle(self, *args: Any, **options: Any) -> None:
        done = send_due()
        self.stdout.write(
            f"{done['sent']} e-mails sent, {done['digests']} digests sent, "
            f"{done['given_up']} given up"
        )
