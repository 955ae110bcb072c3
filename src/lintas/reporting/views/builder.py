"""The template builder: the secretariat makes and changes report templates in the browser,
and the list of the body's templates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lintas.core.downloads import attachment
from lintas.core.errors import LintasError
from lintas.members.bodyctx import load_body
from lintas.members.http import AuthedRequest
from lintas.members.models import Body
from lintas.reporting import builder, offline, policy, selectors, services
from lintas.reporting.forms import EXTRA_TABLE_ROWS
from lintas.reporting.models import Field, ReportTemplate, Submission, ValidationRule
from lintas.reporting.views.submissions import FieldView

# where a refusal about the template itself is shown; others go next to their section or field
_HEAD_FIELDS = {"code", "name_en", "note"}


@login_required
def template_list(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_manage_reporting(request.user, body))
    return render(
        request,
        "reporting/template_list.html",
        {"body": body, "templates": selectors.templates_for_body(body)},
    )


@login_required
def template_create(request: AuthedRequest, slug: str) -> HttpResponse:
    body = load_body(request, slug)
    policy.require(policy.can_manage_reporting(request.user, body))
    return _builder(request, body, None)


@login_required
def template_edit(request: AuthedRequest, slug: str, template_id: int) -> HttpResponse:
    body = load_body(request, slug)
    template = get_object_or_404(ReportTemplate, pk=template_id, body=body)
    policy.require(policy.can_manage_reporting(request.user, body))
    return _builder(request, body, template)


def _builder(request: AuthedRequest, body: Body, template: ReportTemplate | None) -> HttpResponse:
    error: LintasError | None = None
    status = 200
    in_use = False
    if template is not None:
        current = selectors.version_with_fields(services.latest_version(template).pk)
        in_use = Submission.objects.filter(version=current).exists()
    head = {
        "code": template.code if template else "",
        "name": template.name if template else {},
        "note": "",
    }
    if request.method == "POST":
        post = request.POST
        head = {
            "code": template.code if template else post.get("code", "").strip(),
            "name": builder._texts(post, "name"),
            "note": post.get("note", "").strip()[:300],
        }
        action = post.get("action", "")
        try:
            definition = builder.definition_from_post(post, strict=action in ("save", "xlsx"))
        except LintasError as exc:
            error, status = exc, 400
            definition = builder.definition_from_post(post, strict=False)
        if error is None and action == "save":
            try:
                template = _save(request, body, template, head, definition)
            except LintasError as exc:
                error, status = exc, 400
            else:
                messages.success(request, _("Template saved."))
                return redirect("reporting:template-edit", slug=body.slug, template_id=template.pk)
        elif error is None and action == "xlsx":
            try:
                return _draft_workbook(request, body, template, head, definition)
            except LintasError as exc:
                error, status = exc, 400
        elif action not in ("save", "xlsx"):
            definition = builder.apply(definition, action)
    elif template is not None:
        definition = builder.definition_of(current)
    else:
        definition = builder.empty_definition()
    error_at = error.field if error else None
    return render(
        request,
        "reporting/template_builder.html",
        {
            "body": body,
            "template": template,
            "head": head,
            "in_use": in_use,
            "error": error,
            "error_at": error_at,
            "head_error": error_at in _HEAD_FIELDS,
            "languages": builder.LANGUAGES,
            "types": Field.Type.choices,
            "choice_types": sorted(builder.CHOICE_TYPES),
            "operators": ValidationRule.Operator.choices,
            "built": builder.layout(definition, error_at),
            "codes": [
                f.get("code") for s in definition["sections"] for f in s["fields"] if f.get("code")
            ],
            "preview": _preview(definition),
        },
        status=status,
    )


def _save(
    request: AuthedRequest,
    body: Body,
    template: ReportTemplate | None,
    head: dict[str, Any],
    definition: dict[str, Any],
) -> ReportTemplate:
    if not (head["name"].get("en") or "").strip():
        raise LintasError(_("Give the template a name, at least in English."), field="name_en")
    if template is None:
        if not head["code"]:
            raise LintasError(_("Give the template a code."), field="code")
        return services.create_template(
            body=body, code=head["code"], name=head["name"], structure=definition, by=request.user
        )
    services.revise_template(
        template, structure=definition, by=request.user, note=head["note"], name=head["name"]
    )
    return template


class _NothingSaved(Exception):
    """Raised to roll the draft's transaction back once its workbook is built."""


def _draft_workbook(
    request: AuthedRequest,
    body: Body,
    template: ReportTemplate | None,
    head: dict[str, Any],
    definition: dict[str, Any],
) -> HttpResponse:
    """The offline workbook a focal point would get for the draft on the page: the draft is
    saved inside a transaction, the workbook built from it, and the transaction rolled back, so
    nothing of it stays (no template, no version, no audit entry)."""
    draft_head = {
        **head,
        "code": head["code"] or "draft",
        "name": head["name"] if (head["name"].get("en") or "").strip() else {"en": _("Draft")},
    }
    content = b""
    try:
        with transaction.atomic():
            saved = _save(request, body, template, draft_head, definition)
            version = services.latest_version(saved)
            content = offline.build_blank_workbook(version, get_language() or "en")
            raise _NothingSaved
    except _NothingSaved:
        pass
    return attachment(content, f"{draft_head['code']}-draft.xlsx", offline.CONTENT_TYPE)


def _preview(definition: dict[str, Any]) -> list[tuple[dict[str, Any], list[Any]]]:
    return [
        (s, [FieldView(f, None, [], [{} for _ in range(EXTRA_TABLE_ROWS)]) for f in fields])
        for s, fields in builder.preview_fields(definition)
    ]


@login_required
def template_xlsx(request: AuthedRequest, slug: str, template_id: int) -> HttpResponse:
    body = load_body(request, slug)
    template = get_object_or_404(ReportTemplate, pk=template_id, body=body)
    policy.require(policy.can_see_reporting_regime(request.user, body))
    version = services.latest_version(template)
    content = offline.build_blank_workbook(version, get_language() or "en")
    name = f"{template.code}-v{version.number}.xlsx"
    return attachment(content, name, offline.CONTENT_TYPE)
