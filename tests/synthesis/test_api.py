from __future__ import annotations

import io

import time_machine
from openpyxl import load_workbook

from lintas.synthesis.models import GeneratedReport
from tests.api.conftest import ApiClient, new_key
from tests.synthesis.conftest import NARRATIVE_B, TODAY, Filled


@time_machine.travel(TODAY, tick=False)
def test_a_leader_fetches_the_report_as_json(filled: Filled) -> None:
    client = ApiClient(new_key(filled.cast.leader))

    response = client.get(
        f"bodies/twg/obligations/{filled.obligation.pk}/synthesis",
        {"first": "2024-02", "last": "2024-03", "language": "vi"},
    )

    assert response.status_code == 200
    data = response.json()
    assert data["periods"] == ["2024-02", "2024-03"]
    cases = data["sections"][0]["numbers"][0]
    assert (cases["code"], cases["total"]) == ("cases", 34)
    assert {u["unit"]: u["value"] for u in cases["units"]} == {"Agency A": 22, "Agency B": 12}
    situation = next(t for t in data["sections"][1]["texts"] if t["code"] == "situation")
    assert {"unit": "Agency B", "period": "2024-03", "text": NARRATIVE_B, "provisional": False} in (
        situation["entries"]
    )
    assert {k: v for k, v in data["late"][0].items() if k != "submission_id"} == {
        "unit": "Agency C",
        "period": "2024-02",
        "state": "missing",
        "days_late": 41,
    }


@time_machine.travel(TODAY, tick=False)
def test_a_leader_fetches_the_xlsx_and_a_bad_period_is_refused(filled: Filled) -> None:
    client = ApiClient(new_key(filled.cast.leader))
    url = f"bodies/twg/obligations/{filled.obligation.pk}/synthesis"

    response = client.get(f"{url}/xlsx", {"first": "2024-03"})
    bad = client.get(url, {"first": "1999-01"})

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert [r[:2] for r in book["Figures"].iter_rows(values_only=True)][1] == ("Agency A", 12)
    assert bad.status_code == 400


@time_machine.travel(TODAY, tick=False)
def test_the_secretariat_asks_for_a_generation_and_follows_it(filled: Filled) -> None:
    client = ApiClient(new_key(filled.cast.secretariat))

    response = client.post(
        f"bodies/twg/obligations/{filled.obligation.pk}/generated-reports", {"first": "2024-03"}
    )

    assert response.status_code == 201
    made = GeneratedReport.objects.get()
    assert response.json()["id"] == made.pk and response.json()["status"] == "queued"
    followed = client.get(f"bodies/twg/generated-reports/{made.pk}").json()
    assert (followed["status"], followed["formats"]) == ("queued", [])
