"""What the secretariat may put in a release: the body's items labelled TLP:CLEAR."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from lintas.cases.statistics import DIMENSIONS, dimension_label
from lintas.core.tlp import TLP
from lintas.events.models import Event
from lintas.exchange.models import Kind as MessageKind
from lintas.exchange.models import Message
from lintas.members.models import Body
from lintas.plans.models import GoodPractice, Indicator


@dataclass(frozen=True)
class Candidate:
    kind: str
    id: int
    title: str
    detail: str

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.id}"


def table_choices() -> list[tuple[str, str]]:
    return [(dimension, dimension_label(dimension)) for dimension in DIMENSIONS]


def candidates(body: Body) -> list[tuple[str, list[Candidate]]]:
    """The body's CLEAR items by kind, newest first within each."""
    indicators = [
        Candidate("indicator", i.pk, f"{i.code} {i.display_name}", i.phase.name)
        for i in Indicator.objects.filter(phase__body=body, tlp=TLP.CLEAR)
        .select_related("phase")
        .order_by("-phase__starts_on", "code")
    ]
    practices = [
        Candidate("good_practice", p.pk, p.title, p.created_at.date().isoformat())
        for p in GoodPractice.objects.filter(body=body, tlp=TLP.CLEAR).order_by("-created_at")
    ]
    events = [
        Candidate("event", e.pk, e.title, e.starts_on.isoformat())
        for e in Event.objects.filter(body=body, tlp=TLP.CLEAR).order_by("-starts_on")
    ]
    bulletins = [
        Candidate("bulletin", m.pk, m.subject, m.sent_at.date().isoformat())
        for m in Message.objects.filter(
            body=body, kind=MessageKind.BULLETIN, tlp=TLP.CLEAR, cancelled_at__isnull=True
        ).order_by("-sent_at")[:50]
    ]
    groups = [
        (_("Results of the joint action phase"), indicators),
        (_("Good practices"), practices),
        (_("Outcomes of events"), events),
        (_("Bulletins"), bulletins),
    ]
    return [(title, found) for title, found in groups if found]
