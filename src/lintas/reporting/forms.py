"""Turning the submission form's POST into answers, and the small forms of reporting pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from lintas.members.fields import UnitChoiceField, UnitMultipleChoiceField
from lintas.members.models import Unit
from lintas.reporting import validation
from lintas.reporting.models import Field, Obligation, ReportTemplate, TemplateVersion

EXTRA_TABLE_ROWS = 3
_NUMBERS = {Field.Type.INTEGER, Field.Type.DECIMAL}


def _written(kind: str, value: Any, language: str) -> Any:
    """A stored number as the page's language writes it, so that saving it again reads the same
    number ("0.5" is "0,5" on a Vietnamese page); anything else as it is."""
    if kind not in _NUMBERS or validation.is_empty(value):
        return value
    try:
        number = validation.read_number(value, integer=False, language=None)
    except validation.NumberError:
        return value
    return validation.format_number(number, language=language, grouping=False)


def answers_for_form(
    version: TemplateVersion, data: dict[str, Any], language: str
) -> dict[str, Any]:
    """Saved answers as the form's inputs show them in ``language``; ``answers_from_post``
    reads them back to the same answers."""
    shown = dict(data)
    for section in version.sections.all():
        for field in section.fields.all():
            value = data.get(field.code)
            if field.type == Field.Type.TABLE and isinstance(value, list):
                kinds = {c.get("code"): c.get("type") for c in field.columns or []}
                shown[field.code] = [
                    {k: _written(kinds.get(k, ""), v, language) for k, v in row.items()}
                    if isinstance(row, dict)
                    else row
                    for row in value
                ]
            else:
                shown[field.code] = _written(field.type, value, language)
    return shown


def answers_from_post(version: TemplateVersion, post: QueryDict) -> dict[str, Any]:
    """Read ``f_<code>`` inputs (tables: ``f_<code>__<row>__<column>``) into raw answers."""
    data: dict[str, Any] = {}
    for section in version.sections.all():
        for field in section.fields.all():
            name = f"f_{field.code}"
            if field.type == Field.Type.MULTI_CHOICE:
                data[field.code] = post.getlist(name)
            elif field.type == Field.Type.YES_NO:
                raw = post.get(name, "")
                data[field.code] = {"yes": True, "no": False}.get(raw)
            elif field.type == Field.Type.TABLE:
                rows: dict[int, dict[str, Any]] = {}
                prefix = name + "__"
                for key in post:
                    if not key.startswith(prefix):
                        continue
                    index, _sep, column = key[len(prefix) :].partition("__")
                    if index.isdigit() and column:
                        rows.setdefault(int(index), {})[column] = post.get(key, "")
                data[field.code] = [rows[i] for i in sorted(rows)]
            else:
                data[field.code] = post.get(name, "")
    return data


def comments_from_post(version: TemplateVersion, post: QueryDict) -> dict[str, str]:
    """Read the ``c_<code>`` comments of the numeric fields."""
    return {
        field.code: post.get(f"c_{field.code}", "")
        for section in version.sections.all()
        for field in section.fields.all()
        if field.is_numeric
    }


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What needs fixing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("The unit sees this text and answers by sending the report again."),
    )


class ExceptionForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    period_key = forms.CharField(label=_("Period"), max_length=32, help_text="2024-03, 2024Q1…")
    open_until = forms.DateField(
        label=_("Open until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, obligation: Obligation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = obligation.units.all()  # type: ignore[attr-defined]


class DaysField(forms.CharField):
    """A list of whole days written "7, 1"; empty is no day. Kept in the order they come:
    counting down before a deadline, up after it."""

    def __init__(self, *args: Any, descending: bool, **kwargs: Any) -> None:
        self.descending = descending
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> list[int]:  # type: ignore[override]
        text = super().to_python(value) or ""
        days: list[int] = []
        for part in text.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit():
                raise forms.ValidationError(
                    _("%(value)s is not a whole number of days (0 or more).") % {"value": part}
                )
            days.append(int(part))
        return sorted(set(days), reverse=self.descending)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(str(d) for d in value)
        return value


class ObligationForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Report template"), queryset=ReportTemplate.objects.none()
    )
    units = UnitMultipleChoiceField(
        label=_("Units that report"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    period_type = forms.ChoiceField(label=_("Period"), choices=Obligation.PeriodType.choices)
    starts_on = forms.DateField(
        label=_("First period starts"), widget=forms.DateInput(attrs={"type": "date"})
    )
    due_days = forms.IntegerField(
        label=_("Due, days after the period ends"), min_value=0, initial=15
    )
    timely_days = forms.IntegerField(
        label=_("On time if received within (days after the period)"),
        min_value=0,
        required=False,
        help_text=_("Leave empty to use the due days."),
    )
    expiry_days = forms.IntegerField(
        label=_("Locks after (days after the period)"),
        min_value=0,
        required=False,
        help_text=_("After the lock only the secretariat can reopen a period, unit by unit."),
    )
    requires_validation = forms.BooleanField(
        label=_("The unit's validator checks reports first"), required=False
    )
    reminder_days_before = DaysField(
        descending=True,
        label=_("Remind, days before the deadline"),
        required=False,
        initial=[7, 1],
        help_text=_("Whole days separated by commas, for example 7, 1. Empty: no reminder."),
    )
    reminder_days_after = DaysField(
        descending=False,
        label=_("Remind again, days after the deadline"),
        required=False,
        initial=[1, 7],
        help_text=_("Whole days separated by commas, for example 1, 7. Empty: no reminder."),
    )
    escalation_days = forms.IntegerField(
        label=_("Tell the secretariat, days after the deadline"),
        min_value=0,
        required=False,
        help_text=_("Leave empty for no escalation."),
    )

    def __init__(
        self, *args: Any, body: Any, obligation: Obligation | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ReportTemplate.objects.filter(body=body)  # type: ignore[attr-defined]
        self.fields["units"].queryset = Unit.objects.filter(body=body).order_by("name")  # type: ignore[attr-defined]
        if obligation is not None:
            # The report of an obligation stays; a different report is a new obligation.
            del self.fields["template"]
            self.fields["is_active"] = forms.BooleanField(
                label=_("Active: periods are still owed"), required=False
            )
