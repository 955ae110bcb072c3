"""Notices that link to a case are shown as written only to those who may read the case (see
``notices.visibility``)."""

from __future__ import annotations

from typing import Any

from lintas.cases import policy
from lintas.members.models import Body


def reads_case(reader: Any, kwargs: dict[str, Any]) -> bool:
    body = Body.objects.filter(slug=kwargs.get("slug", "")).first()
    if body is None:
        return False
    return policy.visible_cases(reader, body).filter(pk=int(kwargs.get("case_id", 0))).exists()
