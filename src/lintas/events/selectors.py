"""Reads of events: the agenda, delegates and quotas, attendance, materials, survey results,
knowledge gain, and the measures the plans app computes its indicators from
(``people_trained``, ``knowledge_gain``). Each list is read with a fixed number of queries,
whatever its length."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import mean

from django.db.models import Count, Prefetch, Q, QuerySet

from lintas.events.models import (
    ActionItem,
    CheckIn,
    Contribution,
    Delegate,
    Event,
    Invitation,
    Material,
    Response,
    Session,
    Survey,
)
from lintas.members.models import Body


@dataclass
class AgendaDay:
    day: dt.date
    sessions: list[Session] = field(default_factory=list)


def sessions_of(event: Event) -> QuerySet[Session]:
    """Every session of an event with its room, chairs, contributions, their presenters and
    materials: five queries whatever the size of the agenda."""
    return (
        Session.objects.filter(event=event)
        .select_related("room")
        .prefetch_related(
            "chairs",
            Prefetch(
                "contributions",
                queryset=Contribution.objects.order_by("position", "pk").prefetch_related(
                    "presenters",
                    Prefetch(
                        "materials",
                        queryset=Material.objects.defer("content").order_by("title", "pk"),
                    ),
                ),
            ),
        )
        .order_by("starts_at", "room__position", "pk")
    )


def agenda(event: Event) -> list[AgendaDay]:
    """The agenda by day (in the event's zone), each day's sessions in time order."""
    days = {day: AgendaDay(day) for day in event.days}
    zone = event.tzinfo
    for session in sessions_of(event):
        day = session.starts_at.astimezone(zone).date()
        days.setdefault(day, AgendaDay(day)).sessions.append(session)
    return [days[d] for d in sorted(days)]


@dataclass(frozen=True)
class Quota:
    invitation: Invitation
    used: int

    @property
    def left(self) -> int:
        return max(0, self.invitation.quota - self.used)


def quotas(event: Event) -> list[Quota]:
    """Each invited unit with its quota and the nominations it used: two queries."""
    used = dict(
        Delegate.objects.filter(
            event=event,
            unit__isnull=False,
            status__in=[Delegate.Status.NOMINATED, Delegate.Status.APPROVED],
        )
        .values_list("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = Invitation.objects.filter(event=event).select_related("unit").order_by("unit__name")
    return [Quota(row, used.get(row.unit_id, 0)) for row in rows]


def delegates_of(event: Event, *, units: set[int] | None = None) -> QuerySet[Delegate]:
    rows = Delegate.objects.filter(event=event).select_related("unit", "user")
    if units is not None:
        rows = rows.filter(unit_id__in=units)
    return rows.order_by("unit__name", "full_name", "pk")


def find_delegates(event: Event, query: str, *, limit: int = 20) -> list[Delegate]:
    """Approved delegates whose name, unit or e-mail holds the words typed (for check-in by
    name)."""
    rows = Delegate.objects.filter(event=event, status=Delegate.Status.APPROVED).select_related(
        "unit"
    )
    for word in query.split()[:5]:
        rows = rows.filter(
            Q(full_name__icontains=word) | Q(unit__name__icontains=word) | Q(email__icontains=word)
        )
    return list(rows.order_by("full_name")[:limit])


@dataclass(frozen=True)
class AttendanceRow:
    delegate: Delegate
    days: set[dt.date]
    sessions: set[int]


def attendance(event: Event) -> list[AttendanceRow]:
    """Every approved delegate with the days and sessions they were checked in to: two
    queries."""
    days: dict[int, set[dt.date]] = defaultdict(set)
    sessions: dict[int, set[int]] = defaultdict(set)
    for delegate_id, day, session_id in CheckIn.objects.filter(event=event).values_list(
        "delegate_id", "day", "session_id"
    ):
        if session_id is None:
            days[delegate_id].add(day)
        else:
            sessions[delegate_id].add(session_id)
    rows = delegates_of(event).filter(status=Delegate.Status.APPROVED)
    return [AttendanceRow(d, days[d.pk], sessions[d.pk]) for d in rows]


def present_at(session: Session) -> QuerySet[CheckIn]:
    return (
        CheckIn.objects.filter(session=session)
        .select_related("delegate__unit")
        .order_by("delegate__full_name")
    )


def check_in_counts(event: Event, day: dt.date) -> dict[str, int]:
    approved = Delegate.objects.filter(event=event, status=Delegate.Status.APPROVED).count()
    here = CheckIn.objects.filter(event=event, day=day, session__isnull=True).count()
    return {"approved": approved, "here": here}


@dataclass(frozen=True)
class SurveyResult:
    survey: Survey
    responders: int
    waiting: int
    ratings: dict[int, float]  # question id -> mean rating
    comments: dict[int, list[str]]


def survey_results(event: Event) -> list[SurveyResult]:
    approved = Delegate.objects.filter(event=event, status=Delegate.Status.APPROVED).count()
    surveys = (
        Survey.objects.filter(event=event)
        .select_related("session")
        .prefetch_related("questions")
        .annotate(answered=Count("responders", distinct=True))
    )
    answers: dict[int, list[dict[str, object]]] = defaultdict(list)
    for survey_id, values in Response.objects.filter(survey__event=event).values_list(
        "survey_id", "answers"
    ):
        answers[survey_id].append(values)
    out = []
    for survey in surveys:
        ratings: dict[int, float] = {}
        comments: dict[int, list[str]] = {}
        for q in survey.questions.all():
            given = [a[str(q.pk)] for a in answers[survey.pk] if str(q.pk) in a]
            if q.kind == "rating" and given:
                ratings[q.pk] = round(mean(int(v) for v in given), 2)  # type: ignore[call-overload]
            elif q.kind == "text":
                comments[q.pk] = [str(v) for v in given if v]
        answered = survey.answered
        out.append(SurveyResult(survey, answered, max(0, approved - answered), ratings, comments))
    return out


@dataclass(frozen=True)
class Gain:
    """Knowledge gain: the post-test score minus the pre-test score, in percentage points,
    for people who took both."""

    participants: int  # took both tests
    pre_mean: float | None
    post_mean: float | None
    gain_mean: float | None
    per_person: dict[int, tuple[float, float]]  # delegate id -> (pre, post)


def _gain(responses: QuerySet[Response]) -> Gain:
    pre: dict[int, float] = {}
    post: dict[int, float] = {}
    for delegate_id, kind, score in responses.values_list("delegate_id", "survey__kind", "score"):
        if delegate_id is None or score is None:
            continue
        (pre if kind == Survey.Kind.PRE_TEST else post)[delegate_id] = score
    both = {d: (pre[d], post[d]) for d in pre.keys() & post.keys()}
    if not both:
        return Gain(0, None, None, None, {})
    return Gain(
        len(both),
        round(mean(p for p, _q in both.values()), 1),
        round(mean(q for _p, q in both.values()), 1),
        round(mean(q - p for p, q in both.values()), 1),
        both,
    )


def knowledge_gain_of(event: Event) -> Gain:
    return _gain(
        Response.objects.filter(
            survey__event=event, survey__kind__in=[Survey.Kind.PRE_TEST, Survey.Kind.POST_TEST]
        )
    )


# --- measures for the plans app ---------------------------------------------------------------


def people_trained(body: Body, start: dt.date, end: dt.date) -> int:
    """How many people a body trained between two days (both included): distinct people
    (by account, else by e-mail, else by delegate) approved for a training that ended within
    the range and checked in at least once. Plans computes its "people trained" indicators
    from this. Two queries."""
    rows = (
        Delegate.objects.filter(
            event__body=body,
            event__kind=Event.Kind.TRAINING,
            event__ends_on__gte=start,
            event__ends_on__lte=end,
            status=Delegate.Status.APPROVED,
            check_ins__isnull=False,
        )
        .values_list("pk", "user_id", "email")
        .distinct()
    )
    people = {
        f"u{user_id}" if user_id else f"e{email.lower()}" if email else f"d{pk}"
        for pk, user_id, email in rows
    }
    return len(people)


def knowledge_gain(body: Body, start: dt.date, end: dt.date) -> Gain:
    """Knowledge gain over the trainings of a body that ended between two days (both
    included): the mean of each participant's post-test score minus pre-test score (percentage
    points), with the means of both tests and how many people took both. Plans computes its
    "knowledge gain" indicators from this. One query."""
    return _gain(
        Response.objects.filter(
            survey__event__body=body,
            survey__event__kind=Event.Kind.TRAINING,
            survey__event__ends_on__gte=start,
            survey__event__ends_on__lte=end,
            survey__kind__in=[Survey.Kind.PRE_TEST, Survey.Kind.POST_TEST],
        )
    )


def action_items_of(event: Event) -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.filter(event=event)
        .select_related("owner_unit")
        .order_by("kind", "due_on", "pk")
    )


def action_items_open(body: Body) -> QuerySet[ActionItem]:
    """The actions of a body's events not done yet, soonest first (for plans to link)."""
    return (
        ActionItem.objects.filter(event__body=body, kind=ActionItem.Kind.ACTION)
        .exclude(status=ActionItem.Status.DONE)
        .select_related("event", "owner_unit")
        .order_by("due_on", "pk")
    )


def events_list(events: QuerySet[Event]) -> QuerySet[Event]:
    return (
        events.prefetch_related("organisers")
        .annotate(
            delegate_count=Count(
                "delegates", filter=Q(delegates__status=Delegate.Status.APPROVED), distinct=True
            )
        )
        .order_by("-starts_on", "title")
    )
