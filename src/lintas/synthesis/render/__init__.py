"""Renderers of a consolidated report. ``render`` puts one in a format and a language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation
from django.utils.text import slugify

from lintas.synthesis.consolidate import Consolidated

FORMATS = ("docx", "pdf", "xlsx", "csv")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@dataclass
class Rendered:
    content: bytes
    content_type: str
    filename: str


def _renderer(fmt: str) -> Callable[[Consolidated], bytes]:
    if fmt == "docx":
        from lintas.synthesis.render.docx import render_docx

        return render_docx
    if fmt == "pdf":
        from lintas.synthesis.render.pdf import render_pdf

        return render_pdf
    if fmt == "xlsx":
        from lintas.synthesis.render.tabular import render_xlsx

        return render_xlsx
    if fmt == "csv":
        from lintas.synthesis.render.tabular import render_csv

        return render_csv
    raise ValueError(f"unknown format {fmt!r}")


def filename(report: Consolidated, fmt: str) -> str:
    keys = report.first.key if len(report.periods) == 1 else f"{report.first.key}_{report.last.key}"
    name = slugify(f"{report.template} {keys}".replace("..", " ")) or "report"
    return f"{name}-{report.language}.{fmt}"


def render(report: Consolidated, fmt: str) -> Rendered:
    with translation.override(report.language):
        content = _renderer(fmt)(report)
    return Rendered(content, CONTENT_TYPES[fmt], filename(report, fmt))
