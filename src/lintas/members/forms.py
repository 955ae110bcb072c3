from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lintas.members.fields import UnitChoiceField
from lintas.members.models import LANGUAGE_CHOICES, OTHER_LANGUAGES, Body, Role, Unit, User


class UnitForm(forms.ModelForm[Unit]):
    class Meta:
        model = Unit
        fields = [
            "name",
            "short_name",
            "kind",
            "parent",
            "country",
            "is_co_chair",
            "joined_on",
            "left_on",
        ]
        widgets = {
            "joined_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "left_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    name_vi = forms.CharField(label=_("Name in Vietnamese"), max_length=250, required=False)
    name_id = forms.CharField(label=_("Name in Indonesian"), max_length=250, required=False)

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = Unit.objects.filter(body=body)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.instance.body = body
        names = self.instance.names if isinstance(self.instance.names, dict) else {}
        for language in OTHER_LANGUAGES:
            self.fields[f"name_{language}"].initial = names.get(language, "")

    def service_fields(self) -> dict[str, Any]:
        """What the services take: the model's fields and the names in the other languages."""
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["names"] = {
            language: self.cleaned_data[f"name_{language}"].strip()
            for language in OTHER_LANGUAGES
            if self.cleaned_data.get(f"name_{language}", "").strip()
        }
        return fields


def _role_choices(roles: list[str]) -> list[tuple[str, str]]:
    return [(r.value, str(r.label)) for r in Role if r.value in roles]


class InviteForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Needed for focal points, alternate focal points and validators."),
    )
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args: Any, body: Body, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "—"), *_role_choices(roles)]  # type: ignore[attr-defined]
        self.fields["unit"].queryset = Unit.objects.filter(body=body)  # type: ignore[attr-defined]
        self.fields["language"].initial = body.default_language


class GrantRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: Any, body: Body, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(roles)  # type: ignore[attr-defined]
        self.fields["unit"].queryset = Unit.objects.filter(body=body)  # type: ignore[attr-defined]


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password."),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class ProfileForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ["full_name", "position", "phone", "language"]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What will use it, for example “monthly export script”."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        choices=[
            ("30", _("30 days")),
            ("90", _("90 days")),
            ("365", _("a year")),
            ("", _("until revoked")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        initial="90",
    )
    read_only = forms.BooleanField(
        label=_("Read only (the script may not change anything)"), required=False
    )


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )
