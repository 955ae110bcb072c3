"""The one error type services raise. Views turn it into a message next to the form."""

from __future__ import annotations


class LintasError(Exception):
    """A request that the domain refuses, with a message fit for the person who made it."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictError(LintasError):
    """Someone else saved the object since this person loaded it; nothing of theirs was lost
    and nothing of this request was saved."""
