"""The regional evaluation data generator (bench/regional.py): deterministic, exact columns, and
each phenomenon present at about its rate in a sample."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import PhoneNumberType

from bench import regional

N = 5000


@pytest.fixture(scope="module")
def sample() -> list[tuple[dict[str, str], dict[str, str], list[str]]]:
    return list(regional.iter_records(N, seed=3))


def _tag_rate(sample, tag: str) -> float:
    return sum(1 for _r, _t, tags in sample if tag in tags) / len(sample)


def _digits_key(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return digits[-8:] if len(digits) >= 8 else ""


def _plain(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(sorted(re.findall(r"[a-z]+", ascii_name)))


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data() -> None:
    first = regional.generate_records(400, seed=5)
    assert regional.generate_records(400, seed=5) == first
    assert regional.generate_records(400, seed=6) != first
    ads = regional.generate_ads(300, seed=5)
    assert regional.generate_ads(300, seed=5) == ads
    assert regional.generate_ads(300, seed=6) != ads


def test_the_command_writes_exactly_the_columns_and_one_truth_row_per_record(
    tmp_path: Path,
) -> None:
    assert regional.main(["records", "--n", "300", "--seed", "2", "--out", str(tmp_path)]) == 0
    with (tmp_path / "records.csv").open(encoding="utf-8", newline="") as f:
        records = list(csv.reader(f))
    with (tmp_path / "truth.csv").open(encoding="utf-8", newline="") as f:
        truth = list(csv.reader(f))
    assert records[0] == [
        "record_id", "agency", "agency_country", "case_ref", "role", "name", "date_of_birth",
        "nationality", "id_numbers", "address", "phones", "emails", "handles", "accounts",
        "seen_at", "notes",
    ]  # fmt: skip
    assert truth[0] == ["record_id", "person_id", "network_id"]
    assert len(records) == len(truth) == 301
    assert all(len(row) == 16 for row in records)
    assert [row[0] for row in records[1:]] == [row[0] for row in truth[1:]]
    assert len({row[0] for row in records[1:]}) == 300

    assert regional.main(["ads", "--n", "200", "--seed", "2", "--out", str(tmp_path)]) == 0
    with (tmp_path / "ads.csv").open(encoding="utf-8", newline="") as f:
        ads = list(csv.reader(f))
    with (tmp_path / "ads_truth.csv").open(encoding="utf-8", newline="") as f:
        ads_truth = list(csv.reader(f))
    assert ads[0] == ["ad_id", "posted_at", "source", "text"]
    assert ads_truth[0] == ["ad_id", "template_id"]
    assert len(ads) == len(ads_truth) == 201


def test_it_refuses_an_unknown_knob_or_a_rate_out_of_range_naming_it() -> None:
    with pytest.raises(ValueError, match="unknown knob 'junk'"):
        regional.generate_records(10, seed=1, junk=0.1)
    with pytest.raises(ValueError, match="'junk_rate' is a rate between 0 and 1"):
        regional.generate_records(10, seed=1, junk_rate=1.5)
    with pytest.raises(ValueError, match="'template_size_alpha' must be above 1"):
        regional.generate_ads(10, seed=1, template_size_alpha=0.5)


def test_mobile_numbers_and_desk_phones_are_valid_for_their_country() -> None:
    gen = regional._RecordGenerator(0, 1, regional.RecordKnobs())
    for code, country in regional.COUNTRIES.items():
        for _ in range(150):
            number = phonenumbers.parse("+" + country.cc + gen._new_mobile(code))
            assert phonenumbers.is_valid_number(number), (code, number)
            assert phonenumbers.number_type(number) in (
                PhoneNumberType.MOBILE,
                PhoneNumberType.FIXED_LINE_OR_MOBILE,
            ), (code, number)
        for prefix, length in country.landline:
            for _ in range(50):
                nsn = prefix + regional._digits(gen.rng, length - len(prefix))
                number = phonenumbers.parse("+" + country.cc + nsn)
                assert phonenumbers.is_valid_number(number), (code, number)
    assert all(a.desk for a in gen.agencies if a.kind in ("shelter", "ngo", "consular"))


def test_foreign_numbers_are_written_without_country_code_by_another_countrys_agency(
    sample,
) -> None:
    # Observed in the text: a number in national format (leading 0, no code) that is not a
    # number of the agency's country but is one of another country.
    foreign = 0
    for record, _truth, _tags in sample:
        region = record["agency_country"]
        for phone in filter(None, record["phones"].split(";")):
            if not phone.startswith("0") or phone.startswith("00"):
                continue
            try:
                home = phonenumbers.is_valid_number(phonenumbers.parse(phone, region))
            except phonenumbers.NumberParseException:
                continue
            if not home and any(
                phonenumbers.is_valid_number(phonenumbers.parse(phone, other))
                for other in regional.COUNTRIES
                if other != region
            ):
                foreign += 1
    assert foreign > 0.02 * N
    assert 0.08 < _tag_rate(sample, "foreign_no_cc") < 0.4


def test_phones_are_written_in_many_formats(sample) -> None:
    phones = [p for r, _t, _g in sample for p in r["phones"].split(";") if p]
    assert any(re.fullmatch(r"\+\d{10,13}", p) for p in phones)
    assert any(re.fullmatch(r"(84|62|855|66|63|60)\d{8,11}", p) for p in phones)
    assert any(p.startswith("(+") for p in phones)
    assert any(re.fullmatch(r"0\d{2,4}-\d{3,4}-\d{3,5}", p) for p in phones)
    assert any(re.fullmatch(r"0\d{2,4} \d{3,4} \d{3,5}", p) for p in phones)
    assert any(re.fullmatch(r"00\d+ [\d ]+", p) for p in phones)


def test_numbers_handles_and_accounts_appear_in_notes_in_three_languages(sample) -> None:
    notes = [r["notes"] for r, _t, _g in sample]
    number = r"[+(]*\d[\d .()+-]{7,}\d"
    assert sum(1 for n in notes if re.search(r"(số|Zalo) " + number, n)) > 50
    assert sum(1 for n in notes if re.search(r"(hubungi|nomor|HP tersangka:) " + number, n)) > 50
    assert sum(1 for n in notes if re.search(r"(number|from|at|by suspect:) " + number, n)) > 50
    assert any("lewat Telegram" in n or "Telegram @" in n for n in notes)
    assert any("tài khoản" in n and re.search(r"\d{9,}", n) for n in notes)
    assert any("transferred" in n and "account" in n for n in notes)
    assert 0.25 < _tag_rate(sample, "phone_in_notes") < 0.45


def test_junk_is_present_at_its_rate_and_shared_by_unrelated_people(sample) -> None:
    junk_words = set(regional._JUNK)
    people_by_junk: dict[str, set[str]] = defaultdict(set)
    for record, truth, _tags in sample:
        for field in ("phones", "emails", "id_numbers", "handles"):
            for value in record[field].split(";"):
                if value in junk_words or re.fullmatch(r"\d{3}", value):
                    people_by_junk[value].add(truth["person_id"])
    assert 0.03 < _tag_rate(sample, "junk") < 0.07
    assert max(len(people) for people in people_by_junk.values()) >= 5
    phones_with_at = [r for r, _t, _g in sample if "@" in r["phones"]]
    assert phones_with_at, "an e-mail written in the phones column"


def test_common_names_are_shared_by_different_people(sample) -> None:
    people: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for record, truth, _tags in sample:
        key = (_plain(record["name"]), record["nationality"])
        people[key][truth["person_id"]].add(record["date_of_birth"])
    shared = {k: v for k, v in people.items() if len(v) >= 3}
    assert shared, "a name held by three different people"
    assert any(
        len({d for dobs in v.values() for d in dobs if len(d) == 10}) >= 2 for v in shared.values()
    ), "same name, different dates of birth"
    no_dob_pairs = [
        k
        for k, v in people.items()
        if sum(1 for dobs in v.values() if dobs == {""}) >= 2 and len(k[0].split()) >= 2
    ]
    assert no_dob_pairs, "different people with the same name and no date of birth"
    assert 0.02 < _tag_rate(sample, "common_name") < 0.08


def test_names_are_written_with_and_without_diacritics_upper_case_and_reordered(sample) -> None:
    vietnamese = [r["name"] for r, _t, _g in sample if r["nationality"] in ("VN", "VNM")]
    assert any(
        n != unicodedata.normalize("NFC", n) or re.search("[ăâđêôơưạảấầẩẫậ]", n) for n in vietnamese
    )
    assert any(n.isascii() and n.isupper() for n in vietnamese)
    assert any(re.fullmatch(r"(Van|Thi) \w+ \w+", n) for n in vietnamese)
    for tag, low, high in (
        ("name_ascii", 0.05, 0.25), ("name_upper", 0.2, 0.5), ("name_flipped", 0.1, 0.35),
        ("name_dropped_middle", 0.02, 0.08), ("name_typo", 0.01, 0.05),
        ("name_spelling", 0.07, 0.18), ("alias", 0.01, 0.06),
    ):  # fmt: skip
        assert low < _tag_rate(sample, tag) < high, tag
    assert any(re.search(r"\b(Soe|Dj|Tj)", r["name"]) for r, _t, _g in sample)


def test_dates_of_birth_come_in_every_format(sample) -> None:
    dobs = [r["date_of_birth"] for r, _t, _g in sample]
    assert sum(1 for d in dobs if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)) > 0.2 * N
    assert sum(1 for d in dobs if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", d)) > 0.15 * N
    assert sum(1 for d in dobs if re.fullmatch(r"\d{4}", d)) > 0.01 * N
    assert 0.12 < sum(1 for d in dobs if not d) / N < 0.3
    assert 0.015 < _tag_rate(sample, "dob_swapped") < 0.05
    assert any(re.search(r"\d{2} (Maret|Juni|Agustus) \d{4}", d) for d in dobs)
    assert any(re.fullmatch(r"\d\d/\d\d/25\d\d", d) for d in dobs), "Thai Buddhist era"


def test_some_records_hold_only_a_name_and_a_date_of_birth(sample) -> None:
    empty = ("id_numbers", "address", "phones", "emails", "handles", "accounts", "notes")
    only = [r for r, _t, _g in sample if r["name"] and r["date_of_birth"]
            and not any(r[f] for f in empty)]  # fmt: skip
    assert 0.03 < len(only) / N < 0.1


def test_handles_and_accounts_are_written_in_several_ways(sample) -> None:
    text = " ".join(r["handles"] + " " + r["accounts"] for r, _t, _g in sample)
    for needle in ("t.me/", "telegram: ", "@", "facebook.com", "Zalo", "WA ", "LINE", "Viber"):
        assert needle in text, needle
    for bank in ("Vietcombank", "BIDV", "BCA", "BRI", "MoMo", "GCash", "USDT"):
        assert bank in text, bank
    assert re.search(r"\d{4}-\d{2}-\d{6}-\d{2}-\d", text), "a BRI account with dashes"


def test_hubs_link_many_people_across_networks_and_a_recruiter_phone_links_one_network(
    sample,
) -> None:
    people: dict[str, set[str]] = defaultdict(set)
    networks: dict[str, set[str]] = defaultdict(set)
    records: Counter[str] = Counter()
    for record, truth, _tags in sample:
        for phone in record["phones"].split(";"):
            key = _digits_key(phone)
            if key:
                people[key].add(truth["person_id"])
                networks[key].add(truth["network_id"])
                records[key] += 1
    hub = max(people, key=lambda k: len(people[k]))
    assert len(people[hub]) >= 30
    assert len({n for n in networks[hub] if n.startswith("N")}) >= 5
    within = [k for k in records if records[k] >= 5 and len(networks[k]) == 1
              and next(iter(networks[k])).startswith("N") and len(people[k]) >= 2]  # fmt: skip
    assert within, "a recruiter's number shared by records of one network, victims included"
    assert 0.03 < _tag_rate(sample, "hub_phone") < 0.09


def test_a_recruiter_appears_in_several_records_written_differently(sample) -> None:
    by_person: dict[str, list[dict[str, str]]] = defaultdict(list)
    for record, truth, _tags in sample:
        by_person[truth["person_id"]].append(record)
    recruiters = [rs for rs in by_person.values()
                  if rs[0]["role"] == "recruiter" and len(rs) >= 4]  # fmt: skip
    assert recruiters
    assert any(len({r["agency"] for r in rs}) >= 2 and len({r["name"] for r in rs}) >= 2
               and len({r["case_ref"] for r in rs}) >= 4 for rs in recruiters)  # fmt: skip
    victims = Counter(len(rs) for rs in by_person.values() if rs[0]["role"] == "victim")
    assert max(victims) == 2
    assert 0.08 < victims[2] / sum(victims.values()) < 0.22


def test_networks_are_heavy_tailed_and_span_agencies_and_countries(sample) -> None:
    cases: dict[str, set[tuple[str, str]]] = defaultdict(set)
    agencies: dict[str, set[str]] = defaultdict(set)
    countries: dict[str, set[str]] = defaultdict(set)
    isolated = 0
    for record, truth, _tags in sample:
        nid = truth["network_id"]
        if nid.startswith("N"):
            cases[nid].add((record["agency"], record["case_ref"]))
            agencies[nid].add(record["agency"])
            countries[nid].add(record["agency_country"])
        else:
            assert nid.startswith("S")
            isolated += 1
    sizes = [len(c) for c in cases.values()]
    assert sum(1 for s in sizes if 2 <= s <= 5) > 0.5 * len(sizes)
    assert max(sizes) >= 25
    assert max(len(a) for a in agencies.values()) <= 5
    assert any(len(a) >= 3 for a in agencies.values())
    assert any(len(c) >= 2 for c in countries.values())
    assert 0.35 < isolated / N < 0.55


def test_family_phones_and_recycled_sims_join_different_people(tmp_path: Path) -> None:
    sample = list(regional.iter_records(3000, seed=4, family_phone_rate=0.3,
                                        recycled_sim_rate=0.3))  # fmt: skip
    seen: dict[str, list[tuple[str, str, str, list[str]]]] = defaultdict(list)
    for record, truth, tags in sample:
        for phone in record["phones"].split(";"):
            key = _digits_key(phone)
            if key:
                seen[key].append((truth["person_id"], truth["network_id"], record["seen_at"], tags))
    family = [v for v in seen.values() if len({p for p, *_ in v}) >= 2
              and all("family_phone" in tags for *_, tags in v)]  # fmt: skip
    assert family, "relatives of a victim sharing the family's phone"
    recycled = 0
    for record, truth, tags in sample:
        if "recycled_sim" not in tags:
            continue
        when = dt.date.fromisoformat(record["seen_at"])
        for phone in record["phones"].split(";"):
            earlier = [dt.date.fromisoformat(d) for p, _n, d, _t in seen.get(_digits_key(phone), [])
                       if p != truth["person_id"]]  # fmt: skip
            if earlier and all((when - d).days >= 300 for d in earlier):
                recycled += 1
    assert recycled, "a victim's number carried a year later by somebody else"


def test_ads_come_in_templates_one_offs_and_legitimate_ads() -> None:
    ads, truth = regional.generate_ads(3000, seed=2)
    by_template: dict[str, list[str]] = defaultdict(list)
    for ad, t in zip(ads, truth, strict=True):
        by_template[t["template_id"]].append(ad["text"])
    oneoffs = by_template.pop("")
    assert 0.25 < len(oneoffs) / len(ads) < 0.4
    assert any(k.startswith("L") for k in by_template) and any(
        k.startswith("T") for k in by_template
    )
    biggest = max(by_template.values(), key=len)
    assert len(biggest) >= 30
    assert len(set(biggest)) > 0.8 * len(biggest), "the ads of a template vary"

    def words(text: str) -> set[str]:
        return set(re.findall(r"\w+", text.lower()))

    def jaccard(a: str, b: str) -> float:
        wa, wb = words(a), words(b)
        return len(wa & wb) / len(wa | wb)

    same = [jaccard(a, b) for texts in by_template.values() for a, b in itertools.pairwise(texts)]
    keys = sorted(by_template)
    other = [jaccard(by_template[a][0], by_template[b][0]) for a, b in itertools.pairwise(keys)]
    assert sum(same) / len(same) > 2 * sum(other) / len(other)

    stock = ("Lương cao", "Bao ăn ở", "Gaji tinggi", "Tanpa pengalaman", "High salary")
    for phrase in stock:
        templates = {k for k, texts in by_template.items() if any(phrase in t for t in texts)}
        assert len(templates) >= 2, phrase
        assert any(phrase in t for t in oneoffs), phrase
    legit = [t for k, texts in by_template.items() if k.startswith("L") for t in texts]
    assert any(re.search(r"Giấy phép|SIP3MI|DMW License", t) for t in legit)


def test_the_module_docstring_names_every_knob_with_its_default() -> None:
    doc = regional.__doc__ or ""
    for cls in (regional.RecordKnobs, regional.AdKnobs):
        for field in dataclasses.fields(cls):
            found = re.search(rf"(?<!\w){field.name}\s+\[\"?([\w.]+)", doc)
            assert found, field.name
            written = found.group(1)
            if isinstance(field.default, str):
                assert written == field.default, field.name
            else:
                assert float(written) == float(field.default), field.name  # type: ignore[arg-type]


def test_every_tag_a_record_can_carry_is_listed_in_the_docstring(sample) -> None:
    listed = set(
        re.findall(r"[a-z_]+", (regional.__doc__ or "").split("Tags (")[1].split("\n\n")[0])
    )
    assert {tag for _r, _t, tags in sample for tag in tags} <= listed
