"""Forms for case pages. They parse input only; services decide and save."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lintas.cases.models import (
    COUNTRY_CODE,
    TLP,
    Case,
    CaseEvent,
    CasePerson,
    ExploitationType,
    MeansOfControl,
    RecruitmentMethod,
    Referral,
)
from lintas.cases.models.records import phone_problem
from lintas.members.fields import UnitChoiceField
from lintas.members.models import LANGUAGE_CHOICES, Body, Unit, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHECKBOXES = forms.CheckboxSelectMultiple(attrs={"class": "choice-list"})


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class CountryListField(forms.CharField):
    """Comma-separated ISO 3166 codes: "VN, KH"."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        codes = [c.strip().upper() for c in re.split(r"[,\s]+", value or "") if c.strip()]
        for code in codes:
            if not COUNTRY_CODE.match(code):
                raise forms.ValidationError(
                    _("“%(code)s” is not a two-letter country code.") % {"code": code}
                )
        return codes

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value


class LinesField(forms.CharField):
    """One value per line."""

    widget = forms.Textarea(attrs={"rows": 2})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return _lines(value)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value


class CaseForm(forms.Form):
    # The updated_at of the copy being edited: a save over someone else's later save is refused.
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    owner_unit = UnitChoiceField(label=_("Owner unit"), queryset=Unit.objects.none())
    reference = forms.CharField(label=_("Reference"), max_length=60)
    status = forms.ChoiceField(label=_("Status"), choices=Case.Status.choices)
    opened_on = forms.DateField(label=_("Opened on"), widget=DATE)
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE, required=False)
    tlp = forms.ChoiceField(
        label=_("TLP label"),
        choices=TLP.choices,
        initial=TLP.AMBER,
        help_text=_(
            "CLEAR: anyone, never personal data. GREEN: members of the body. AMBER: your unit and "
            "the units you share with. AMBER+STRICT: your unit only. RED: named people only."
        ),
    )
    location_country = forms.CharField(
        label=_("Country of identification"), max_length=2, required=False
    )
    exploitation_types = forms.MultipleChoiceField(
        label=_("Exploitation types"),
        choices=ExploitationType.choices,
        widget=CHECKBOXES,
        required=False,
    )
    means_of_control = forms.MultipleChoiceField(
        label=_("Means of control"),
        choices=MeansOfControl.choices,
        widget=CHECKBOXES,
        required=False,
    )
    recruitment_methods = forms.MultipleChoiceField(
        label=_("Recruitment methods"),
        choices=RecruitmentMethod.choices,
        widget=CHECKBOXES,
        required=False,
    )
    origin_countries = CountryListField(
        label=_("Countries of origin"), required=False, help_text=_("For example: VN, ID")
    )
    transit_countries = CountryListField(label=_("Transit countries"), required=False)
    destination_countries = CountryListField(label=_("Destination countries"), required=False)
    narrative = forms.CharField(
        label=_("Narrative"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Personal data: encrypted, and shown only to those who may read it."),
    )
    narrative_language = forms.ChoiceField(
        label=_("Language of the narrative"), choices=[("", "—"), *LANGUAGE_CHOICES], required=False
    )

    def __init__(self, *args: Any, body: Body, units: Any, editing: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units  # type: ignore[attr-defined]
        if not editing and len(units) == 1:
            self.fields["owner_unit"].initial = units[0]
        self.fields["narrative_language"].initial = body.default_language
        if editing:
            # The owner does not change by editing, and the label has its own action.
            del self.fields["owner_unit"]
            del self.fields["tlp"]

    def clean_location_country(self) -> str:
        code = (self.cleaned_data.get("location_country") or "").strip().upper()
        if code and not COUNTRY_CODE.match(code):
            raise forms.ValidationError(_("Use a two-letter ISO 3166 code."))
        return code

    def clean(self) -> dict[str, Any]:
        # The model's own checks too, so that every problem shows at once and not round by round.
        data = super().clean() or {}
        opened, closed = data.get("opened_on"), data.get("closed_on")
        if opened and closed and closed < opened:
            self.add_error("closed_on", _("A case cannot close before it opened."))
        return data

    def case_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("owner_unit", None)
        data.pop("tlp", None)
        data.pop("version", None)
        return data


class PersonForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    role = forms.ChoiceField(label=_("Role in the case"), choices=CasePerson.PersonRole.choices)
    full_name = forms.CharField(label=_("Full name"), max_length=300, required=False)
    aliases = LinesField(label=_("Aliases"), required=False, help_text=_("One per line."))
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DATE, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=CasePerson.Sex.choices)
    nationality = forms.CharField(label=_("Nationality"), max_length=2, required=False)
    documents = LinesField(
        label=_("Identity documents"),
        required=False,
        help_text=_("One per line: type, number, issuing country."),
    )
    phones = LinesField(label=_("Phone numbers"), required=False)
    emails = LinesField(label=_("E-mail addresses"), required=False)
    social = LinesField(label=_("Social media handles"), required=False)
    accounts = LinesField(
        label=_("Bank accounts"), required=False, help_text=_("One per line: bank, number.")
    )
    tlp = forms.ChoiceField(
        label=_("Own TLP label"),
        choices=[("", _("Same as the case")), *TLP.choices],
        required=False,
        help_text=_("A stricter label for this person; the stricter of the two applies."),
    )

    def clean_phones(self) -> list[str]:
        phones: list[str] = self.cleaned_data["phones"]
        if problem := phone_problem(phones):
            raise forms.ValidationError(problem)
        return phones

    @classmethod
    def initial_for(cls, person: CasePerson) -> dict[str, Any]:
        contacts = person.contacts or {}
        return {
            "version": person.updated_at.isoformat(),
            "role": person.role,
            "full_name": person.full_name,
            "aliases": person.aliases,
            "date_of_birth": person.date_of_birth,
            "sex": person.sex,
            "nationality": person.nationality,
            "documents": person.documents,
            "phones": contacts.get("phones", []),
            "emails": contacts.get("emails", []),
            "social": contacts.get("social", []),
            "accounts": person.accounts,
            "tlp": person.tlp,
        }

    def person_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "full_name": d["full_name"],
            "aliases": d["aliases"],
            "date_of_birth": d["date_of_birth"],
            "sex": d["sex"],
            "nationality": (d["nationality"] or "").upper(),
            "documents": d["documents"],
            "contacts": {"phones": d["phones"], "emails": d["emails"], "social": d["social"]},
            "accounts": d["accounts"],
            "tlp": d["tlp"],
        }


class ShareForm(forms.Form):
    unit = UnitChoiceField(label=_("Share with"), queryset=Unit.objects.none())
    include_personal_data = forms.BooleanField(
        label=_("Include personal data (victims' data needs their consent to this unit)"),
        required=False,
    )
    override_reason = forms.CharField(
        label=_("Reason to share victims' data without their consent"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("Only the owner unit's focal point may do this; it is recorded and audited."),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class LabelForm(forms.Form):
    tlp = forms.ChoiceField(label=_("New label"), choices=TLP.choices)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("Needed to widen the audience."),
    )


class ConsentForm(forms.Form):
    to_unit = UnitChoiceField(
        label=_("Consent to share with"), queryset=Unit.objects.none(), required=False
    )
    purpose = forms.CharField(label=_("or for the purpose"), max_length=250, required=False)
    given_on = forms.DateField(label=_("Given on"), widget=DATE, initial=timezone.localdate)
    evidence_note = forms.CharField(
        label=_("How consent was obtained"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("For example: signed form, interpreter present."),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = units  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class RedReaderForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Name a reader"),
        queryset=User.objects.none(),
        help_text=_("Under TLP:RED only the named people read the case."),
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class ReferralForm(forms.Form):
    to_unit = UnitChoiceField(label=_("Refer to"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=Referral.Kind.choices)
    due_on = forms.DateField(
        label=_("Answer due on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    include_personal_data = forms.BooleanField(
        label=_("Include personal data (a transfer always does)"), required=False
    )
    override_reason = forms.CharField(
        label=_("Reason to send victims' data without their consent"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    keep_sender_access = forms.BooleanField(
        label=_("After a transfer, my unit keeps read access"), required=False, initial=True
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = units  # type: ignore[attr-defined]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you decline"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you need this case now"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The owner unit is told at once, with this reason."),
    )
    hours = forms.IntegerField(label=_("For how many hours"), min_value=1, max_value=24, initial=4)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of event"), choices=CaseEvent.Kind.choices)
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    country = forms.CharField(
        label=_("Country"), max_length=2, required=False, help_text=_("ISO 3166 code, e.g. KH.")
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
