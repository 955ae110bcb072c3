"""The phase progress report and the evaluation report: asked for in a page, made on the worker
in the language asked (the body's by default), kept in the database."""

from __future__ import annotations

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.members.models import Membership
from lintas.notices.services import notify
from lintas.plans import policy
from lintas.plans.models import Evaluation, Phase, PlanDocument
from lintas.plans.services.common import allow

logger = logging.getLogger(__name__)


@transaction.atomic
def request_document(
    phase: Phase,
    *,
    kind: str,
    by: policy.Actor,
    evaluation: Evaluation | None = None,
    language: str | None = None,
) -> PlanDocument:
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    if kind not in PlanDocument.Kind.values:
        raise LintasError(_("Unknown kind of document."), field="kind")
    if kind == PlanDocument.Kind.EVALUATION and (
        evaluation is None or evaluation.phase_id != phase.pk
    ):
        raise LintasError(_("Choose an evaluation of this phase."), field="evaluation")
    language = language or phase.body.default_language
    if language not in {"en", "vi", "id"}:
        raise LintasError(_("Unknown language."), field="language")
    document = PlanDocument.objects.create(
        phase=phase,
        evaluation=evaluation if kind == PlanDocument.Kind.EVALUATION else None,
        kind=kind,
        language=language,
        requested_by=policy.acting_user(by),
    )
    log_action(
        "plans.document.requested",
        actor=by,
        body=phase.body,
        target=phase,
        data={"kind": kind, "language": language},
    )
    transaction.on_commit(lambda: _queue(document.pk))
    return document


def _queue(document_id: int) -> None:
    from lintas.plans.tasks import generate_document

    generate_document.enqueue(document_id)


def build_document(document_id: int) -> PlanDocument:
    """Make both formats of one document (on the worker) and tell who asked."""
    from lintas.plans import render, selectors

    document = PlanDocument.objects.select_related("phase__body", "evaluation").get(pk=document_id)
    phase = document.phase
    try:
        with translation.override(document.language):
            if document.evaluation is not None:
                document.evaluation.phase = phase
                view = selectors.evaluation_view(document.evaluation)
                report = render.Report(document.evaluation.title, phase, view.rows, evaluation=view)
            else:
                dash = selectors.phase_dashboard(phase)
                rows = [r for n in dash.results for r in n.indicators] + [
                    r for rs in dash.activity_indicators.values() for r in rs
                ]
                report = render.Report(
                    _("Progress report: %(phase)s") % {"phase": phase.name},
                    phase,
                    rows,
                    dashboard=dash,
                )
            document.docx = render.render_docx(report)
            document.pdf = render.render_pdf(report)
        document.status = PlanDocument.Status.DONE
    except Exception as exc:  # a broken document must not stop the worker
        logger.exception("plans document %s failed", document_id)
        document.status, document.error = PlanDocument.Status.FAILED, str(exc)[:500]
    document.save(update_fields=["docx", "pdf", "status", "error", "updated_at"])
    if (
        document.requested_by_id
        and Membership.objects.filter(user_id=document.requested_by_id, body=phase.body).exists()
    ):
        notify(
            [document.requested_by],  # type: ignore[list-item]
            body=phase.body,
            kind="plan_document",
            subject=gettext_noop("The report of %(phase)s is ready")
            if document.status == PlanDocument.Status.DONE
            else gettext_noop("The report of %(phase)s could not be made"),
            text=gettext_noop("Open the phase to download it as Word or PDF."),
            values={"phase": phase.name},
            link=reverse("plans:phase", kwargs={"slug": phase.body.slug, "phase_id": phase.pk}),
        )
    return document
