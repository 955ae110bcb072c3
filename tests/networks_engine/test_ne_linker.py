"""Linking: persons, hubs, networks, evidence chains, properties, incremental."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from lintas.networks.engine.incremental import LinkIndex
from lintas.networks.engine.linker import link
from lintas.networks.engine.metrics import pairwise_scores
from lintas.networks.engine.synth import generate_records

BASE = {"agency": "", "case_ref": "", "role": "", "name": "", "date_of_birth": "",
        "nationality": "", "id_numbers": "", "address": "", "phones": "", "emails": "",
        "handles": "", "accounts": "", "notes": ""}  # fmt: skip


def rec(rid: str, **fields: str) -> dict[str, str]:
    return {**BASE, "record_id": rid, **fields}


def scenario() -> list[dict[str, str]]:
    rows = [
        rec("R12", agency="VN-MPS", name="Nguyễn Văn Tuấn", date_of_birth="12/03/1990",
            notes="Liên hệ anh Tuấn 0912.345.678 hoặc zalo 0912345678"),
        rec("R77", agency="ID-BP2MI", name="Siti Aminah", phones="+84 91 234 5678",
            date_of_birth="1995-01-02", id_numbers="Paspor C4821933"),
        rec("R90", agency="TH-DSDW", name="SITI AMINAH", date_of_birth="02 Jan 1995",
            handles="t.me/jobs_thai", id_numbers="passport C4821933"),
        rec("R95", agency="KH-MOSAVY", name="Lê Văn Nam", notes="DM t.me/jobs_thai"),
        rec("R99", agency="VN-WU", name="Phạm Thị Hoa", date_of_birth="01/01/1980"),
    ]  # fmt: skip
    # a shelter desk phone written into many unrelated files
    for k in range(30):
        agency = ["VN-MPS", "ID-BP2MI", "TH-DSDW"][k % 3]
        name = f"Person {chr(65 + k % 26)}{k}"
        rows.append(rec(f"S{k:02d}", agency=agency, name=name, notes="Shelter +84 28 3823 4567"))
    rows.append(rec("R98", agency="VN-MPS", name="Võ Thị Lan", notes="gọi 028 3823 4567"))
    return rows


def test_persons_networks_and_chain() -> None:
    result = link(scenario())
    out = {rid: (pid, nid) for rid, pid, nid in result.rows()}
    assert out["R77"][0] == out["R90"][0] == "P-R77"
    assert out["R12"][1] == out["R77"][1] == out["R90"][1] == out["R95"][1] == "N-R12"
    assert out["R99"] == ("P-R99", "N-R99")
    assert result.chain("R12", "R95") == [
        "R12 and R77 share +84912345678",
        "R77 and R90 are the same person: name 1.00, date of birth equal, id document shared "
        "(score 21)",
        "R90 and R95 share handle:jobs_thai",
    ]
    net = result.networks()[0]
    assert net.network_id == "N-R12" and net.persons == 3
    assert net.agencies == ("ID-BP2MI", "KH-MOSAVY", "TH-DSDW", "VN-MPS")
    assert {"VN", "ID", "TH", "KH"} <= set(net.countries)


def test_hub_is_visible_but_never_links() -> None:
    result = link(scenario())
    assert "+842838234567" in result.hubs
    hub = result.hubs["+842838234567"]
    assert hub.degree == 31 and hub.agencies == 3
    out = {rid: nid for rid, _, nid in result.rows()}
    assert out["R98"] == "N-R98" and out["S00"] == "N-S00"


def _check_partition(rows: list[dict[str, str]], out: list[tuple[str, str, str]]) -> None:
    assert sorted(r["record_id"] for r in rows) == [rid for rid, _, _ in out]
    person_net: dict[str, str] = {}
    for _, pid, nid in out:
        assert pid.startswith("P-") and nid.startswith("N-")
        # a person never spans two networks, and ids name a member
        assert person_net.setdefault(pid, nid) == nid
    members = {rid for rid, _, _ in out}
    assert {pid[2:] for _, pid, _ in out} <= members
    assert {nid[2:] for _, _, nid in out} <= members


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 120), shuffle=st.randoms())
def test_output_is_a_deterministic_order_free_partition(
    seed: int, n: int, shuffle: random.Random
) -> None:
    rows, _, _ = generate_records(n, seed=seed)
    first = link(rows).rows()
    _check_partition(rows, first)
    again = list(rows)
    shuffle.shuffle(again)
    assert link(again).rows() == first


def test_synthetic_quality() -> None:
    rows, person_truth, network_truth = generate_records(3000, seed=5)
    out = link(rows).rows()
    _, _, f_person = pairwise_scores({r: p for r, p, _ in out}, person_truth)
    _, _, f_network = pairwise_scores({r: n for r, _, n in out}, network_truth)
    assert f_person > 0.9 and f_network > 0.9


def test_incremental_matches_batch_and_reports_touched() -> None:
    rows, _, _ = generate_records(800, seed=21)
    index = LinkIndex.build(rows[:700])
    for row in rows[700:]:
        update = index.upsert(row)
        assert update.network_id.startswith("N-")
    assert index.rows() == link(rows).rows()
    # a new record sharing a phone with an existing network touches it
    target = next(r for r in rows if r["phones"])
    update = index.upsert(rec("Z1", agency=target["agency"], name="Hoàng Văn Long",
                              phones=target["phones"].split(";")[0]))  # fmt: skip
    assert update.touched and update.evidence
    # editing it away from that network restores the batch answer
    update = index.upsert(rec("Z1", agency="VN-MPS", name="Hoàng Văn Long"))
    assert update.network_id == "N-Z1"
    assert index.rows() == link([*rows, rec("Z1", agency="VN-MPS", name="Hoàng Văn Long")]).rows()


_PHONES = ["0903-902-575", "+84 903 902 575", "012 674 399", "(+855) 12 674 399", "not-a-phone",
           "0", "n/a", "113", "024 3933 1234", "84903902575", "0812-3456-7890"]  # fmt: skip
_NAMES = ["Nguyễn Văn Nam", "NGUYEN VAN NAM", "Nam Nguyen", "Siti Aminah", "SITI AMINAH", ""]


@settings(max_examples=15, deadline=None)
@given(
    picks=st.lists(
        st.tuples(st.integers(0, len(_PHONES) - 1), st.integers(0, len(_NAMES) - 1),
                  st.integers(0, 3), st.sampled_from(["VN-MPS", "KH-NCCT", "ID-POLRI"]),
                  st.sampled_from(["", "1990-03-12", "12/03/1990", "03/12/1990"]),
                  st.sampled_from(["victim", "recruiter", ""])),
        min_size=1, max_size=40,
    ),
    shuffle=st.randoms(),
)  # fmt: skip
def test_the_new_rules_keep_the_output_a_deterministic_order_free_partition(
    picks: list[tuple[int, int, int, str, str, str]], shuffle: random.Random
) -> None:
    """National and international numbers, junk, common names, cases shared by records."""
    rows = [
        {"record_id": f"R{i:03d}", "agency": agency, "case_ref": f"C{case}", "role": role,
         "name": _NAMES[name], "date_of_birth": dob, "phones": _PHONES[phone],
         "nationality": "VN" if name < 3 else "ID", "notes": f"Liên hệ {_PHONES[-1 - phone]}"}
        for i, (phone, name, case, agency, dob, role) in enumerate(picks)
    ]  # fmt: skip
    first = link(rows).rows()
    _check_partition(rows, first)
    again = list(rows)
    shuffle.shuffle(again)
    assert link(again).rows() == first
    assert link(rows).rows() == first


_ACCOUNTS = ["", "TOUCH 'N GO 012-690-1946", "GCash 09684104581", "Vietcombank 0126901946",
             "Wave Money 959662993295"]  # fmt: skip
_HANDLES = ["", "facebook.com/profile.php?id=100077433288747", "t.me/kerja_thai",
            "facebook.com/profile.php?id=100013665316830"]  # fmt: skip
_SUSPECTS = ["Somchai Somboon", "SOMCHAI SOMBOON", "Myint Aung", "MYINT AUNG", "Nguyễn Văn Cường"]


@settings(max_examples=15, deadline=None)
@given(
    picks=st.lists(
        st.tuples(st.integers(0, len(_PHONES) - 1), st.integers(0, len(_ACCOUNTS) - 1),
                  st.integers(0, len(_HANDLES) - 1), st.integers(0, len(_SUSPECTS) - 1),
                  st.integers(0, 4), st.sampled_from(["", "1990-11-08", "26.6.1977", "1983"]),
                  st.sampled_from(["victim", "recruiter", "broker", "witness", ""])),
        min_size=1, max_size=40,
    ),
    shuffle=st.randoms(),
)  # fmt: skip
def test_wallets_profiles_home_phones_and_suspect_names_keep_a_deterministic_partition(
    picks: list[tuple[int, int, int, int, int, str, str]], shuffle: random.Random
) -> None:
    """Wallets, profiles by number, victims' home phones, one network's suspects by name."""
    rows = [
        {"record_id": f"R{i:03d}", "agency": ["VN-MPS", "MY-PDRM", "ID-POLRI"][case % 3],
         "case_ref": f"C{case}", "role": role, "date_of_birth": dob,
         "name": _SUSPECTS[name] if role in ("recruiter", "broker") else f"Victim {i}",
         "phones": _PHONES[phone], "accounts": _ACCOUNTS[account], "handles": _HANDLES[handle],
         "notes": "Recruiter called from +66 87 265 8584." if case < 2 else ""}
        for i, (phone, account, handle, name, case, dob, role) in enumerate(picks)
    ]  # fmt: skip
    first = link(rows).rows()
    _check_partition(rows, first)
    again = list(rows)
    shuffle.shuffle(again)
    assert link(again).rows() == first
    assert link(rows).rows() == first
