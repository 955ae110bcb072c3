"""``lintas backup`` / ``lintas restore``: a round trip on SQLite and on PostgreSQL into an empty
database brings back every row, with victims' personal data encrypted at rest and readable with
the same field key, and the audit log's append-only triggers; refusals name what is wrong."""

from __future__ import annotations

import json
import os
import tarfile
import uuid
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from tests.ops.production import lintas, production_env

PG_ADMIN = os.environ.get(
    "LINTAS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)

LOAD = """
from lintas.members.demo import load_demo
from lintas.cases.demo import load_cases_demo
load_demo()
load_cases_demo()
"""

# Every table's rows (in primary-key order), some decrypted names, and the audit triggers.
READ = """
import hashlib, json
from django.db import connection
from lintas.cases.models import CasePerson
out = {"tables": {}, "names": [], "triggers": []}
with connection.cursor() as cur:
    for table in sorted(connection.introspection.table_names()):
        cur.execute(f'SELECT * FROM "{table}"')
        rows = sorted(repr(r) for r in cur.fetchall())
        out["tables"][table] = [len(rows), hashlib.sha256("".join(rows).encode()).hexdigest()]
    if connection.vendor == "sqlite":
        cur.execute("SELECT name FROM sqlite_master WHERE type='trigger' "
                    "AND tbl_name='audit_auditentry'")
    else:
        cur.execute("SELECT tgname FROM pg_trigger "
                    "WHERE tgrelid='audit_auditentry'::regclass AND NOT tgisinternal")
    out["triggers"] = sorted(r[0] for r in cur.fetchall())
    try:
        cur.execute("DELETE FROM audit_auditentry")
        out["audit_deletable"] = True
    except Exception:
        out["audit_deletable"] = False
out["names"] = sorted(p.full_name for p in CasePerson.objects.exclude(full_name=""))[:5]
print("RESULT" + json.dumps(out))
"""


def _read(env: dict[str, str]) -> dict:
    done = lintas("shell", "-c", READ, env=env)
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT"))
    return json.loads(line[len("RESULT") :])


def _pg_reachable() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN, connect_timeout=3).close()
    except Exception:
        return False
    return True


def _pg_database() -> Generator[str, None, None]:
    import psycopg

    name = f"lintas_backup_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _loaded(env: dict[str, str]) -> dict[str, str]:
    """The instance of ``env`` migrated, with the demo's bodies and case records."""
    migrated = lintas("migrate", "--verbosity", "0", env=env, timeout=1200)
    assert migrated.returncode == 0, migrated.stderr
    loaded = lintas("shell", "-c", LOAD, env=env, timeout=600)
    assert loaded.returncode == 0, loaded.stderr
    return env


@pytest.fixture(scope="module")
def sqlite_source(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One SQLite instance with data for the module (migrating takes a while)."""
    return _loaded(production_env(tmp_path_factory.mktemp("sqlite-source")))


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_source: dict[str, str]
) -> Iterator[tuple[dict, dict]]:
    """A source instance with data and an empty target instance, with the same field key."""
    dst = tmp_path / "dst"
    dst.mkdir()
    if request.param == "sqlite":
        yield sqlite_source, production_env(dst)
        return
    if not _pg_reachable():
        pytest.skip(f"no PostgreSQL at {PG_ADMIN}")
    first, second = _pg_database(), _pg_database()
    try:
        src = tmp_path / "src"
        src.mkdir()
        yield (
            _loaded(production_env(src, DATABASE_URL=next(first))),
            production_env(dst, DATABASE_URL=next(second)),
        )
    finally:
        for gen in (first, second):
            gen.close()


def test_a_backup_restores_every_row_into_an_empty_database_with_data_still_encrypted(
    two_databases: tuple[dict, dict], tmp_path: Path
) -> None:
    source, target = two_databases
    before = _read(source)
    assert before["names"], "the demo has named people in its case records"
    assert len(before["triggers"]) >= 2

    passphrase = tmp_path / "passphrase"
    passphrase.write_text("correct horse battery staple 2026\n")
    archive = tmp_path / "lintas.backup"
    made = lintas("backup", str(archive), "--passphrase-file", str(passphrase), env=source)
    assert made.returncode == 0, made.stderr
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    raw = archive.read_bytes()
    assert raw.startswith(b"LINTAS-BACKUP-SEALED-1")
    for name in before["names"]:
        assert name.encode() not in raw

    # without the passphrase, or with a wrong one, nothing is restored
    missing = lintas("restore", str(archive), env=target)
    assert missing.returncode != 0 and "passphrase" in missing.stderr
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase at all\n")
    refused = lintas("restore", str(archive), "--passphrase-file", str(wrong), env=target)
    assert refused.returncode != 0 and "wrong passphrase" in refused.stderr

    restored = lintas("restore", str(archive), "--passphrase-file", str(passphrase), env=target)
    assert restored.returncode == 0, restored.stderr
    after = _read(target)
    before_again = _read(source)
    assert after["tables"] == before_again["tables"]  # every row of every table, byte for byte
    assert after["names"] == before["names"]  # readable with the same field key
    assert after["triggers"] == before["triggers"]
    assert after["audit_deletable"] is False

    # a database that is not empty is refused unless told
    again = lintas("restore", str(archive), "--passphrase-file", str(passphrase), env=target)
    assert again.returncode != 0 and "not empty" in again.stderr


def test_an_unencrypted_backup_keeps_personal_data_encrypted_and_checks_its_checksums(
    tmp_path: Path, sqlite_source: dict[str, str]
) -> None:
    source = sqlite_source
    names = _read(source)["names"]
    archive = tmp_path / "plain.tar"
    made = lintas("backup", str(archive), env=source)
    assert made.returncode == 0, made.stderr
    assert "not encrypted" in made.stdout
    raw = archive.read_bytes()
    assert b'"vendor": "sqlite"' in raw
    for name in names:
        assert name.encode() not in raw  # the database inside holds only ciphertext

    damaged = tmp_path / "damaged.tar"
    data = bytearray(raw)
    with tarfile.open(archive) as tar:  # a byte in the middle of the database member
        member = next(m for m in tar.getmembers() if m.name != "manifest.json" and m.size)
    data[member.offset_data + member.size // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    empty = production_env(tmp_path / "empty")
    Path(empty["LINTAS_DATA_DIR"]).mkdir()
    refused = lintas("restore", str(damaged), env=empty)
    assert refused.returncode != 0
    assert "checksum" in refused.stderr

    dumped = lintas("dumpdata", env=source)
    assert dumped.returncode != 0
    assert "lintas backup" in dumped.stderr
    for name in names:
        assert name not in dumped.stdout
    without = lintas("dumpdata", "members.body", env=source)
    assert without.returncode == 0, without.stderr
