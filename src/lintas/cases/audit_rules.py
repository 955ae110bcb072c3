"""Which audit entries are about cases the reader may not read (see ``audit.redaction``): an
entry about a case, a person, an event, a share, a consent, a referral, a named reader or an
emergency access is hidden unless the reader may read its case."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import apps

from lintas.audit.models import AuditEntry
from lintas.cases import policy

# The models whose entries are about one case, with the path from the model to the case's id.
CASE_OF = {
    "cases.case": "pk",
    "cases.caseperson": "case_id",
    "cases.caseevent": "case_id",
    "cases.caseshare": "case_id",
    "cases.redaccess": "case_id",
    "cases.emergencyaccess": "case_id",
    "cases.referral": "case_id",
    "cases.consentrecord": "person__case_id",
}


def hidden_case_entries(reader: Any, body: Any, entries: Sequence[AuditEntry]) -> set[int]:
    """Entries whose case the reader may not read (one query per kind of object, and one)."""
    case_of: dict[tuple[str, str], int] = {}
    for object_type, path in CASE_OF.items():
        ids = [e.object_id for e in entries if e.object_type == object_type and e.object_id]
        if not ids:
            continue
        model = apps.get_model(object_type)
        for pk, case_id in model.objects.filter(pk__in=ids).values_list("pk", path):
            case_of[(object_type, str(pk))] = case_id
    readable = set(
        policy.visible_cases(reader, body)
        .filter(pk__in=set(case_of.values()))
        .values_list("pk", flat=True)
    )
    return {e.pk for e in entries if case_of.get((e.object_type, e.object_id)) not in readable}
