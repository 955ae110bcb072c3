from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from lintas.audit.models import AuditEntry
from lintas.core.errors import LintasError
from lintas.members import services
from lintas.members.models import Invitation, Membership, Role, User
from tests.conftest import Cast, ClientFor


def _invite(
    cast: Cast, email: str = "new.person@example.org", **kw: Any
) -> Invitation | Membership:
    fields: dict[str, Any] = {
        "body": cast.body,
        "email": email,
        "full_name": "Nguyễn Văn Mới",
        "role": Role.FOCAL_POINT,
        "unit": cast.unit_c,
        "language": "vi",
        "by": cast.secretariat,
    }
    fields.update(kw)
    return services.invite_person(**fields)


def test_it_sends_an_invitation_in_the_invitees_language(
    cast: Cast, mailoutbox, django_capture_on_commit_callbacks, run_queued_tasks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(cast)
    assert mailoutbox == []  # the e-mail leaves from the worker
    run_queued_tasks()
    assert isinstance(invitation, Invitation)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["new.person@example.org"]
    assert "Test Working Group" in mail.subject
    assert re.search(r"/invitations/[\w-]+/", mail.body)
    assert AuditEntry.objects.filter(action="members.invitation.sent", body=cast.body).exists()


def test_the_invitation_link_creates_the_account_and_the_role(
    cast: Cast, client, mailoutbox, django_capture_on_commit_callbacks, run_queued_tasks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _invite(cast)
    assert mailoutbox == []  # the e-mail leaves from the worker
    run_queued_tasks()
    found = re.search(r"(/invitations/[\w-]+/)", mailoutbox[0].body)
    assert found is not None, mailoutbox[0].body
    link = found.group(1)
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(
        link,
        {
            "full_name": "Nguyễn Văn Mới",
            "password": "a-long-enough-pass-2026",
            "password_again": "a-long-enough-pass-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert user.check_password("a-long-enough-pass-2026")
    assert user.language == "vi"
    assert Membership.objects.filter(
        user=user, body=cast.body, unit=cast.unit_c, role=Role.FOCAL_POINT
    ).exists()
    # the link works once
    assert client.get(link).status_code == 404


def test_a_weak_password_is_refused_and_nothing_is_saved(
    cast: Cast, client, mailoutbox, django_capture_on_commit_callbacks, run_queued_tasks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _invite(cast)
    assert mailoutbox == []  # the e-mail leaves from the worker
    run_queued_tasks()
    found = re.search(r"(/invitations/[\w-]+/)", mailoutbox[0].body)
    assert found is not None, mailoutbox[0].body
    link = found.group(1)
    response = client.post(
        link, {"full_name": "X", "password": "12345678", "password_again": "12345678"}
    )
    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert not User.objects.filter(email="new.person@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_inviting_an_existing_person_grants_the_role_at_once(
    cast: Cast, mailoutbox, django_capture_on_commit_callbacks, run_queued_tasks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = _invite(cast, email="B@Example.org", unit=cast.unit_b, role=Role.VALIDATOR)
    assert mailoutbox == []  # the e-mail leaves from the worker
    run_queued_tasks()
    assert isinstance(result, Membership)
    assert result.user == cast.focal_b
    assert mailoutbox[0].to == ["b@example.org"]
    assert not Invitation.objects.exists()


def test_a_second_open_invitation_to_the_same_address_is_refused(cast: Cast) -> None:
    _invite(cast)
    with pytest.raises(LintasError) as err:
        _invite(cast)
    assert err.value.field == "email"
    assert Invitation.objects.count() == 1


def test_a_unit_role_without_a_unit_is_refused(cast: Cast) -> None:
    with pytest.raises(LintasError) as err:
        _invite(cast, unit=None)
    assert err.value.field == "unit"
    assert not Invitation.objects.exists()


def test_the_invite_form_shows_the_error_next_to_the_field(
    cast: Cast, client_for: ClientFor
) -> None:
    client = client_for(cast.secretariat)
    url = reverse("members:invite", args=[cast.body.slug])
    response = client.post(
        url,
        {"full_name": "X", "email": "not-an-address", "role": "focal_point", "language": "en"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_email_error"' in html
    assert not Invitation.objects.exists()


def test_only_administrators_may_grant_the_administrator_role(cast: Cast) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _invite(cast, role=Role.ADMINISTRATOR, unit=None)
    result = _invite(cast, role=Role.ADMINISTRATOR, unit=None, by=cast.admin)
    assert isinstance(result, Invitation)


def test_a_withdrawn_invitation_no_longer_opens(cast: Cast, client) -> None:
    key, digest = Invitation.new_key()
    invitation = _invite(cast)
    assert isinstance(invitation, Invitation)
    Invitation.objects.filter(pk=invitation.pk).update(key_digest=digest)
    invitation.refresh_from_db()
    services.revoke_invitation(invitation, by=cast.secretariat)
    assert client.get(reverse("members:invitation-accept", args=[key])).status_code == 404
