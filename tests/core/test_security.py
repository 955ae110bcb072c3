from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

import lintas.settings as project_settings
from lintas.members import services
from lintas.members.models import User
from tests.conftest import PASSWORD, Cast, ClientFor
from tests.inline_code import inline_code


def test_passwords_are_hashed_with_argon2_by_default() -> None:
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_a_new_password_is_stored_as_argon2(db, settings) -> None:
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = User.objects.create_user("argon@example.org", "a-long-password-1", full_name="A")
    assert user.password.startswith("argon2$")


def _login(client: Client, email: str, password: str):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_repeated_wrong_passwords_lock_the_account_for_that_address(cast: Cast) -> None:
    client = Client()
    for _ in range(5):
        response = _login(client, cast.focal_a.email, "wrong-password")
        assert response.status_code in {200, 429}
    locked = _login(client, cast.focal_a.email, PASSWORD)
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # another account from the same address is not locked
    assert _login(client, cast.focal_b.email, PASSWORD).status_code == 302


def test_the_right_password_signs_in(cast: Cast) -> None:
    client = Client()
    response = _login(client, cast.focal_a.email, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_deactivating_a_person_ends_every_session_of_theirs(
    cast: Cast, client_for: ClientFor
) -> None:
    laptop, phone = client_for(cast.focal_a), client_for(cast.focal_a)
    assert laptop.get(reverse("home")).status_code == 200
    services.deactivate_person(cast.focal_a, body=cast.body, by=cast.secretariat, reason="left")
    for client in (laptop, phone):
        response = client.get(reverse("home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    cast.focal_a.refresh_from_db()
    assert not cast.focal_a.is_active
    assert _login(Client(), cast.focal_a.email, PASSWORD).status_code == 200  # refused


def test_deactivation_in_one_body_keeps_the_account_for_another(
    cast: Cast, client_for: ClientFor
) -> None:
    client = client_for(cast.focal_c)
    services.deactivate_person(cast.focal_c, body=cast.body, by=cast.secretariat, reason="moved")
    assert client.get(reverse("home")).status_code == 302  # the session ended
    cast.focal_c.refresh_from_db()
    assert cast.focal_c.is_active
    fresh = Client()
    assert _login(fresh, cast.focal_c.email, PASSWORD).status_code == 302
    assert fresh.get(reverse("members:body-overview", args=["other"])).status_code == 200
    assert fresh.get(reverse("members:body-overview", args=["twg"])).status_code == 404


def test_the_secretariat_must_confirm_a_second_factor(cast: Cast, run_queued_tasks) -> None:
    client = Client()
    client.force_login(cast.secretariat)
    overview = reverse("members:body-overview", args=[cast.body.slug])
    response = client.get(overview)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor"))
    # the API refuses too, until the second factor is confirmed
    assert client.get("/api/v1/me").status_code == 403

    # first, the code mailed to the account's own address: no secret is shown before it
    mail.outbox.clear()
    email_step = client.get(reverse("two-factor") + "?next=" + overview)
    assert email_step.status_code == 200
    assert 'class="qr"' not in email_step.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.secretariat).exists()
    assert mail.outbox == []  # the e-mail leaves from the worker
    run_queued_tasks()
    assert [m.to for m in mail.outbox] == [[cast.secretariat.email]]
    code = re.search(r"\b\d{4} \d{4}\b", str(mail.outbox[0].body))
    assert code is not None
    typed = client.post(reverse("two-factor"), {"code": code.group(0), "next": overview})
    assert typed.status_code == 302

    setup = client.get(reverse("two-factor"))
    assert setup.status_code == 200
    assert 'class="qr"' in setup.content.decode()
    device = TOTPDevice.objects.get(user=cast.secretariat)
    assert not device.confirmed

    wrong = client.post(reverse("two-factor"), {"token": "000000", "next": overview})
    assert wrong.status_code == 400
    assert client.get(overview).status_code == 302

    # a wrong code slows the next try down (django-otp's throttling): wait it out
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=3), tick=False):
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        right = client.post(
            reverse("two-factor"), {"token": f"{totp.token():06d}", "next": overview}
        )
    assert right.status_code == 302
    assert right["Location"] == overview
    assert client.get(overview).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_focal_point_needs_no_second_factor(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.focal_a)
    assert client.get(reverse("members:body-overview", args=["twg"])).status_code == 200


def test_forms_refuse_a_post_without_the_csrf_token(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.focal_a)
    response = client.post(reverse("set-language"), {"language": "vi"})
    assert response.status_code == 403
    cast.focal_a.refresh_from_db()
    assert cast.focal_a.language == "en"


def test_an_idle_session_expires(cast: Cast, client_for: ClientFor, settings) -> None:
    client = client_for(cast.focal_a)
    assert client.get(reverse("home")).status_code == 200
    later = timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with time_machine.travel(later, tick=False):
        response = client.get(reverse("home"))
    assert response.status_code == 302


def test_sign_out_is_a_post(cast: Cast, client_for: ClientFor) -> None:
    client = client_for(cast.focal_a)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_production_settings_secure_the_cookies() -> None:
    if project_settings.DEBUG:  # pragma: no cover - the suite runs with production settings
        raise AssertionError("tests must run with production settings")
    assert project_settings.SESSION_COOKIE_SECURE
    assert project_settings.CSRF_COOKIE_SECURE
    assert project_settings.SECURE_HSTS_SECONDS >= 31_536_000
    assert project_settings.SESSION_COOKIE_HTTPONLY


def test_the_demo_page_signs_in_as_a_demo_person_only_when_enabled(cast: Cast, settings) -> None:
    client = Client()
    settings.DEMO = True
    page = client.get(reverse("demo"))
    assert page.status_code == 200
    assert cast.secretariat.email in page.content.decode()
    response = client.post(reverse("demo-login", args=[cast.secretariat.pk]))
    assert response.status_code == 302
    assert client.get(reverse("members:body-overview", args=["twg"])).status_code == 200
    settings.DEMO = False
    assert Client().get(reverse("demo")).status_code == 404


def test_every_page_carries_a_content_security_policy_without_inline_script_or_style(
    cast: Cast, client_for: ClientFor
) -> None:
    from django.urls import reverse

    page = client_for(cast.focal_a).get(reverse("cases:list", args=[cast.body.slug]))
    policy = dict(part.strip().split(" ", 1) for part in page["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "camera=()" in page["Permissions-Policy"]
    assert inline_code(page.content.decode()) == []


def test_no_template_carries_inline_style_or_script() -> None:
    """Every template of the site, including those no walk renders (e-mails, fragments)."""
    from pathlib import Path

    import lintas

    root = Path(lintas.__file__).parent
    found = {
        str(path.relative_to(root)): inline_code(path.read_text())
        for path in root.glob("**/templates/**/*.html")
    }
    assert {path: where for path, where in found.items() if where} == {}


def test_the_inline_code_finder_finds_what_the_policy_refuses() -> None:
    assert inline_code('<p class="x">a</p><script src="/s.js"></script>') == []
    assert inline_code('<script type="application/json">{"a": 1}</script>') == []
    found = inline_code(
        '<p style="color:red">a</p>\n<style>p{}</style>\n<script>alert(1)</script>\n'
        '<a href="javascript:go()" onclick="go()">b</a>'
    )
    assert found == [
        "line 1: a style attribute on <p>",
        "line 2: a <style> element",
        "line 3: a <script> with a body",
        "line 4: a javascript: address on <a>",
        "line 4: an onclick handler on <a>",
    ]


def test_a_signed_in_persons_pages_and_files_are_never_stored_by_a_cache(
    cast: Cast, client_for: ClientFor
) -> None:
    from django.urls import reverse

    signed_in = client_for(cast.focal_a)
    for url in (
        reverse("cases:list", args=[cast.body.slug]),
        reverse("members:people", args=[cast.body.slug]),
        "/api/v1/bodies/twg/cases",
    ):
        assert "no-store" in signed_in.get(url)["Cache-Control"], url


def test_one_address_trying_many_accounts_is_stopped(cast: Cast, settings) -> None:
    """Password spraying: a few wrong passwords for each of many accounts, below each account's
    own limit, from one address."""
    settings.LINTAS_SPRAY_LIMIT = 8
    client = Client()
    people = [cast.focal_a, cast.focal_b, cast.focal_c, cast.leader]
    for person in people:
        for _ in range(2):
            _login(client, person.email, "Winter2026!")
    stopped = _login(client, cast.analyst.email, PASSWORD)
    assert stopped.status_code == 429
    assert "from your network" in stopped.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address signs in as usual.
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert _login(other, cast.analyst.email, PASSWORD).status_code == 302


def test_a_stolen_password_alone_enrols_no_authenticator(cast: Cast) -> None:
    """Without the code mailed to the account's address, no secret is shown and no code of an
    authenticator is taken; a wrong mailed code is refused, naming the field."""
    client = Client()
    client.force_login(cast.secretariat)

    first = client.get(reverse("two-factor"))
    wrong = client.post(reverse("two-factor"), {"code": "1234 5678"})
    device = services.start_two_factor(by=cast.secretariat)  # as if the secret were known
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    guessed = client.post(reverse("two-factor"), {"token": f"{totp.token():06d}"})

    assert first.status_code == 200 and 'class="qr"' not in first.content.decode()
    assert wrong.status_code == 400
    assert "not the one we sent" in wrong.content.decode()
    assert guessed.status_code == 400
    device.refresh_from_db()
    assert not device.confirmed
    overview = reverse("members:body-overview", args=[cast.body.slug])
    assert client.get(overview).status_code == 302


def test_the_demo_sign_in_greets_the_person_in_their_language(cast: Cast, settings) -> None:
    settings.DEMO = True
    cast.leader.language = "vi"
    cast.leader.save(update_fields=["language"])
    client = Client()
    response = client.post(reverse("demo-login", args=[cast.leader.pk]), follow=True)
    greetings = [str(m) for m in response.context["messages"]]
    assert greetings == [f"Bạn đã đăng nhập với tư cách {cast.leader.full_name}."]
