"""A mail server that accepts connections and never answers cannot freeze the web app: no web
request opens a connection to the mail server (every e-mail leaves from the worker), and the
worker gives up on it after ``EMAIL_TIMEOUT`` and tries again later."""

from __future__ import annotations

import ast
import datetime as dt
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from lintas.members.models import Invitation, Role
from lintas.notices.models import Delivery, Notification, Preference
from lintas.reporting import services as reporting
from tests.conftest import Cast, ClientFor
from tests.reporting.conftest import GOOD, Regime

UTC = dt.UTC
SRC = Path(__file__).resolve().parents[2] / "src" / "lintas"
# The only modules that hand an e-mail to the mail server; both run on the worker.
SENDERS = {"notices/delivery.py", "members/emails.py"}


class Tarpit:
    """Listens on a loopback port, accepts every connection and never says a word."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = int(self.sock.getsockname()[1])
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)  # kept open, never answered

    def close(self) -> None:
        self.sock.close()
        for conn in self.accepted:
            conn.close()


@pytest.fixture
def tarpit(settings: Any) -> Iterator[Tarpit]:
    pit = Tarpit()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = pit.port
    settings.EMAIL_TIMEOUT = 2
    try:
        yield pit
    finally:
        pit.close()


@time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=True)
def test_pages_that_tell_people_by_email_never_reach_the_mail_server(
    regime: Regime,
    tarpit: Tarpit,
    client_for: ClientFor,
    django_capture_on_commit_callbacks: Any,
) -> None:
    cast: Cast = regime.cast
    Preference.objects.create(
        user=cast.secretariat, kind="submitted", delivery=Delivery.IMMEDIATELY
    )
    secretariat = client_for(cast.secretariat)
    invite = reverse("members:invite", kwargs={"slug": cast.body.slug})
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = secretariat.post(
            invite,
            {
                "full_name": "Nguyễn Văn Mới",
                "email": "new.person@example.org",
                "role": Role.FOCAL_POINT,
                "unit": cast.unit_c.pk,
                "language": "vi",
            },
        )
        assert response.status_code == 302, response.content.decode()[:500]
        # an existing person: the role at once, and an e-mail saying so
        response = secretariat.post(
            invite,
            {
                "full_name": "Anh",
                "email": "a@example.org",
                "role": Role.VALIDATOR,
                "unit": cast.unit_a.pk,
                "language": "en",
            },
        )
        assert response.status_code == 302
    assert len(queued) == 2
    assert Invitation.objects.filter(email="new.person@example.org").exists()

    sub = reporting.start_submission(
        obligation=regime.obligation, unit=cast.unit_a, period_key="2024-03", by=cast.focal_a
    )
    edit = reverse(
        "reporting:submission-edit", kwargs={"slug": cast.body.slug, "submission_id": sub.pk}
    )
    posted = {f"f_{k}": v for k, v in GOOD.items() if not isinstance(v, list)}
    posted["f_hotline"] = "yes"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.focal_a).post(
            edit, {**posted, "action": "submit", "revision": sub.revision}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    told = Notification.objects.get(user=cast.secretariat, kind="submitted")
    assert told.email == Notification.Email.NOW  # waits for the worker

    assert client_for(None).get("/health/").status_code == 200
    assert tarpit.accepted == []  # no request ever opened a connection to the mail server


@time_machine.travel(dt.datetime(2024, 4, 5, 3, 0, tzinfo=UTC), tick=True)
def test_the_worker_gives_up_on_a_silent_mail_server_and_tries_again_later(
    regime: Regime,
    tarpit: Tarpit,
    django_capture_on_commit_callbacks: Any,
    run_queued_tasks: Callable[..., list[Any]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    cast: Cast = regime.cast
    Preference.objects.create(
        user=cast.secretariat, kind="submitted", delivery=Delivery.IMMEDIATELY
    )
    with django_capture_on_commit_callbacks(execute=True):
        from lintas.members import services as members

        members.invite_person(
            body=cast.body,
            email="new.person@example.org",
            full_name="Nguyễn Văn Mới",
            role=Role.FOCAL_POINT,
            unit=cast.unit_c,
            language="vi",
            by=cast.secretariat,
        )
        sub = reporting.start_submission(
            obligation=regime.obligation, unit=cast.unit_a, period_key="2024-03", by=cast.focal_a
        )
        reporting.submit_report(sub, by=cast.focal_a, data=GOOD, revision=sub.revision)

    def hung(*_args: object) -> None:
        raise AssertionError("the worker hangs on a mail server that never answers")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        results = run_queued_tasks()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

    assert "retry" in results  # the invitation, queued again
    assert {"sent": 0} in results  # the notice, kept for its retry
    assert len(tarpit.accepted) == 2
    told = Notification.objects.get(user=cast.secretariat, kind="submitted")
    assert told.email == Notification.Email.NOW
    assert told.email_attempts == 1
    assert "timed out" in told.email_error
    assert told.email_due_at is not None and told.email_due_at > dt.datetime.now(UTC)
    assert "e-mail of invitation" in caplog.text
    assert run_queued_tasks() == []  # the next attempts wait: nothing more due now


def test_only_the_worker_modules_hand_e_mail_to_the_mail_server() -> None:
    """``send_mail``, ``EmailMessage.send`` and mail connections appear only in the modules the
    worker runs, so no view or service can send an e-mail inside a request."""
    names = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers", "get_connection"}
    found = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        if rel in SENDERS or "/migrations/" in rel:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = None
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if called in names or (
                called in {"send", "email_user"} and "mail" in ast.unparse(node)
            ):
                found.append(f"{rel}:{getattr(node, 'lineno', 0)}")
    assert found == []
