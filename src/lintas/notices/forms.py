from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from lintas.notices.models import Delivery, Kind


class PreferencesForm(forms.Form):
    """One choice per kind of notice: e-mail at once, a daily digest, or the app only."""

    def __init__(self, *args: Any, current: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current[kind.value],
                widget=forms.RadioSelect,
            )
