"""Who may fill, validate, read and manage reports: the reporting part of the policy.

It builds on ``lintas.policy`` (bodies, people, roles, the 404/403 helpers) and offers its rules
too, so a module of the reporting app, or of an app above it, imports one ``policy``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from lintas.members.models import Body, Membership, Role, Unit
from lintas.policy import *  # noqa: F403  (the rules below build on these and offer them too)
from lintas.policy import (
    Viewer,
    can_manage_body,
    is_instance_admin,
    roles_in,
    signed_in,
    unit_roles,
)

if TYPE_CHECKING:
    from lintas.reporting.models import Submission

FILLER_ROLES = frozenset({Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT})
BODY_READER_ROLES = frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR, Role.LEADER, Role.ANALYST})


def can_manage_reporting(user: Viewer, body: Body) -> bool:
    """Define templates and obligations, review submissions, grant exceptions."""
    return can_manage_body(user, body)


def can_read_all_reports(user: Viewer, body: Body) -> bool:
    return is_instance_admin(user) or bool(roles_in(user, body) & BODY_READER_ROLES)


def can_fill_for(user: Viewer, unit: Unit) -> bool:
    return bool(unit_roles(user, unit) & FILLER_ROLES)


def can_validate_for(user: Viewer, unit: Unit) -> bool:
    return Role.VALIDATOR in unit_roles(user, unit)


def can_view_submission(user: Viewer, submission: Submission) -> bool:
    body = submission.obligation.body
    if can_read_all_reports(user, body):
        return True
    return bool(unit_roles(user, submission.unit))


def can_edit_submission(user: Viewer, submission: Submission) -> bool:
    return can_fill_for(user, submission.unit)


def units_reported_by(user: Viewer, body: Body) -> QuerySet[Unit]:
    """The units whose reports this person fills, validates or reads as a unit member."""
    person = signed_in(user)
    if person is None:
        return Unit.objects.none()
    ids = Membership.objects.active().filter(user=person, body=body, unit__isnull=False)
    return Unit.objects.filter(pk__in=ids.values("unit_id"))


def can_see_reporting_regime(user: Viewer, body: Body) -> bool:
    """Templates and obligations: the body's readers and anyone who reports for one of its
    units."""
    return can_read_all_reports(user, body) or units_reported_by(user, body).exists()
