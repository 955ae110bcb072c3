"""Checking and normalising a submission's answers against its template version.

No Django import: the template arrives as ``FieldSpec``/``RuleSpec`` values, answers as a dict of
raw values (from a form, JSON or a spreadsheet), and the result says, field by field, what is
wrong. The same code serves the web form, the API and the XLSX upload.

Numbers are checked twice over. Hard limits (``min_value``/``max_value``, and ``LARGEST`` for
every number) refuse an answer. Soft limits (``soft_min``/``soft_max``) and the unit's own
history (``usual_range``: median and median absolute deviation of its last values) only warn;
``value_warnings`` says which answers look implausible, and ``unexplained`` which of those
still need a comment before the report can be submitted.

By part: ``common`` (the translation function, how answers were written), ``numbers`` (numbers
as people write them), ``answers`` (``check`` and ``parse_value``), ``comments`` (comments on
values) and ``plausibility`` (soft limits and the unit's history).
"""

from lintas.reporting.validation.answers import (
    LARGEST,
    MAX_COMMENT,
    NUMERIC,
    FieldSpec,
    Result,
    RuleSpec,
    as_number,
    check,
    is_empty,
    parse_value,
    too_large,
)
from lintas.reporting.validation.comments import (
    check_comments,
)
from lintas.reporting.validation.common import (
    JSON,
    Text,
    gettext_noop,
)
from lintas.reporting.validation.numbers import (
    NumberError,
    format_number,
    marks,
    parse_number,
    read_number,
)
from lintas.reporting.validation.plausibility import (
    CUTOFF,
    HISTORY_VALUES,
    MAD_SCALE,
    MEAN_AD_SCALE,
    MIN_HISTORY,
    Usual,
    ValueWarning,
    unexplained,
    usual_range,
    value_warnings,
)

__all__ = [
    "CUTOFF",
    "HISTORY_VALUES",
    "JSON",
    "LARGEST",
    "MAD_SCALE",
    "MAX_COMMENT",
    "MEAN_AD_SCALE",
    "MIN_HISTORY",
    "NUMERIC",
    "FieldSpec",
    "NumberError",
    "Result",
    "RuleSpec",
    "Text",
    "Usual",
    "ValueWarning",
    "as_number",
    "check",
    "check_comments",
    "format_number",
    "gettext_noop",
    "is_empty",
    "marks",
    "parse_number",
    "parse_value",
    "read_number",
    "too_large",
    "unexplained",
    "usual_range",
    "value_warnings",
]
