"""``lintas demo`` loads every app's demo data in order, from the top: the case records come
before the networks, which are linked from them once they are in; the exchange fills both
bodies. Twice adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from lintas.cases.models import Case
from lintas.exchange.models import Message
from lintas.members.demo import SC_SLUG, WG_SLUG
from lintas.networks.models import LinkRun, Network
from lintas.reporting.models import Submission


@pytest.mark.django_db
def test_the_demo_shows_reports_cases_messages_and_the_networks_linked_from_them() -> None:
    out = io.StringIO()
    call_command("demo", stdout=out)

    assert "Demo loaded" in out.getvalue()
    assert Submission.objects.exists()
    assert Case.objects.filter(body__slug=WG_SLUG).exists()
    run = LinkRun.objects.get(body__slug=WG_SLUG)
    assert run.kind == LinkRun.Kind.FULL and run.state == LinkRun.State.DONE
    assert Network.objects.filter(body__slug=WG_SLUG).exists()
    messages = Message.objects.count()
    assert {WG_SLUG, SC_SLUG} == set(Message.objects.values_list("body__slug", flat=True))

    call_command("demo", quiet=True)

    assert LinkRun.objects.filter(body__slug=WG_SLUG).count() == 1
    assert Message.objects.count() == messages
