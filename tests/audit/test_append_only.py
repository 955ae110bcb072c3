"""The audit log is append-only: neither the model nor the database lets an entry change or go."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from lintas.audit.models import AppendOnlyError, AuditEntry
from lintas.audit.services import MASK, log_action
from tests.conftest import Cast


@pytest.fixture
def entry(cast: Cast) -> AuditEntry:
    return log_action(
        "members.unit.updated",
        actor=cast.secretariat,
        body=cast.body,
        target=cast.unit_a,
        reason="original reason",
        data={"name": ["Agency A", "Agency A1"]},
    )


def _stored(pk: int) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT action, reason FROM audit_auditentry WHERE id = %s", [pk])
        row = cursor.fetchone()
    assert row is not None, "the entry is gone"
    return row[0], row[1]


def test_it_refuses_to_save_a_changed_entry(entry: AuditEntry) -> None:
    entry.reason = "rewritten"

    with pytest.raises(AppendOnlyError):
        entry.save()

    assert _stored(entry.pk) == ("members.unit.updated", "original reason")


def test_it_refuses_to_delete_an_entry(entry: AuditEntry) -> None:
    with pytest.raises(AppendOnlyError):
        entry.delete()

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_it_refuses_to_update_entries_through_a_queryset(entry: AuditEntry) -> None:
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten")

    assert _stored(entry.pk) == ("members.unit.updated", "original reason")


def test_it_refuses_to_bulk_update_entries(entry: AuditEntry) -> None:
    entry.reason = "rewritten"

    # bulk_update runs in its own atomic block without savepoint: give it one
    with pytest.raises(AppendOnlyError), transaction.atomic():
        AuditEntry.objects.bulk_update([entry], ["reason"])

    assert _stored(entry.pk) == ("members.unit.updated", "original reason")


def test_it_refuses_to_delete_entries_through_a_queryset(entry: AuditEntry) -> None:
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_database_refuses_an_update_that_bypasses_the_model(entry: AuditEntry) -> None:
    # the base manager is a plain Manager: only the database stands in the way
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry._base_manager.filter(pk=entry.pk).update(reason="rewritten")

    assert _stored(entry.pk) == ("members.unit.updated", "original reason")


def test_the_database_refuses_a_raw_update(entry: AuditEntry) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET action = %s, reason = %s WHERE id = %s",
            ["members.unit.created", "rewritten", entry.pk],
        )

    assert _stored(entry.pk) == ("members.unit.updated", "original reason")


def test_the_database_refuses_a_raw_delete(entry: AuditEntry) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])

    assert _stored(entry.pk) == ("members.unit.updated", "original reason")


def test_the_database_refuses_a_raw_delete_of_every_entry(entry: AuditEntry) -> None:
    count = AuditEntry.objects.count()

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")

    assert AuditEntry.objects.count() == count


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
def test_the_database_refuses_truncate(entry: AuditEntry) -> None:
    count = AuditEntry.objects.count()

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditentry")

    assert AuditEntry.objects.count() == count


def test_the_database_still_accepts_new_entries(entry: AuditEntry) -> None:
    count = AuditEntry.objects.count()

    log_action("members.unit.created", body=entry.body, data={"name": "x"})

    assert AuditEntry.objects.count() == count + 1


# --- secrets ----------------------------------------------------------------------------------


def test_it_masks_secrets_at_any_depth(cast: Cast) -> None:
    data = {"password": "x", "nested": {"api_key": "y"}, "name": "ok"}

    stored = log_action("members.person.updated", actor=cast.focal_a, data=data)

    row = AuditEntry.objects.get(pk=stored.pk)
    assert row.data == {"password": MASK, "nested": {"api_key": MASK}, "name": "ok"}
    assert data == {"password": "x", "nested": {"api_key": "y"}, "name": "ok"}, "input untouched"


@pytest.mark.parametrize(
    "key",
    [
        "password",
        "new_password",
        "SECRET",
        "client_secret",
        "token",
        "api_key",
        "otp",
        "passphrase",
    ],
)
def test_it_masks_every_key_that_names_a_secret(db: None, key: str) -> None:
    stored = log_action("members.person.updated", data={key: "hunter2", "kept": "visible"})

    row = AuditEntry.objects.get(pk=stored.pk)
    assert row.data == {key: MASK, "kept": "visible"}
    assert "hunter2" not in str(row.data)


def test_it_masks_secrets_inside_lists(db: None) -> None:
    stored = log_action(
        "members.person.updated",
        data={"devices": [{"name": "phone", "otp_secret": "JBSWY3DP"}, "plain"]},
    )

    row = AuditEntry.objects.get(pk=stored.pk)
    assert row.data == {"devices": [{"name": "phone", "otp_secret": MASK}, "plain"]}


def test_it_masks_the_secret_of_a_new_api_token(cast: Cast) -> None:
    from lintas.members import services

    token, key = services.create_api_token(cast.focal_a, name="export", by=cast.focal_a)

    entry = AuditEntry.objects.get(action="members.api_token.created", object_id=str(token.pk))
    assert key not in str(entry.data)
    assert key.split("_", 2)[2] not in str(entry.data) + entry.object_label
