"""Who may see and change joint action phases: the plans part of the policy.

It builds on the reporting part (progress updates are reports) and offers its rules too.

- Every member of a body reads its phases, evaluations and its library of lessons and good
  practices; lessons and good practices labelled TLP:CLEAR are read by the members of any body.
- The secretariat and administrators draft phases, results, activities and indicators, write
  evaluations and generate the documents.
- A lead unit's focal points record the actuals of their activities' indicators; the owner
  unit's focal points answer and follow up the recommendations it owns.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from lintas.core.tlp import TLP
from lintas.members.models import Body, Membership
from lintas.plans.models import Activity, GoodPractice, Indicator, Lesson, Recommendation
from lintas.reporting.policy import *  # noqa: F403  (the rules below build on these and offer them too)
from lintas.reporting.policy import (
    FILLER_ROLES,
    Viewer,
    active_person,
    can_manage_body,
    can_view_body,
    unit_roles,
)


def can_view_plans(user: Viewer, body: Body) -> bool:
    return can_view_body(user, body)


def can_manage_plans(user: Viewer, body: Body) -> bool:
    return can_manage_body(user, body)


def leads_activity(user: Viewer, activity: Activity) -> bool:
    """A focal point (or alternate) of one of the activity's lead units."""
    person = active_person(user)
    if person is None:
        return False
    return (
        Membership.objects.active()
        .filter(user=person, role__in=FILLER_ROLES, unit__in=activity.lead_units.all())
        .exists()
    )


def can_record_actual(user: Viewer, indicator: Indicator) -> bool:
    if indicator.is_computed:
        return False
    if can_manage_plans(user, indicator.phase.body):
        return True
    return indicator.activity is not None and leads_activity(user, indicator.activity)


def can_respond(user: Viewer, recommendation: Recommendation) -> bool:
    body = recommendation.owner_unit.body
    return can_manage_plans(user, body) or bool(
        unit_roles(user, recommendation.owner_unit) & FILLER_ROLES
    )


def _library(model: type[Lesson] | type[GoodPractice], user: Viewer, body: Body) -> QuerySet:
    """The body's own records for its members, and the TLP:CLEAR ones of other bodies for
    anyone who is a member of some body."""
    person = active_person(user)
    if person is None or not can_view_body(user, body):
        return model.objects.none()
    return model.objects.filter(Q(body=body) | Q(tlp=TLP.CLEAR))


def visible_lessons(user: Viewer, body: Body) -> QuerySet[Lesson]:
    return _library(Lesson, user, body)


def visible_good_practices(user: Viewer, body: Body) -> QuerySet[GoodPractice]:
    return _library(GoodPractice, user, body)
