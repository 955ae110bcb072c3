"""A person recorded again and again: more records than a blocking group holds are still
linked (the oversized group gives its sorted neighbourhood), and a small case whose recruiter
matches several records of a larger network by name and date of birth joins it; a victim who
shares a recruiter's name and birthday does not."""

from __future__ import annotations

from lintas.networks.engine.linker import link
from lintas.networks.engine.persons import DEFAULT_MAX_BLOCK

SPELLINGS = ["Kim Veasna", "VEASNA KIM", "Kim Veasna (a.k.a. Bong Veasna)", "Veasna Kim"]
DATES = ["28/03/1974", "1974-03-28", "03/28/1974", "March 28, 1974"]


def _recruiter_cases(n: int) -> list[dict[str, str]]:
    """``n`` cases of one network: a victim and the recruiter, who gives the network's phone."""
    rows = []
    for k in range(n):
        rows.append({"record_id": f"V{k:04d}", "agency": "NBI", "case_ref": f"C{k}",
                     "role": "victim", "name": f"Victim Number{k} Santos",
                     "nationality": "PH", "phones": ""})  # fmt: skip
        rows.append({"record_id": f"R{k:04d}", "agency": "NBI", "case_ref": f"C{k}",
                     "role": "recruiter", "name": SPELLINGS[k % 4],
                     "date_of_birth": DATES[k % 4], "nationality": "KH",
                     "phones": "+85581254397"})  # fmt: skip
    return rows


def test_a_recruiter_in_more_records_than_a_block_holds_is_one_person() -> None:
    n = DEFAULT_MAX_BLOCK * 2
    rows = _recruiter_cases(n)
    # a record with his name and birthday only, from another agency: no case, no phone
    rows.append({"record_id": "X0001", "agency": "Poipet Transit Centre",
                 "role": "recruiter", "name": "Veasna Kim", "date_of_birth": "28/03/1974",
                 "nationality": "KH"})  # fmt: skip
    result = {rid: (pid, nid) for rid, pid, nid in link(rows).rows()}
    persons = {result[f"R{k:04d}"][0] for k in range(n)} | {result["X0001"][0]}
    assert len(persons) == 1


def test_a_small_case_joins_the_network_whose_recruiter_it_names() -> None:
    rows = [{"record_id": f"A{k}", "agency": "Phnom Penh police", "case_ref": f"PP-{k}",
             "role": role, "name": name, "date_of_birth": dob, "nationality": "KH",
             "phones": phone}
            for k in range(4)
            for role, name, dob, phone in (
                ("recruiter", "Kim Veasna", "28/03/1974", "+85569153509"),
                ("victim", f"Sok Dara{k}", "", f"+8551200000{k}"))]  # fmt: skip
    # another agency's case: a victim and the recruiter by name and birthday only
    rows += [
        {"record_id": "B1", "agency": "Royal Thai Police", "case_ref": "TH-9", "role": "victim",
         "name": "Chan Sophea", "nationality": "KH", "phones": "+66812345678"},
        {"record_id": "B2", "agency": "Royal Thai Police", "case_ref": "TH-9",
         "role": "recruiter", "name": "VEASNA KIM", "date_of_birth": "1974-03-28",
         "nationality": "KH"},
    ]  # fmt: skip
    networks = {rid: nid for rid, _pid, nid in link(rows).rows()}
    assert networks["B1"] == networks["A0"]


def test_a_victim_with_the_recruiters_name_and_birthday_stays_in_her_own_case() -> None:
    rows = [{"record_id": f"A{k}", "agency": "Phnom Penh police", "case_ref": f"PP-{k}",
             "role": "recruiter", "name": "Kim Veasna", "date_of_birth": "28/03/1974",
             "nationality": "KH", "phones": "+85569153509"} for k in range(4)]  # fmt: skip
    rows += [
        {"record_id": "B1", "agency": "Royal Thai Police", "case_ref": "TH-9", "role": "victim",
         "name": "Kim Veasna", "date_of_birth": "1974-03-28", "nationality": "KH"},
        {"record_id": "B2", "agency": "Royal Thai Police", "case_ref": "TH-9", "role": "victim",
         "name": "Chan Sophea", "nationality": "KH", "phones": "+66812345678"},
    ]  # fmt: skip
    networks = {rid: nid for rid, _pid, nid in link(rows).rows()}
    assert networks["B2"] != networks["A0"]


def test_a_placeholder_document_number_ties_no_one() -> None:
    """Agencies write "0000000000" for a number they do not have; many records carry it."""
    rows = [{"record_id": f"P{k:03d}", "agency": "Police", "case_ref": f"K{k}", "role": "victim",
             "name": f"Person{k} Santos", "nationality": "PH", "id_numbers": "0000000000",
             "phones": f"+6391700000{k:02d}"} for k in range(DEFAULT_MAX_BLOCK * 2)]  # fmt: skip
    result = link(rows)
    assert len(set(result.person_of)) == len(rows)
    assert len(set(result.network_of)) == len(rows)
    assert any("0000000000" in w.value for w in result.warnings)
