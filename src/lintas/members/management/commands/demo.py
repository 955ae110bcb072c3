"""``lintas demo``: load the fictional demo bodies and print how to sign in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from lintas.members.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create the demo bodies, units and people (safe to run twice)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        people = load_demo()
        from lintas.reporting.demo import load_reporting_demo

        load_reporting_demo()
        from lintas.cases.demo import load_cases_demo

        load_cases_demo()
        if options["quiet"]:
            return
        demo_page = settings.SITE_URL.rstrip("/") + "/demo/"
        self.stdout.write(self.style.SUCCESS(f"Demo loaded. Sign in at {demo_page}"))
        self.stdout.write(
            f"or with any of these e-mail addresses and the password {DEMO_PASSWORD}:"
        )
        for email, name, label in people:
            self.stdout.write(f"  {email:<42} {name:<28} {label}")
