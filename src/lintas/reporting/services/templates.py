"""Report templates: creating one, and revising it into a new version once a version is in use."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.members.models import Body
from lintas.reporting import policy, validation
from lintas.reporting.models import (
    Field,
    ReportTemplate,
    Section,
    Submission,
    TemplateVersion,
    ValidationRule,
)


def _build_version(version: TemplateVersion, structure: dict[str, Any]) -> None:
    """Create the sections, fields and rules of a version from a plain structure.

    structure = {"sections": [{"code", "title": {…}, "help": {…}, "fields": [{"code", "type",
    "label": {…}, "help": {…}, "required", "required_if", "min", "max", "soft_min",
    "soft_max", "max_length", "choices": [...], "columns": [...], "aggregation"}]}],
    "rules": [{"left", "op", "right", "message": {…}}]}

    Each refusal names where it is: the section and field by their position and code, and
    ``LintasError.field`` is their path (``sections.0.fields.2.label``, ``rules.1.right``), so a
    form can show the message next to the input.
    """
    seen: set[str] = set()
    for s_order, s in enumerate(structure.get("sections", [])):
        where = f"sections.{s_order}"
        s_code = str(s.get("code") or "").strip()
        if not s_code:
            raise LintasError(
                _("Section %(n)s has no code.") % {"n": s_order + 1}, field=f"{where}.code"
            )
        if Section.objects.filter(version=version, code=s_code).exists():
            raise LintasError(
                _("Section code %(code)s is used twice.") % {"code": s_code},
                field=f"{where}.code",
            )
        section = Section.objects.create(
            version=version,
            order=s_order,
            code=s_code,
            title=s.get("title", {}),
            help=s.get("help", {}),
        )
        for f_order, f in enumerate(s.get("fields", [])):
            f_where = f"{where}.fields.{f_order}"
            code = str(f.get("code") or "").strip()
            if not code:
                raise LintasError(
                    _("Section %(section)s: field %(n)s has no code.")
                    % {"section": s_code, "n": f_order + 1},
                    field=f"{f_where}.code",
                )
            if code in seen:
                raise LintasError(
                    _("Field code %(code)s is used twice.") % {"code": code},
                    field=f"{f_where}.code",
                )
            seen.add(code)
            kind = f.get("type")
            if not kind:
                raise LintasError(
                    _("Field %(code)s has no type.") % {"code": code}, field=f"{f_where}.type"
                )
            if kind not in Field.Type.values:
                raise LintasError(
                    _("Field %(code)s has an unknown type %(type)s.")
                    % {"code": code, "type": kind},
                    field=f"{f_where}.type",
                )
            label = f.get("label") or {}
            if not isinstance(label, dict) or not str(label.get("en") or "").strip():
                raise LintasError(
                    _("Field %(code)s needs a label, at least in English.") % {"code": code},
                    field=f"{f_where}.label",
                )
            limits = _limits(code, f, where=f_where)
            aggregation = f.get("aggregation", Field.Aggregation.SUM)
            if aggregation not in Field.Aggregation.values:
                raise LintasError(
                    _("Field %(code)s has an unknown aggregation %(aggregation)s.")
                    % {"code": code, "aggregation": aggregation},
                    field=f"{f_where}.aggregation",
                )
            max_length = f.get("max_length")
            if max_length is not None and (
                not isinstance(max_length, int) or isinstance(max_length, bool) or max_length < 1
            ):
                raise LintasError(
                    _("Field %(code)s: the longest answer must be a whole number above 0.")
                    % {"code": code},
                    field=f"{f_where}.max_length",
                )
            Field.objects.create(
                section=section,
                order=f_order,
                code=code,
                type=kind,
                label=label,
                help=f.get("help", {}),
                required=bool(f.get("required", False)),
                required_if=f.get("required_if"),
                min_value=limits["min"],
                max_value=limits["max"],
                soft_min=limits["soft_min"],
                soft_max=limits["soft_max"],
                max_length=max_length,
                choices=f.get("choices", []),
                columns=f.get("columns", []),
                aggregation=aggregation,
            )
    for r_order, r in enumerate(structure.get("rules", [])):
        for side in ("left", "right"):
            named = r.get(side)
            if named not in seen:
                raise LintasError(
                    _(
                        "Rule %(n)s names a field that does not exist: %(code)s. "
                        "Use the code of a field of this template."
                    )
                    % {"n": r_order + 1, "code": named or "—"},
                    field=f"rules.{r_order}.{side}",
                )
        op = r.get("op", ValidationRule.Operator.LTE)
        if op not in ValidationRule.Operator.values:
            raise LintasError(
                _("Rule %(n)s has an unknown comparison %(op)s.") % {"n": r_order + 1, "op": op},
                field=f"rules.{r_order}.op",
            )
        ValidationRule.objects.create(
            version=version,
            left=r["left"],
            operator=op,
            right=r["right"],
            message=r.get("message", {}),
        )


LIMIT_STEP = Decimal("0.000001")  # limits are kept with six decimals


def _limits(code: str, f: dict[str, Any], *, where: str) -> dict[str, Decimal | None]:
    """A field's hard and soft limits as numbers, refused with the field's code when they do not
    make sense: on a field that is not a number, beyond what an answer may hold, with more
    than six decimals, or the wrong way round."""
    found: dict[str, Decimal | None] = {}
    for key in ("min", "max", "soft_min", "soft_max"):
        raw = f.get(key)
        number = validation.as_number(raw) if raw is not None and raw != "" else None
        if raw is not None and raw != "" and number is None:
            raise LintasError(
                _("Field %(code)s: the limit %(key)s is not a number.")
                % {"code": code, "key": key},
                field=f"{where}.{key}",
            )
        if number is not None and (
            abs(number) > validation.LARGEST or number != number.quantize(LIMIT_STEP)
        ):
            raise LintasError(
                _(
                    "Field %(code)s: the limit %(key)s must have at most 15 digits before the "
                    "decimal point and 6 after it."
                )
                % {"code": code, "key": key},
                field=f"{where}.{key}",
            )
        found[key] = number
    if any(v is not None for v in found.values()) and f["type"] not in validation.NUMERIC:
        raise LintasError(
            _("Field %(code)s: only number fields take limits.") % {"code": code},
            field=f"{where}.type",
        )
    pairs = [("min", "max"), ("soft_min", "soft_max"), ("min", "soft_min"), ("soft_max", "max")]
    for low, high in pairs:
        a, b = found[low], found[high]
        if a is not None and b is not None and a > b:
            raise LintasError(
                _("Field %(code)s: %(low)s is above %(high)s.")
                % {"code": code, "low": low, "high": high},
                field=f"{where}.{low}",
            )
    return found


@transaction.atomic
def create_template(
    *,
    body: Body,
    code: str,
    name: dict[str, str],
    structure: dict[str, Any],
    by: policy.Actor,
    description: dict[str, str] | None = None,
) -> ReportTemplate:
    if by is not policy.SYSTEM:
        policy.require(policy.can_manage_reporting(by, body))
    if ReportTemplate.objects.filter(body=body, code=code).exists():
        raise LintasError(_("A template with this code exists."), field="code")
    template = ReportTemplate.objects.create(
        body=body, code=code, name=name, description=description or {}
    )
    version = TemplateVersion.objects.create(
        template=template, number=1, published_at=timezone.now()
    )
    _build_version(version, structure)
    log_action("reporting.template.created", actor=by, body=body, target=template)
    return template


def latest_version(template: ReportTemplate) -> TemplateVersion:
    version = template.versions.order_by("-number").first()
    if version is None:
        raise LintasError(_("This template has no version."))
    return version


@transaction.atomic
def revise_template(
    template: ReportTemplate,
    *,
    structure: dict[str, Any],
    by: policy.Actor,
    note: str = "",
    name: dict[str, str] | None = None,
) -> TemplateVersion:
    """Change a template (and its name, when given). A version that already has submissions is
    kept as it is: the change becomes the next version, which new submissions use."""
    if by is not policy.SYSTEM:
        policy.require(policy.can_manage_reporting(by, template.body))
    if name is not None:
        if not (name.get("en") or "").strip():
            raise LintasError(_("Give the template a name, at least in English."), field="name_en")
        template.name = name
        template.save(update_fields=["name", "updated_at"])
    current = latest_version(template)
    if Submission.objects.filter(version=current).exists():
        version = TemplateVersion.objects.create(
            template=template, number=current.number + 1, published_at=timezone.now(), note=note
        )
    else:
        current.sections.all().delete()
        current.rules.all().delete()
        current.note = note
        current.save(update_fields=["note", "updated_at"])
        version = current
    _build_version(version, structure)
    log_action(
        "reporting.template.revised",
        actor=by,
        body=template.body,
        target=template,
        data={"version": version.number},
    )
    return version
