"""Backups: one archive with the database and a manifest, optionally encrypted with a passphrase.

The archive is a tar file holding

* ``manifest.json``: the format, the versions of Lintas, Django and the database, the migrations
  applied, the fingerprints of the field keys, and each member's size and SHA-256;
* ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the site runs) or
  ``database.pgdump`` (``pg_dump`` custom format).

Uploaded and generated files (attachments, generated reports) are stored in the database, so the
database holds them. Personal data of case records stays encrypted with the field keys exactly as
stored: a backup is useless without ``LINTAS_FIELD_KEYS``, which must therefore be kept apart
from the backups. With a passphrase the whole archive is encrypted as well (``seal``): AES-256-GCM
in chunks of 1 MiB, each chunk authenticated with its number and whether it is the last, under a
key derived from the passphrase with scrypt and a random salt.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import struct
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

FORMAT = 1
MANIFEST = "manifest.json"
MAGIC = b"LINTAS-BACKUP-SEALED-1\n"
CHUNK = 1 << 20
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**15, 8, 1


class BackupError(Exception):
    """A backup that cannot be written, read or restored; the message says why."""


# --- the passphrase layer -----------------------------------------------------------------------


def _key(passphrase: str, salt: bytes) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P)
    return kdf.derive(passphrase.encode("utf-8"))


def _aad(number: int, last: bool) -> bytes:
    return struct.pack(">Q?", number, last)


def seal(source: IO[bytes], target: IO[bytes], passphrase: str) -> None:
    """Encrypt ``source`` into ``target`` with the passphrase."""
    salt = os.urandom(16)
    aes = AESGCM(_key(passphrase, salt))
    prefix = os.urandom(4)
    target.write(MAGIC + salt + prefix)
    number = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        nonce = prefix + struct.pack(">Q", number)
        sealed = aes.encrypt(nonce, chunk, _aad(number, last))
        target.write(struct.pack(">I", len(sealed)) + sealed)
        if last:
            return
        chunk, number = following, number + 1


def is_sealed(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(len(MAGIC)) == MAGIC


def unseal(source: IO[bytes], target: IO[bytes], passphrase: str) -> None:
    """Decrypt what ``seal`` wrote; a wrong passphrase or a changed byte is refused."""
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError("This file is not an encrypted Lintas backup.")
    salt, prefix = source.read(16), source.read(4)
    aes = AESGCM(_key(passphrase, salt))
    number = 0
    while True:
        head = source.read(4)
        if len(head) < 4:
            raise BackupError("The encrypted backup is cut short: its last part is missing.")
        sealed = source.read(struct.unpack(">I", head)[0])
        last = source.peek(1)[:1] == b"" if hasattr(source, "peek") else _at_end(source)
        nonce = prefix + struct.pack(">Q", number)
        try:
            target.write(aes.decrypt(nonce, sealed, _aad(number, last)))
        except Exception:
            raise BackupError(
                "The backup cannot be decrypted: wrong passphrase, or the file was changed."
            ) from None
        if last:
            return
        number += 1


def _at_end(source: IO[bytes]) -> bool:
    here = source.tell()
    at_end = source.read(1) == b""
    source.seek(here)
    return at_end


# --- the archive --------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def key_fingerprints(keys: list[str]) -> list[str]:
    """Short fingerprints of the field keys (never the keys): a restore can tell whether the
    keys it has are those the data was encrypted with."""
    return [hashlib.sha256(k.encode()).hexdigest()[:16] for k in keys]


def write_archive(target: Path, manifest: dict[str, Any], members: dict[str, Path]) -> None:
    """Write the tar archive: the manifest (with each member's size and checksum) first."""
    manifest = {
        **manifest,
        "format": FORMAT,
        "members": {
            name: {"size": path.stat().st_size, "sha256": sha256_of(path)}
            for name, path in members.items()
        },
    }
    data = json.dumps(manifest, indent=2, sort_keys=True).encode()
    with tarfile.open(target, "w") as tar:
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mode = 0o600
        tar.addfile(info, io.BytesIO(data))
        for name, path in members.items():
            tar.add(path, arcname=name, recursive=False)


@dataclass
class Archive:
    manifest: dict[str, Any]
    members: dict[str, Path]


def read_archive(source: Path, into: Path) -> Archive:
    """Unpack the archive into the directory ``into`` and check every member's checksum."""
    try:
        tar = tarfile.open(source, "r")  # noqa: SIM115 - closed by the with below
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{source} is not a Lintas backup ({exc}).") from None
    with tar:
        try:
            manifest = json.load(_extract(tar, MANIFEST))
        except (KeyError, ValueError):
            raise BackupError(f"{source} has no readable manifest: not a Lintas backup.") from None
        if manifest.get("format") != FORMAT:
            raise BackupError(
                f"{source} is a backup of format {manifest.get('format')!r}; this version of "
                f"Lintas reads format {FORMAT}."
            )
        members: dict[str, Path] = {}
        for name, expected in manifest.get("members", {}).items():
            if "/" in name or name.startswith("."):
                raise BackupError(f"{source} names a member {name!r} outside the archive.")
            path = into / name
            try:
                stream = _extract(tar, name)
            except KeyError:
                raise BackupError(f"{source} lacks {name}, which its manifest lists.") from None
            with path.open("wb") as out:
                shutil.copyfileobj(stream, out, CHUNK)
            if sha256_of(path) != expected["sha256"]:
                raise BackupError(f"{name} in {source} does not match its checksum: damaged.")
            members[name] = path
    return Archive(manifest, members)


def _extract(tar: tarfile.TarFile, name: str) -> IO[bytes]:
    stream = tar.extractfile(name)
    if stream is None:
        raise KeyError(name)
    return stream
