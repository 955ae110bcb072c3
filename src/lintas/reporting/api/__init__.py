"""Reporting through /api/v1/: templates, obligations, submissions and the measures.

``operations`` holds the router, under the same policy as the pages; ``schemas`` the shapes it
reads and answers. ``ConflictError`` answers 409 and ``InvalidAnswers`` 422 with the field codes
(``api/main.py``).
"""

from lintas.reporting.api.operations import router

__all__ = ["router"]
