from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lintas.formats import numbers
from lintas.reporting import cells, measures

register = template.Library()


@register.filter
def state_label(state: str) -> str:
    return cells.short_name(state)


@register.filter
def percent(value: float | None) -> str:
    return numbers.percent(value)


@register.filter
def percent_width(value: float | None) -> str:
    return "0" if value is None else f"{max(0.0, min(1.0, value)) * 100:.1f}"


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def cell_title(cell: measures.Cell) -> str:
    parts = [state_label(cell.state)]
    if cell.days_late:
        parts.append(
            ngettext("%(n)s day late", "%(n)s days late", cell.days_late) % {"n": cell.days_late}
        )
    if cell.completeness is not None:
        parts.append(_("complete: %(p)s") % {"p": percent(cell.completeness)})
    return " · ".join(parts)


@register.filter
def loc(texts: dict[str, str] | None) -> str:
    from lintas.reporting.models import localized

    return localized(texts)


@register.filter
def show_value(value: Any, field: Any) -> str:
    """An answer as a reader sees it."""
    if value is None or value == "" or value == []:
        return "—"
    if field.type == "yes_no":
        return _("Yes") if value else _("No")
    if field.type == "choice":
        return field.choice_label(value)
    if field.type == "multi_choice":
        return ", ".join(field.choice_label(v) for v in value)
    if field.type in {"integer", "decimal"}:
        return number_format(value, force_grouping=True)
    return str(value)


@register.filter
def glyph(cell: measures.Cell) -> str:
    """A cell's short text in the matrix: a sign, and the days late when there are any."""
    sign = cells.sign(cell.state)
    if cell.days_late:
        return f"{sign} +{cell.days_late}"
    return sign


@register.filter
def late_class(cell: measures.Cell) -> str:
    return " was-late" if cell.state == measures.ACCEPTED and cell.days_late else ""


@register.filter
def state_display(state: str) -> str:
    from lintas.reporting.models import Submission

    return str(dict(Submission.State.choices).get(state, state))


@register.simple_tag(takes_context=True)
def matrix_cells(context: template.Context, row: Any, slug: str) -> SafeString:
    """The cells of one matrix row as HTML.

    A matrix of 1,000 units x 36 periods has 36,000 cells: rendered node by node in the template
    language that alone took seconds. Cells with the same facts are the same object, so each
    distinct cell's markup is built once per page and reused."""
    store: Any = context.render_context
    if "matrix_cells" not in store:
        store["matrix_cells"] = {}
        store["matrix_link"] = reverse("reporting:submission-detail", args=[slug, 0]).replace(
            "/0/", "/%d/"
        )
    cache: dict[int, tuple[str, str, str]] = store["matrix_cells"]
    link: str = store["matrix_link"]
    out: list[str] = []
    for cell, sid in zip(row.cells, row.submission_ids, strict=True):
        parts = cache.get(id(cell))
        if parts is None:
            title, sign = cell_title(cell), glyph(cell)
            parts = cache[id(cell)] = (
                format_html('<td><a class="cell {}{}" href="', cell.state, late_class(cell)),
                format_html('" title="{}" aria-label="{}">{}</a></td>', title, title, sign),
                format_html(
                    '<td><span class="cell {}" title="{}" aria-label="{}">{}</span></td>',
                    cell.state,
                    title,
                    title,
                    sign,
                ),
            )
        out.append(f"{parts[0]}{link % sid}{parts[1]}" if sid else parts[2])
    return mark_safe("".join(out))  # noqa: S308 (every piece went through format_html)
