"""A page of a list as an API caller asks for it: ``limit`` and ``offset`` made safe to slice
with. Below zero is the start, past the end is an empty page, and an offset past what a database
counts (OFFSET is a signed 64-bit number in SQLite and PostgreSQL) is no server error either."""

from __future__ import annotations

# Far past the length of any list, and small enough that offset + limit still fits in a signed
# 64-bit integer.
MAX_OFFSET = 2**62


def page_window(limit: int, offset: int, *, largest: int) -> tuple[int, int]:
    """``limit`` between 1 and ``largest``, ``offset`` between 0 and ``MAX_OFFSET``."""
    return max(1, min(limit, largest)), max(0, min(offset, MAX_OFFSET))
