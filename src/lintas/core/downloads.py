"""One way to answer with a file: every download of the pages and of the API goes through
``attachment``, so each one names its file the same way (RFC 6266: an ASCII ``filename`` and a
UTF-8 ``filename*``, so "Báo cáo quý 1.pdf" keeps its letters and a quote in a name cannot end
the header), tells the browser not to guess the type, and is kept out of shared caches unless
the caller says the file is public."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

PRIVATE = "private, no-store"


def attachment(
    content: bytes | str,
    filename: str,
    content_type: str,
    *,
    cache_control: str = PRIVATE,
) -> HttpResponse:
    """A response that downloads ``content`` as ``filename``."""
    name = " ".join(filename.split()) or "file"  # no line breaks or tabs in a header
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    return response
