"""The test cast, built through the real services.

One body with units A, B and C under a country, and another body for strangers:

- ``secretariat``: secretariat officer of the body (needs a second factor)
- ``focal_a``: unit A's focal point (owner of A's data)
- ``focal_b``: unit B's focal point (A shares with B in later features)
- ``focal_c``: unit C's focal point (no access to A's data)
- ``leader``: leader / observer, read-only
- ``analyst``: analyst of the body
- ``admin``: administrator role of the body
- ``stranger``: secretariat of another body, nothing in this one
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from lintas.members import services
from lintas.members.models import Body, Membership, Role, Unit, User
from lintas.policy import SYSTEM

PASSWORD = "correct-horse-battery-staple"

# The ``client_for`` fixture: a new client signed in as the person, or anonymous for None.
ClientFor = Callable[[User | None], Client]


@dataclass
class Cast:
    body: Body
    other_body: Body
    country: Unit
    unit_a: Unit
    unit_b: Unit
    unit_c: Unit
    secretariat: User
    focal_a: User
    focal_b: User
    focal_c: User
    leader: User
    analyst: User
    admin: User
    stranger: User

    def role_users(self) -> dict[str, User]:
        return {
            "secretariat": self.secretariat,
            "focal_a": self.focal_a,
            "focal_b": self.focal_b,
            "focal_c": self.focal_c,
            "leader": self.leader,
            "analyst": self.analyst,
            "admin": self.admin,
            "stranger": self.stranger,
        }


def make_person(email: str, name: str, language: str = "en") -> User:
    return User.objects.create_user(email, PASSWORD, full_name=name, language=language)


@pytest.fixture
def cast(db: None) -> Cast:
    body = services.create_body(
        by=SYSTEM,
        name="Test Working Group",
        short_name="TWG",
        slug="twg",
        kind=Body.Kind.WORKING_GROUP,
        time_zone="Asia/Ho_Chi_Minh",
        languages=["en", "vi", "id"],
    )
    other = services.create_body(
        by=SYSTEM,
        name="Other Committee",
        short_name="OC",
        slug="other",
        kind=Body.Kind.STEERING_COMMITTEE,
        time_zone="Asia/Jakarta",
        languages=["id"],
    )
    country = services.create_unit(
        body=body, by=SYSTEM, name="Viet Nam", kind="country", country="VN"
    )
    unit_a = services.create_unit(
        body=body, by=SYSTEM, name="Agency A", kind="agency", parent=country
    )
    unit_b = services.create_unit(
        body=body, by=SYSTEM, name="Agency B", kind="agency", parent=country
    )
    unit_c = services.create_unit(body=body, by=SYSTEM, name="Agency C", kind="agency")
    other_unit = services.create_unit(body=other, by=SYSTEM, name="Dept X", kind="department")
    people = {
        "secretariat": make_person("sec@example.org", "Sara Secretariat"),
        "focal_a": make_person("a@example.org", "Anh Focal"),
        "focal_b": make_person("b@example.org", "Budi Focal"),
        "focal_c": make_person("c@example.org", "Chi Focal"),
        "leader": make_person("leader@example.org", "Lan Leader"),
        "analyst": make_person("analyst@example.org", "An Analyst"),
        "admin": make_person("admin@example.org", "Ad Admin"),
        "stranger": make_person("stranger@example.org", "Stan Stranger"),
    }
    grant = services.grant_role
    grant(body=body, person=people["secretariat"], role=Role.SECRETARIAT, by=SYSTEM)
    grant(body=body, person=people["focal_a"], role=Role.FOCAL_POINT, unit=unit_a, by=SYSTEM)
    grant(body=body, person=people["focal_b"], role=Role.FOCAL_POINT, unit=unit_b, by=SYSTEM)
    grant(body=body, person=people["focal_c"], role=Role.FOCAL_POINT, unit=unit_c, by=SYSTEM)
    grant(body=body, person=people["leader"], role=Role.LEADER, by=SYSTEM)
    grant(body=body, person=people["analyst"], role=Role.ANALYST, by=SYSTEM)
    grant(body=body, person=people["admin"], role=Role.ADMINISTRATOR, by=SYSTEM)
    grant(body=other, person=people["stranger"], role=Role.SECRETARIAT, by=SYSTEM)
    grant(body=other, person=people["focal_c"], role=Role.FOCAL_POINT, unit=other_unit, by=SYSTEM)
    return Cast(body, other, country, unit_a, unit_b, unit_c, **people)


def sign_in(client: Client, user: User) -> Client:
    """Sign in with a confirmed second factor, as a person with an authenticator would."""
    client.force_login(user)
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for(client: Client) -> ClientFor:
    def _for(user: User | None) -> Client:
        c = Client()
        if user is not None:
            sign_in(c, user)
        return c

    return _for


def membership_of(user: User, body: Body) -> Membership:
    return Membership.objects.filter(user=user, body=body).first()  # type: ignore[return-value]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the production hasher (tested in test_security); tests use a fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    # A request leaves the language the visitor asked for active in the thread (LocaleMiddleware
    # does not undo it); the next test starts in the default language whatever ran before.
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def run_queued_notices() -> Callable[[], int]:
    """Run the notice e-mails queued for the worker, as ``lintas worker`` runs them; returns
    e-mails sent. (A test sees work queued after a commit only inside
    ``django_capture_on_commit_callbacks(execute=True)``.)"""
    from django_tasks_db.models import DBTaskResult

    from lintas.notices.tasks import send_emails

    def run() -> int:
        sent = 0
        queued = DBTaskResult.objects.ready().filter(task_path=send_emails.module_path)
        for result in queued:
            result.claim("tests")
            done = result.task.call(*result.task_result.args, **result.task_result.kwargs)
            result.set_successful(done)
            sent += done["sent"]
        return sent

    return run


@pytest.fixture
def run_queued_tasks() -> Callable[..., list[Any]]:
    """Run the tasks queued for the worker (those of ``tasks``, or all) and due now, as
    ``lintas worker`` runs them; returns their results in order."""
    from django_tasks_db.models import DBTaskResult

    def run(*tasks: Any) -> list[Any]:
        queued = DBTaskResult.objects.ready()
        if tasks:
            queued = queued.filter(task_path__in=[t.module_path for t in tasks])
        done = []
        for result in queued.order_by("enqueued_at"):
            result.claim("tests")
            value = result.task.call(*result.task_result.args, **result.task_result.kwargs)
            result.set_successful(value)
            done.append(value)
        return done

    return run


@contextlib.contextmanager
def audit_triggers_lifted(django_db_blocker: Any) -> Iterator[None]:
    """The audit log's append-only triggers lifted for a while. A test that commits
    (``django_db(transaction=True)``, a live server) ends by emptying every table, which the
    triggers refuse on PostgreSQL; wrap such tests in a fixture of a wider scope than the
    database fixtures, so the flush happens inside."""
    migration = importlib.import_module("lintas.audit.migrations.0002_append_only")
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        migration.backwards(None, editor)
    try:
        yield
    finally:
        with django_db_blocker.unblock(), connection.schema_editor() as editor:
            migration.forwards(None, editor)


@pytest.fixture(scope="module")
def audit_log_can_be_flushed(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """For a test module with tests that commit: see ``audit_triggers_lifted``."""
    with audit_triggers_lifted(django_db_blocker):
        yield
