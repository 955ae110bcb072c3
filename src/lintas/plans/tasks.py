"""Background tasks of plans, run by ``lintas worker``."""

from __future__ import annotations

from django_tasks import task

from lintas.plans import services


@task()
def generate_document(document_id: int) -> dict[str, object]:
    """Make the DOCX and PDF of one requested report."""
    document = services.build_document(document_id)
    return {"id": document.pk, "status": document.status}
