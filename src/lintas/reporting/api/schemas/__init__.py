"""The shapes the reporting API reads and answers, and the functions that fill them.

A template's structure has the same shape in and out, and is what
``services.create_template`` takes: what one client reads, another can send back.

By topic: ``common`` (the value types), ``templates`` (templates, versions and their
structure), ``obligations`` (obligations, exceptions and the measures) and ``submissions``.
"""

from lintas.reporting.api.schemas.common import (
    Code,
    Texts,
)
from lintas.reporting.api.schemas.obligations import (
    CellOut,
    ExceptionIn,
    ExceptionOut,
    MeasuresOut,
    ObligationIn,
    ObligationMeasuresOut,
    ObligationOut,
    PeriodMeasuresOut,
    UnitMeasuresOut,
    matrix_out,
    measures_out,
)
from lintas.reporting.api.schemas.submissions import (
    Comments,
    DraftIn,
    PreviousOut,
    ReturnIn,
    RevisionOut,
    StartIn,
    SubmissionDetailOut,
    SubmissionOut,
    SubmitIn,
    TransitionOut,
    WarningOut,
    submission_detail_out,
)
from lintas.reporting.api.schemas.templates import (
    ChoiceIn,
    ColumnIn,
    FieldIn,
    FieldOut,
    RequiredIfIn,
    RuleIn,
    SectionIn,
    SectionOut,
    StructureIn,
    StructureOut,
    TemplateDetailOut,
    TemplateIn,
    TemplateOut,
    TemplateRevisionIn,
    VersionOut,
    structure_out,
    template_detail_out,
)

__all__ = [
    "CellOut",
    "ChoiceIn",
    "Code",
    "ColumnIn",
    "Comments",
    "DraftIn",
    "ExceptionIn",
    "ExceptionOut",
    "FieldIn",
    "FieldOut",
    "MeasuresOut",
    "ObligationIn",
    "ObligationMeasuresOut",
    "ObligationOut",
    "PeriodMeasuresOut",
    "PreviousOut",
    "RequiredIfIn",
    "ReturnIn",
    "RevisionOut",
    "RuleIn",
    "SectionIn",
    "SectionOut",
    "StartIn",
    "StructureIn",
    "StructureOut",
    "SubmissionDetailOut",
    "SubmissionOut",
    "SubmitIn",
    "TemplateDetailOut",
    "TemplateIn",
    "TemplateOut",
    "TemplateRevisionIn",
    "Texts",
    "TransitionOut",
    "UnitMeasuresOut",
    "VersionOut",
    "WarningOut",
    "matrix_out",
    "measures_out",
    "structure_out",
    "submission_detail_out",
    "template_detail_out",
]
