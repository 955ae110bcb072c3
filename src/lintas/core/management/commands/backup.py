"""``lintas backup FILE``: the database and a manifest in one archive (see core/backup.py)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from lintas.core import backup


def passphrase_from(path: str | None) -> str | None:
    """The passphrase from ``--passphrase-file``, else LINTAS_BACKUP_PASSPHRASE(_FILE), else
    None. Never from the command line, where other users of the machine can read it."""
    if path is None:
        path = os.environ.get("LINTAS_BACKUP_PASSPHRASE_FILE")
        if path is None:
            return os.environ.get("LINTAS_BACKUP_PASSPHRASE") or None
    try:
        value = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise CommandError(f"The passphrase file {path} cannot be read: {exc}") from None
    if len(value) < 12:
        raise CommandError(f"The passphrase in {path} is shorter than 12 characters.")
    return value


def pg_environment() -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump / pg_restore (password in the
    environment, not on the command line)."""
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return args, env


def pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise CommandError(
            f"{name} is not installed; it comes with the PostgreSQL client "
            "(Debian: apt-get install postgresql-client)."
        )
    return found


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def database_version() -> str:
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        return str(connection.pg_version)  # type: ignore[attr-defined]
    return sqlite3.sqlite_version


class Command(BaseCommand):
    help = (
        "Write a backup of the database (personal data still encrypted with the field keys) "
        "and a manifest with versions and checksums to FILE. With a passphrase "
        "(--passphrase-file, or LINTAS_BACKUP_PASSPHRASE_FILE / LINTAS_BACKUP_PASSPHRASE) the "
        "archive is encrypted as well. Restore with lintas restore."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The archive to write (refused if it exists).")
        parser.add_argument("--passphrase-file", help="A file holding the passphrase.")

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["file"])
        if target.exists():
            raise CommandError(f"{target} exists already; choose a new name.")
        if not target.parent.is_dir():
            raise CommandError(f"The directory {target.parent} does not exist.")
        passphrase = passphrase_from(options["passphrase_file"])
        with tempfile.TemporaryDirectory(prefix="lintas-backup-") as tmp:
            work = Path(tmp)
            name = self._dump(work)
            manifest = {
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "host": socket.gethostname(),
                "lintas": metadata.version("lintas"),
                "django": django.get_version(),
                "vendor": connection.vendor,
                "database_version": database_version(),
                "migrations": applied_migrations(),
                "field_keys": backup.key_fingerprints(settings.LINTAS_FIELD_KEYS),
                "files": "uploaded and generated files are stored in the database",
                "sealed": passphrase is not None,
            }
            archive = work / "archive.tar"
            backup.write_archive(archive, manifest, {name: work / name})
            partial = target.with_name(target.name + ".partial")
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                if passphrase is None:
                    with archive.open("rb") as src:
                        shutil.copyfileobj(src, out)
                else:
                    with archive.open("rb") as src:
                        backup.seal(src, out, passphrase)
            partial.rename(target)
        self.stdout.write(
            f"Backup written to {target} ({connection.vendor}, "
            f"{'encrypted with the passphrase' if passphrase else 'not encrypted: keep it safe'}"
            "; personal data encrypted with the field keys, which are not in it)."
        )

    def _dump(self, work: Path) -> str:
        if connection.vendor == "sqlite":
            name = "database.sqlite3"
            source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
            copy = sqlite3.connect(str(work / name))
            try:
                source.backup(copy)  # the online backup API: consistent while the site runs
            finally:
                copy.close()
                source.close()
            return name
        if connection.vendor == "postgresql":
            name = "database.pgdump"
            args, env = pg_environment()
            done = subprocess.run(  # noqa: S603 - fixed arguments
                [pg_tool("pg_dump"), "--format=custom", "--file", str(work / name), *args],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise CommandError(f"pg_dump failed: {done.stderr.strip()}")
            return name
        raise CommandError(f"Backups of a {connection.vendor} database are not supported.")
