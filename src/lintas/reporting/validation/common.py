"""What every part of the checks shares: the translation function and how answers were written."""

from __future__ import annotations

from collections.abc import Callable

Text = Callable[[str], str]  # translation function for messages

# How answers were written, the ``language`` of ``parse_value`` and ``check``: a language code
# ("en", "vi", "id") for what people typed (the web form, a spreadsheet), ``JSON`` for answers sent
# to the API (a number must be a JSON number), or None for answers in their stored form (what
# ``check`` returns: numbers, and decimals as plain digits with "." before the decimals).
JSON = "json"


def _identity(s: str) -> str:
    return s


def gettext_noop(message: str) -> str:
    """Marks a message for the catalogues; the caller's ``t`` translates it."""
    return message


# A NUL character (U+0000) cannot be stored in PostgreSQL's text or jsonb: an answer or comment
# holding one is refused, never passed on to the database.
NUL = "\x00"
NUL_MESSAGE = gettext_noop(
    "Contains a NUL character (U+0000), which cannot be stored. Remove it and try again."
)


def holds_nul(raw: object) -> bool:
    """A text, or a list of texts, that holds a NUL character."""
    if isinstance(raw, str):
        return NUL in raw
    if isinstance(raw, list | tuple):
        return any(isinstance(item, str) and NUL in item for item in raw)
    return False
