"""Forms of the import and export pages. They parse input only; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lintas.cases.interchange.export import MIN_PASSWORD_LENGTH, Format
from lintas.members.models import Unit
from lintas.reporting.offline.read import MAX_UPLOAD_BYTES


class ImportForm(forms.Form):
    owner_unit = forms.ModelChoiceField(
        label=_("Owner unit of the imported cases"), queryset=Unit.objects.none()
    )
    file = forms.FileField(
        label=_("File (.csv or .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["file"].help_text = gettext(
            "CSV saved as UTF-8, or an Excel workbook; at most %(mb)s MB."
        ) % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        if units.count() == 1:
            self.fields["owner_unit"].initial = units.first()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext("The file is larger than %(mb)s MB.")
                % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


PASSWORD = forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=False)


class ExportForm(forms.Form):
    personal_data = forms.BooleanField(
        label=_("Include personal data (where you may read it)"), required=False
    )
    file_format = forms.ChoiceField(
        label=_("Password-protected file"),
        choices=[
            (Format.XLSX, _("Excel workbook locked with the password (.xlsx)")),
            (Format.ZIP, _("CSV inside a ZIP file encrypted with AES-256 (.zip)")),
        ],
        initial=Format.XLSX,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Used only with personal data; without it you get a plain CSV file."),
    )
    password = forms.CharField(
        label=_("Password for the file"),
        required=False,
        strip=False,
        widget=PASSWORD,
    )
    password_confirm = forms.CharField(
        label=_("Password again"), required=False, strip=False, widget=PASSWORD
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = gettext(
            "At least %(n)s characters. It is not kept anywhere: give it to the recipient by "
            "another channel than the file."
        ) % {"n": MIN_PASSWORD_LENGTH}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("personal_data"):
            password = data.get("password", "")
            if len(password) < MIN_PASSWORD_LENGTH:
                self.add_error(
                    "password",
                    gettext("Choose a password of at least %(n)s characters.")
                    % {"n": MIN_PASSWORD_LENGTH},
                )
            elif password != data.get("password_confirm", ""):
                self.add_error("password_confirm", _("The two passwords differ."))
        return data
