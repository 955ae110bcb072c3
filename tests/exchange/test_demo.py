"""The demo's exchange: a season of messages in both demo bodies, played through the services, so
every page of the exchange has something to show; nothing placed in the future, no e-mail
queued, and loading twice adds nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db.models import F
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from tests.conftest import ClientFor

from lintas.audit.models import AuditEntry
from lintas.core.tlp import TLP
from lintas.exchange import selectors
from lintas.exchange.demo import load_exchange_demo
from lintas.exchange.models import (
    AgreedTime,
    AlertType,
    Forward,
    Kind,
    Message,
    Receipt,
    RecipientGroup,
)
from lintas.members.demo import SC_SLUG, WG_SLUG, load_demo
from lintas.members.models import Body, User
from lintas.notices.models import Notification, Preference


def person(key: str) -> User:
    return User.objects.get(email=f"{key}@demo.lintas.example")


@pytest.mark.django_db
def test_the_demo_exchange_has_every_state_a_reader_meets(client_for: ClientFor) -> None:
    load_demo()
    posted = load_exchange_demo()
    now = timezone.now()

    assert posted == Message.objects.filter(thread__isnull=True).count() > 60
    for slug in (WG_SLUG, SC_SLUG):
        body = Body.objects.get(slug=slug)
        originals = Message.objects.filter(body=body, thread__isnull=True)
        assert set(originals.values_list("kind", flat=True)) == set(Kind.values)
        labels = Counter(originals.values_list("tlp", flat=True))
        assert set(labels) == set(TLP.values)
        assert labels[TLP.AMBER] + labels[TLP.GREEN] > 0.8 * originals.count()
        assert labels[TLP.RED] == 1
        assert originals.get(tlp=TLP.RED).named.count() == 2
        receipts = Receipt.objects.filter(message__body=body, message__thread__isnull=True)
        on_time = receipts.filter(acknowledged_at__lte=F("acknowledge_due")).count()
        late = receipts.filter(acknowledged_at__gt=F("acknowledge_due")).count()
        overdue = receipts.filter(
            acknowledged_at__isnull=True,
            acknowledge_due__lt=now,
            message__cancelled_at__isnull=True,
        ).count()
        assert on_time > late > 0 and overdue > 0
        assert receipts.filter(acknowledge_due__gt=now, acknowledged_at__isnull=True).exists()
        assert receipts.filter(acted_at__isnull=False).exists()
        assert receipts.filter(reminded_at__isnull=False, escalated_at__isnull=False).exists()
        assert Message.objects.filter(body=body, relation="answer").count() > 10
        assert RecipientGroup.objects.filter(body=body).count() == 1
        matrix = selectors.acknowledgement_matrix(
            body, first=(now - dt.timedelta(days=160)).date(), last=now.date(), now=now
        )
        assert matrix.total.expected > matrix.total.acknowledged > matrix.total.on_time > 0
        assert matrix.total.answered > 0
        # Nothing happens after now.
        assert not Message.objects.filter(body=body, sent_at__gt=now).exists()
        assert not receipts.filter(acknowledged_at__gt=now).exists()

    wg = Body.objects.get(slug=WG_SLUG)
    alerts = Message.objects.filter(body=wg, kind=Kind.ALERT, thread__isnull=True)
    for typed in (AlertType.PERSON_SOUGHT, AlertType.RECRUITER, AlertType.JOB_OFFER):
        assert all(m.details for m in alerts.filter(alert_type=typed, derived_from=None))
    approved = Forward.objects.get(message__body=wg, state=Forward.State.APPROVED)
    assert (approved.message.kind, approved.message.tlp) == (Kind.BULLETIN, TLP.AMBER)
    assert approved.receipts.exists()
    assert Forward.objects.filter(state=Forward.State.PENDING).count() == 2
    summary = Message.objects.select_related("derived_from").get(
        body=wg, derived_from__isnull=False
    )
    assert summary.derived_from is not None
    assert (summary.tlp, summary.derived_from.tlp) == (TLP.GREEN, TLP.AMBER)
    assert alerts.filter(cancelled_at__isnull=False).count() == 1
    assert not AgreedTime.objects.filter(body=wg).exists()
    assert AgreedTime.objects.filter(body__slug=SC_SLUG).count() == 5

    # Audited as people's work; notices in the app, dated with their message; no e-mail.
    assert AuditEntry.objects.filter(action="exchange.message.acknowledged").count() > 100
    notices = Notification.objects.filter(kind__startswith="message_")
    assert notices.exists() and not notices.exclude(email=Notification.Email.NONE).exists()
    assert notices.filter(created_at__lt=now - dt.timedelta(days=30)).exists()
    assert not DBTaskResult.objects.exists()
    assert not Preference.objects.exists()

    # The pages show it: a silent unit's overdue box, a pending forward, the measures.
    silent = client_for(person("wg.kh-ncct")).get(f"/b/{WG_SLUG}/exchange/?box=overdue")
    assert silent.status_code == 200 and "Overdue" in silent.content.decode()
    author = client_for(person("wg.vn-pol")).get(f"/b/{WG_SLUG}/exchange/?box=forwards")
    assert "interpreter" in author.content.decode()
    measures = client_for(person("sc.secretariat")).get(f"/b/{SC_SLUG}/exchange/measures/")
    assert measures.status_code == 200
    red = Message.objects.get(body=wg, tlp=TLP.RED)
    assert (
        client_for(person("wg.th-pol")).get(f"/b/{WG_SLUG}/exchange/{red.pk}/").status_code == 200
    )
    assert (
        client_for(person("wg.vn-pol")).get(f"/b/{WG_SLUG}/exchange/{red.pk}/").status_code == 404
    )

    assert load_exchange_demo() == 0
    assert Message.objects.filter(thread__isnull=True).count() == posted
