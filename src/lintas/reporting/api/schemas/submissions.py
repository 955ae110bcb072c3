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
    """Read from a ``Submission``."""

    id: int
    obligation_id: int
    unit_id: int
    unit_name: str = SchemaField(validation_alias="unit.name")
    period_key: str
    period_start: dt.date
    period_end: dt.date
    template_version: int = SchemaField(validation_alias="version.number")
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

    @staticmethod
    def resolve_comments(submission: Submission) -> dict[str, str]:
        return submission.comments or {}


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
    """Read from a ``Submission`` (its transitions prefetched) and a context holding its
    ``deadlines``, whether its period is ``locked``, the ``previous`` answers and the
    ``warnings``."""

    due: dt.date
    timely: dt.date
    expiry: dt.date | None
    locked: bool
    transitions: list[TransitionOut]
    previous: dict[str, PreviousOut]
    warnings: list[WarningOut]

    @staticmethod
    def resolve_due(s: Submission, context: dict[str, Any]) -> dt.date:
        return context["deadlines"].due

    @staticmethod
    def resolve_timely(s: Submission, context: dict[str, Any]) -> dt.date:
        return context["deadlines"].timely

    @staticmethod
    def resolve_expiry(s: Submission, context: dict[str, Any]) -> dt.date | None:
        return context["deadlines"].expiry

    @staticmethod
    def resolve_locked(s: Submission, context: dict[str, Any]) -> bool:
        return bool(context["locked"])

    @staticmethod
    def resolve_previous(s: Submission, context: dict[str, Any]) -> dict[str, PreviousOut]:
        return {
            code: PreviousOut(period=period, value=value)
            for code, (period, value) in context["previous"].items()
        }

    @staticmethod
    def resolve_warnings(s: Submission, context: dict[str, Any]) -> list[WarningOut]:
        comments = s.comments or {}
        return [
            WarningOut(
                field=w.code,
                kind=w.kind,
                message=w.message,
                median=_number(w.median),
                history=w.count,
                explained=bool(comments.get(code)),
            )
            for code, found in context["warnings"].items()
            for w in found
        ]


class RevisionOut(Schema):
    number: int
    state: str
    data: dict[str, Any]
    comments: dict[str, str]
    at: dt.datetime
    by_id: int | None
    source: str


def submission_detail_out(
    s: Submission,
    *,
    deadlines: Deadlines,
    locked: bool,
    previous: dict[str, tuple[str, Any]],
    warnings: dict[str, list[ValueWarning]],
) -> SubmissionDetailOut:
    return SubmissionDetailOut.model_validate(
        s,
        context={
            "deadlines": deadlines,
            "locked": locked,
            "previous": previous,
            "warnings": warnings,
        },
    )
