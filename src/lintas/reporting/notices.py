"""E-mail and in-app notices about reports, each in its recipient's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lintas.members.models import Membership, Role, Unit, User
from lintas.reporting.models import Notification, Obligation, Submission


def _link(submission: Submission) -> str:
    return reverse(
        "reporting:submission-detail", args=[submission.obligation.body.slug, submission.pk]
    )


def tell(users: list[User], *, submission: Submission, kind: str, subject: str, text: str) -> int:
    """Send one notice to each person, in their language. ``subject`` and ``text`` are
    untranslated message ids with %(…)s placeholders filled from the submission."""
    return tell_about(
        users,
        obligation=submission.obligation,
        unit=submission.unit,
        period_key=submission.period_key,
        kind=kind,
        subject=subject,
        text=text,
        link=_link(submission),
        extra={"reason": submission.return_reason},
    )


def tell_about(
    users: Iterable[User],
    *,
    obligation: Obligation,
    unit: Unit,
    period_key: str,
    kind: str,
    subject: str,
    text: str,
    link: str,
    extra: Mapping[str, object] | None = None,
) -> int:
    """Send one notice about a unit's report for a period to each person, whether or not the
    report exists yet: an in-app notification now, an e-mail once the transaction commits.

    ``subject`` and ``text`` are untranslated message ids with the placeholders %(template)s,
    %(unit)s, %(period)s, %(body)s and those of ``extra``. Everything is put in each recipient's
    language: the message, the template's name and dates (``extra`` values that are dates)."""
    sent = 0
    for user in users:
        with translation.override(user.language or "en"):
            values: dict[str, object] = {
                "template": obligation.template.display_name,
                "unit": unit.name,
                "period": period_key,
                "body": obligation.body.name,
            }
            for key, value in (extra or {}).items():
                values[key] = formats.date_format(value) if isinstance(value, dt.date) else value
            subject_text = _(subject) % values
            body_text = _(text) % values
        Notification.objects.create(
            user=user, body=obligation.body, kind=kind, text=body_text, link=link
        )
        transaction.on_commit(
            partial(
                send_mail,
                subject_text,
                body_text + "\n\n" + settings.SITE_URL.rstrip("/") + link,
                None,
                [user.email],
                fail_silently=True,
            )
        )
        sent += 1
    return sent


def unit_people(submission: Submission, roles: set[str]) -> list[User]:
    ids = (
        Membership.objects.active()
        .filter(unit=submission.unit, role__in=roles)
        .values_list("user_id", flat=True)
    )
    return list(User.objects.filter(pk__in=ids, is_active=True))


def secretariat_people(submission: Submission) -> list[User]:
    ids = (
        Membership.objects.active()
        .filter(body=submission.obligation.body, role=Role.SECRETARIAT)
        .values_list("user_id", flat=True)
    )
    return list(User.objects.filter(pk__in=ids, is_active=True))


def send_return_notice(submission_id: int) -> None:
    submission = Submission.objects.select_related(
        "obligation__body", "obligation__template", "unit"
    ).get(pk=submission_id)
    tell(
        unit_people(submission, {Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT}),
        submission=submission,
        kind="returned",
        subject=gettext_noop("Report returned: %(template)s, %(period)s"),
        text=gettext_noop(
            "The secretariat returned the %(template)s report of %(unit)s for %(period)s. "
            "What needs fixing: %(reason)s"
        ),
    )


def send_arrival_notice(submission_id: int) -> None:
    submission = Submission.objects.select_related(
        "obligation__body", "obligation__template", "unit"
    ).get(pk=submission_id)
    for user in secretariat_people(submission):
        with translation.override(user.language or "en"):
            text = _("%(unit)s submitted %(template)s for %(period)s.") % {
                "unit": submission.unit.name,
                "template": submission.obligation.template.display_name,
                "period": submission.period_key,
            }
        Notification.objects.create(
            user=user,
            body=submission.obligation.body,
            kind="submitted",
            text=text,
            link=_link(submission),
        )
