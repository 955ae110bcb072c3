"""Notifications made before the notices app existed keep their rows when the model moves."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

LAST_BEFORE = ("reporting", "0003_soft_limits_and_comments")
BEFORE = [LAST_BEFORE, ("notices", None)]


@pytest.mark.usefixtures("audit_log_can_be_flushed")
@pytest.mark.django_db(transaction=True)
def test_notifications_keep_their_rows_when_they_move_to_the_notices_app() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(LAST_BEFORE).apps
    person = old.get_model("members", "User").objects.create(
        email="kept@example.org", full_name="Kim Kept", password="!"
    )
    old.get_model("reporting", "Notification").objects.create(
        user_id=person.pk, kind="returned", text="Your report was returned.", link="/b/x/"
    )
    assert "reporting_notification" in connection.introspection.table_names()

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(latest)

    new = executor.loader.project_state(latest).apps
    moved = new.get_model("notices", "Notification").objects.get()
    assert (moved.user_id, moved.kind, moved.text, moved.link, moved.read_at) == (
        person.pk,
        "returned",
        "Your report was returned.",
        "/b/x/",
        None,
    )
    assert (moved.email, moved.email_attempts, moved.subject) == ("none", 0, "")
    tables = connection.introspection.table_names()
    assert "notices_notification" in tables and "reporting_notification" not in tables
