"""E-mail and in-app notices about reports, each in its recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lintas.members.models import Membership, Role, User
from lintas.reporting.models import Notification, Submission


def _link(submission: Submission) -> str:
    return reverse(
        "reporting:submission-detail", args=[submission.obligation.body.slug, submission.pk]
    )


def tell(users: list[User], *, submission: Submission, kind: str, subject: str, text: str) -> int:
    """Send one notice to each person, in their language. ``subject`` and ``text`` are
    untranslated message ids with %(…)s placeholders filled from the submission."""
    link = _link(submission)
    values = {
        "template": submission.obligation.template.display_name,
        "unit": submission.unit.name,
        "period": submission.period_key,
        "body": submission.obligation.body.name,
        "reason": submission.return_reason,
    }
    sent = 0
    for user in users:
        with translation.override(user.language or "en"):
            subject_text = _(subject) % values
            body_text = _(text) % values
        Notification.objects.create(
            user=user, body=submission.obligation.body, kind=kind, text=body_text, link=link
        )
        send_mail(
            subject_text,
            body_text + "\n\n" + settings.SITE_URL.rstrip("/") + link,
            None,
            [user.email],
            fail_silently=True,
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
