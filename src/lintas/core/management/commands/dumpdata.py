"""``lintas dumpdata`` refuses to write the personal data of case records in plain text.

Django's ``dumpdata`` decrypts every encrypted field as it reads it, so a dump of the case records
holds victims' names, dates of birth and contacts in the clear. Backups are ``lintas backup``,
which keeps that data encrypted; a dump without those models (``--exclude cases --exclude
networks``) is allowed, and ``--allow-plain-personal-data`` is for a deliberate, supervised
export."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import CommandError, CommandParser
from django.core.management.commands.dumpdata import Command as DjangoDumpdata

ENCRYPTED_FIELDS_MODULE = "lintas.cases.fields"


def models_with_personal_data(labels: list[str], excluded: list[str]) -> list[str]:
    """The models a dump of ``labels`` (all when empty) minus ``excluded`` would include that
    hold encrypted personal fields."""
    chosen = []
    for model in apps.get_models():
        app, name = model._meta.app_label, model._meta.label
        if labels and app not in labels and name not in labels and name.lower() not in labels:
            continue
        if app in excluded or name in excluded or name.lower() in excluded:
            continue
        if any(type(f).__module__ == ENCRYPTED_FIELDS_MODULE for f in model._meta.fields):
            chosen.append(name)
    return chosen


class Command(DjangoDumpdata):
    help = (
        DjangoDumpdata.help + " Refuses models with encrypted personal data (victims' details "
        "would be written in plain text): use lintas backup, or --exclude those apps."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--allow-plain-personal-data",
            action="store_true",
            help="Write the personal data of case records in plain text (never for backups).",
        )

    def handle(self, *app_labels: str, **options: Any) -> None:
        if not options["allow_plain_personal_data"]:
            found = models_with_personal_data(list(app_labels), list(options["exclude"] or []))
            if found:
                raise CommandError(
                    "dumpdata would write the personal data of "
                    f"{', '.join(found)} in plain text. Back up with lintas backup (it stays "
                    "encrypted), or leave those models out with --exclude."
                )
        super().handle(*app_labels, **options)
