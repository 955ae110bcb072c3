"""The phase progress report and the evaluation report, as DOCX (python-docx) and PDF
(reportlab), on the body's paper with the header and "Page X of Y" footer of the consolidated
reports, charts with the target line. Built from the selectors' rows, with the document, table,
picture and chart helpers of the consolidated reports (``synthesis.render``). Call inside
``translation.override`` for the body's language."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Spacer

from lintas.core import times
from lintas.core.pdf import register_fonts
from lintas.plans import assess
from lintas.plans.models import Measure, Phase
from lintas.plans.selectors import Dashboard, EvaluationView, IndicatorRow
from lintas.synthesis.render import charts
from lintas.synthesis.render import docx as docx_render
from lintas.synthesis.render import pdf as pdf_render

CHARTS_PER_FIGURE = 6
# A report for leaders charts at most this many indicators (ten pages of figures): those off
# track and at risk first; every indicator stays in the table, and the phase's page charts all.
DOCUMENT_CHARTS = 60
_FIRST = {assess.OFF_TRACK: 0, assess.AT_RISK: 1}


def status_name(status: str) -> str:
    return {
        assess.ON_TRACK: _("On track"),
        assess.AT_RISK: _("At risk"),
        assess.OFF_TRACK: _("Off track"),
        assess.NOT_ASSESSED: _("Not assessed"),
    }[status]


def value_text(row: IndicatorRow, which: str) -> str:
    item = getattr(row, which)
    if which == "baseline":
        item = row.baseline
    if item is None:
        return "—"
    if item.value is None:
        return item.text
    if row.indicator.measure == Measure.YES_NO:
        return _("Yes") if item.value else _("No")
    text = f"{item.value.normalize():f}"
    return f"{text}%" if row.indicator.measure == Measure.PERCENTAGE else text


def indicator_table(rows: list[IndicatorRow]) -> tuple[list[str], list[list[str]]]:
    header = [_("Indicator"), _("Baseline"), _("Period"), _("Target"), _("Actual"), _("Status")]
    body = [
        [
            f"{r.indicator.code} {r.indicator.display_name}",
            value_text(r, "baseline"),
            r.period_key or "—",
            value_text(r, "target"),
            value_text(r, "actual"),
            status_name(r.status),
        ]
        for r in rows
    ]
    return header, body


def _number(item: Any) -> float:
    value = getattr(item, "value", None)
    return math.nan if value is None else float(value)


def charted(rows: list[IndicatorRow], limit: int | None = None) -> list[IndicatorRow]:
    """The rows a chart shows: numeric indicators with a target or an actual; with ``limit``,
    at most that many, those off track and at risk first, in the table's order."""
    numeric = [
        r for r in rows if r.indicator.measure != Measure.QUALITATIVE and (r.actuals or r.targets)
    ]
    if limit is None or len(numeric) <= limit:
        return numeric
    order = {id(r): n for n, r in enumerate(numeric)}
    chosen = sorted(numeric, key=lambda r: (_FIRST.get(r.status, 2), order[id(r)]))[:limit]
    return sorted(chosen, key=lambda r: order[id(r)])


def chart_count(rows: list[IndicatorRow]) -> int:
    return math.ceil(len(charted(rows)) / CHARTS_PER_FIGURE)


def _short_title(text: str, width: int = 44) -> str:
    """A panel's title on at most two lines, cut between words."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder=" …")]
    return "\n".join(lines)


def target_charts(
    rows: list[IndicatorRow],
    fmt: str = "png",
    *,
    only: int | None = None,
    limit: int | None = None,
) -> list[bytes]:
    """Small multiples, one panel per numeric indicator: actuals by period as a line, targets
    as a dashed line. ``only``: just that figure (the others are skipped, not drawn); ``limit``:
    see ``charted``. Margins are fixed rather than measured: measuring every label of every
    panel (tight layout) drew each figure three times over."""
    numeric = charted(rows, limit)
    out = []
    for n, start in enumerate(range(0, len(numeric), CHARTS_PER_FIGURE)):
        if only is not None and n != only:
            continue
        chunk = numeric[start : start + CHARTS_PER_FIGURE]
        cols = 2
        lines = math.ceil(len(chunk) / cols)
        fig = Figure(figsize=(6.6, 2.3 * lines))
        axes = fig.subplots(lines, cols, squeeze=False)
        for ax, row in zip(axes.flat, chunk, strict=False):
            keys = sorted(
                set(row.actuals) | set(row.targets),
                key=lambda k: (row.actuals.get(k) or row.targets.get(k)).period_start,  # type: ignore[union-attr]
            )
            actual = [_number(row.actuals.get(k)) for k in keys]
            target = [_number(row.targets.get(k)) for k in keys]
            ax.plot(keys, target, linestyle="--", color=charts.RED, label=_("Target"))
            ax.plot(keys, actual, marker="o", color=charts.BLUE, label=_("Actual"))
            ax.set_title(
                _short_title(f"{row.indicator.code} {row.indicator.display_name}"), fontsize=7
            )
            ax.tick_params(axis="x", rotation=45, labelsize=6)
            ax.tick_params(axis="y", labelsize=6)
            ax.grid(axis="y", alpha=0.3)
        for ax in list(axes.flat)[len(chunk) :]:
            ax.set_visible(False)
        axes.flat[0].legend(loc="best", frameon=False, fontsize=6)
        inch = 1 / (2.3 * lines)  # one inch, as a share of the figure's height
        fig.subplots_adjust(
            left=0.08,
            right=0.98,
            top=1 - 0.45 * inch,
            bottom=0.55 * inch,
            wspace=0.22,
            hspace=0.95,
        )
        out.append(charts._save(fig, fmt, tight=False))
    return out


@dataclass
class Report:
    """What a document says, in the order it says it."""

    title: str
    phase: Phase
    rows: list[IndicatorRow]
    dashboard: Dashboard | None = None
    evaluation: EvaluationView | None = None
    _charts: list[bytes] | None = None

    def charts(self) -> list[bytes]:
        """The report's figures, drawn once for both formats."""
        if self._charts is None:
            self._charts = target_charts(self.rows, limit=DOCUMENT_CHARTS)
        return self._charts

    def charts_note(self) -> str:
        """What the figures leave out, when they leave something out."""
        total = len(charted(self.rows))
        if total <= DOCUMENT_CHARTS:
            return ""
        return _(
            "The charts show %(shown)d of the %(total)d indicators with figures, those off "
            "track and at risk first; every indicator is in the table above, and the phase's "
            "page charts them all."
        ) % {"shown": DOCUMENT_CHARTS, "total": total}


def _summary(report: Report) -> list[str]:
    counts = {
        s: 0 for s in (assess.ON_TRACK, assess.AT_RISK, assess.OFF_TRACK, assess.NOT_ASSESSED)
    }
    for r in report.rows:
        counts[r.status] += 1
    return [f"{status_name(s)}: {n}" for s, n in counts.items()]


def _sections(
    report: Report,
) -> list[tuple[int, str, list[str], tuple[list[str], list[list[str]]] | None]]:
    """(heading level, heading, paragraphs, table) in order, shared by both formats."""
    out: list[tuple[int, str, list[str], tuple[list[str], list[list[str]]] | None]] = []
    phase = report.phase
    out.append(
        (
            1,
            _("Summary"),
            [
                _("Phase: %(name)s, %(start)s to %(end)s")
                % {
                    "name": phase.name,
                    "start": date_format(phase.starts_on),
                    "end": date_format(phase.ends_on),
                },
                " · ".join(_summary(report)),
            ],
            None,
        )
    )
    if report.dashboard is not None:
        results = [
            [
                n.result.code,
                n.result.get_level_display(),
                n.result.display_title,
                str(len(n.activities)),
            ]
            for n in report.dashboard.results
        ]
        out.append(
            (1, _("Results"), [], ([_("Code"), _("Level"), _("Result"), _("Activities")], results))
        )
    out.append((1, _("Indicators"), [], indicator_table(report.rows)))
    ev = report.evaluation
    if ev is not None:
        out.append(
            (
                1,
                _("Findings"),
                [p for p in ev.evaluation.findings.split("\n") if p.strip()] or ["—"],
                None,
            )
        )
        out.append(
            (
                1,
                _("Lessons learned"),
                [],
                (
                    [_("Lesson"), _("Context"), _("Evidence"), _("Who")],
                    [[f"{x.title}: {x.what}", x.context, x.evidence, x.who] for x in ev.lessons],
                ),
            )
        )
        out.append(
            (
                1,
                _("Good practices"),
                [],
                (
                    [_("Good practice"), _("Context"), _("Evidence of results"), _("Who")],
                    [
                        [f"{x.title}: {x.what}", x.context, x.evidence, x.who]
                        for x in ev.good_practices
                    ],
                ),
            )
        )
        out.append(
            (
                1,
                _("Recommendations and management responses"),
                [],
                (
                    [
                        _("Recommendation"),
                        _("Owner unit"),
                        _("Response"),
                        _("Due on"),
                        _("Follow-up"),
                    ],
                    [
                        [
                            r.text,
                            str(r.owner_unit),
                            r.get_response_display()
                            + (f": {r.response_text}" if r.response_text else ""),
                            date_format(r.due_on) if r.due_on else "—",
                            r.get_follow_up_display(),
                        ]
                        for r in ev.recommendations
                    ],
                ),
            )
        )
        out.append(
            (1, _("Priorities for the next phase"), [p.text for p in ev.priorities] or ["—"], None)
        )
    return out


def _frame(report: Report) -> tuple[str, str]:
    """The page header (body and title) and the footer's generation time, as the consolidated
    reports print them."""
    body = report.phase.body
    moment = times.moment(timezone.now(), body.time_zone)
    return f"{body.name} · {report.title}", f"{_('Generated')}: {moment}"


def render_docx(report: Report, *, with_charts: bool = True) -> bytes:
    body = report.phase.body
    doc = docx_render.new_document(
        title=report.title, language=get_language() or "en", paper=body.paper_size
    )
    header, generated = _frame(report)
    docx_render.page_frame(doc, header=header, generated=generated)
    doc.add_heading(report.title, level=0)
    for level, heading, paragraphs, table in _sections(report):
        doc.add_heading(heading, level=level)
        for p in paragraphs:
            doc.add_paragraph(p)
        if table is not None:
            if table[1]:
                docx_render._table(doc, table[0], table[1])
            else:
                doc.add_paragraph("—")
        if with_charts and heading == _("Indicators"):
            if note := report.charts_note():
                doc.add_paragraph(note)
            for png in report.charts():
                docx_render._picture(doc, png, 16)
    return docx_render.save(doc)


def render_pdf(report: Report, *, with_charts: bool = True) -> bytes:
    register_fonts()
    styles = pdf_render._styles()
    story: list[Any] = [Paragraph(escape(report.title), styles["title"])]
    for level, heading, paragraphs, table in _sections(report):
        story.append(Paragraph(escape(heading), styles[f"h{level}"]))
        story += [pdf_render._p(p) for p in paragraphs]
        if table is not None:
            story.append(
                pdf_render._table(*table, header_wrap=True) if table[1] else pdf_render._p("—")
            )
        if with_charts and heading == _("Indicators"):
            if note := report.charts_note():
                story.append(pdf_render._p(note))
            story += [Spacer(1, 6)] + [pdf_render._image(png, 17 * cm) for png in report.charts()]
    header, generated = _frame(report)
    return pdf_render.build(
        story,
        title=report.title,
        header=header,
        generated=generated,
        language=get_language() or "en",
        paper=report.phase.body.paper_size,
    )
