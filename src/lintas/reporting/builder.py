"""The template builder page's form: its inputs read into a template definition, the buttons
that change the definition (add, remove, move), and the definition laid out for the page.

Nothing here writes: the page keeps the whole definition in its inputs between posts, and only
"Save" hands it to ``services.create_template`` or ``services.revise_template``, which check it
whole and save all of it or nothing.

Inputs: ``sections`` (how many), ``s<i>_code``, ``s<i>_title_<lang>``, ``s<i>_fields`` (how
many), ``s<i>_f<j>_code|type|required|label_<lang>|help_<lang>|choices|columns|extra``;
``rules`` (how many), ``r<k>_left|op|right|message_<lang>``. ``extra`` keeps, as JSON, what the
page does not edit (limits, conditions, aggregation), so an edit never loses it.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from lintas.core.errors import LintasError
from lintas.reporting.models import Field, TemplateVersion, ValidationRule

LANGUAGES = ("en", "vi", "id")
MAX_ITEMS = 300  # sections, fields in a section, or rules that one post may name
CHOICE_TYPES = {Field.Type.CHOICE, Field.Type.MULTI_CHOICE}
COLUMN_TYPES = (
    Field.Type.SHORT_TEXT,
    Field.Type.INTEGER,
    Field.Type.DECIMAL,
    Field.Type.DATE,
    Field.Type.CHOICE,
)
EDITED = {"code", "type", "required", "label", "help", "choices", "columns", "_choices", "_columns"}


def _count(post: QueryDict, name: str) -> int:
    raw = post.get(name, "0")
    return min(int(raw), MAX_ITEMS) if raw.isdigit() else 0


def _texts(post: QueryDict, prefix: str) -> dict[str, str]:
    found = {lang: post.get(f"{prefix}_{lang}", "").strip() for lang in LANGUAGES}
    return {lang: text for lang, text in found.items() if text}


def _parts(line: str) -> list[str]:
    return [part.strip() for part in line.split("|")]


def _choices(text: str, where: str, code: str) -> list[dict[str, Any]]:
    """One choice a line: ``value | English | Tiếng Việt | Bahasa Indonesia``."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        value, *labels = _parts(line)
        if not value:
            raise LintasError(
                _("Field %(code)s: choice line %(n)s has no value before the first |.")
                % {"code": code, "n": number},
                field=f"{where}.choices",
            )
        label = {lang: t for lang, t in zip(LANGUAGES, labels, strict=False) if t}
        found.append({"value": value, "label": label or {"en": value}})
    return found


def _columns(text: str, where: str, code: str) -> list[dict[str, Any]]:
    """One column a line: ``code | type | English label``."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [*_parts(line), "", ""]
        column, kind, label = parts[0], parts[1] or Field.Type.SHORT_TEXT, parts[2]
        if not column or kind not in COLUMN_TYPES:
            raise LintasError(
                _(
                    "Field %(code)s: column line %(n)s must read code | type | label, with a "
                    "type among %(types)s."
                )
                % {"code": code, "n": number, "types": ", ".join(COLUMN_TYPES)},
                field=f"{where}.columns",
            )
        found.append({"code": column, "type": kind, "label": {"en": label or column}})
    return found


def _extra(raw: str) -> dict[str, Any]:
    try:
        kept = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {k: v for k, v in kept.items() if k not in EDITED} if isinstance(kept, dict) else {}


def _kept(
    strict: bool,
    field: dict[str, Any],
    key: str,
    read: Any,
    post: QueryDict,
    q: str,
    where: str,
) -> list[dict[str, Any]]:
    """Choices or columns read from their text; not ``strict``, text that does not read is kept
    as typed under ``key`` (to show the page again) and counts as none."""
    text = post.get(f"{q}{key}", "")
    try:
        return list(read(text, where, field["code"]))
    except LintasError:
        if strict:
            raise
        field[key] = text
        return []


def definition_from_post(post: QueryDict, *, strict: bool = True) -> dict[str, Any]:
    """The definition the page's inputs hold. Choices and columns written wrongly are refused
    here, naming the field; everything else is the services' to check on saving. Not
    ``strict``: nothing is refused, and the text of choices and columns is kept as typed
    (``_choices``, ``_columns``) to show the page again."""
    sections = []
    for i in range(_count(post, "sections")):
        p = f"s{i}"
        fields = []
        for j in range(_count(post, f"{p}_fields")):
            q = f"{p}_f{j}"
            where = f"sections.{i}.fields.{j}"
            code = post.get(f"{q}_code", "").strip()
            kind = post.get(f"{q}_type", "")
            field: dict[str, Any] = {
                **_extra(post.get(f"{q}_extra", "")),
                "code": code,
                "type": kind,
                "required": post.get(f"{q}_required") == "on",
                "label": _texts(post, f"{q}_label"),
                "help": _texts(post, f"{q}_help"),
            }
            if kind in CHOICE_TYPES:
                field["choices"] = _kept(strict, field, "_choices", _choices, post, q, where)
                if strict and not field["choices"]:
                    raise LintasError(
                        _("Field %(code)s needs at least one choice.") % {"code": code},
                        field=f"{where}.choices",
                    )
            if kind == Field.Type.TABLE:
                field["columns"] = _kept(strict, field, "_columns", _columns, post, q, where)
                if strict and not field["columns"]:
                    raise LintasError(
                        _("Field %(code)s is a table and needs at least one column.")
                        % {"code": code},
                        field=f"{where}.columns",
                    )
            fields.append(field)
        sections.append(
            {
                "code": post.get(f"{p}_code", "").strip(),
                "title": _texts(post, f"{p}_title"),
                "fields": fields,
            }
        )
    rules = [
        {
            "left": post.get(f"r{k}_left", "").strip(),
            "op": post.get(f"r{k}_op", ValidationRule.Operator.LTE),
            "right": post.get(f"r{k}_right", "").strip(),
            "message": _texts(post, f"r{k}_message"),
        }
        for k in range(_count(post, "rules"))
    ]
    return {"sections": sections, "rules": rules}


def definition_of(version: TemplateVersion) -> dict[str, Any]:
    """A saved version as the page edits it."""
    return {
        "sections": [
            {
                "code": s.code,
                "title": s.title,
                "help": s.help,
                "fields": [
                    {
                        "code": f.code,
                        "type": f.type,
                        "required": f.required,
                        "label": f.label,
                        "help": f.help,
                        "choices": f.choices,
                        "columns": f.columns,
                        **{
                            k: v
                            for k, v in {
                                "required_if": f.required_if,
                                "min": f.min_value,
                                "max": f.max_value,
                                "soft_min": f.soft_min,
                                "soft_max": f.soft_max,
                                "max_length": f.max_length,
                                "aggregation": f.aggregation,
                            }.items()
                            if v is not None
                        },
                    }
                    for f in s.fields.all()
                ],
            }
            for s in version.sections.all()
        ],
        "rules": [
            {"left": r.left, "op": r.operator, "right": r.right, "message": r.message}
            for r in version.rules.all()
        ],
    }


def empty_definition() -> dict[str, Any]:
    return {"sections": [{"code": "main", "title": {"en": _("Report")}, "fields": []}], "rules": []}


def apply(definition: dict[str, Any], action: str) -> dict[str, Any]:
    """Change the definition as a button says: ``add-section``, ``remove-section:i``,
    ``add-field:i``, ``remove-field:i:j``, ``up:i:j``, ``down:i:j``, ``section-up:i``,
    ``section-down:i``, ``move:i:j:k:l`` (a field dragged to place ``l`` of section ``k``),
    ``add-rule``, ``remove-rule:k``. A button that names nothing there changes nothing."""
    verb, *args = action.split(":")
    try:
        at = [int(a) for a in args]
    except ValueError:
        return definition
    sections: list[dict[str, Any]] = definition["sections"]
    rules: list[dict[str, Any]] = definition["rules"]
    try:
        if verb == "add-section":
            sections.append({"code": f"section-{len(sections) + 1}", "title": {}, "fields": []})
        elif verb == "remove-section" and len(at) == 1:
            del sections[at[0]]
        elif verb == "add-field" and len(at) == 1:
            fields = sections[at[0]]["fields"]
            fields.append({"code": "", "type": Field.Type.SHORT_TEXT, "label": {}})
        elif verb == "remove-field" and len(at) == 2:
            del sections[at[0]]["fields"][at[1]]
        elif verb in {"up", "down"} and len(at) == 2:
            fields = sections[at[0]]["fields"]
            j = at[1]
            k = j - 1 if verb == "up" else j + 1
            if 0 <= k < len(fields) and 0 <= j < len(fields):
                fields[j], fields[k] = fields[k], fields[j]
        elif verb in {"section-up", "section-down"} and len(at) == 1:
            j = at[0]
            k = j - 1 if verb == "section-up" else j + 1
            if 0 <= k < len(sections) and 0 <= j < len(sections):
                sections[j], sections[k] = sections[k], sections[j]
        elif verb == "move" and len(at) == 4:
            # dragged: field j of section i to place l of section k (before the field there)
            i, j, k, place = at
            if not (0 <= i < len(sections) and 0 <= k < len(sections)):
                return definition
            if not 0 <= j < len(sections[i]["fields"]):
                return definition
            # Dropped on a field below it in its own section, it goes after that field (the
            # others move up); anywhere else, before the field it was dropped on.
            moved = sections[i]["fields"].pop(j)
            target = sections[k]["fields"]
            target.insert(max(0, min(place, len(target))), moved)
        elif verb == "add-rule":
            rules.append(
                {"left": "", "op": ValidationRule.Operator.LTE, "right": "", "message": {}}
            )
        elif verb == "remove-rule" and len(at) == 1:
            del rules[at[0]]
    except IndexError:
        pass
    return definition


def _lines_of_choices(choices: list[dict[str, Any]]) -> str:
    lines = []
    for c in choices or []:
        label = c.get("label") or {}
        parts = [str(c.get("value", "")), *(label.get(lang, "") for lang in LANGUAGES)]
        while len(parts) > 1 and not parts[-1]:
            parts.pop()
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def _lines_of_columns(columns: list[dict[str, Any]]) -> str:
    return "\n".join(
        " | ".join(
            [str(c.get("code", "")), str(c.get("type", "")), (c.get("label") or {}).get("en", "")]
        )
        for c in columns or []
    )


def _json_safe(value: Any) -> Any:
    return str(value) if not isinstance(value, str | int | float | bool | dict | list) else value


def layout(definition: dict[str, Any], error_at: str | None) -> dict[str, Any]:
    """The definition with each input's name and value, for the page; ``error_at`` is the path
    of a refusal (``sections.0.fields.2.label``), whose block shows the message."""
    sections = []
    for i, s in enumerate(definition["sections"]):
        fields = []
        for j, f in enumerate(s.get("fields", [])):
            where = f"sections.{i}.fields.{j}"
            extra = {k: _json_safe(v) for k, v in f.items() if k not in EDITED}
            fields.append(
                {
                    "prefix": f"s{i}_f{j}",
                    "index": j,
                    "code": f.get("code", ""),
                    "type": f.get("type", ""),
                    "required": bool(f.get("required")),
                    "label": f.get("label") or {},
                    "help": f.get("help") or {},
                    "choices": f["_choices"]
                    if "_choices" in f
                    else _lines_of_choices(f.get("choices") or []),
                    "columns": f["_columns"]
                    if "_columns" in f
                    else _lines_of_columns(f.get("columns") or []),
                    "extra": json.dumps(extra) if extra else "",
                    "error": bool(error_at) and str(error_at).startswith(where + "."),
                    "first": j == 0,
                    "last": j == len(s.get("fields", [])) - 1,
                }
            )
        sections.append(
            {
                "prefix": f"s{i}",
                "index": i,
                "code": s.get("code", ""),
                "title": s.get("title") or {},
                "fields": fields,
                "error": error_at in {f"sections.{i}.code", f"sections.{i}.title"},
                "first": i == 0,
                "last": i == len(definition["sections"]) - 1,
            }
        )
    rules = [
        {
            "prefix": f"r{k}",
            "index": k,
            "left": r.get("left", ""),
            "op": r.get("op", ValidationRule.Operator.LTE),
            "right": r.get("right", ""),
            "message": r.get("message") or {},
            "error": bool(error_at) and str(error_at).startswith(f"rules.{k}."),
        }
        for k, r in enumerate(definition["rules"])
    ]
    return {"sections": sections, "rules": rules}


def preview_fields(definition: dict[str, Any]) -> list[tuple[dict[str, Any], list[Field]]]:
    """The definition's sections and fields as unsaved fields, for the submission form's field
    template to show as a focal point would see them."""
    out = []
    for s in definition["sections"]:
        fields = [
            Field(
                code=f.get("code") or "",
                type=f.get("type") or Field.Type.SHORT_TEXT,
                label=f.get("label") or {},
                help=f.get("help") or {},
                required=bool(f.get("required")),
                choices=f.get("choices") or [],
                columns=f.get("columns") or [],
            )
            for f in s.get("fields", [])
        ]
        out.append((s, fields))
    return out
