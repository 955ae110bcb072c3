"""Same-person matches resting on a name and a date of birth alone join a lone record to a
network, never two networks: many people of a region share both."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from lintas.networks.engine.incremental import LinkIndex
from lintas.networks.engine.linker import link


def _case(prefix: str, agency: str, ref: str, victims: list[tuple[str, str, str]]) -> list[dict]:
    """One case: its victims (name, date of birth, document) and the recruiter."""
    rows = [{"record_id": f"{prefix}-{k}", "agency": agency, "case_ref": ref, "role": "victim",
             "name": name, "date_of_birth": dob, "nationality": "VN", "id_numbers": doc}
            for k, (name, dob, doc) in enumerate(victims)]  # fmt: skip
    rows.append({"record_id": f"{prefix}-r", "agency": agency, "case_ref": ref,
                 "role": "recruiter", "name": "Lê Văn Tùng", "nationality": "VN"})  # fmt: skip
    return rows


HA_TINH = _case(
    "A",
    "Công an tỉnh Hà Tĩnh",
    "HT-2023-014",
    [("Nguyễn Thị Hoa", "14/08/1998", ""), ("Phạm Thị Lan", "02/03/2000", "")],
)
TAY_NINH = _case("B", "Công an tỉnh Tây Ninh", "TN-2024-201",
                 [("NGUYEN THI HOA", "1998-08-14", ""),
                  ("Trần Văn Hùng", "11/05/1995", "")])  # fmt: skip


def _networks(rows: list[dict]) -> dict[str, str]:
    return {rid: nid for rid, _pid, nid in link(rows).rows()}


def test_two_networks_with_a_victim_of_the_same_name_and_birth_date_stay_two() -> None:
    result = link([*HA_TINH, *TAY_NINH])
    net = {rid: nid for rid, _pid, nid in result.rows()}
    person = {rid: pid for rid, pid, _nid in result.rows()}
    assert person["A-0"] != person["B-0"]  # a person lies in one network
    assert net["A-0"] == net["A-1"] == net["A-r"]
    assert net["B-0"] == net["B-1"] == net["B-r"]
    assert net["A-0"] != net["B-0"]
    assert result.chain("A-0", "B-0") == []


def test_a_lone_record_joins_the_one_network_its_name_and_birth_date_point_at() -> None:
    shelter = {
        "record_id": "S-1",
        "agency": "Ngôi nhà Bình Yên",
        "role": "victim",
        "name": "Pham Thi Lan",
        "date_of_birth": "2000-03-02",
        "nationality": "VN",
    }
    net = _networks([*HA_TINH, *TAY_NINH, shelter])
    assert net["S-1"] == net["A-1"]
    assert net["A-0"] != net["B-0"]


def test_a_lone_record_pointing_at_two_networks_joins_neither() -> None:
    shelter = {
        "record_id": "S-1",
        "agency": "Rumah Perlindungan Trauma Center",
        "role": "victim",
        "name": "Nguyen Thi Hoa",
        "date_of_birth": "14-08-1998",
        "nationality": "VN",
    }
    net = _networks([*HA_TINH, *TAY_NINH, shelter])
    assert net["S-1"] == "N-S-1"
    assert net["A-0"] != net["B-0"]


def test_lone_records_of_one_person_join_each_other_and_then_their_one_network() -> None:
    shelter = {
        "record_id": "S-1",
        "agency": "Ngôi nhà Bình Yên",
        "role": "victim",
        "name": "Trần Văn Hùng",
        "date_of_birth": "1995-05-11",
        "nationality": "VN",
    }
    consulate = {"record_id": "S-2", "agency": "Consulate of Viet Nam, Kuala Lumpur",
                 "role": "victim", "name": "TRAN VAN HUNG", "date_of_birth": "11/05/1995",
                 "nationality": "Việt Nam"}  # fmt: skip
    net = _networks([*HA_TINH, *TAY_NINH, shelter, consulate])
    assert net["S-1"] == net["S-2"] == net["B-1"]
    assert net["A-0"] != net["B-0"]


def test_a_shared_identity_card_still_joins_the_two_networks() -> None:
    a = _case(
        "A",
        "Công an tỉnh Hà Tĩnh",
        "HT-2023-014",
        [("Nguyễn Thị Hoa", "14/08/1998", "CCCD 042198004512")],
    )
    b = _case("B", "Satreskrim Polres Indramayu", "LP/B/126/III/2023",
              [("NGUYEN THI HOA", "1998-08-14", "042198004512")])  # fmt: skip
    net = _networks([*a, *b])
    assert net["A-0"] == net["B-0"] == net["A-r"] == net["B-r"]


_NAMES = ["Nguyễn Thị Hoa", "NGUYEN THI HOA", "Siti Aminah", "SITI AMINAH", "Muhammad Rizki"]
_DOBS = ["14/08/1998", "1998-08-14", "1990", "07 Maret 1990", "1990-03-07"]
_PHONES = ["", "0903 902 575", "+84 903 902 575", "0812-3456-7890", "+62 812 3456 7890"]


@settings(max_examples=20, deadline=None)
@given(
    picks=st.lists(
        st.tuples(st.integers(0, len(_NAMES) - 1), st.integers(0, len(_DOBS) - 1),
                  st.integers(0, len(_PHONES) - 1), st.integers(0, 5),
                  st.sampled_from(["", "CCCD 042198004512", "NIK 3212014708980003"])),
        min_size=1, max_size=40,
    ),
    shuffle=st.randoms(),
)  # fmt: skip
def test_weak_matches_keep_a_deterministic_order_free_partition(
    picks: list[tuple[int, int, int, int, str]], shuffle: random.Random
) -> None:
    rows = [
        {"record_id": f"R{i:03d}", "agency": ["VN-MPS", "ID-POLRI", "MY-IMM"][case % 3],
         "case_ref": f"C{case}" if case < 4 else "", "role": "victim", "name": _NAMES[name],
         "date_of_birth": _DOBS[dob], "phones": _PHONES[phone], "id_numbers": doc}
        for i, (name, dob, phone, case, doc) in enumerate(picks)
    ]  # fmt: skip
    first = link(rows).rows()
    assert sorted(r for r, _p, _n in first) == sorted(r["record_id"] for r in rows)
    ids = {r["record_id"] for r in rows}
    assert all(p[2:] in ids and n[2:] in ids for _r, p, n in first)
    again = list(rows)
    shuffle.shuffle(again)
    assert link(again).rows() == first
    assert link(rows).rows() == first


def test_an_upserted_record_follows_the_batch_rule() -> None:
    index = LinkIndex.build([*HA_TINH, *TAY_NINH])
    lone = {
        "record_id": "S-1",
        "agency": "Ngôi nhà Bình Yên",
        "role": "victim",
        "name": "Pham Thi Lan",
        "date_of_birth": "2000-03-02",
        "nationality": "VN",
    }
    both = {
        "record_id": "S-2",
        "agency": "Rumah Perlindungan Trauma Center",
        "role": "victim",
        "name": "Nguyen Thi Hoa",
        "date_of_birth": "14-08-1998",
        "nationality": "VN",
    }
    index.upsert(lone)
    index.upsert(both)
    assert index.rows() == link([*HA_TINH, *TAY_NINH, lone, both]).rows()
    assert index.network_id("S-1") == index.network_id("A-1")
    assert index.network_id("S-2") == "N-S-2"
