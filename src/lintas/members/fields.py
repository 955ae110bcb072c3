"""The unit pickers every form shares: "Name (CODE)" in the reader's language, grouped under the
parent unit, ordered by name, units where no one acts marked, and a filter box (core's
lintas.js, on any select with ``data-unit-picker``; without script the plain select works)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext as _

from lintas.members.models import Membership, Unit


def unit_picker_label(unit: Unit) -> str:
    if getattr(unit, "has_acting", True):
        return unit.label
    return _("%(unit)s — no one acting") % {"unit": unit.label}


def picker_units(queryset: QuerySet[Unit]) -> QuerySet[Unit]:
    """The units with their parent and whether someone acts for each: one query."""
    acting = Membership.objects.active().filter(unit=OuterRef("pk"))
    return queryset.select_related("parent").annotate(has_acting=Exists(acting))


class UnitChoiceIterator(ModelChoiceIterator):
    """Top-level units first, then one group per parent, each ordered by name as read."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        units = list(picker_units(self.queryset))
        top: list[Unit] = []
        groups: dict[int, tuple[Unit, list[Unit]]] = {}
        for unit in units:
            if unit.parent is None:
                top.append(unit)
            else:
                groups.setdefault(unit.parent.pk, (unit.parent, []))[1].append(unit)
        for unit in sorted(top, key=lambda u: u.display_name.casefold()):
            yield self.choice(unit)
        for parent, children in sorted(groups.values(), key=lambda g: g[0].display_name.casefold()):
            children.sort(key=lambda u: u.display_name.casefold())
            yield (parent.label, [self.choice(child) for child in children])

    def __len__(self) -> int:
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class _UnitPicker:
    iterator = UnitChoiceIterator

    def label_from_instance(self, obj: Any) -> str:
        return unit_picker_label(obj)

    def _mark(self) -> None:
        widget: forms.Widget = self.widget  # type: ignore[attr-defined]
        if not isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            widget.attrs.setdefault("data-unit-picker", "")
            widget.attrs.setdefault("data-filter-label", _("Filter the units"))


class UnitChoiceField(_UnitPicker, forms.ModelChoiceField):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._mark()


class UnitMultipleChoiceField(_UnitPicker, forms.ModelMultipleChoiceField):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._mark()
