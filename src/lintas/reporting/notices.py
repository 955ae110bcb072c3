"""Notices about reports (returned, arrived, reminded), told through ``notices.notify``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.urls import reverse
from django.utils.translation import gettext_noop

from lintas.members import selectors as members
from lintas.members.models import Unit, User
from lintas.notices.services import notify, per_language
from lintas.reporting.models import Obligation, Submission


def _link(submission: Submission) -> str:
    return reverse(
        "reporting:submission-detail", args=[submission.obligation.body.slug, submission.pk]
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
    """Tell each person about a unit's report for a period, whether or not the report exists yet;
    returns how many were told.

    ``subject`` and ``text`` are untranslated message ids with the placeholders %(template)s,
    %(unit)s, %(period)s, %(body)s and those of ``extra``; the template's name is written in each
    recipient's language (see ``notify`` for dates)."""
    values: dict[str, object] = {
        "template": per_language(lambda: obligation.template.display_name),
        "unit": unit.name,
        "period": period_key,
        "body": obligation.body.name,
        **(extra or {}),
    }
    made = notify(
        users,
        body=obligation.body,
        kind=kind,
        subject=subject,
        text=text,
        link=link,
        values=values,
    )
    return len(made)


def _told(submission: Submission, users: list[User], *, kind: str, subject: str, text: str) -> int:
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


def _submission(submission_id: int) -> Submission:
    return Submission.objects.select_related(
        "obligation__body", "obligation__template", "unit"
    ).get(pk=submission_id)


def send_return_notice(submission_id: int) -> None:
    submission = _submission(submission_id)
    _told(
        submission,
        members.acting_people_of(submission.unit),
        kind="returned",
        subject=gettext_noop("Report returned: %(template)s, %(period)s"),
        text=gettext_noop(
            "The secretariat returned %(template)s of %(unit)s for %(period)s. "
            "What needs fixing: %(reason)s"
        ),
    )


def send_arrival_notice(submission_id: int) -> None:
    submission = _submission(submission_id)
    _told(
        submission,
        members.secretariat_of(submission.obligation.body),
        kind="submitted",
        subject=gettext_noop("Report submitted: %(template)s of %(unit)s, %(period)s"),
        text=gettext_noop("%(unit)s submitted %(template)s for %(period)s."),
    )
