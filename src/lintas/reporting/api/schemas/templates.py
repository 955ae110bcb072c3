"""Templates, their versions and their structure: the same shape in and out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field as SchemaField
from ninja import Schema

from lintas.reporting.api.schemas.common import Code, Texts, _number
from lintas.reporting.models import (
    Field,
    ReportTemplate,
    TemplateVersion,
    ValidationRule,
)


class ChoiceIn(Schema):
    value: str
    label: Texts = {}


class ColumnIn(Schema):
    code: Code
    type: Field.Type = Field.Type.SHORT_TEXT
    label: Texts = {}
    required: bool = False
    choices: list[ChoiceIn] = []


class RequiredIfIn(Schema):
    field: Code
    equals: Any


class _FieldBase(Schema):
    code: Code
    type: Field.Type
    label: Texts | None = None
    help: Texts = {}
    required: bool = False
    required_if: RequiredIfIn | None = None
    max_length: int | None = SchemaField(None, ge=1)
    choices: list[ChoiceIn] = []
    columns: list[ColumnIn] = []
    aggregation: Field.Aggregation = Field.Aggregation.SUM


class FieldIn(_FieldBase):
    """``min``/``max`` refuse an answer; ``soft_min``/``soft_max`` only warn, and a warned
    answer needs a comment before the report is submitted."""

    min: Decimal | None = None
    max: Decimal | None = None
    soft_min: Decimal | None = None
    soft_max: Decimal | None = None


class FieldOut(_FieldBase):
    min: float | None = None
    max: float | None = None
    soft_min: float | None = None
    soft_max: float | None = None


class _SectionBase(Schema):
    code: Code
    title: Texts = {}
    help: Texts = {}


class SectionIn(_SectionBase):
    fields: list[FieldIn] = []


class SectionOut(_SectionBase):
    fields: list[FieldOut] = []


class RuleIn(Schema):
    left: Code
    op: ValidationRule.Operator = ValidationRule.Operator.LTE
    right: Code
    message: Texts = {}


class StructureIn(Schema):
    sections: list[SectionIn]
    rules: list[RuleIn] = []

    def for_service(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class StructureOut(Schema):
    sections: list[SectionOut]
    rules: list[RuleIn]


class TemplateIn(Schema):
    code: Code
    name: Texts
    description: Texts = {}
    structure: StructureIn


class TemplateRevisionIn(Schema):
    structure: StructureIn
    note: str = SchemaField("", max_length=300)


class TemplateOut(Schema):
    """Read from a ``ReportTemplate`` (its versions prefetched)."""

    id: int
    code: str
    name: Texts
    description: Texts
    display_name: str
    latest_version: int | None

    @staticmethod
    def resolve_latest_version(template: ReportTemplate) -> int | None:
        return max((v.number for v in template.versions.all()), default=None)


class VersionOut(Schema):
    number: int
    published_at: dt.datetime | None
    note: str
    in_use: bool
    structure: StructureOut


class TemplateDetailOut(TemplateOut):
    """Read from a ``ReportTemplate``; ``in_use`` in the context names the versions in use."""

    versions: list[VersionOut]

    @staticmethod
    def resolve_versions(template: ReportTemplate, context: dict[str, Any]) -> list[VersionOut]:
        in_use: set[int] = context["in_use"]
        return [
            VersionOut(
                number=v.number,
                published_at=v.published_at,
                note=v.note,
                in_use=v.pk in in_use,
                structure=structure_out(v),
            )
            for v in template.versions.all()
        ]


def structure_out(version: TemplateVersion) -> StructureOut:
    return StructureOut(
        sections=[
            SectionOut(
                code=s.code,
                title=s.title,
                help=s.help,
                fields=[
                    FieldOut(
                        code=f.code,
                        type=Field.Type(f.type),
                        label=f.label,
                        help=f.help,
                        required=f.required,
                        required_if=f.required_if,
                        min=_number(f.min_value),
                        max=_number(f.max_value),
                        soft_min=_number(f.soft_min),
                        soft_max=_number(f.soft_max),
                        max_length=f.max_length,
                        choices=f.choices,
                        columns=f.columns,
                        aggregation=Field.Aggregation(f.aggregation),
                    )
                    for f in s.fields.all()
                ],
            )
            for s in version.sections.all()
        ],
        rules=[
            RuleIn(
                left=r.left,
                op=ValidationRule.Operator(r.operator),
                right=r.right,
                message=r.message,
            )
            for r in version.rules.all()
        ],
    )


def template_detail_out(template: ReportTemplate, *, in_use: set[int]) -> TemplateDetailOut:
    return TemplateDetailOut.model_validate(template, context={"in_use": in_use})
