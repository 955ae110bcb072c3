"""Filters that put a consolidated report's numbers, dates and states in the page's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from lintas.synthesis.consolidate import LateItem, NumberBlock, TextBlock
from lintas.synthesis.render import charts, words

register = template.Library()


@register.filter
def num(value: Decimal | int | float | None) -> str:
    return words.number(value)


@register.filter
def signed(value: Decimal | None) -> str:
    return words.signed(value)


@register.filter
def pct(value: float | None) -> str:
    return words.percent(value)


@register.filter
def period_name(key: str) -> str:
    return words.period_key_name(key)


@register.filter
def moment(value: dt.datetime | None) -> str:
    """On a page, whose view activated the body's time zone (``members.bodyctx.load_body``)."""
    return words.moment(value, timezone.get_current_timezone())


@register.filter
def state_name(state: str) -> str:
    return words.state_name(state)


@register.filter
def late_state(item: LateItem) -> str:
    return words.late_state_name(item)


@register.filter
def aggregation(how: str) -> str:
    return words.aggregation_name(how)


@register.filter
def sparkline(block: NumberBlock) -> SafeString:
    return mark_safe(charts.sparkline(block))  # noqa: S308 - numbers and escaped labels only


@register.filter
def height(value: float | None) -> str:
    return "0" if value is None else f"{max(0.0, min(1.0, value)) * 100:.0f}"


@register.simple_tag
def unit_rows(block: NumberBlock) -> SafeString:
    """A numeric field's rows per unit as HTML, built in Python: with hundreds of units and
    dozens of fields the template language alone took seconds."""
    out = []
    for row in block.rows:
        mark = " *" if row.provisional else ""
        out.append(
            format_html(
                '<tr{}><th scope="row">{}{}</th><td class="num">{}</td><td class="num">{}</td>'
                '<td class="num">{}</td></tr>',
                mark_safe(' class="provisional"') if row.provisional else "",
                row.unit,
                mark,
                words.number(row.value),
                words.number(row.previous),
                words.signed(row.change),
            )
        )
    return mark_safe("".join(out))  # noqa: S308 - every piece went through format_html


@register.simple_tag
def narrative_entries(block: TextBlock, empty: str) -> SafeString:
    """A narrative field's answers, each under its unit's name (and period, over a range)."""
    if not block.entries:
        return format_html('<p class="muted">{}</p>', empty)
    periods: dict[str, str] = {}
    out = []
    for e in block.entries:
        name = e.unit
        if e.period:
            if e.period not in periods:
                periods[e.period] = words.period_key_name(e.period)
            name = f"{name} ({periods[e.period]})"
        out.append(
            format_html(
                '<p class="narrative{}"><strong>{}{}</strong>: {}</p>',
                " provisional" if e.provisional else "",
                name,
                " *" if e.provisional else "",
                linebreaksbr(e.text, autoescape=True),
            )
        )
    return mark_safe("".join(out))  # noqa: S308 - every piece went through format_html
