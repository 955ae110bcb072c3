"""The audit log as people read it: a sentence for each code, a dash for nothing."""

from __future__ import annotations

from typing import Any

from django import template

from lintas.audit.actions import describe

register = template.Library()


@register.filter
def action_sentence(action: str) -> str:
    return describe(action)


@register.filter
def detail_value(value: Any) -> Any:
    """A detail's value; "—" where there is none (not the word ``None``)."""
    return "—" if value is None or value == "" else value
