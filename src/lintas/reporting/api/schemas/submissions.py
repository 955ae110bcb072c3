"""Submissions: starting, drafting, submitting and returning them, and what they answer."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field as SchemaField
from ninja import Schema

from lintas.reporting.api.schemas.common import _number
from lintas.reporting.measures import Deadlines
from lintas.reporting.models import (
    Submission,
)
from lintas.reporting.validation import ValueWarning


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
