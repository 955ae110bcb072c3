"""``lintas restore FILE``: put a backup of ``lintas backup`` back into an empty database."""

from __future__ import annotations

import sqlite3
import subprocess
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader

from lintas.core import backup
from lintas.core.management.commands.backup import passphrase_from, pg_environment, pg_tool


class Command(BaseCommand):
    help = (
        "Restore a backup written by lintas backup into this instance's database, which must be "
        "empty (--force replaces what is there). Checks the checksums, the database kind and "
        "that this version of Lintas knows every migration of the backup. Run lintas migrate "
        "afterwards when the backup comes from an older version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The archive written by lintas backup.")
        parser.add_argument("--passphrase-file", help="A file holding the passphrase.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the data of a database that is not empty.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["file"])
        if not source.is_file():
            raise CommandError(f"{source} does not exist.")
        with tempfile.TemporaryDirectory(prefix="lintas-restore-") as tmp:
            work = Path(tmp)
            try:
                archive = self._open(source, work, options["passphrase_file"])
            except backup.BackupError as exc:
                raise CommandError(str(exc)) from None
            manifest = archive.manifest
            self._check(manifest, force=options["force"])
            if connection.vendor == "sqlite":
                self._restore_sqlite(archive.members["database.sqlite3"])
            else:
                self._restore_postgresql(archive.members["database.pgdump"], options["force"])
        connections.close_all()
        self.stdout.write(
            f"Restored {source} (written {manifest['created_at']} by Lintas {manifest['lintas']})."
        )
        if manifest["lintas"] != metadata.version("lintas"):
            self.stdout.write("The backup comes from another version: run lintas migrate now.")

    def _open(self, source: Path, work: Path, passphrase_file: str | None) -> backup.Archive:
        tar = source
        if backup.is_sealed(source):
            passphrase = passphrase_from(passphrase_file)
            if passphrase is None:
                raise backup.BackupError(
                    f"{source} is encrypted: give its passphrase with --passphrase-file "
                    "(or LINTAS_BACKUP_PASSPHRASE_FILE)."
                )
            tar = work / "archive.tar"
            with source.open("rb") as src, tar.open("wb") as out:
                backup.unseal(src, out, passphrase)
        return backup.read_archive(tar, work)

    def _check(self, manifest: dict[str, Any], *, force: bool) -> None:
        if manifest["vendor"] != connection.vendor:
            raise CommandError(
                f"The backup is of a {manifest['vendor']} database and this instance uses "
                f"{connection.vendor}: restore it into a {manifest['vendor']} database."
            )
        known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
        unknown = [
            f"{app}.{name}"
            for app, names in manifest["migrations"].items()
            for name in names
            if (app, name) not in known
        ]
        if unknown:
            raise CommandError(
                f"The backup was written by a newer Lintas ({manifest['lintas']}): this version "
                f"does not know the migrations {', '.join(unknown[:5])}. Upgrade Lintas first."
            )
        mine = set(backup.key_fingerprints(settings.LINTAS_FIELD_KEYS))
        if manifest["field_keys"] and not mine & set(manifest["field_keys"]):
            self.stderr.write(
                "Warning: none of LINTAS_FIELD_KEYS is a key of the backup: the personal data "
                "of case records will not be readable until the backup's keys are set."
            )
        tables = connection.introspection.table_names()
        if tables and not force:
            raise CommandError(
                f"The database is not empty ({len(tables)} tables). Restore into an empty "
                "database, or give --force to replace everything in it."
            )

    def _restore_sqlite(self, copy: Path) -> None:
        connections.close_all()
        target = Path(settings.DATABASES["default"]["NAME"])
        source = sqlite3.connect(str(copy))
        into = sqlite3.connect(str(target))
        try:
            source.backup(into)  # replaces every page of the target, in one step
        finally:
            into.close()
            source.close()

    def _restore_postgresql(self, dump: Path, force: bool) -> None:
        connections.close_all()
        args, env = pg_environment()
        command = [pg_tool("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction"]
        if force:
            command += ["--clean", "--if-exists"]
        done = subprocess.run(  # noqa: S603 - fixed arguments
            [*command, *args, str(dump)], env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise CommandError(f"pg_restore failed: {done.stderr.strip()}")
