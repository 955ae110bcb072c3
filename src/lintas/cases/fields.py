"""Model fields whose values are stored encrypted (see ``crypto.py``).

The database column is text holding ``enc1:<Fernet token>``; an empty value is stored empty. The
values cannot be searched or sorted in the database: lookups compare ciphertext and never match.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db import models

from lintas.cases import crypto


class EncryptedTextField(models.TextField):
    description = "Text, encrypted at rest"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)


class EncryptedJSONField(models.TextField):
    """A list or dict, stored as encrypted JSON."""

    description = "JSON, encrypted at rest"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return self.get_default()
        return json.loads(crypto.decrypt(value))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            return json.loads(value) if value else self.get_default()
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return crypto.encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True))

    def value_to_string(self, obj: Any) -> str:
        return json.dumps(self.value_from_object(obj))


class EncryptedDateField(models.TextField):
    """A date, stored as an encrypted ISO string."""

    description = "Date, encrypted at rest"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> dt.date | None:
        if value is None or value == "":
            return None
        return dt.date.fromisoformat(crypto.decrypt(value))

    def to_python(self, value: Any) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value))

    def get_prep_value(self, value: Any) -> Any:
        value = self.to_python(value)
        if value is None:
            return ""
        return crypto.encrypt(value.isoformat())
