"""Encryption of personal fields at rest: Fernet (AES-128-CBC + HMAC-SHA256) under MultiFernet.

Keys come from ``LINTAS_FIELD_KEYS`` (or ``LINTAS_FIELD_KEYS_FILE``): URL-safe base64 Fernet keys,
comma-separated, the newest first. The first key encrypts; every key is tried to decrypt, so a
key can be rotated by putting a new one in front, re-encrypting, then dropping the old one.

With ``LINTAS_DEBUG=true`` and no key set, a development key is derived from ``SECRET_KEY``;
never in production, where a missing or wrong key is an error at start (see ``checks.py``) and
at the first read, never a silent blank.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

# Stored values start with this marker, so a value written without encryption is recognised.
PREFIX = "enc1:"


class FieldKeyError(Exception):
    """The field keys are missing, malformed, or cannot decrypt a stored value."""


def _development_key() -> str:
    digest = hashlib.sha256(f"lintas.cases.field-key:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def configured_keys() -> list[str]:
    """The keys to use, newest first; raises FieldKeyError when there are none."""
    keys = [k.strip() for k in getattr(settings, "LINTAS_FIELD_KEYS", []) if k.strip()]
    if keys:
        return keys
    if settings.DEBUG:
        return [_development_key()]
    raise FieldKeyError(
        "LINTAS_FIELD_KEYS is not set: personal data of case records cannot be encrypted or "
        "read. Set LINTAS_FIELD_KEYS (or LINTAS_FIELD_KEYS_FILE) to one or more Fernet keys."
    )


@lru_cache(maxsize=4)
def _multifernet(keys: tuple[str, ...]) -> MultiFernet:
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key.encode()))
        except (ValueError, TypeError):
            raise FieldKeyError(
                f"LINTAS_FIELD_KEYS: key number {position} is not a valid Fernet key "
                "(32 bytes, URL-safe base64)."
            ) from None
    return MultiFernet(fernets)


def cipher() -> MultiFernet:
    return _multifernet(tuple(configured_keys()))


def encrypt(text: str) -> str:
    return PREFIX + cipher().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise FieldKeyError("A personal field holds a value that was not encrypted.")
    try:
        return cipher().decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise FieldKeyError(
            "A personal field cannot be decrypted with the keys in LINTAS_FIELD_KEYS: the key "
            "it was written with is missing."
        ) from None


def rotate(stored: str) -> str:
    """The same value encrypted under the newest key."""
    if not stored:
        return stored
    token = stored[len(PREFIX) :].encode("ascii")
    try:
        return PREFIX + cipher().rotate(token).decode("ascii")
    except InvalidToken:
        raise FieldKeyError(
            "A personal field cannot be decrypted with any configured key."
        ) from None


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")
