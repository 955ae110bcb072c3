"""``lintas demo``: load every app's fictional demo data, in order, and print how to sign in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from lintas.cases.demo import load_cases_demo
from lintas.events.demo import load_events_demo
from lintas.exchange.demo import load_exchange_demo
from lintas.members.demo import DEMO_PASSWORD, WG_SLUG, load_demo
from lintas.members.models import Body
from lintas.networks.models import LinkRun
from lintas.networks.services import relink_now
from lintas.plans.demo import load_plans_demo
from lintas.public.demo import load_public_demo
from lintas.reporting.demo import load_reporting_demo


class Command(BaseCommand):
    help = "Create the demo bodies, units and people (safe to run twice)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        people = load_demo()
        load_reporting_demo()
        load_cases_demo()
        load_exchange_demo()
        load_events_demo()
        # The networks are read from the case records: link them once the cases are in, so the
        # demo shows networks (in the app only: the demo's people have no mailbox).
        cases_body = Body.objects.get(slug=WG_SLUG)
        if not LinkRun.objects.filter(body=cases_body, kind=LinkRun.Kind.FULL).exists():
            relink_now(body=cases_body, email=False)
        load_plans_demo()
        load_public_demo()
        if options["quiet"]:
            return
        demo_page = settings.SITE_URL.rstrip("/") + "/demo/"
        self.stdout.write(self.style.SUCCESS(f"Demo loaded. Sign in at {demo_page}"))
        self.stdout.write(
            f"or with any of these e-mail addresses and the password {DEMO_PASSWORD}:"
        )
        for email, name, label in people:
            self.stdout.write(f"  {email:<42} {name:<28} {label}")
