"""The collapse seen in the demo: one new record with a name nobody else had tipped the points
into a learned set where a name alone made a match, so persons merged by the hundred, the
shelter's hotline looked corroborated, stopped being a hub, and every network became one."""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from pathlib import Path

from lintas.networks.engine.linker import link

HOTLINE = "+84 24 3933 1234"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng"]
GIVEN = ["Thị Hoa", "Văn Hùng", "Thị Lan", "Minh Tuấn", "Thị Mai", "Quang Huy", "Thu Trang"]
AGENCIES = ["VN-MPS", "VN-MOFA", "KH-NCCT", "TH-DSI", "ID-POLRI", "MY-IMM"]


def _body(seed: int = 5) -> list[dict[str, str]]:
    """About 800 persons of 320 cases with names from a small pool (many distinct people share
    one), sixteen recruiter rings and a hotline written into a tenth of the victims' records."""
    rng = random.Random(seed)
    rings = [f"+84 91{n % 10} {rng.randrange(1000):03d} {rng.randrange(1000):03d}"
             for n in range(16)]  # fmt: skip
    rows: list[dict[str, str]] = []
    for case in range(320):
        agency = rng.choice(AGENCIES)
        for k in range(rng.choice([1, 2, 2, 3])):
            dob = f"{rng.randint(1975, 2008)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            phones = HOTLINE if k == 0 and rng.random() < 0.12 else ""
            rows.append({"record_id": f"R{case:03d}-{k}", "agency": agency, "case_ref": str(case),
                         "role": "victim", "name": f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
                         "date_of_birth": dob if rng.random() > 0.1 else "", "nationality": "VN",
                         "phones": phones})  # fmt: skip
        if rng.random() < 0.45:
            ring = rings[min(int(rng.expovariate(0.18)), 15)]
            rows.append({"record_id": f"R{case:03d}-r", "agency": agency, "case_ref": str(case),
                         "role": "recruiter", "phones": ring})  # fmt: skip
    return rows


def _networks(rows: list[dict[str, str]]) -> tuple[list[frozenset[str]], set[str]]:
    result = link(rows)
    groups: dict[str, set[str]] = defaultdict(set)
    for rid, _pid, nid in result.rows():
        groups[nid].add(rid)
    return sorted((frozenset(g) for g in groups.values() if len(g) > 1), key=sorted), set(
        result.hubs
    )


DEMO = Path(__file__).parent / "data" / "demo_body.csv"


def _demo() -> list[dict[str, str]]:
    """The persons of the demo's cases as the platform hands them to the engine."""
    with DEMO.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_one_new_record_with_an_unseen_name_leaves_the_demos_networks_and_hub_as_they_were() -> (
    None
):
    rows = _demo()
    before, hubs = _networks(rows)
    assert hubs == {"+842439331234"}
    assert len(before) > 10
    case = {"agency": "5", "agency_country": "VN", "case_ref": "9001", "nationality": "VN"}
    victim = {**case, "record_id": "9000", "role": "victim", "name": "Phạm Thu Trang",
              "date_of_birth": "2001-02-03"}  # fmt: skip
    recruiter = {**case, "record_id": "9001", "role": "recruiter", "name": "Nguyễn Văn Nam",
                 "date_of_birth": "1990-01-01", "phones": "0912345679; not-a-phone"}  # fmt: skip
    after, hubs_after = _networks([*rows, victim, recruiter])
    assert hubs_after == hubs
    alone = frozenset({"9000", "9001"})  # two persons of one case: one story
    assert sorted([*before, alone], key=sorted) == after  # it joins no other network
    again, _ = _networks([*rows, victim, {**recruiter, "phones": ""}])
    assert again == after


def test_a_body_with_a_hotline_in_a_tenth_of_the_victims_records_keeps_it_a_hub() -> None:
    for seed in range(1, 9):
        _networks_of, hubs = _networks(_body(seed))
        assert "+842439331234" in hubs, seed


def test_persons_who_share_only_a_common_name_are_never_one_person() -> None:
    rows = [r for r in _body(seed=9) if r.get("name")]
    result = link(rows)
    for m in result.matches:
        a, b = result.prepared[m.a].person, result.prepared[m.b].person
        corroborated = (a.dob and a.dob == b.dob) or set(a.documents) & set(b.documents) or (
            set(a.contacts) & set(b.contacts))  # fmt: skip
        assert corroborated, m.describe()
