"""The shapes the reporting API reads and answers, and the functions that fill them.

A template's structure has the same shape in and out, and is what
``services.create_template`` takes: what one client reads, another can send back.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field as SchemaField
from ninja import Schema
from pydantic import NonNegativeInt

from lintas.reporting.measures import Deadlines, Measures
from lintas.reporting.models import (
    Field,
    Obligation,
    ReportTemplate,
    Submission,
    TemplateVersion,
    ValidationRule,
)
from lintas.reporting.selectors import Matrix
from lintas.reporting.validation import ValueWarning

Code = Annotated[str, SchemaField(pattern=r"^[-a-zA-Z0-9_]+$", max_length=60)]
Texts = dict[str, str]


# --- schemas: template structure, the same shape in and out ----------------------------------


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
    id: int
    code: str
    name: Texts
    description: Texts
    display_name: str
    latest_version: int | None


class VersionOut(Schema):
    number: int
    published_at: dt.datetime | None
    note: str
    in_use: bool
    structure: StructureOut


class TemplateDetailOut(TemplateOut):
    versions: list[VersionOut]


# --- schemas: obligations and measures -------------------------------------------------------


class ObligationIn(Schema):
    template_id: int
    unit_ids: list[int]
    period_type: Obligation.PeriodType
    starts_on: dt.date
    due_days: NonNegativeInt
    timely_days: NonNegativeInt | None = None
    expiry_days: NonNegativeInt | None = None
    ends_on: dt.date | None = None
    custom_periods: list[tuple[dt.date, dt.date]] = []
    requires_validation: bool = False
    reminder_days_before: list[NonNegativeInt] | None = None
    reminder_days_after: list[NonNegativeInt] | None = None
    escalation_days: NonNegativeInt | None = None
    name: Texts = {}


class ObligationOut(Schema):
    id: int
    template_id: int
    display_name: str
    name: Texts
    unit_ids: list[int]
    period_type: str
    custom_periods: list[list[str]]
    starts_on: dt.date
    ends_on: dt.date | None
    due_days: int
    timely_days: int
    expiry_days: int | None
    requires_validation: bool
    reminder_days_before: list[int]
    reminder_days_after: list[int]
    escalation_days: int | None
    is_active: bool


class ExceptionIn(Schema):
    unit_id: int
    period: str
    open_until: dt.date
    reason: str


class ExceptionOut(Schema):
    id: int
    obligation_id: int
    unit_id: int
    period_key: str
    open_until: dt.date
    reason: str


class MeasuresOut(Schema):
    """DHIS2's names; rates are shares of expected reports (0 to 1), null when none is expected.
    A report is expected once its deadline has passed, or earlier when it has arrived; owed
    reports whose deadline is ahead are counted apart, in ``reports_not_yet_due``."""

    expected_reports: int
    actual_reports: int
    actual_reports_on_time: int
    reporting_rate: float | None
    reporting_rate_on_time: float | None
    completeness: float | None
    days_late: int
    reports_not_yet_due: int


class PeriodMeasuresOut(Schema):
    period: str
    start: dt.date
    end: dt.date
    due: dt.date
    measures: MeasuresOut


class CellOut(Schema):
    period: str
    state: str
    owed: bool  # the unit owes this period
    expected: bool  # owed and counted in the rates: its deadline has passed or it is in
    actual: bool
    on_time: bool
    days_late: int | None
    completeness: float | None
    submission_id: int | None


class UnitMeasuresOut(Schema):
    unit_id: int
    unit_name: str
    measures: MeasuresOut
    cells: list[CellOut]


class ObligationMeasuresOut(Schema):
    obligation_id: int
    as_of: dt.datetime
    periods: list[PeriodMeasuresOut]
    units: list[UnitMeasuresOut]
    total: MeasuresOut


# --- schemas: submissions --------------------------------------------------------------------


class StartIn(Schema):
    obligation_id: int
    unit_id: int
    period: str


Comments = Annotated[
    dict[str, str] | None,
    SchemaField(
        description="Comments on numeric answers, by field code; they replace the saved ones. "
        "Leave out to keep the saved comments.",
    ),
]


class DraftIn(Schema):
    data: dict[str, Any]
    revision: int
    comments: Comments = None


class SubmitIn(Schema):
    """Submit as saved, or save these answers or comments first (then ``revision`` is
    required)."""

    data: dict[str, Any] | None = None
    revision: int | None = None
    comments: Comments = None


class ReturnIn(Schema):
    reason: str


class SubmissionOut(Schema):
    id: int
    obligation_id: int
    unit_id: int
    unit_name: str
    period_key: str
    period_start: dt.date
    period_end: dt.date
    template_version: int
    state: str
    data: dict[str, Any]
    comments: dict[str, str]
    revision: int
    required_filled: int
    required_total: int
    completeness: float
    first_submitted_at: dt.datetime | None
    first_complete_at: dt.datetime | None
    submitted_at: dt.datetime | None
    accepted_at: dt.datetime | None
    return_reason: str
    updated_at: dt.datetime


class TransitionOut(Schema):
    from_state: str
    to_state: str
    at: dt.datetime
    by_id: int | None
    reason: str
    revision: int


class PreviousOut(Schema):
    """The unit's answer in its latest earlier report (submitted or accepted)."""

    period: str
    value: Any


class WarningOut(Schema):
    """An answer allowed but implausible: ``soft_min``/``soft_max`` (beyond the template's soft
    limit) or ``outlier`` (far from the median of the unit's last reports)."""

    field: str
    kind: str
    message: str
    median: float | None = None
    history: int = SchemaField(0, description="how many past reports the median is taken from")
    explained: bool = SchemaField(description="the value has a comment")


class SubmissionDetailOut(SubmissionOut):
    due: dt.date
    timely: dt.date
    expiry: dt.date | None
    locked: bool
    transitions: list[TransitionOut]
    previous: dict[str, PreviousOut]
    warnings: list[WarningOut]


class RevisionOut(Schema):
    number: int
    state: str
    data: dict[str, Any]
    comments: dict[str, str]
    at: dt.datetime
    by_id: int | None
    source: str


# --- filling them ------------------------------------------------------------------------------


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


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


def template_out(template: ReportTemplate) -> TemplateOut:
    numbers = [v.number for v in template.versions.all()]
    return TemplateOut(
        id=template.pk,
        code=template.code,
        name=template.name,
        description=template.description,
        display_name=template.display_name,
        latest_version=max(numbers, default=None),
    )


def obligation_out(obligation: Obligation) -> ObligationOut:
    return ObligationOut(
        id=obligation.pk,
        template_id=obligation.template_id,
        display_name=obligation.display_name,
        name=obligation.name,
        unit_ids=sorted(u.pk for u in obligation.units.all()),
        period_type=obligation.period_type,
        custom_periods=obligation.custom_periods,
        starts_on=obligation.starts_on,
        ends_on=obligation.ends_on,
        due_days=obligation.due_days,
        timely_days=obligation.timely_days,
        expiry_days=obligation.expiry_days,
        requires_validation=obligation.requires_validation,
        reminder_days_before=obligation.reminder_days_before,
        reminder_days_after=obligation.reminder_days_after,
        escalation_days=obligation.escalation_days,
        is_active=obligation.is_active,
    )


def measures_out(m: Measures) -> MeasuresOut:
    return MeasuresOut(
        expected_reports=m.expected,
        actual_reports=m.actual,
        actual_reports_on_time=m.on_time,
        reporting_rate=m.reporting_rate,
        reporting_rate_on_time=m.reporting_rate_on_time,
        completeness=m.completeness,
        days_late=m.days_late,
        reports_not_yet_due=m.not_yet_due,
    )


def submission_out(s: Submission) -> SubmissionOut:
    return SubmissionOut(
        id=s.pk,
        obligation_id=s.obligation_id,
        unit_id=s.unit_id,
        unit_name=s.unit.name,
        period_key=s.period_key,
        period_start=s.period_start,
        period_end=s.period_end,
        template_version=s.version.number,
        state=s.state,
        data=s.data,
        comments=s.comments or {},
        revision=s.revision,
        required_filled=s.required_filled,
        required_total=s.required_total,
        completeness=s.completeness,
        first_submitted_at=s.first_submitted_at,
        first_complete_at=s.first_complete_at,
        submitted_at=s.submitted_at,
        accepted_at=s.accepted_at,
        return_reason=s.return_reason,
        updated_at=s.updated_at,
    )


def submission_detail_out(
    s: Submission,
    *,
    deadlines: Deadlines,
    locked: bool,
    previous: dict[str, tuple[str, Any]],
    warnings: dict[str, list[ValueWarning]],
) -> SubmissionDetailOut:
    comments = s.comments or {}
    return SubmissionDetailOut(
        **submission_out(s).model_dump(),
        due=deadlines.due,
        timely=deadlines.timely,
        expiry=deadlines.expiry,
        locked=locked,
        previous={
            code: PreviousOut(period=period, value=value)
            for code, (period, value) in previous.items()
        },
        warnings=[
            WarningOut(
                field=w.code,
                kind=w.kind,
                message=w.message,
                median=_number(w.median),
                history=w.count,
                explained=bool(comments.get(code)),
            )
            for code, found in warnings.items()
            for w in found
        ],
        transitions=[
            TransitionOut(
                from_state=t.from_state,
                to_state=t.to_state,
                at=t.at,
                by_id=t.by_id,
                reason=t.reason,
                revision=t.revision,
            )
            for t in s.transitions.all()
        ],
    )


def template_detail_out(template: ReportTemplate, *, in_use: set[int]) -> TemplateDetailOut:
    return TemplateDetailOut(
        **template_out(template).model_dump(),
        versions=[
            VersionOut(
                number=v.number,
                published_at=v.published_at,
                note=v.note,
                in_use=v.pk in in_use,
                structure=structure_out(v),
            )
            for v in template.versions.all()
        ],
    )


def matrix_out(obligation: Obligation, matrix: Matrix) -> ObligationMeasuresOut:
    return ObligationMeasuresOut(
        obligation_id=obligation.pk,
        as_of=matrix.now,
        periods=[
            PeriodMeasuresOut(
                period=p.key,
                start=p.start,
                end=p.end,
                due=obligation.deadlines(p).due,
                measures=measures_out(m),
            )
            for p, m in zip(matrix.periods, matrix.by_period, strict=True)
        ],
        units=[
            UnitMeasuresOut(
                unit_id=row.unit.pk,
                unit_name=row.unit.name,
                measures=measures_out(row.measures),
                cells=[
                    CellOut(
                        period=p.key,
                        state=c.state,
                        owed=c.owed,
                        expected=c.expected,
                        actual=c.actual,
                        on_time=c.on_time,
                        days_late=c.days_late,
                        completeness=c.completeness,
                        submission_id=sid,
                    )
                    for p, c, sid in zip(matrix.periods, row.cells, row.submission_ids, strict=True)
                ],
            )
            for row in matrix.rows
        ],
        total=measures_out(matrix.total),
    )
