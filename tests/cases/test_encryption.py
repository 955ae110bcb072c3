"""Personal fields are ciphertext in the database, and a missing or wrong key is loud."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from lintas.cases import checks, crypto
from lintas.cases.models import CasePerson
from tests.cases.conftest import NARRATIVE, VICTIM_NAME, add_victim, new_case
from tests.conftest import Cast

OTHER_KEY = "Zm9yLXRlc3RzLW9ubHktYW5vdGhlci1rZXktMzJieXQ="


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_the_raw_database_holds_ciphertext_not_the_victims_data(cast: Cast) -> None:
    case = new_case(cast)
    victim = add_victim(cast, case)

    raw_name = _raw("cases_caseperson", "full_name", victim.pk)
    raw_contacts = _raw("cases_caseperson", "contacts", victim.pk)
    raw_dob = _raw("cases_caseperson", "date_of_birth", victim.pk)
    raw_narrative = _raw("cases_case", "narrative", case.pk)

    for raw in (raw_name, raw_contacts, raw_dob, raw_narrative):
        assert raw.startswith(crypto.PREFIX)
    assert "Nguyen" not in raw_name
    assert "912" not in raw_contacts
    assert "2001" not in raw_dob
    assert "casino" not in raw_narrative
    loaded = CasePerson.objects.get(pk=victim.pk)
    assert loaded.full_name == VICTIM_NAME
    assert loaded.contacts["phones"] == ["+84 912 345 678"]
    assert loaded.date_of_birth.year == 2001
    assert case.__class__.objects.get(pk=case.pk).narrative == NARRATIVE


def test_the_same_name_encrypts_differently_each_time(cast: Cast) -> None:
    case = new_case(cast)
    one, two = add_victim(cast, case), add_victim(cast, case)
    assert _raw("cases_caseperson", "full_name", one.pk) != _raw(
        "cases_caseperson", "full_name", two.pk
    )


def test_the_check_fails_without_a_key_in_production(settings) -> None:
    settings.LINTAS_FIELD_KEYS = []
    settings.DEBUG = False

    errors = checks.check_field_keys(None)

    assert [e.id for e in errors] == ["lintas.E010"]
    assert "LINTAS_FIELD_KEYS is not set" in errors[0].msg


def test_a_malformed_key_is_named(settings) -> None:
    settings.LINTAS_FIELD_KEYS = ["not-a-key"]

    errors = checks.check_field_keys(None)

    assert [e.id for e in errors] == ["lintas.E010"]
    assert "key number 1" in errors[0].msg


def test_debug_derives_a_development_key_but_production_never_does(settings) -> None:
    settings.LINTAS_FIELD_KEYS = []
    settings.DEBUG = True
    assert crypto.decrypt(crypto.encrypt("x")) == "x"
    settings.DEBUG = False
    with pytest.raises(crypto.FieldKeyError):
        crypto.encrypt("x")


def test_the_check_fails_when_the_key_cannot_read_stored_data(cast: Cast, settings) -> None:
    add_victim(cast, new_case(cast))
    assert checks.check_field_keys_decrypt(None) == []

    settings.LINTAS_FIELD_KEYS = [OTHER_KEY]

    errors = checks.check_field_keys_decrypt(None)
    assert [e.id for e in errors] == ["lintas.E011"]
    with pytest.raises(crypto.FieldKeyError):
        CasePerson.objects.get(role="victim")


def test_rotation_keeps_data_readable_under_the_new_key_alone(cast: Cast, settings) -> None:
    victim = add_victim(cast, new_case(cast))
    old_key = settings.LINTAS_FIELD_KEYS[0]
    settings.LINTAS_FIELD_KEYS = [OTHER_KEY, old_key]

    call_command("field_key", "--rotate")

    settings.LINTAS_FIELD_KEYS = [OTHER_KEY]
    assert CasePerson.objects.get(pk=victim.pk).full_name == VICTIM_NAME


def test_production_refuses_to_start_without_a_field_key(tmp_path) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith(("LINTAS_", "DJANGO_"))}
    env.update(
        SECRET_KEY="start-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
        ALLOWED_HOSTS="lintas.example.org",
        LINTAS_DATA_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-m", "lintas", "check"],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert "lintas.E010" in result.stderr
    assert "LINTAS_FIELD_KEYS is not set" in result.stderr
