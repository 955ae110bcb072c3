"""Export the cases one person may read, as the export page does, to a file.

``lintas cases_export --body SLUG --as EMAIL --out FILE`` writes the plain CSV (no personal data).
With ``--personal --password-file F`` it writes the password-protected file instead (an encrypted
XLSX, or with ``--zip`` the CSV in an AES-256 ZIP); the password is read from the first line of F,
never from the command line, where other users of the machine could see it. The export is audited
as the person's, exactly as from the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from lintas.cases.interchange import Format, export_cases
from lintas.core.errors import LintasError
from lintas.members.models import Body, User


class Command(BaseCommand):
    help = "Export the cases a person may read to a CSV, or a password-protected XLSX or ZIP."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--body", required=True, help="the body's slug")
        parser.add_argument(
            "--as", dest="email", required=True, help="e-mail of the person exporting"
        )
        parser.add_argument("--out", required=True, help="the file to write")
        parser.add_argument("--personal", action="store_true", help="include personal data")
        parser.add_argument("--password-file", help="a file whose first line is the password")
        parser.add_argument("--zip", action="store_true", help="an AES-256 ZIP, not an XLSX")

    def handle(self, *args: Any, **options: Any) -> None:
        body = Body.objects.filter(slug=options["body"]).first()
        user = User.objects.filter(email__iexact=options["email"], is_active=True).first()
        if body is None or user is None:
            raise CommandError("No such body, or no active person with this e-mail address.")
        password = ""
        if options["personal"]:
            if not options["password_file"]:
                raise CommandError("--personal needs --password-file.")
            lines = Path(options["password_file"]).read_text(encoding="utf-8").splitlines()
            password = lines[0] if lines else ""
        try:
            export = export_cases(
                body=body,
                by=user,
                personal_data=options["personal"],
                file_format=Format.ZIP if options["zip"] else Format.XLSX,
                password=password,
            )
        except Http404:
            raise CommandError("This person is not a member of the body.") from None
        except LintasError as exc:
            raise CommandError(exc.message) from None
        Path(options["out"]).write_bytes(export.content)
        self.stdout.write(f"Wrote {options['out']} ({export.filename}).")
