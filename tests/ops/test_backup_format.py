"""The backup's passphrase layer and archive, and the refusal of a plain ``dumpdata``."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lintas.core import backup
from lintas.core.management.commands.dumpdata import models_with_personal_data

PASS = "a passphrase long enough"


def _sealed(data: bytes) -> bytes:
    out = io.BytesIO()
    backup.seal(io.BytesIO(data), out, PASS)
    return out.getvalue()


def _unsealed(data: bytes, passphrase: str = PASS) -> bytes:
    out = io.BytesIO()
    backup.unseal(io.BufferedReader(io.BytesIO(data)), out, passphrase)
    return out.getvalue()


@pytest.mark.parametrize("size", [0, 1, backup.CHUNK, backup.CHUNK * 2 + 7])
def test_sealing_round_trips_any_size(size: int) -> None:
    data = os.urandom(size)
    sealed = _sealed(data)
    # what is sealed is not in the file as it was (a byte or two may show up by chance)
    assert size < 8 or data[:64] not in sealed
    assert _unsealed(sealed) == data


def test_a_wrong_passphrase_a_changed_byte_or_a_cut_file_is_refused() -> None:
    sealed = _sealed(os.urandom(backup.CHUNK + 100))
    with pytest.raises(backup.BackupError, match="wrong passphrase"):
        _unsealed(sealed, "another passphrase entirely")
    changed = bytearray(sealed)
    changed[len(sealed) // 2] ^= 1
    with pytest.raises(backup.BackupError, match="wrong passphrase, or the file was changed"):
        _unsealed(bytes(changed))
    # the last chunk dropped: the one before it was not sealed as the last
    first_len = int.from_bytes(sealed[len(backup.MAGIC) + 20 : len(backup.MAGIC) + 24], "big")
    cut = sealed[: len(backup.MAGIC) + 24 + first_len]
    with pytest.raises(backup.BackupError):
        _unsealed(cut)


def test_an_archive_checks_its_members_against_the_manifest(tmp_path: Path) -> None:
    db = tmp_path / "database.sqlite3"
    db.write_bytes(b"pretend database")
    archive = tmp_path / "a.tar"
    backup.write_archive(archive, {"vendor": "sqlite"}, {"database.sqlite3": db})
    out = tmp_path / "out"
    out.mkdir()
    read = backup.read_archive(archive, out)
    assert read.manifest["members"]["database.sqlite3"]["size"] == 16
    assert read.members["database.sqlite3"].read_bytes() == b"pretend database"
    with pytest.raises(backup.BackupError, match="not a Lintas backup"):
        backup.read_archive(db, out)


def test_dumpdata_refuses_the_models_that_hold_personal_data(db: None) -> None:
    assert "cases.CasePerson" in models_with_personal_data([], [])
    assert "cases.CasePerson" in models_with_personal_data(["cases"], [])
    assert models_with_personal_data(["members"], []) == []
    assert "networks.NetworkIndicator" in models_with_personal_data([], ["cases"])
    assert models_with_personal_data([], ["cases", "networks"]) == []
    with pytest.raises(CommandError, match="lintas backup"):
        call_command("dumpdata", stdout=io.StringIO())
    out = io.StringIO()
    call_command("dumpdata", "members.body", stdout=out)
    assert out.getvalue().startswith("[")
