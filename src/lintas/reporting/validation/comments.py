"""Comments on values: kept on number fields only, and not too long."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from lintas.reporting.validation.answers import (
    MAX_COMMENT,
    FieldSpec,
)
from lintas.reporting.validation.common import NUL_MESSAGE, Text, _identity, gettext_noop, holds_nul

# --- comments on values ----------------------------------------------------------------------


_NOT_NUMERIC = gettext_noop("Comments are kept on the report's number fields only.")


def check_comments(
    fields: Iterable[FieldSpec], raw: Mapping[str, Any], *, t: Text = _identity
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Comments on the numeric answers, by field code: the cleaned comments, and what is wrong.
    An empty comment is no comment."""
    numeric = {spec.code for spec in fields if spec.is_numeric}
    clean: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for code, text in raw.items():
        if text is None:
            continue
        if not isinstance(text, str):
            errors.setdefault(str(code), []).append(t(gettext_noop("A comment is text.")))
            continue
        text = text.strip()
        if not text:
            continue
        if code not in numeric:
            errors.setdefault(str(code), []).append(t(_NOT_NUMERIC))
        elif holds_nul(text):
            errors.setdefault(code, []).append(t(NUL_MESSAGE))
        elif len(text) > MAX_COMMENT:
            errors.setdefault(code, []).append(
                t(gettext_noop("A comment has at most %(n)s characters.")) % {"n": MAX_COMMENT}
            )
        else:
            clean[code] = text
    return clean, errors
