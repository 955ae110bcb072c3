"""Where each question of a template version lives in the workbook, in one language.

The layout depends only on the version and the language, both named by the file's signed
identification, so the reader finds every answer where the writer put it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.conf import settings
from django.core import signing
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl.utils import get_column_letter

from lintas.core.errors import LintasError
from lintas.reporting import services, validation
from lintas.reporting.models import Field, TemplateVersion, localized

FORMAT = 1  # bumped when the layout changes, so older files are refused
SALT = "lintas.reporting.offline"
META = "lintas"  # the very hidden sheet that identifies the file
LISTS = "lists"  # the hidden sheet with the options of drop-down lists
META_KEYS = ("format", "submission", "template_version", "revision", "language", "signature")
FIRST_ROW = 6  # the first section title on the report sheet; the rows above are its heading
CODE, LABEL, ANSWER, HELP = "A", "B", "C", "D"  # columns of the report sheet
COMMENT = "E"  # the comment on a numeric answer (files made before comments have none)
MAX_TABLE_ROWS = 500  # rows offered, and read, on a table's sheet

_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


class Problem(NamedTuple):
    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        return f"{where}: {self.message}" if where else self.message


class WorkbookProblems(LintasError):
    """A file that cannot be taken in, with every problem found; nothing of it was saved."""

    def __init__(self, problems: list[Problem], *, identity: bool = False) -> None:
        n = len(problems)
        super().__init__(
            ngettext(
                "The file was not taken in: %(n)s problem.",
                "The file was not taken in: %(n)s problems.",
                n,
            )
            % {"n": n}
        )
        self.problems = problems
        # the file's identification does not verify, or names another report or version
        self.identity = identity


def _signed(submission_id: int, version_id: int, revision: int, language: str) -> str:
    return f"{FORMAT}:{submission_id}:{version_id}:{revision}:{language}"


def _hmac(message: str, key: str | bytes) -> str:
    return salted_hmac(SALT, message, secret=key, algorithm="sha256").hexdigest()


def sign(submission_id: int, version_id: int, revision: int, language: str) -> str:
    """The HMAC of the file's identification with the site's secret key, in hexadecimal.

    Digits and a-f only: spreadsheets read ``_xHHHH_`` in a cell's text as an escaped character
    (LibreOffice even ``_x8_``) and write it back escaped their own way, which changed the
    base64 signatures of older files for good."""
    return _hmac(_signed(submission_id, version_id, revision, language), settings.SECRET_KEY)


def verify(submission_id: int, version_id: int, revision: int, language: str, sig: str) -> bool:
    """Also accepts signatures made with a key in SECRET_KEY_FALLBACKS, and the base64
    signatures of files issued before, even when a spreadsheet turned a ``_x…_`` in them into
    a character."""
    message = _signed(submission_id, version_id, revision, language)
    for key in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        if constant_time_compare(sig, _hmac(message, key)):
            return True
    signer = signing.Signer(salt=SALT)
    for candidate in _legacy_candidates(sig):
        try:
            signer.unsign(f"{message}:{candidate}")
        except signing.BadSignature:
            continue
        return True
    return False


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_BASE64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_MAX_CANDIDATES = 256


def unescape(text: str) -> str:
    """A cell's text with the OOXML escapes (``_x0008_``) turned back into their characters."""
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)


def _escapes(char: str) -> list[str]:
    """Every ``_x…_`` a spreadsheet may have read as ``char``: one to four hexadecimal digits,
    in either case."""
    digits = format(ord(char), "x")
    out: list[str] = []
    for width in range(len(digits), 5):
        padded = digits.zfill(width)
        letters = [i for i, c in enumerate(padded) if c.isalpha()]
        for mask in range(2 ** len(letters)):
            chars = list(padded)
            for bit, i in enumerate(letters):
                if mask >> bit & 1:
                    chars[i] = chars[i].upper()
            out.append("_x" + "".join(chars) + "_")
    return out


def _legacy_candidates(sig: str) -> list[str]:
    """What an older file's base64 signature may have been before a spreadsheet decoded the
    ``_x…_`` sequences in it: each character base64 does not use stands for one of them."""
    decoded = unescape(sig)
    options: list[list[str]] = [_escapes(c) if c not in _BASE64URL else [c] for c in decoded]
    total = 1
    for choices in options:
        total *= len(choices)
    if total > _MAX_CANDIDATES:
        return [sig]
    found = [sig]
    for parts in itertools.product(*options):
        candidate = "".join(parts)
        if candidate not in found:
            found.append(candidate)
    return found


def refuse(sheet: str, cell: str, message: str, *, identity: bool = False) -> WorkbookProblems:
    return WorkbookProblems([Problem(sheet, cell, message)], identity=identity)


def meta_cell(key: str) -> str:
    return f"B{META_KEYS.index(key) + 1}"


def as_text(value: Any) -> str:
    """A cell's value as the person typed it, for matching and for messages."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class Choices:
    """A field's choices as shown in the file's language, and every way to name one when reading:
    the stored value, or its label in any language where that label is not ambiguous."""

    def __init__(self, choices: list[dict[str, Any]], language: str) -> None:
        values = [str(c["value"]) for c in choices]
        shown = [
            localized(c.get("label"), language) or v for c, v in zip(choices, values, strict=True)
        ]
        folded = {v.casefold(): v for v in values}
        clash = len({s.casefold() for s in shown}) < len(shown) or any(
            folded.get(s.casefold(), v) != v for s, v in zip(shown, values, strict=True)
        )
        # labels that repeat, or that are another choice's value, would be ambiguous: show values
        self.options = list(zip(values, values if clash else shown, strict=True))
        self.lookup = dict(folded)
        for value, text in self.options:
            self.lookup.setdefault(text.strip().casefold(), value)
        others: dict[str, set[str]] = {}
        for choice, value in zip(choices, values, strict=True):
            for text in (choice.get("label") or {}).values():
                others.setdefault(str(text).strip().casefold(), set()).add(value)
        for text, found in others.items():
            if len(found) == 1 and text not in self.lookup:
                self.lookup[text] = found.pop()

    @property
    def shown(self) -> list[str]:
        return [text for _value, text in self.options]

    def display(self, value: Any) -> str:
        return dict(self.options).get(str(value), str(value))

    def find(self, text: Any) -> str | None:
        return self.lookup.get(as_text(text).strip().casefold())


class YesNo:
    """Yes and No in the file's language; either word in any of the site's languages reads."""

    def __init__(self, language: str) -> None:
        with translation.override(language):
            self.shown = [_("Yes"), _("No")]
        self.lookup: dict[str, bool] = {}
        for code in [language, *(code for code, _name in settings.LANGUAGES)]:
            with translation.override(code):
                self.lookup.setdefault(_("Yes").casefold(), True)
                self.lookup.setdefault(_("No").casefold(), False)

    def display(self, value: Any) -> str:
        return self.shown[0] if value else self.shown[1]


@dataclass(frozen=True)
class Column:
    spec: validation.FieldSpec
    letter: str
    label: str
    choices: Choices


@dataclass(frozen=True)
class Item:
    """One question: a row of the report sheet; a table also has a sheet of its own."""

    field: Field
    spec: validation.FieldSpec
    row: int
    label: str
    choices: Choices
    sheet: str = ""
    columns: tuple[Column, ...] = ()


@dataclass(frozen=True)
class Layout:
    language: str
    main: str
    sections: list[tuple[str, int]]
    items: list[Item]
    yes_no: YesNo

    @property
    def last_row(self) -> int:
        return max([FIRST_ROW, *(i.row for i in self.items)])


def sheet_title(text: str, used: set[str]) -> str:
    """A valid sheet name (31 characters, none of []:*?/\\), unique ignoring case."""
    base = _BAD_TITLE.sub(" ", text).strip().strip("'")[:31] or "sheet"
    title, n = base, 1
    while title.casefold() in used:
        n += 1
        title = f"{base[: 30 - len(str(n))]}-{n}"
    used.add(title.casefold())
    return title


def build_layout(version: TemplateVersion, language: str) -> Layout:
    """The layout of a version prefetched with ``selectors.version_with_fields``."""
    with translation.override(language):
        used = {META, LISTS}
        main = sheet_title(_("Report"), used)
        specs = {s.code: s for s in services.field_specs(version)}
    sections: list[tuple[str, int]] = []
    items: list[Item] = []
    row = FIRST_ROW
    for section in version.sections.all():
        sections.append((localized(section.title, language) or section.code, row))
        row += 1
        for field in section.fields.all():
            spec = specs[field.code]
            label = localized(field.label, language) or field.code
            choices = Choices(field.choices or [], language)
            if field.type == Field.Type.TABLE:
                columns = tuple(
                    Column(
                        spec=column_spec,
                        letter=get_column_letter(i),
                        label=localized(raw.get("label"), language) or raw["code"],
                        choices=Choices(raw.get("choices", []), language),
                    )
                    for i, (raw, column_spec) in enumerate(
                        zip(field.columns or [], spec.columns, strict=True), start=1
                    )
                )
                sheet = sheet_title(field.code, used)
                items.append(Item(field, spec, row, label, choices, sheet, columns))
            else:
                items.append(Item(field, spec, row, label, choices))
            row += 1
    return Layout(language, main, sections, items, YesNo(language))
