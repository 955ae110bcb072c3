"""``{% unit_options units selected %}``: the ``<option>``s of a hand-written unit select, as the
forms' unit pickers write them ("Name (CODE)" in the reader's language, grouped under the parent
unit, ordered by name, units where no one acts marked). The select carries
``data-unit-picker`` for the filter box."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.db.models import QuerySet
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from lintas.members.fields import picker_units, unit_picker_label
from lintas.members.models import Unit

register = template.Library()


def _option(unit: Unit, selected: str) -> SafeString:
    chosen = mark_safe(" selected") if str(unit.pk) == selected else ""
    return format_html('<option value="{}"{}>{}</option>', unit.pk, chosen, unit_picker_label(unit))


@register.simple_tag
def unit_options(units: Iterable[Unit], selected: Any = None) -> SafeString:
    if isinstance(units, QuerySet):
        units = picker_units(units)
    chosen = "" if selected is None else str(getattr(selected, "pk", selected))
    top: list[Unit] = []
    groups: dict[int, tuple[Unit, list[Unit]]] = {}
    for unit in units:
        if unit.parent is None:
            top.append(unit)
        else:
            groups.setdefault(unit.parent.pk, (unit.parent, []))[1].append(unit)
    parts = [_option(u, chosen) for u in sorted(top, key=lambda u: u.display_name.casefold())]
    for parent, children in sorted(groups.values(), key=lambda g: g[0].display_name.casefold()):
        children.sort(key=lambda u: u.display_name.casefold())
        inner = format_html_join("", "{}", ((_option(c, chosen),) for c in children))
        parts.append(format_html('<optgroup label="{}">{}</optgroup>', parent.label, inner))
    return mark_safe("".join(parts))  # noqa: S308 (each part is escaped by format_html)
