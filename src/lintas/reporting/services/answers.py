"""Answers against a template version: the version as validation specs, the check that cleans
answers, and the warnings on numbers that are allowed but look wrong. Nothing here writes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from lintas.core.errors import LintasError
from lintas.reporting import selectors, validation
from lintas.reporting.models import Submission, TemplateVersion, localized
from lintas.reporting.selectors import PastValues


class InvalidAnswers(LintasError):
    """Answers that do not fit the template; ``errors`` maps field codes to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(_("Some answers need attention."))
        self.errors = errors


def field_specs(version: TemplateVersion) -> list[validation.FieldSpec]:
    specs = []
    for section in version.sections.all():
        for f in section.fields.all():
            specs.append(
                validation.FieldSpec(
                    code=f.code,
                    type=f.type,
                    label=f.display_label,
                    required=f.required,
                    required_if=f.required_if,
                    min_value=Decimal(f.min_value) if f.min_value is not None else None,
                    max_value=Decimal(f.max_value) if f.max_value is not None else None,
                    soft_min=Decimal(f.soft_min) if f.soft_min is not None else None,
                    soft_max=Decimal(f.soft_max) if f.soft_max is not None else None,
                    max_length=f.max_length,
                    choices=tuple(c["value"] for c in f.choices or []),
                    columns=tuple(
                        validation.FieldSpec(
                            code=c["code"],
                            type=c.get("type", "short_text"),
                            label=localized(c.get("label")) or c["code"],
                            required=bool(c.get("required", False)),
                            choices=tuple(x["value"] for x in c.get("choices", [])),
                        )
                        for c in f.columns or []
                    ),
                )
            )
    return specs


def rule_specs(version: TemplateVersion) -> list[validation.RuleSpec]:
    return [
        validation.RuleSpec(
            left=r.left,
            operator=r.operator,
            right=r.right,
            message=localized(r.message)
            or _("%(left)s must be %(op)s %(right)s.")
            % {"left": r.left, "op": r.get_operator_display(), "right": r.right},
        )
        for r in version.rules.all()
    ]


def check_answers(
    version: TemplateVersion, raw: dict[str, Any], *, require: bool, language: str | None = None
) -> validation.Result:
    """``language`` says how the answers were written: the page's language for a web form,
    ``validation.JSON`` for the API, None for answers already in their stored form."""
    return validation.check(
        field_specs(version), rule_specs(version), raw, t=_, require=require, language=language
    )


def value_warnings(
    submission: Submission,
    data: dict[str, Any],
    *,
    specs: list[validation.FieldSpec] | None = None,
    past: PastValues | None = None,
) -> dict[str, list[validation.ValueWarning]]:
    """The answers of ``data`` that are allowed but look wrong: beyond a soft limit, or far from
    what the unit reported in its last periods."""
    specs = specs if specs is not None else field_specs(submission.version)
    past = past if past is not None else selectors.values_before(submission)
    return validation.value_warnings(specs, data, past.series, t=_)
