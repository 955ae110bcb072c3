"""Background tasks of networks, run by ``lintas worker``."""

from __future__ import annotations

from django_tasks import task

from lintas.networks import services


@task()
def link_body(run_id: int) -> dict[str, object]:
    """Link a body's case records and replace its networks (a full relink or an update)."""
    run = services.run_link(run_id)
    return {"id": run.pk, "state": run.state, "networks": run.networks}
