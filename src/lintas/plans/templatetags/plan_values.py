"""``plan_value``: an indicator's number as its measure writes it, in the reader's language:
a percentage with its sign ("93.8%", "93,8 %"), a count with thousands grouped ("250,000")."""

from __future__ import annotations

from decimal import Decimal

from django import template

from lintas.plans.values import show_value

register = template.Library()


@register.filter
def plan_value(value: Decimal | None, measure: str) -> str:
    return show_value(measure, value)
