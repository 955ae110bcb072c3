"""Materials (downloads under their labels, audited), surveys and tests, results and
reminders, certificates and their public verification."""

from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lintas.core.downloads import attachment
from lintas.core.errors import LintasError
from lintas.events import documents, policy, selectors, services
from lintas.events.forms import MaterialForm, SurveyForm, parse_questions
from lintas.events.models import (
    Certificate,
    Contribution,
    Delegate,
    Material,
    Responder,
    Survey,
)
from lintas.events.views.common import form_error, load_event, private
from lintas.members.http import AuthedRequest


@login_required
def material_download(
    request: AuthedRequest, slug: str, event_id: int, material_id: int
) -> HttpResponse:
    event, access = load_event(request, slug, event_id)
    material = get_object_or_404(
        Material.objects.select_related("contribution__session"),
        contribution__session__event=event,
        pk=material_id,
    )
    session = material.contribution.session
    policy.hide(access.may_read_material(material, session.tlp, session.pk))
    if request.method == "POST":
        policy.require(False)
    services.record_download(material=material, by=request.user)
    return attachment(bytes(material.content), material.name, material.content_type)


@login_required
def materials_upload(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    event, _access = load_event(request, slug, event_id)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if not form.is_valid():
        flash.error(request, _("Choose a file."))
        return redirect("events:detail", slug=slug, event_id=event_id)
    contribution = get_object_or_404(
        Contribution.objects.select_related("session"),
        session__event=event,
        pk=form.cleaned_data["contribution"],
    )
    upload = form.cleaned_data["file"]
    try:
        services.add_material(
            contribution=contribution,
            by=request.user,
            title=form.cleaned_data["title"],
            name=upload.name,
            content=upload.read(),
            content_type=upload.content_type or "application/octet-stream",
            tlp=form.cleaned_data["tlp"],
            chatham_house=form.cleaned_data["chatham_house"],
        )
    except LintasError as exc:
        flash.error(request, exc.message)
    else:
        flash.success(request, _("The material is added."))
    return redirect(
        "events:session", slug=slug, event_id=event_id, session_id=contribution.session_id
    )


@login_required
def surveys(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    event, access = load_event(request, slug, event_id)
    action = request.POST.get("action", "")
    form = SurveyForm(request.POST if action == "create" else None, event=event)
    if request.method == "POST":
        policy.require(access.organises)
        if action == "create" and form.is_valid():
            d = form.cleaned_data
            try:
                services.create_survey(
                    event=event,
                    by=request.user,
                    kind=d["kind"],
                    title=d["title"],
                    session=d["session"],
                    anonymous=d["anonymous"],
                    questions=parse_questions(d["questions"]),
                )
            except LintasError as exc:
                form_error(form, exc)
            else:
                flash.success(request, _("The survey is open."))
                return redirect(request.path)
        elif action == "remind":
            survey = get_object_or_404(Survey, event=event, pk=request.POST.get("survey"))
            count = services.remind_non_responders(survey=survey, by=request.user)
            flash.success(
                request,
                ngettext("%(count)d person reminded.", "%(count)d people reminded.", count)
                % {"count": count},
            )
            return redirect(request.path)
    results = selectors.survey_results(event) if access.organises else []
    answered: set[int] = set()
    if access.delegate is not None:
        answered = set(
            Responder.objects.filter(delegate=access.delegate).values_list("survey_id", flat=True)
        )
    return private(
        render(
            request,
            "events/surveys.html",
            {
                "body": event.body,
                "event": event,
                "access": access,
                "surveys": event.surveys.select_related("session"),
                "results": results,
                "gain": selectors.knowledge_gain_of(event) if access.organises else None,
                "form": form,
                "answered": answered,
            },
            status=400 if form.errors else 200,
        )
    )


@login_required
def survey_answer(request: AuthedRequest, slug: str, event_id: int, survey_id: int) -> HttpResponse:
    event, access = load_event(request, slug, event_id)
    survey = get_object_or_404(
        Survey.objects.prefetch_related("questions"), event=event, pk=survey_id
    )
    error = ""
    if request.method == "POST":
        answers = {k[1:]: v for k, v in request.POST.items() if k.startswith("q")}
        try:
            services.answer_survey(survey=survey, by=request.user, answers=answers)
        except LintasError as exc:
            error = exc.message
        else:
            flash.success(request, _("Thank you: your answers are saved."))
            return redirect("events:surveys", slug=slug, event_id=event_id)
    done = (
        access.delegate is not None and survey.responders.filter(delegate=access.delegate).exists()
    )
    return private(
        render(
            request,
            "events/survey.html",
            {
                "body": event.body,
                "event": event,
                "survey": survey,
                "access": access,
                "done": done,
                "error": error,
                "posted": request.POST,
                "ratings": range(1, 6),
            },
            status=400 if error else 200,
        )
    )


@login_required
def certificates(request: AuthedRequest, slug: str, event_id: int) -> HttpResponse:
    """The organisers see where each delegate stands against the rule and issue; a delegate
    asks for their own."""
    event, access = load_event(request, slug, event_id)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "issue-all":
                policy.require(access.organises)
                issued, refused = services.issue_certificates(event=event, by=request.user)
                done = ngettext(
                    "%(count)d certificate issued.", "%(count)d certificates issued.", issued
                ) % {"count": issued}
                short = ngettext(
                    "%(count)d delegate does not meet the rule.",
                    "%(count)d delegates do not meet the rule.",
                    refused,
                ) % {"count": refused}
                flash.success(request, f"{done} {short}")
            else:
                delegate = get_object_or_404(Delegate, event=event, pk=request.POST.get("delegate"))
                policy.hide(access.organises or delegate.pk == getattr(access.delegate, "pk", None))
                services.issue_certificate(delegate=delegate, by=request.user)
                flash.success(request, _("The certificate is issued."))
        except LintasError as exc:
            flash.error(request, exc.message)
        return redirect(request.path)
    if access.organises:
        rows = list(selectors.delegates_of(event).filter(status=Delegate.Status.APPROVED))
    else:
        rows = [access.delegate] if access.approved and access.delegate else []
    certs = {
        c.delegate_id: c for c in Certificate.objects.filter(delegate__in=[d.pk for d in rows])
    }
    standing = [(d, services.standing(d), certs.get(d.pk)) for d in rows]
    return private(
        render(
            request,
            "events/certificates.html",
            {"body": event.body, "event": event, "access": access, "rows": standing},
        )
    )


@login_required
def certificate_pdf(
    request: AuthedRequest, slug: str, event_id: int, delegate_id: int
) -> HttpResponse:
    event, access = load_event(request, slug, event_id)
    certificate = get_object_or_404(
        Certificate.objects.select_related("delegate__event__body"),
        delegate__event=event,
        delegate_id=delegate_id,
    )
    policy.hide(access.organises or certificate.delegate.user_id == request.user.pk)
    return attachment(
        documents.certificate_pdf(certificate),
        f"certificate-{certificate.code}.pdf",
        "application/pdf",
    )


def verify_certificate(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone with the QR code or the address sees the name, the event and its dates,
    nothing else."""
    certificate = (
        Certificate.objects.select_related("delegate__event")
        .filter(code=code.strip().upper()[:16])
        .first()
    )
    return render(
        request,
        "events/verify.html",
        {"certificate": certificate, "code": code[:16]},
        status=200 if certificate else 404,
    )
