"""Writes of synthesis: asking for a generated report, building it, and the generation that
follows a period's lock. Building happens in the worker (``tasks.generate_report``); a web
request only records the wish and queues the task."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.members import selectors as members
from lintas.members.models import User
from lintas.notices.services import notify, per_language
from lintas.reporting import periods, policy, selectors
from lintas.reporting.models import Obligation
from lintas.synthesis import render
from lintas.synthesis.consolidate import NoPeriods, consolidate
from lintas.synthesis.models import GeneratedFile, GeneratedReport

log = logging.getLogger(__name__)
LANGUAGES = ("en", "vi", "id")


def last_ended_period(obligation: Obligation, now: dt.datetime | None = None) -> str:
    """The key of the obligation's last period that has ended (the running one if none has)."""
    now = now or timezone.now()
    today = periods.local_date(now, obligation.body.tzinfo)
    found = selectors.obligation_periods(obligation, now=now)
    ended = [p for p in found if p.end < today] or found
    return ended[-1].key if ended else ""


def _check_range(obligation: Obligation, first: str, last: str) -> None:
    keys = [p.key for p in selectors.obligation_periods(obligation)]
    if first not in keys or last not in keys:
        raise LintasError(_("Choose periods of this obligation that have started."), field="first")
    if keys.index(first) > keys.index(last):
        raise LintasError(_("The first period comes after the last."), field="last")


def request_report(
    *,
    obligation: Obligation,
    first: str,
    last: str,
    language: str,
    include_submitted: bool,
    by: User | None,
) -> GeneratedReport:
    """Record a request for a consolidated report in every format and queue its generation.

    Anyone who reads the body's reports may ask: building the DOCX and PDF of a large body
    takes seconds, so they are always made by the worker, never inside a web request."""
    if by is not None:
        policy.require(policy.can_read_all_reports(by, obligation.body))
    if language not in LANGUAGES:
        raise LintasError(_("Choose English, Vietnamese or Indonesian."), field="language")
    _check_range(obligation, first, last)
    with transaction.atomic():
        report = GeneratedReport.objects.create(
            body=obligation.body,
            obligation=obligation,
            first_period=first,
            last_period=last,
            language=language,
            include_submitted=include_submitted,
            requested_by=by,
        )
        log_action(
            "synthesis.report.requested",
            actor=by,
            body=obligation.body,
            target=report,
            data={"first": first, "last": last, "language": language},
        )
        transaction.on_commit(lambda: _queue(report.pk))
    return report


def _queue(report_id: int) -> None:
    from lintas.synthesis.tasks import generate_report

    generate_report.enqueue(report_id)


def _progress(report: GeneratedReport, progress: int, step: str) -> None:
    report.progress, report.step = progress, step
    GeneratedReport.objects.filter(pk=report.pk).update(progress=progress, step=step)


def build_report(report_id: int, *, now: dt.datetime | None = None) -> GeneratedReport:
    """Build every format of a requested report, recording progress as it goes. Claims the
    row with a conditional update, so two workers never build the same report. Whatever goes
    wrong, the report ends: ready, or failed with a message, and whoever asked for it is told
    (the secretariat for a report made after a lock); it never stays "being generated"."""
    claimed = GeneratedReport.objects.filter(
        pk=report_id, status=GeneratedReport.Status.QUEUED
    ).update(status=GeneratedReport.Status.RUNNING, progress=1, step="consolidate")
    report = GeneratedReport.objects.select_related("obligation__body", "obligation__template").get(
        pk=report_id
    )
    if not claimed:
        return report
    step = "consolidate"
    try:
        consolidated = consolidate(
            report.obligation,
            first=report.first_period,
            last=report.last_period,
            language=report.language,
            include_submitted=report.include_submitted,
            now=now,
        )
        _progress(report, 10, step)
        formats = render.FORMATS
        for i, fmt in enumerate(formats):
            step = fmt
            made = render.render(consolidated, fmt)
            GeneratedFile.objects.update_or_create(
                report=report,
                format=fmt,
                defaults={
                    "filename": made.filename,
                    "content_type": made.content_type,
                    "content": made.content,
                    "size": len(made.content),
                },
            )
            _progress(report, 10 + 90 * (i + 1) // len(formats), fmt)
    except Exception as exc:  # any failure ends the report; the log keeps its traceback
        log.exception("synthesis report %s failed at %s", report_id, step)
        return _fail(report, exc, step=step)
    GeneratedReport.objects.filter(pk=report_id).update(
        status=GeneratedReport.Status.DONE, progress=100, step="", finished_at=timezone.now()
    )
    report.refresh_from_db()
    log_action("synthesis.report.generated", body=report.body, target=report)
    notify_secretariat(report)
    return report


def _fail(report: GeneratedReport, exc: Exception, *, step: str) -> GeneratedReport:
    """Mark the report failed with a message in its language, drop the files made before the
    failure, and tell whoever asked. A refusal of the domain says what it is; anything else
    points to the server's log, which holds the traceback."""
    with translation.override(report.language):
        if isinstance(exc, NoPeriods | LintasError):
            error = str(exc)
        elif step == "consolidate":
            error = _(
                "The report's figures could not be gathered. The administrators find the cause "
                "in the server's log (report %(id)s)."
            ) % {"id": report.pk}
        else:
            error = _(
                "The %(format)s file could not be made. The administrators find the cause in "
                "the server's log (report %(id)s)."
            ) % {"format": step.upper(), "id": report.pk}
    GeneratedFile.objects.filter(report=report).delete()
    GeneratedReport.objects.filter(pk=report.pk).update(
        status=GeneratedReport.Status.FAILED, error=error, finished_at=timezone.now()
    )
    report.refresh_from_db()
    log_action(
        "synthesis.report.failed",
        body=report.body,
        target=report,
        data={"step": step, "error": type(exc).__name__},
    )
    _notify_failure(report)
    return report


def _notify_failure(report: GeneratedReport) -> int:
    """Tell whoever asked for the report (the secretariat, for one made after a lock) that it
    could not be generated."""
    people = (
        [report.requested_by]
        if report.requested_by is not None
        else list(members.secretariat_of(report.body))
    )
    made = notify(
        people,
        body=report.body,
        kind="synthesis",
        subject=gettext_noop("Consolidated report failed: %(template)s, %(period)s"),
        text=gettext_noop(
            "The consolidated report of %(template)s for %(period)s could not be generated. "
            "Its page says why; ask for it again once that is fixed."
        ),
        link=reverse("synthesis:generated", args=[report.body.slug, report.pk]),
        values={
            "template": per_language(lambda: report.obligation.template.display_name),
            "period": _period_words(report),
        },
    )
    return len(made)


def _period_words(report: GeneratedReport) -> str:
    if report.first_period == report.last_period:
        return report.first_period
    return f"{report.first_period}..{report.last_period}"


def notify_secretariat(report: GeneratedReport) -> int:
    """Tell the body's secretariat, each in their language, that the report is ready."""
    period = _period_words(report)
    template = report.obligation.template
    made = notify(
        members.secretariat_of(report.body),
        body=report.body,
        kind="synthesis",
        subject=gettext_noop("Consolidated report ready: %(template)s, %(period)s"),
        text=gettext_noop("The consolidated report of %(template)s for %(period)s is ready."),
        link=reverse("synthesis:generated", args=[report.body.slug, report.pk]),
        values={"template": per_language(lambda: template.display_name), "period": period},
    )
    return len(made)


def queue_reports_of_locked_periods(now: dt.datetime | None = None) -> list[GeneratedReport]:
    """For every obligation that locks, the periods whose lock passed in the last week and have
    no report yet: make one (in the body's default language) and queue it. Idempotent: the
    unique constraint on lock-triggered reports refuses a second."""
    now = now or timezone.now()
    made = []
    for obligation in Obligation.objects.filter(
        is_active=True, expiry_days__isnull=False
    ).select_related("body", "template"):
        today = periods.local_date(now, obligation.body.tzinfo)
        language = (obligation.body.default_language or "en")[:2]
        for period in selectors.obligation_periods(obligation, now=now, last=6):
            expiry = obligation.deadlines(period).expiry
            if expiry is None or not (expiry < today <= expiry + dt.timedelta(days=7)):
                continue
            try:
                with transaction.atomic():
                    report = GeneratedReport.objects.create(
                        body=obligation.body,
                        obligation=obligation,
                        first_period=period.key,
                        last_period=period.key,
                        language=language if language in LANGUAGES else "en",
                        trigger=GeneratedReport.Trigger.LOCK,
                    )
            except IntegrityError:
                continue
            transaction.on_commit(partial(_queue, report.pk))
            made.append(report)
    return made
