"""A notice that names a case is shown as written only while its reader may still read the case:
once a share is revoked, the notice keeps no word of the case, nor its link."""

from __future__ import annotations

from django.urls import reverse

from lintas.cases import services as cases
from lintas.cases.models import TLP, CaseShare
from lintas.notices.services import notify
from tests.cases.conftest import shared_case
from tests.conftest import Cast, ClientFor


def test_a_notice_naming_a_case_is_shown_only_while_its_reader_may_read_the_case(
    cast: Cast, client_for: ClientFor
) -> None:
    case = shared_case(cast, TLP.AMBER)
    link = reverse("cases:detail", args=[cast.body.slug, case.pk])
    text = f"Case {case.reference}: a victim was moved to the shelter at Tay Ninh"
    notify([cast.focal_b], body=cast.body, kind="submitted", subject=text, text=text, link=link)
    page = client_for(cast.focal_b)
    before = page.get(reverse("notices:list")).content.decode()

    share = CaseShare.objects.get(case=case, unit=cast.unit_b)
    cases.revoke_share(share, by=cast.focal_a, reason="Shared by mistake")
    after = page.get(reverse("notices:list")).content.decode()

    assert "shelter at Tay Ninh" in before and link in before
    assert "shelter at Tay Ninh" not in after
    assert case.reference not in after and link not in after
    assert "A notice about something you may no longer see." in after
