"""Forms of the exchange pages. They read what was typed; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lintas.core.tlp import TLP
from lintas.exchange.models import FIELDS, AlertType, Kind, Priority, RecipientGroup
from lintas.members.fields import UnitChoiceField, UnitMultipleChoiceField
from lintas.members.models import Body, Membership, Unit, User


class UnitsChoice(UnitMultipleChoiceField):
    """The units an item goes to: the shared unit picker."""


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} <{obj.email}>"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        one = super().clean
        if isinstance(data, list | tuple):
            return [one(d, initial) for d in data]
        return [one(data, initial)] if data else []


class MessageForm(forms.Form):
    author_unit = UnitChoiceField(
        queryset=Unit.objects.none(), label=pgettext_lazy("sending unit", "From")
    )
    kind = forms.ChoiceField(choices=Kind.choices, label=_("Kind"))
    alert_type = forms.ChoiceField(
        choices=AlertType.choices, label=_("Type of alert"), required=False
    )
    priority = forms.ChoiceField(choices=Priority.choices, label=_("Priority"))
    tlp = forms.ChoiceField(
        choices=TLP.choices,
        initial=TLP.AMBER,
        label=_("Label"),
        help_text=_(
            "RED: the named people only. AMBER+STRICT: the recipient units only. AMBER: the "
            "recipient units and their clients. GREEN: every member of the body. CLEAR: anyone."
        ),
    )
    units = UnitsChoice(
        queryset=Unit.objects.none(),
        required=False,
        label=_("To units"),
        widget=forms.CheckboxSelectMultiple,
    )
    groups = forms.ModelMultipleChoiceField(
        queryset=RecipientGroup.objects.none(),
        required=False,
        label=_("To saved groups"),
        widget=forms.CheckboxSelectMultiple,
    )
    named = PeopleChoice(
        queryset=User.objects.none(),
        required=False,
        label=_("To named people"),
        help_text=_("Under TLP:RED, the only readers."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    subject = forms.CharField(max_length=200, label=_("Subject"))
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label=_("Text"),
        help_text=_(
            "Write plainly: an empty line starts a paragraph. Simple HTML (bold, italics, "
            "lists, links) is kept too; anything else is removed."
        ),
    )
    expires_at = forms.DateTimeField(
        required=False,
        label=_("Expires"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    answer_by = forms.DateTimeField(
        required=False,
        label=_("Answer by (requests)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    attachments = MultipleFileField(
        required=False,
        label=_("Attachments"),
        help_text=_("PDF, Word, Excel, PNG, JPEG or text; at most 10 MB each."),
    )

    def __init__(self, *args: Any, body: Body, posting: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["author_unit"].queryset = posting  # type: ignore[attr-defined]
        first = posting.first()
        if first is not None:
            self.fields["author_unit"].initial = first.pk
            if posting.count() == 1:
                self.fields["author_unit"].empty_label = None  # type: ignore[attr-defined]
        # The structured fields of each typed alert, named "<type>__<field>"; the page shows
        # them grouped by type and the view keeps those of the type chosen.
        for alert_type, fields in FIELDS.items():
            for code, label in fields:
                self.fields[f"{alert_type}__{code}"] = forms.CharField(
                    label=label, required=False, max_length=2000
                )
        groups = RecipientGroup.objects.filter(body=body)
        if groups.exists():
            self.fields["groups"].queryset = groups  # type: ignore[attr-defined]
        else:
            del self.fields["groups"]
        self.fields["units"].queryset = Unit.objects.filter(body=body).order_by("name")  # type: ignore[attr-defined]
        people = Membership.objects.active().filter(body=body).values("user_id")
        self.fields["named"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=people, is_active=True
        ).order_by("full_name")
        for name in ("alert_type", "expires_at", "answer_by"):
            self.fields[name].required = False

    def details(self) -> dict[str, object]:
        """The structured fields typed for the type of alert chosen."""
        chosen = self.cleaned_data.get("alert_type") or ""
        prefix = f"{chosen}__"
        return {
            name.removeprefix(prefix): value
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix) and value
        }

    def main_fields(self) -> list[Any]:
        return [f for f in self.visible_fields() if "__" not in f.name]

    def typed_fields(self) -> list[tuple[str, object, list[Any]]]:
        return [
            (
                alert_type,
                label,
                [self[f"{alert_type}__{code}"] for code, _label in FIELDS[alert_type]],
            )
            for alert_type, label in AlertType.choices
            if FIELDS[alert_type]
        ]


class NoteForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label=_("What your unit did"), max_length=5000
    )


class ReplyForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label=_("Text"))
    tlp = forms.ChoiceField(
        choices=[("", _("Same as the thread")), *TLP.choices], required=False, label=_("Label")
    )


class ForwardForm(forms.Form):
    units = UnitsChoice(
        queryset=Unit.objects.none(), label=_("Pass on to"), widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label=_("Why"),
        help_text=_("Needed when the label does not allow it: the author's unit then decides."),
    )

    def __init__(
        self, *args: Any, body: Body, exclude: set[int] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(body=body).exclude(pk__in=exclude or set()).order_by("name")
        self.fields["units"].queryset = units  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    note = forms.CharField(required=False, label=_("Note"), max_length=2000)


class SummaryForm(forms.Form):
    tlp = forms.ChoiceField(choices=TLP.choices, initial=TLP.GREEN, label=_("Label"))
    subject = forms.CharField(max_length=200, label=_("Subject"))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label=_("Text"))
    units = UnitsChoice(
        queryset=Unit.objects.none(),
        required=False,
        label=_("To units"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.filter(body=body).order_by("name")  # type: ignore[attr-defined]


class MispImportForm(forms.Form):
    author_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(), label=pgettext_lazy("sending unit", "From")
    )
    file = forms.FileField(label=_("MISP event (JSON)"))
    tlp = forms.ChoiceField(
        choices=[("", _("The event's own tlp: tag")), *TLP.choices],
        required=False,
        label=_("Label, if the event has none"),
    )
    units = UnitsChoice(
        queryset=Unit.objects.none(),
        required=False,
        label=_("To units"),
        widget=forms.CheckboxSelectMultiple,
    )
    named = PeopleChoice(
        queryset=User.objects.none(),
        required=False,
        label=_("To named people"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, body: Body, posting: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["author_unit"].queryset = posting  # type: ignore[attr-defined]
        first = posting.first()
        if first is not None:
            self.fields["author_unit"].initial = first.pk
        self.fields["units"].queryset = Unit.objects.filter(body=body).order_by("name")  # type: ignore[attr-defined]
        people = Membership.objects.active().filter(body=body).values("user_id")
        self.fields["named"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=people, is_active=True
        ).order_by("full_name")


class GroupForm(forms.Form):
    name = forms.CharField(max_length=120, label=pgettext_lazy("group", "Name"))
    units = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(), label=_("Units"), widget=forms.CheckboxSelectMultiple
    )
    members_hidden = forms.BooleanField(
        required=False,
        label=_("Hide the group's units from its members (bilateral exchanges)"),
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.filter(body=body).order_by("name")  # type: ignore[attr-defined]


class ClientForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit"))
    client = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Its client"))

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(body=body).order_by("name")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["client"].queryset = units  # type: ignore[attr-defined]
