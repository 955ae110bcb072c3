"""Every TLP label, every role of the cast, every action on a case, through the pages.

The case belongs to unit A, is shared with unit B including personal data (the victim consented
to B), and, under TLP:RED, names focal_a and focal_b as its readers.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from lintas.cases import policy
from lintas.cases.models import TLP
from tests.cases.conftest import NARRATIVE, SUSPECT_NAME, VICTIM_NAME, shared_case
from tests.conftest import Cast

LABELS = [t.value for t in TLP]
ROLES = ["secretariat", "admin", "focal_a", "focal_b", "focal_c", "leader", "analyst", "stranger"]
BODY_MEMBERS = {"secretariat", "admin", "focal_a", "focal_b", "focal_c", "leader", "analyst"}

# Who reads the case record under each label (the rules in policy.py, written out by hand).
SEES: dict[str, set[str]] = {
    TLP.CLEAR: BODY_MEMBERS,
    TLP.GREEN: BODY_MEMBERS,
    TLP.AMBER: {"focal_a", "focal_b"},
    TLP.AMBER_STRICT: {"focal_a"},
    TLP.RED: {"focal_a", "focal_b"},
}
# Who reads the personal data: the owner; B through its share (never under CLEAR); RED's named.
PERSONAL: dict[str, set[str]] = {
    TLP.CLEAR: {"focal_a"},
    TLP.GREEN: {"focal_a", "focal_b"},
    TLP.AMBER: {"focal_a", "focal_b"},
    TLP.AMBER_STRICT: {"focal_a"},
    TLP.RED: {"focal_a", "focal_b"},
}
# Who edits and shares: the owner unit's focal point, under every label.
ACTS = {"focal_a"}


def expected_action(label: str, role: str, allowed: set[str]) -> int:
    if role not in SEES[label]:
        return 404
    return 200 if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", LABELS)
def test_each_role_sees_and_does_what_the_label_allows(
    cast: Cast, client_for, label: str, role: str
) -> None:
    case = shared_case(cast, label)
    user = cast.role_users()[role]
    assert policy.can_see_case(user, case) == (role in SEES[label])
    assert policy.visible_cases(user, cast.body).filter(pk=case.pk).exists() == (
        role in SEES[label]
    )
    assert policy.can_see_personal_data(user, case) == (role in PERSONAL[label])
    client = client_for(user)
    args = {"slug": cast.body.slug, "case_id": case.pk}

    listing = client.get(reverse("cases:list", kwargs={"slug": cast.body.slug}))
    assert listing.status_code == (404 if role == "stranger" else 200)
    assert (case.reference in listing.content.decode()) == (role in SEES[label])

    detail = client.get(reverse("cases:detail", kwargs=args))
    assert detail.status_code == (200 if role in SEES[label] else 404)
    page = detail.content.decode()
    shows_personal = role in PERSONAL[label]
    assert (VICTIM_NAME in page) == shows_personal, (label, role)
    assert (SUSPECT_NAME in page) == shows_personal
    assert (NARRATIVE in page) == shows_personal

    for name in ("cases:edit", "cases:share", "cases:person-create", "cases:access"):
        response = client.get(reverse(name, kwargs=args))
        assert response.status_code == expected_action(label, role, ACTS), (name, label, role)

    relabel = client.post(reverse("cases:label", kwargs=args), {"tlp": TLP.RED})
    assert relabel.status_code == {200: 302, 403: 403, 404: 404}[expected_action(label, role, ACTS)]


@pytest.mark.parametrize("label", LABELS)
def test_anonymous_visitors_are_sent_to_sign_in(cast: Cast, client, label: str) -> None:
    case = shared_case(cast, label)
    for name in ("cases:detail", "cases:edit", "cases:share", "cases:access"):
        response = client.get(reverse(name, kwargs={"slug": cast.body.slug, "case_id": case.pk}))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def _export_text(user, cast: Cast, *, personal: bool) -> str:
    """What this person's export says, decrypted when it carries personal data."""
    from lintas.cases.interchange.export import Format, export_cases
    from tests.cases.conftest import decrypt_xlsx

    if not personal:
        return export_cases(body=cast.body, by=user).content.decode("utf-8-sig")
    password = "a long enough password"
    export = export_cases(
        body=cast.body, by=user, personal_data=True, file_format=Format.XLSX, password=password
    )
    rows = decrypt_xlsx(export.content, password)
    return "\n".join(",".join(str(v) for v in row.values()) for row in rows)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "stranger"])
@pytest.mark.parametrize("label", LABELS)
def test_each_role_exports_and_calls_the_api_as_the_label_allows(
    cast: Cast, label: str, role: str
) -> None:
    from tests.api.conftest import ApiClient, new_key

    case = shared_case(cast, label)
    user = cast.role_users()[role]
    sees, personal = role in SEES[label], role in PERSONAL[label]

    plain = _export_text(user, cast, personal=False)
    assert (case.reference in plain) == sees, (label, role)
    assert VICTIM_NAME not in plain  # a plain file never carries personal data
    locked = _export_text(user, cast, personal=True)
    assert (case.reference in locked) == sees
    assert (VICTIM_NAME in locked) == personal, (label, role)
    assert (NARRATIVE in locked) == personal

    api = ApiClient(new_key(user))
    one = api.get(f"bodies/{cast.body.slug}/cases/{case.pk}")
    assert one.status_code == (200 if sees else 404), (label, role)
    if sees:
        assert one.json()["personal_data"] == personal
        assert (VICTIM_NAME in one.content.decode()) == personal
    listed = api.get(f"bodies/{cast.body.slug}/cases")
    assert (case.reference in listed.content.decode()) == sees
    patch = api.patch(
        f"bodies/{cast.body.slug}/cases/{case.pk}",
        {"status": "investigation", "version": case.updated_at.isoformat()},
    )
    assert patch.status_code == expected_action(label, role, ACTS), (label, role)
