"""Forms of the events pages: they read what was typed; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lintas.core.tlp import TLP
from lintas.events.models import ActionItem, Delegate, Event, Room, Session, Survey
from lintas.members.fields import UnitChoiceField
from lintas.members.models import LANGUAGE_CHOICES, Body, Unit

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=250)
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    venue = forms.CharField(label=_("Venue"), max_length=250, required=False)
    time_zone = forms.CharField(label=_("Time zone"), max_length=64)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organiser units"), queryset=Unit.objects.none(), required=False
    )
    tlp = forms.ChoiceField(label=_("TLP label"), choices=TLP.choices, initial=TLP.GREEN)
    chatham_house = forms.BooleanField(label=_("Chatham House Rule"), required=False)
    certificate_min_sessions = forms.IntegerField(
        label=_("Sessions needed for a certificate"), required=False, min_value=0
    )
    certificate_all_mandatory = forms.BooleanField(
        label=_("All mandatory sessions needed for a certificate"), required=False
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    rooms = forms.CharField(
        label=_("Rooms, one a line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisers"].queryset = Unit.objects.filter(body=body)  # type: ignore[attr-defined]


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Room"), max_length=120)


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    kind = forms.ChoiceField(label=_("Kind"), choices=Session.Kind.choices)
    day = forms.DateField(label=_("Day"), widget=DATE)
    starts = forms.TimeField(label=_("Starts"), widget=TIME)
    ends = forms.TimeField(label=_("Ends"), widget=TIME)
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)
    tlp = forms.ChoiceField(label=_("TLP label"), choices=TLP.choices)
    chatham_house = forms.BooleanField(label=_("Chatham House Rule"), required=False)
    mandatory = forms.BooleanField(label=_("Mandatory"), required=False)
    chairs = forms.ModelMultipleChoiceField(
        label=_("Chairs"), queryset=Delegate.objects.none(), required=False
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = event.rooms.all()  # type: ignore[attr-defined]
        self.fields["chairs"].queryset = event.delegates.filter(  # type: ignore[attr-defined]
            status=Delegate.Status.APPROVED
        )
        self.fields["tlp"].initial = event.tlp
        self.fields["day"].initial = event.starts_on


class ContributionForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none())
    title = forms.CharField(label=_("Title"), max_length=250)
    presenters = forms.ModelMultipleChoiceField(
        label=_("Presenters"),
        queryset=Delegate.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = event.sessions.exclude(kind=Session.Kind.BREAK)  # type: ignore[attr-defined]
        self.fields["presenters"].queryset = event.delegates.filter(  # type: ignore[attr-defined]
            status=Delegate.Status.APPROVED
        )


class InviteForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    quota = forms.IntegerField(label=_("Quota"), min_value=0, initial=2)

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(body=body)  # type: ignore[attr-defined]


class RegistrationForm(forms.Form):
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language of documents"), choices=LANGUAGE_CHOICES)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    dietary_needs = forms.CharField(label=_("Dietary needs"), max_length=250, required=False)
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"), max_length=250, required=False
    )
    needs_visa_letter = forms.BooleanField(
        label=_("Needs a visa invitation letter"), required=False
    )
    nationality = forms.CharField(label=_("Nationality"), max_length=80, required=False)
    passport_number = forms.CharField(label=_("Passport number"), max_length=40, required=False)
    travel_support = forms.BooleanField(label=_("Asks for travel support"), required=False)


class NominationForm(RegistrationForm):
    field_order = ["unit", "full_name", "email", "role"]
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Delegate.Role.DELEGATE, Delegate.Role.DELEGATE.label),
            (Delegate.Role.HEAD, Delegate.Role.HEAD.label),
            (Delegate.Role.OBSERVER, Delegate.Role.OBSERVER.label),
        ],
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ExpertForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Delegate.Role.EXPERT, Delegate.Role.EXPERT.label),
            (Delegate.Role.ORGANISER, Delegate.Role.ORGANISER.label),
            (Delegate.Role.OBSERVER, Delegate.Role.OBSERVER.label),
        ],
    )


class MaterialForm(forms.Form):
    contribution = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    file = forms.FileField(label=_("File"))
    tlp = forms.ChoiceField(label=_("TLP label"), choices=TLP.choices)
    chatham_house = forms.BooleanField(label=_("Chatham House Rule"), required=False)


class SurveyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Survey.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=250)
    session = forms.ModelChoiceField(
        label=_("Session"), queryset=Session.objects.none(), required=False
    )
    anonymous = forms.BooleanField(label=_("Anonymous"), required=False)
    questions = forms.CharField(
        label=_("Questions, one a line"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "“rating: …” for a rating from 1 to 5, “text: …” for a comment, "
            "“choice: question | answer | *right answer | answer” for a choice (the star marks "
            "the right answer of a test)."
        ),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = event.sessions.exclude(kind=Session.Kind.BREAK)  # type: ignore[attr-defined]


def parse_questions(text: str) -> list[dict[str, Any]]:
    """Questions as typed in the survey form, one a line (see ``SurveyForm``)."""
    out: list[dict[str, Any]] = []
    for line in text.splitlines():
        kind, sep, rest = line.partition(":")
        if not line.strip():
            continue
        kind = kind.strip().lower() if sep else "text"
        rest = rest if sep else line
        if kind == "choice":
            parts = [p.strip() for p in rest.split("|")]
            choices = [p.lstrip("*").strip() for p in parts[1:]]
            correct = next((i for i, p in enumerate(parts[1:]) if p.startswith("*")), None)
            out.append({"kind": "choice", "text": parts[0], "choices": choices, "correct": correct})
        else:
            out.append({"kind": kind, "text": rest.strip()})
    return out


class ActionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ActionItem.Kind.choices, initial=ActionItem.Kind.ACTION
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))
    owner_unit = forms.ModelChoiceField(
        label=_("Owner unit"), queryset=Unit.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Due"), widget=DATE, required=False)

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = Unit.objects.filter(body=body)  # type: ignore[attr-defined]
