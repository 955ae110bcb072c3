"""Indicators computed from Lintas's own data: a registry of sources, each a function giving the
value of a body for a period (its first and last day), or None when there is nothing to count.

An indicator's ``source`` is "entered" or the key of one of these. Other apps add theirs with
``register``; people trained and knowledge gain are read from the events app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lintas.members.models import Body
from lintas.plans.models import Measure

Compute = Callable[[Body, dt.date, dt.date], float | None]


@dataclass(frozen=True)
class Source:
    key: str
    label: object  # a lazy translation
    measure: str
    compute: Compute


REGISTRY: dict[str, Source] = {}


def register(key: str, label: object, measure: str) -> Callable[[Compute], Compute]:
    def wrap(compute: Compute) -> Compute:
        REGISTRY[key] = Source(key, label, measure, compute)
        return compute

    return wrap


def choices() -> list[tuple[str, str]]:
    return [(s.key, str(s.label)) for s in REGISTRY.values()]


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


@register("reporting_on_time", _("Reporting rate on time (reports)"), Measure.PERCENTAGE)
def reporting_on_time(body: Body, first: dt.date, last: dt.date) -> float | None:
    """Reports on time over reports expected, for every obligation's periods ending in the
    range (the reporting regime's own measures)."""
    from lintas.reporting import measures, selectors

    parts = []
    for obligation in selectors.obligations_for_body(body).select_related("body"):
        inside = [p for p in obligation.periods_until(last) if first <= p.end <= last]
        if inside:
            parts.append(selectors.reporting_matrix(obligation, period_list=inside).total)
    total = measures.combine(parts)
    return _percent(total.on_time, total.expected)


@register(
    "alerts_acknowledged_on_time", _("Alerts acknowledged on time (exchange)"), Measure.PERCENTAGE
)
def alerts_acknowledged_on_time(body: Body, first: dt.date, last: dt.date) -> float | None:
    from lintas.exchange import selectors

    total = selectors.acknowledgement_matrix(body, first=first, last=last, kind="alert").total
    return _percent(total.on_time, total.expected)


@register(
    "referrals_accepted", _("Cases referred and accepted across units (cases)"), Measure.COUNT
)
def referrals_accepted(body: Body, first: dt.date, last: dt.date) -> float | None:
    from lintas.cases.models import Referral

    start = dt.datetime.combine(first, dt.time(), tzinfo=body.tzinfo)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=body.tzinfo)
    accepted = Q(state=Referral.State.ACCEPTED) | Q(state=Referral.State.CLOSED, decline_reason="")
    return float(
        Referral.objects.filter(
            accepted,
            case__body=body,
            answered_at__gte=start,
            answered_at__lt=end,
        )
        .exclude(from_unit=F("to_unit"))
        .count()
    )


@register(
    "networks_disrupted", _("Networks disrupted, as marked by analysts (networks)"), Measure.COUNT
)
def networks_disrupted(body: Body, first: dt.date, last: dt.date) -> float | None:
    from lintas.networks.models import NetworkDisruption

    return float(
        NetworkDisruption.objects.filter(
            body=body, disrupted_on__gte=first, disrupted_on__lte=last
        ).count()
    )


@register(
    "recommendations_implemented",
    _("Recommendations implemented on time (evaluations)"),
    Measure.PERCENTAGE,
)
def recommendations_implemented(body: Body, first: dt.date, last: dt.date) -> float | None:
    """Of the accepted (or partly accepted) recommendations due by the period's end, the share
    done by their due day."""
    from lintas.plans.models import Recommendation

    due = Recommendation.objects.filter(
        evaluation__phase__body=body,
        response__in=[Recommendation.Response.ACCEPTED, Recommendation.Response.PARTIAL],
        due_on__lte=last,
    )
    done = due.filter(follow_up=Recommendation.FollowUp.DONE, done_on__lte=F("due_on"))
    return _percent(done.count(), due.count())


@register("people_trained", _("People trained (events)"), Measure.COUNT)
def people_trained(body: Body, first: dt.date, last: dt.date) -> float | None:
    """Distinct people approved for a training that ended in the period and present at least
    once (the events app's count)."""
    from lintas.events import selectors as events

    return float(events.people_trained(body, first, last))


@register(
    "knowledge_gain",
    _("Knowledge gain in trainings, in percentage points (events)"),
    Measure.PERCENTAGE,
)
def knowledge_gain(body: Body, first: dt.date, last: dt.date) -> float | None:
    """The mean of post-test minus pre-test scores of the people who took both, over the
    trainings that ended in the period; None when nobody took both."""
    from lintas.events import selectors as events

    return events.knowledge_gain(body, first, last).gain_mean
