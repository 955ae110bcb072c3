from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def lintas(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {"LINTAS_DEMO": settings.DEMO}
    return context
