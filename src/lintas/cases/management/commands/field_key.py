"""Field keys for personal data: print a new key, or re-encrypt everything under the newest one.

Rotation: put the new key first in LINTAS_FIELD_KEYS (keep the old one after it), run
``lintas field_key --rotate``, then drop the old key.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction

from lintas.cases import crypto
from lintas.cases.fields import EncryptedDateField, EncryptedJSONField, EncryptedTextField
from lintas.cases.models import Case, CasePerson, ConsentRecord

ENCRYPTED = (EncryptedTextField, EncryptedJSONField, EncryptedDateField)


def _encrypted_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, ENCRYPTED)]


class Command(BaseCommand):
    help = "Print a new field key (--new) or re-encrypt personal data under the newest (--rotate)."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--new", action="store_true", help="print a new Fernet key")
        group.add_argument("--rotate", action="store_true", help="re-encrypt under the first key")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new"]:
            self.stdout.write(crypto.new_key())
            return
        try:
            crypto.cipher()
        except crypto.FieldKeyError as exc:
            raise CommandError(str(exc)) from None
        total = 0
        for model in (Case, CasePerson, ConsentRecord):
            fields = _encrypted_fields(model)
            with transaction.atomic():
                # Loading decrypts with any configured key; saving encrypts with the first.
                for obj in model.objects.all().iterator(chunk_size=500):
                    obj.save(update_fields=fields)
                    total += 1
        self.stdout.write(f"Re-encrypted {total} rows.")
