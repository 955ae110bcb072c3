"""The audit log says nothing of a case its reader may not read: entries about a TLP:RED case
(its creation, its named readers, every read) show "a restricted record" to the secretariat and
administrators who are not named, on the page and in the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lintas.audit.models import AuditEntry
from lintas.cases import services
from lintas.cases.models import TLP
from tests.api.conftest import ApiClient, new_key
from tests.cases.conftest import add_victim, new_case
from tests.conftest import Cast, ClientFor

pytestmark = pytest.mark.django_db


def _red_case(cast: Cast):
    case = new_case(cast, reference="RED-2024-0099", tlp=TLP.RED)
    add_victim(cast, case)
    services.name_red_reader(case, person=cast.focal_b, by=cast.focal_a)
    return case


def test_the_audit_log_hides_what_it_says_of_a_red_case_from_those_not_named(
    cast: Cast, client_for: ClientFor
) -> None:
    case = _red_case(cast)
    about = AuditEntry.objects.filter(object_type__startswith="cases.").count()
    assert about >= 3  # created, a person added, a reader named
    url = reverse("audit:log", args=[cast.body.slug])
    for manager in (cast.secretariat, cast.admin):
        html = client_for(manager).get(url).content.decode()
        rows = [row for row in html.split("<tr>") if ">cases." in row and "<code" in row]
        assert len(rows) == about
        for row in rows:
            assert "a restricted record" in row
            for secret in (f"case #{case.pk}", "red", cast.unit_a.name, "Budi Focal"):
                assert secret not in row.split("</code>", 1)[1], (secret, row)
        api = ApiClient(new_key(manager)).get(f"bodies/{cast.body.slug}/audit")
        entries = [e for e in api.json() if e["action"].startswith("cases.")]
        assert entries and all(e["object_label"] == "a restricted record" for e in entries)
        assert all(e["data"] == {} and e["reason"] == "" for e in entries)


def test_a_reader_of_the_case_sees_its_entries_in_full(cast: Cast) -> None:
    case = _red_case(cast)
    # The log is the managers'; a manager named on the case reads its entries in full.
    services.name_red_reader(case, person=cast.secretariat, by=cast.focal_a)
    shown = ApiClient(new_key(cast.secretariat)).get(f"bodies/{cast.body.slug}/audit").json()
    labels = {e["object_label"] for e in shown if e["action"].startswith("cases.")}
    assert f"case #{case.pk}" in labels and "a restricted record" not in labels
