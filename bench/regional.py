"""Regional evaluation data for network analysis: person records and recruitment ads, with truth.

    python bench/regional.py records --n 20000 --seed 1 --out DIR [--tags] [--set knob=value ...]
    python bench/regional.py ads --n 100000 --seed 1 --out DIR [--set knob=value ...]

`records` writes DIR/records.csv and DIR/truth.csv (and DIR/record_tags.csv with --tags: the
phenomena each record shows, to break a score down by phenomenon). `ads` writes DIR/ads.csv and
DIR/ads_truth.csv. From Python: `generate_records(n, seed, **knobs)` and `generate_ads(n, seed,
**knobs)` return (rows, truth) as lists of dicts; `iter_records` and `iter_ads` stream
(row, truth, tags) and (ad, truth) for large runs; `write_records` streams to CSV in constant
memory. Output depends only on n, seed and the knobs (given as keywords, or --set on the
command line); an unknown knob or a rate outside 0-1 is refused with its name.

The data is invented: names, numbers and accounts are drawn at random from realistic shapes
(real name stocks, real bank names, real places, mobile prefixes and lengths that are valid for
their country); no value is taken from a real person.

A. Person records (records.csv)
-------------------------------
Columns: record_id, agency, agency_country, case_ref, role, name, date_of_birth, nationality,
id_numbers, address, phones, emails, handles, accounts, seen_at, notes (multi-valued fields
separated by ";"). truth.csv: record_id, person_id, network_id. person_id names the real person;
network_id is "N…" for a criminal network, and for a case that belongs to no network it is a
unique "S…" per real case (a victim recorded twice in one isolated case shares it), or empty
with isolated_network_id ["unique"] set to "empty". Junk values never decide the truth: the truth
is about people. Record order is shuffled across networks (a case's own records stay together,
a victim's second record comes later); record_id follows file order.

Agencies are police, border guards, immigration, labour ministries, consular sections (located
abroad, belonging to the country they serve), shelters and NGOs of Vietnam, Indonesia,
Cambodia, Thailand, Laos, Myanmar, Malaysia, the Philippines and Sri Lanka; notes are written
in Vietnamese by Vietnamese agencies, in Indonesian by Indonesian ones, in English elsewhere.
Roles: victim, recruiter, broker, driver, employer, witness, complainant.

Phenomena and their knobs (RecordKnobs; default in brackets):
- Networks of heavy-tailed size: Pareto sizes from 2 cases, tail exponent network_size_alpha
  [2.0] (most have 2-5 cases, a few 50+), capped by max_network_cases [0 = grows with n];
  isolated_case_share [0.45] of the cases belong to no network. A network spans 1-4 countries
  (origins and a destination) and 1-5 agencies; its recruiters, brokers, drivers and employers
  reappear in case after case, recorded by different agencies and written differently.
  Each case records 1+ victims (one more with probability extra_victim_rate [0.35], repeated),
  and the case's recruiter with recruiter_record_rate [0.55], a broker broker_record_rate
  [0.15], a driver driver_record_rate [0.12], an employer employer_record_rate [0.10], a
  witness or complainant witness_record_rate [0.15].
- A victim recorded a second time, by another agency (a shelter, consulate or police abroad,
  or the origin's police after return): victim_second_record_rate [0.15]; the second record
  comes out later in the file.
- Phones: E.164 with or without "+", "(+84) 93 008 1608", "0084 …", the trunk 0 kept after
  the code ("+84 0903 …"), national format with any separators; a number of the agency's own
  country is written nationally with home_national_rate [0.75]. A foreign number (a
  Cambodian SIM recorded by Vietnamese police) is written in its own national format with no
  country code with foreign_no_cc_rate [0.35]. Victims abroad carry a local SIM with
  foreign_sim_rate [0.25]; recruiters often hold numbers of the destination too. Vietnamese
  numbers in records from before 2019 may keep their old 11-digit prefix (0162… for 032…):
  vn_old_prefix_rate [0.05]. Mobile prefixes and lengths are valid per country (libphonenumber).
- Numbers, handles and accounts in the notes narratives ("liên hệ qua số 0903 902 575",
  "hubungi 0812-3456-7890 lewat WhatsApp", "called the number +855 12 345 678"):
  phone_in_notes_rate [0.35], handle_in_notes_rate [0.20], account_in_notes_rate [0.15]. In a
  victim's notes the number is usually the case recruiter's (evidence of the network, not of
  the victim's identity); contact_in_phones_rate [0.08] puts the recruiter's number in the
  victim record's phones column too.
- Junk in identifier fields ("not-a-phone", "0", "n/a", "không có", "tidak ada", a 3-digit
  number, …): junk_rate [0.05] of records; an e-mail in the phones column or a phone in the
  e-mails column: misplaced_rate [0.02].
- Names: diacritics dropped (name_ascii_rate [0.35] at home; foreign agencies almost always
  type ASCII), upper case name_upper_rate [0.25], family name moved (name_flip_rate [0.20]:
  "Nam Nguyen Van"), middle name dropped name_drop_middle_rate [0.10], two letters transposed
  name_typo_rate [0.03], a spelling variant (old Indonesian spelling "Soeparman", romanisation
  variants of Khmer, Thai, Lao, Burmese names, "Hoà"/"Hòa", decomposed Unicode)
  name_spelling_rate [0.12], an alias for suspects ("anh Tuấn", "Mas Agus", "Boss Lee")
  alias_rate [0.10]. Name stocks follow real frequencies (Nguyễn, Văn, Thị…), so different
  people share names; besides, common_name_rate [0.04] of people get one of a few very common
  full names ("Nguyễn Văn Nam", "Nguyễn Thị Hoa", "Siti Aminah", "Muhammad Rizki"…), of whom
  common_name_no_dob_rate [0.10] have no known date of birth anywhere (same name, no DOB).
- Dates of birth: unknown for the person dob_unknown_rate [0.05]; missing in a record
  dob_missing_rate [0.15]; only the year dob_year_only_rate [0.05]; day and month swapped by
  mistake dob_swapped_rate [0.03]; ISO dob_iso_rate [0.30]; otherwise the agency's local style
  (07/03/1990, 07-03-1990, 07 Maret 1990, 7.3.1990, March 7, 1990; Philippine agencies write
  month first); Thai agencies use the Buddhist era (07/03/2533) with buddhist_era_rate [0.30].
- Records with only a name and a date of birth: name_dob_only_rate [0.06].
- Identity numbers (CCCD, NIK, Thai ID with its check digit, MyKad, NIC, NRC, passports),
  written with or without labels and separators: id_number_rate [0.45], one digit mistyped
  id_typo_rate [0.02].
- Handles (Telegram "@x" / "t.me/x" / "telegram: x", Facebook URLs, Zalo and WhatsApp numbers,
  LINE ids, Viber, WeChat) and accounts (Vietcombank, BIDV, BCA, BRI "0123-01-000123-50-1",
  Mandiri, ABA, ACLEDA, Kasikornbank, BDO, Maybank, KBZ, e-wallets MoMo, GoPay, DANA, GCash,
  Wing, TrueMoney, USDT TRC20 addresses) written in several ways; email_rate [0.15].
- Hubs: each shelter's desk phone, NGO hotline and embassy phone is the contact of many victims
  across agencies and networks: hub_contact_rate [0.10] of victim records; national hotlines
  (111, 129, 1300, 1343, 15999, …) and longer NGO hotlines quoted in notes: hotline_note_rate
  [0.06]. None of them is evidence of a network.
- Family members share a phone: family_phone_rate [0.04] of victims carry their family's
  number; of those, sibling_rate [0.40] are siblings of an earlier victim (same family name,
  address and phone), often in another case or network; a parent recorded as complainant uses
  the same number.
- Recycled SIM: in recycled_sim_rate [0.003] of isolated cases the first victim carries a number
  that another victim of the same country used at least a year earlier.
- Nationality written as ISO code or in words ("Việt Nam", "WNI", "Indonesian"):
  nationality_variant_rate [0.20].

Tags (iter_records' third item, record_tags.csv) name what a record shows: foreign_no_cc,
no_plus, paren_cc, trunk_kept, vn_old_prefix, junk, email_in_phones, phone_in_emails,
name_ascii, name_upper, name_flipped, name_dropped_middle, name_typo, name_spelling, alias,
common_name, dob_iso, dob_local, dob_month_first, dob_buddhist_era, dob_swapped,
dob_year_only, dob_missing, dob_unknown, name_dob_only, id_typo, nationality_variant,
phone_in_notes, contact_in_notes, contact_in_phones, handle_in_notes, account_in_notes,
hub_phone, hub_address, hotline_note, family_phone, recycled_sim, second_record.

B. Recruitment ads (ads.csv)
----------------------------
Columns: ad_id, posted_at, source, text; ads_truth.csv: ad_id, template_id ("T…" a recruitment
network's template, "L…" a legitimate recruiter's repeated ad, empty for a one-off ad).
Phenomena and knobs (AdKnobs):
- Templates of heavy-tailed size (tail exponent template_size_alpha [1.8], from 2 ads, capped
  by max_template_ads [0 = grows with n]) in
  Vietnamese, Indonesian and English, each with its own headline, details and contact; the ads
  of a template vary: synonyms swapped word_swap_rate [0.40], salary and head-count changed
  number_change_rate [0.50], another of the template's phones phone_change_rate [0.30], emoji
  added or removed emoji_rate [0.50], spacing and line breaks changed spacing_rate [0.30], two
  lines swapped reorder_rate [0.25], a line dropped drop_line_rate [0.15], a stock line added
  add_line_rate [0.15], headline case changed case_rate [0.20], a typo typo_rate [0.10],
  hashtags hashtag_rate [0.20], truncated with "… Xem thêm" truncation_rate [0.15].
- Stock phrases ("lương cao", "bao ăn ở", "gaji tinggi", "tanpa pengalaman", "high salary,
  free visa") are shared by templates, one-off ads and legitimate ads alike.
- One-off ads composed from the same stock phrases: oneoff_rate [0.30] of ads.
- Legitimate recruiters' ads (licence numbers, regulated fees, office addresses), templated
  and one-off: legit_rate [0.20] of ads.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import csv
import dataclasses
import datetime as dt
import heapq
import math
import random
import sys
import time
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

RECORD_COLUMNS = (
    "record_id",
    "agency",
    "agency_country",
    "case_ref",
    "role",
    "name",
    "date_of_birth",
    "nationality",
    "id_numbers",
    "address",
    "phones",
    "emails",
    "handles",
    "accounts",
    "seen_at",
    "notes",
)
TRUTH_COLUMNS = ("record_id", "person_id", "network_id")
AD_COLUMNS = ("ad_id", "posted_at", "source", "text")
AD_TRUTH_COLUMNS = ("ad_id", "template_id")


# --------------------------------------------------------------------------------------------
# Knobs


@dataclasses.dataclass(frozen=True)
class RecordKnobs:
    isolated_case_share: float = 0.45
    network_size_alpha: float = 2.0
    max_network_cases: int = 0
    extra_victim_rate: float = 0.35
    recruiter_record_rate: float = 0.55
    broker_record_rate: float = 0.15
    driver_record_rate: float = 0.12
    employer_record_rate: float = 0.10
    witness_record_rate: float = 0.15
    victim_second_record_rate: float = 0.15
    foreign_sim_rate: float = 0.25
    foreign_no_cc_rate: float = 0.35
    home_national_rate: float = 0.75
    vn_old_prefix_rate: float = 0.05
    phone_in_notes_rate: float = 0.35
    handle_in_notes_rate: float = 0.20
    account_in_notes_rate: float = 0.15
    contact_in_phones_rate: float = 0.08
    junk_rate: float = 0.05
    misplaced_rate: float = 0.02
    name_ascii_rate: float = 0.35
    name_upper_rate: float = 0.25
    name_flip_rate: float = 0.20
    name_drop_middle_rate: float = 0.10
    name_typo_rate: float = 0.03
    name_spelling_rate: float = 0.12
    alias_rate: float = 0.10
    common_name_rate: float = 0.04
    common_name_no_dob_rate: float = 0.10
    dob_unknown_rate: float = 0.05
    dob_missing_rate: float = 0.15
    dob_year_only_rate: float = 0.05
    dob_swapped_rate: float = 0.03
    dob_iso_rate: float = 0.30
    buddhist_era_rate: float = 0.30
    name_dob_only_rate: float = 0.06
    id_number_rate: float = 0.45
    id_typo_rate: float = 0.02
    email_rate: float = 0.15
    hub_contact_rate: float = 0.10
    hotline_note_rate: float = 0.06
    family_phone_rate: float = 0.04
    sibling_rate: float = 0.40
    recycled_sim_rate: float = 0.003
    nationality_variant_rate: float = 0.20
    isolated_network_id: str = "unique"


@dataclasses.dataclass(frozen=True)
class AdKnobs:
    template_size_alpha: float = 1.8
    max_template_ads: int = 0
    oneoff_rate: float = 0.30
    legit_rate: float = 0.20
    word_swap_rate: float = 0.40
    number_change_rate: float = 0.50
    phone_change_rate: float = 0.30
    emoji_rate: float = 0.50
    spacing_rate: float = 0.30
    reorder_rate: float = 0.25
    drop_line_rate: float = 0.15
    add_line_rate: float = 0.15
    case_rate: float = 0.20
    typo_rate: float = 0.10
    hashtag_rate: float = 0.20
    truncation_rate: float = 0.15


_RATE_EXEMPT = {"network_size_alpha", "max_network_cases", "template_size_alpha"}


def _make_knobs(cls: Any, overrides: dict[str, Any]) -> Any:
    names = {f.name: f for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for key, raw in overrides.items():
        if key not in names:
            raise ValueError(f"unknown knob {key!r}; known knobs: {', '.join(sorted(names))}")
        default = names[key].default
        try:
            value = type(default)(raw)
        except (TypeError, ValueError):
            raise ValueError(
                f"knob {key!r} needs a {type(default).__name__}, got {raw!r}"
            ) from None
        if isinstance(default, float) and key not in _RATE_EXEMPT and not 0.0 <= value <= 1.0:
            raise ValueError(f"knob {key!r} is a rate between 0 and 1, got {value}")
        if key in {"network_size_alpha", "template_size_alpha"} and value <= 1.0:
            raise ValueError(f"knob {key!r} must be above 1, got {value}")
        if key in {"max_network_cases", "max_template_ads"} and value < 0:
            raise ValueError(f"knob {key!r} must be 0 (automatic) or more, got {value}")
        if key == "isolated_network_id" and value not in {"unique", "empty"}:
            raise ValueError(f"knob {key!r} is 'unique' or 'empty', got {value!r}")
        values[key] = value
    return cls(**values)


# --------------------------------------------------------------------------------------------
# Small helpers


class _Pick:
    """Weighted choice by bisection (faster than random.choices for repeated draws)."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, items: Sequence[Any], weights: Sequence[float] | None = None) -> None:
        self.items = list(items)
        ws = list(weights) if weights is not None else [1.0] * len(self.items)
        if len(ws) != len(self.items) or not self.items:
            raise ValueError("items and weights must be non-empty and of the same length")
        self.cum: list[float] = []
        acc = 0.0
        for w in ws:
            acc += w
            self.cum.append(acc)
        self.total = acc

    def __call__(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


def _zipf(items: Sequence[Any], s: float = 1.0) -> _Pick:
    return _Pick(items, [1.0 / (i + 1) ** s for i in range(len(items))])


def _words(text: str) -> list[str]:
    return [w.replace("_", " ") for w in text.split()]


@lru_cache(maxsize=65536)
def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _ch(rng: random.Random, seq: Sequence[Any]) -> Any:
    """rng.choice, faster: one float draw."""
    return seq[int(rng.random() * len(seq))]


def _rr(rng: random.Random, start: int, stop: int) -> int:
    """rng.randrange(start, stop), faster: one float draw."""
    return start + int(rng.random() * (stop - start))


def _digits(rng: random.Random, n: int) -> str:
    if n > 18:
        return _digits(rng, 9) + _digits(rng, n - 9)
    return str(rng.getrandbits(64) % 10**n).zfill(n)


def _group(s: str, sizes: Sequence[int], sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        if i >= len(s):
            break
        out.append(s[i : i + size])
        i += size
    if i < len(s):
        out[-1] += s[i:]
    return sep.join(out)


_GROUPINGS = {
    8: ((2, 3, 3), (4, 4), (2, 2, 2, 2)),
    9: ((3, 3, 3), (2, 3, 4), (3, 2, 2, 2)),
    10: ((4, 3, 3), (3, 3, 4), (3, 4, 3), (4, 6)),
    11: ((4, 3, 4), (3, 4, 4), (4, 4, 3)),
    12: ((4, 4, 4), (4, 3, 5), (3, 4, 5)),
    13: ((4, 4, 5), (5, 4, 4)),
}


def _chunks(length: int, rng: random.Random) -> tuple[int, ...]:
    """A plausible grouping of a digit string of this length."""
    return _ch(rng, _GROUPINGS.get(length, ((4, 4, 4, 4),)))


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = _rr(rng, 1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _date(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


_START = dt.date(2016, 1, 1).toordinal()
_END = dt.date(2025, 12, 31).toordinal()
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


# --------------------------------------------------------------------------------------------
# Countries, phones and places


@dataclasses.dataclass(frozen=True)
class _Country:
    code: str
    cc: str
    mobile_trunk: str
    mobile: _Pick  # (prefix, national significant number length)
    landline: tuple[tuple[str, int], ...]
    lang: str


def _mobile(spec: str, default_len: int) -> _Pick:
    """'90*3 91:10 …': prefix, optional ':length', optional '*weight'."""
    items, weights = [], []
    for token in spec.split():
        weight = 1.0
        if "*" in token:
            token, w = token.split("*")
            weight = float(w)
        length = default_len
        if ":" in token:
            token, n = token.split(":")
            length = int(n)
        items.append((token, length))
        weights.append(weight)
    return _Pick(items, weights)


_ID_PREFIXES = _words(
    "811 812 813 821 822 823 851 852 853 814 815 816 855 856 857 858 817 818 819 859 877 878 "
    "831 832 833 838 895 896 897 898 899 881 882 887 888"
)

COUNTRIES: dict[str, _Country] = {
    "VN": _Country(
        "VN",
        "84",
        "0",
        _mobile(
            "90*3 91*3 93*3 94*2 96*3 97*3 98*3 32 33 34 35 36 37 38 39 70 76 77 78 79 "
            "81 82 83 84 85 86 88 56*.3 58*.3 59*.3",
            9,
        ),
        (("243", 10), ("246", 10), ("283", 10), ("286", 10)),
        "vi",
    ),
    "ID": _Country(
        "ID",
        "62",
        "0",
        _Pick(
            [(p, n) for p in _ID_PREFIXES for n in (10, 11, 12)],
            [w for _ in _ID_PREFIXES for w in (3.0, 6.0, 1.0)],
        ),
        (("21", 10),),
        "id",
    ),
    "KH": _Country(
        "KH",
        "855",
        "0",
        _mobile(
            "10 11 12*2 14 15 16 17 60 61 66 67 69 70 77*2 78 81 85 86 87 89 92 93 95 98 99 "
            "12:9 18:9 31:9 38:9 71:9 76:9 88:9*2 96:9*2 97:9*2",
            8,
        ),
        (("232", 8), ("236", 8), ("237", 8)),
        "en",
    ),
    "TH": _Country(
        "TH",
        "66",
        "0",
        _mobile(
            "61 62 63 64 65 80 81*2 82 83 84 85 86 87 88 89*2 90 91 92 93 94 95 96 97 98 99", 9
        ),
        (("2", 8),),
        "en",
    ),
    "PH": _Country(
        "PH",
        "63",
        "0",
        _mobile(
            "905 906 915 916 917*2 926 927 935 936 945 953 955 956 965 966 967 975 977 995 "
            "997 907 908 909 910 912 918 919*2 920 921 928 929 930 938 939 946 947 948 949 "
            "950 951 961 963 968 969 970 981 989 992 998 999",
            10,
        ),
        (("28", 9),),
        "en",
    ),
    "MY": _Country(
        "MY",
        "60",
        "0",
        _mobile(
            "120 121 122 123 124 125 126 127 128 129 160 162 163 164 166 167 168 169 131 132 "
            "133 134 135 136 137 138 139 171 172 173 174 175 176 177 178 179 142 143 145 146 "
            "147 148 149 102 103 105 106 108 190 191 192 193 194 195 196 197 198 199 "
            "111:10 112:10 113:10 114:10 115:10",
            9,
        ),
        (("321", 9), ("326", 9), ("38", 9)),
        "en",
    ),
    "LA": _Country("LA", "856", "0", _mobile("202 205*3 207 209*2", 10), (("21", 8),), "en"),
    "MM": _Country(
        "MM",
        "95",
        "0",
        _mobile(
            "975 976 977 978 979 994 995 996 997 998 960 961 962 963 964 965 966 967 968 969 "
            "940 942 944 945 925 926",
            10,
        ),
        (("12", 8),),
        "en",
    ),
    "LK": _Country(
        "LK", "94", "0", _mobile("70 71 72 75 76 77*2 78", 9), (("112", 9), ("114", 9)), "en"
    ),
    "CN": _Country(
        "CN",
        "86",
        "",
        _mobile(
            "130 131 132 133 135 136 137 138 139 150 151 152 155 156 157 158 159 176 177 178 "
            "180 181 182 183 185 186 187 188 189 191 198 199",
            11,
        ),
        (("10", 10),),
        "en",
    ),
    "TW": _Country(
        "TW", "886", "0", _mobile("90 91 92 93 95 96 97 98", 9), (("22", 9), ("27", 9)), "en"
    ),
}

AGENCY_COUNTRIES = ("VN", "ID", "KH", "TH", "LA", "MM", "MY", "PH", "LK")

# Vietnam's 2018 renumbering, new two-digit prefix -> old three-digit one.
_VN_OLD_PREFIX = {
    "32": "162", "33": "163", "34": "164", "35": "165", "36": "166", "37": "167", "38": "168",
    "39": "169", "70": "120", "79": "121", "77": "122", "76": "126", "78": "128", "83": "123",
    "84": "124", "85": "125", "81": "127", "82": "129", "56": "186", "58": "188", "59": "199",
}  # fmt: skip
_VN_RENUMBERED = dt.date(2019, 1, 1).toordinal()  # old prefixes linger in older records

_NATIONALITY_WORDS = {
    "vi": {
        "VN": "Việt Nam", "ID": "Indonesia", "KH": "Campuchia", "TH": "Thái Lan", "LA": "Lào",
        "MM": "Myanmar", "MY": "Malaysia", "PH": "Philippines", "LK": "Sri Lanka",
        "CN": "Trung Quốc", "TW": "Đài Loan",
    },
    "id": {
        "VN": "Vietnam", "ID": "WNI", "KH": "Kamboja", "TH": "Thailand", "LA": "Laos",
        "MM": "Myanmar", "MY": "Malaysia", "PH": "Filipina", "LK": "Sri Lanka",
        "CN": "Tiongkok", "TW": "Taiwan",
    },
    "en": {
        "VN": "Vietnamese", "ID": "Indonesian", "KH": "Cambodian", "TH": "Thai", "LA": "Lao",
        "MM": "Myanmar", "MY": "Malaysian", "PH": "Filipino", "LK": "Sri Lankan",
        "CN": "Chinese", "TW": "Taiwanese",
    },
}  # fmt: skip
_ISO3 = {
    "VN": "VNM", "ID": "IDN", "KH": "KHM", "TH": "THA", "LA": "LAO", "MM": "MMR", "MY": "MYS",
    "PH": "PHL", "LK": "LKA", "CN": "CHN", "TW": "TWN",
}  # fmt: skip

# Home places: country -> [(province, [districts], id code)]
_PLACES: dict[str, list[tuple[str, list[str], str]]] = {
    "VN": [
        ("Nghệ An", _words("Quỳnh_Lưu Diễn_Châu Yên_Thành Nghi_Lộc Thanh_Chương"), "040"),
        ("Hà Tĩnh", _words("Kỳ_Anh Cẩm_Xuyên Thạch_Hà Hương_Khê"), "042"),
        ("Thanh Hóa", _words("Tĩnh_Gia Nông_Cống Quảng_Xương Thọ_Xuân"), "038"),
        ("Quảng Bình", _words("Bố_Trạch Quảng_Trạch Lệ_Thủy"), "044"),
        ("An Giang", _words("Tân_Châu An_Phú Tịnh_Biên"), "089"),
        ("Tây Ninh", _words("Tân_Biên Châu_Thành Bến_Cầu"), "072"),
        ("Lào Cai", _words("Bát_Xát Sa_Pa Mường_Khương"), "010"),
        ("Hà Giang", _words("Đồng_Văn Mèo_Vạc Yên_Minh"), "002"),
        ("Điện Biên", _words("Mường_Nhé Tuần_Giáo"), "011"),
        ("Sóc Trăng", _words("Vĩnh_Châu Mỹ_Xuyên"), "094"),
    ],
    "ID": [
        ("Jawa Barat", _words("Indramayu Cirebon Karawang Subang Cianjur"), "32"),
        ("Jawa Tengah", _words("Cilacap Brebes Banyumas Kendal"), "33"),
        ("Jawa Timur", _words("Ponorogo Blitar Tulungagung Malang"), "35"),
        ("Nusa Tenggara Barat", _words("Lombok_Timur Lombok_Tengah Sumbawa"), "52"),
        ("Nusa Tenggara Timur", _words("Kupang Timor_Tengah_Selatan Sikka"), "53"),
        ("Kalimantan Barat", _words("Sambas Sanggau"), "61"),
        ("Sumatera Utara", _words("Deli_Serdang Asahan"), "12"),
    ],
    "KH": [
        ("Prey Veng", _words("Peam_Ro Kampong_Trabaek Me_Sang"), "14"),
        ("Svay Rieng", _words("Bavet Chantrea Romeas_Haek"), "20"),
        ("Kampong Cham", _words("Cheung_Prey Prey_Chhor"), "03"),
        ("Banteay Meanchey", _words("Poipet Serei_Saophoan Malai"), "01"),
        ("Battambang", _words("Sangkae Moung_Ruessei"), "02"),
        ("Takeo", _words("Bati Tram_Kak"), "21"),
    ],
    "TH": [
        ("Udon Thani", _words("Mueang_Udon_Thani Kumphawapi"), "41"),
        ("Khon Kaen", _words("Ban_Phai Chum_Phae"), "40"),
        ("Chiang Rai", _words("Mae_Sai Chiang_Saen"), "57"),
        ("Tak", _words("Mae_Sot Phop_Phra"), "63"),
        ("Sisaket", _words("Kantharalak Uthumphon_Phisai"), "33"),
        ("Nakhon Phanom", _words("That_Phanom Tha_Uthen"), "48"),
    ],
    "LA": [
        ("Savannakhet", _words("Kaysone_Phomvihane Outhoumphone"), "13"),
        ("Champasak", _words("Pakse Champasak"), "16"),
        ("Bokeo", _words("Ton_Pheung Houayxay"), "05"),
        ("Vientiane Capital", _words("Sikhottabong Xaysetha"), "01"),
        ("Luang Namtha", _words("Sing Long"), "03"),
    ],
    "MM": [
        ("Yangon", _words("Hlaing_Thar_Yar Dagon_Myothit_(North) Thanlyin"), "12"),
        ("Mon State", _words("Mawlamyine Thaton Ye"), "10"),
        ("Kayin State", _words("Myawaddy Hpa-an"), "13"),
        ("Shan State", _words("Tachileik Taunggyi"), "13"),
        ("Bago", _words("Bago Taungoo"), "7"),
        ("Mandalay", _words("Aungmyethazan Pyin_Oo_Lwin"), "9"),
    ],
    "PH": [
        ("Pampanga", _words("Angeles Mabalacat"), "03"),
        ("Cebu", _words("Lapu-Lapu Mandaue"), "07"),
        ("Zamboanga del Sur", _words("Zamboanga_City Pagadian"), "09"),
        ("Tawi-Tawi", _words("Bongao Sitangkai"), "15"),
        ("Cotabato", _words("Kidapawan Midsayap"), "12"),
        ("Metro Manila", _words("Quezon_City Pasay Tondo"), "13"),
    ],
    "MY": [
        ("Johor", _words("Johor_Bahru Muar Batu_Pahat"), "01"),
        ("Sabah", _words("Tawau Sandakan Kota_Kinabalu"), "12"),
        ("Selangor", _words("Klang Shah_Alam Petaling_Jaya"), "10"),
        ("Kuala Lumpur", _words("Chow_Kit Cheras"), "14"),
        ("Pulau Pinang", _words("George_Town Bukit_Mertajam"), "07"),
    ],
    "LK": [
        ("Kurunegala", _words("Kuliyapitiya Pannala"), "NW"),
        ("Gampaha", _words("Negombo Ja-Ela"), "WP"),
        ("Colombo", _words("Dehiwala Maharagama"), "WP"),
        ("Kandy", _words("Gampola Peradeniya"), "CP"),
        ("Batticaloa", _words("Eravur Kattankudy"), "EP"),
        ("Anuradhapura", _words("Kekirawa Medawachchiya"), "NC"),
    ],
    "CN": [
        ("Guangxi", _words("Dongxing Pingxiang Nanning"), "45"),
        ("Fujian", _words("Fuqing Putian"), "35"),
        ("Yunnan", _words("Ruili Xishuangbanna"), "53"),
    ],
    "TW": [
        ("Taoyuan", _words("Zhongli Guishan"), "H"),
        ("Taichung", _words("Dajia Wuri"), "B"),
        ("Kaohsiung", _words("Qianzhen Gangshan"), "E"),
    ],
}

_PROVINCE_CODE = {(c, prov): code for c, places in _PLACES.items() for prov, _d, code in places}

_COMMUNES = {
    "VN": _words(
        "Quỳnh_Thạch Diễn_Kỷ Hưng_Lộc Kỳ_Tân Cẩm_Nhượng Thạch_Hải Xuân_Thành Nghi_Thiết "
        "Tân_Lập Phú_Hữu Vĩnh_Xương Long_Bình Tân_Hòa Mỹ_Đức Hòa_Lạc Sơn_Thủy Quang_Trung"
    ),
    "ID": _words(
        "Juntinyuat Karangampel Losarang Haurgeulis Kandanghaur Selong Sakra Masbagik "
        "Pringgabaya Sukamulya Sukamaju Mekarjaya Karangsari Tegalsari Sidomulyo Suka_Damai"
    ),
    "KH": _words(
        "Prey_Kdei Kampong_Popil Trapeang_Veng Svay_Chrum Ta_Kream Boeung_Trabek Chrey "
        "Kouk_Ballangk Ou_Chrov"
    ),
    "TH": _words("Ban_Nong_Khai Ban_Na_Kham Ban_Don_Yang Ban_Non_Sung Ban_Huai_Sai Ban_Pa_Sak"),
    "LA": _words("Ban_Nongbone Ban_Phonsavang Ban_Xaysavang Ban_Naxay Ban_Donkoi"),
    "MM": _words("Ward_3 Ward_7 Kyauk_Ta_Lone Thingangyun Aung_Chan_Thar Zay_Ya_Thi_Ri"),
    "PH": _words("Barangay_San_Roque Barangay_Malanday Barangay_Talon Barangay_Poblacion"),
    "MY": _words("Taman_Sri_Tebrau Kampung_Baru Taman_Bukit_Indah Taman_Melati"),
    "LK": _words("Kochchikade Dankotuwa Wennappuwa Pilimathalawa Hingurakgoda"),
    "CN": _words("Jiangping Dongxing_Zhen Mangshi"),
    "TW": _words("Zhongzheng_Dist. Pingzhen_Dist. Daliao_Dist."),
}

# Destinations: (country, place) pairs as narratives name them, and crossings per corridor.
# Each district has the same few communes every time (drawn once from the country's list).
_DISTRICT_COMMUNES = {
    (c, district): tuple(
        _COMMUNES[c][(zlib.crc32(district.encode()) + 7 * i) % len(_COMMUNES[c])] for i in range(3)
    )
    for c, places in _PLACES.items()
    for _prov, districts, _code in places
    for district in districts
}

_DEST_PLACES = {
    "KH": _words("Sihanoukville Bavet Poipet Phnom_Penh O'Smach Kampot"),
    "MM": _words("Myawaddy Shwe_Kokko Tachileik KK_Park"),
    "LA": _words("Golden_Triangle_SEZ Ton_Pheung Bokeo"),
    "MY": _words("Johor_Bahru Kuala_Lumpur Tawau Sandakan Klang"),
    "TH": _words("Mae_Sot Samut_Sakhon Songkhla Bangkok Ranong"),
    "TW": _words("Taoyuan Taichung Kaohsiung"),
    "CN": _words("Guangxi Dongxing Guangzhou"),
    "VN": _words("Móng_Cái Hà_Nội TP.HCM"),
    "ID": _words("Batam Jakarta Tanjung_Pinang"),
    "PH": _words("Manila Zamboanga"),
    "LK": _words("Colombo"),
}
_COUNTRY_WORD = _NATIONALITY_WORDS["vi"] | {"VN": "trong nước"}
_COUNTRY_WORD_ID = {
    "VN": "Vietnam", "ID": "dalam negeri", "KH": "Kamboja", "TH": "Thailand", "LA": "Laos",
    "MM": "Myanmar", "MY": "Malaysia", "PH": "Filipina", "LK": "Sri Lanka", "CN": "Tiongkok",
    "TW": "Taiwan",
}  # fmt: skip
_COUNTRY_WORD_EN = {
    "VN": "Vietnam", "ID": "Indonesia", "KH": "Cambodia", "TH": "Thailand", "LA": "Laos",
    "MM": "Myanmar", "MY": "Malaysia", "PH": "the Philippines", "LK": "Sri Lanka",
    "CN": "China", "TW": "Taiwan",
}  # fmt: skip
_CROSSINGS = {
    ("VN", "KH"): _words("Mộc_Bài Xa_Mát Tịnh_Biên Vĩnh_Xương"),
    ("VN", "CN"): _words("Móng_Cái Lào_Cai"),
    ("VN", "LA"): _words("Cầu_Treo Lao_Bảo Nậm_Cắn"),
    ("ID", "MY"): _words("Entikong Nunukan Batam Tanjung_Balai_Karimun Dumai"),
    ("KH", "TH"): _words("Poipet Cham_Yeam"),
    ("MM", "TH"): _words("Mae_Sot Mae_Sai"),
    ("LA", "TH"): _words("Friendship_Bridge Huay_Xai"),
    ("PH", "MY"): _words("Zamboanga Bongao"),
}
_AIRPORTS = {
    "VN": _words("Tân_Sơn_Nhất Nội_Bài"),
    "ID": _words("Soekarno-Hatta Juanda Kualanamu"),
    "PH": _words("NAIA Clark Mactan-Cebu"),
    "LK": _words("Bandaranaike"),
    "TH": _words("Suvarnabhumi Don_Mueang"),
    "MM": _words("Yangon_International"),
    "LA": _words("Wattay"),
    "KH": _words("Phnom_Penh_International"),
    "MY": _words("KLIA"),
}

# Where the victims of each origin country are taken (destination, weight).
_CORRIDORS = {
    "VN": _Pick(["KH", "MM", "LA", "MY", "TW", "CN", "TH", "VN"], [45, 10, 8, 8, 10, 10, 4, 5]),
    "ID": _Pick(["MY", "KH", "MM", "TW", "PH", "ID", "TH"], [45, 20, 6, 12, 4, 10, 3]),
    "KH": _Pick(["TH", "MY", "CN", "KH"], [60, 15, 10, 15]),
    "TH": _Pick(["MY", "MM", "KH", "TH", "TW"], [20, 25, 15, 30, 10]),
    "LA": _Pick(["TH", "CN", "LA"], [70, 15, 15]),
    "MM": _Pick(["TH", "MY", "CN", "MM"], [60, 15, 10, 15]),
    "PH": _Pick(["MY", "KH", "MM", "TW", "PH"], [30, 25, 15, 15, 15]),
    "LK": _Pick(["MM", "MY", "KH", "LK"], [35, 35, 15, 15]),
    "MY": _Pick(["KH", "MM", "MY"], [40, 30, 30]),
}
_ORIGINS = _Pick(list(_CORRIDORS), [28, 24, 10, 6, 6, 8, 10, 5, 3])


# --------------------------------------------------------------------------------------------
# Names

_VN_FAMILY = _Pick(
    _words(
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh "
        "Lương Mai Đoàn Cao Hà Tạ Chu Lưu Kiều Thái Tô Vương"
    ),
    [31, 11, 9.5, 7, 4, 3, 4.5, 3, 3, 2, 2, 1.4, 1.3, 1.3, 1, .5, .6, .5, .4, .4, .4, .3, .3,
     .2, .2, .2, .1, .1, .2, .1],
)  # fmt: skip
_VN_MIDDLE = {
    "M": _Pick(_words("Văn Đức Minh Quang Hữu Công Thanh Xuân Đình Ngọc Tuấn Trọng Anh"),
               [45, 8, 7, 5, 5, 4, 4, 3, 4, 3, 2, 2, 2]),
    "F": _Pick(_words("Thị Ngọc Thu Thanh Kim Phương Mỹ Hồng Bích Thùy Hoài Minh"),
               [55, 6, 5, 4, 4, 3, 3, 3, 2, 2, 1, 2]),
}  # fmt: skip
_VN_GIVEN = {
    "M": _zipf(_words(
        "Nam Hùng Dũng Tuấn Minh Hải Long Sơn Thắng Cường Hiếu Phúc Đức Huy Khánh Trung Tùng "
        "Vinh Bình Thành Hòa Tài Lợi Phong Quang Toàn Hoàng Kiên Lâm Mạnh Nghĩa Quân Thịnh "
        "Tiến Việt Hưng Đạt Duy Hậu Khoa"), 0.8),
    "F": _zipf(_words(
        "Hoa Lan Hương Mai Linh Trang Hằng Ngọc Nga Thảo Thủy Hà Huyền Nhung Phương Yến Dung "
        "Hạnh Loan Oanh Vân Anh Giang Hồng Liên Thu Tuyết Xuân My Nhi Quỳnh Trinh Hiền Lệ "
        "Diệu"), 0.8),
}  # fmt: skip
_ID_SINGLE = {
    "M": _zipf(_words("Suparman Sutrisno Sukardi Slamet Sugiono Wartono Darsono Karno Rasim "
                      "Tarmin Samsul Junaedi Kasmadi Warsito Paijo Ruslan Yusuf Jumadi")),
    "F": _zipf(_words("Sumarni Wartini Sukarti Darsih Rohati Tarsih Karsiti Sunarsih Wasiyah "
                      "Juariah Kartini Suminah Rasmini Tumini Yati Ratna Cucu Kasmi")),
}  # fmt: skip
_ID_FIRST = {
    "M": _zipf(_words("Muhammad Ahmad Agus Budi Eko Dedi Andi Rudi Joko Hendra Yusuf Arif "
                      "Rizal Fajar Dwi Bayu"), 0.7),
    "F": _zipf(_words("Siti Sri Nur Dewi Rina Wulan Ani Yuli Dian Eka Fitri Lina Ayu Indah "
                      "Putri Rini"), 0.7),
}  # fmt: skip
_ID_SECOND = {
    "M": _zipf(_words("Rizki Fauzi Setiawan Santoso Prasetyo Kurniawan Hidayat Saputra "
                      "Susanto Wijaya Gunawan Nugroho Firmansyah Ramadhan Hakim Maulana"), 0.7),
    "F": _zipf(_words("Aminah Wahyuni Rahayu Hidayah Lestari Handayani Kurniasih Yuliani "
                      "Susanti Rohmah Khodijah Fatimah Maryati Anggraini Safitri "
                      "Puspitasari"), 0.7),
}  # fmt: skip
_KM_FAMILY = _zipf(
    _words(
        "Sok Chea Kim Heng Ly Chan Keo Meas Pich Sam Ouk Prak Sorn Mao Seng "
        "Touch Nuon Yim Vann Long Khim Chhim Phan Roeun Som Sun Nhem Hem"
    ),
    0.7,
)
_KM_GIVEN = {
    "M": _zipf(_words("Dara Sophal Vuthy Rithy Piseth Samnang Kosal Veasna Sokha Vanna Sopheak "
                      "Ratanak Bunthoeun Chantha Sambath Pheakdey")),
    "F": _zipf(_words("Sreymom Sreyneang Bopha Kunthea Chenda Leakhena Sreypov Sophea Channary "
                      "Chanthy Sokunthea Dalin Malis Sreyleak Rachana Thida")),
}  # fmt: skip
_TH_GIVEN = {
    "M": _zipf(_words("Somchai Somsak Prasert Wichai Boonmee Chaiwat Thanawat Somporn Anan "
                      "Kittisak Surachai Nattapong Sombat Preecha")),
    "F": _zipf(_words("Suda Malee Nattaporn Siriporn Kanya Anong Jintana Pranee Sunisa Wanida "
                      "Ratana Pornthip Duangjai Kannika")),
}  # fmt: skip
_TH_FAMILY = _zipf(
    _words(
        "Saetang Srisuk Wongsawat Boonyarat Chaiyaporn Kaewmanee Phromma "
        "Sukjai Thongdee Rattanakorn Inthasorn Somboon Jaidee Saelim "
        "Chanthawong Phothisan Khamsuk Sriwong"
    ),
    0.5,
)
_LO_GIVEN = {
    "M": _zipf(_words("Souksavanh Khamphone Bounmy Somphone Phonesavanh Vilaysack Khamla "
                      "Bounthanh Sengphet Thongsy")),
    "F": _zipf(_words("Vilayphone Noy Manivanh Chanthala Keo Phetsamone Souphaphone Bouasone "
                      "Khampheng Noutsavanh")),
}  # fmt: skip
_LO_FAMILY = _zipf(
    _words(
        "Phommachanh Sisouphanh Keomany Vongsa Inthavong Xaysana Chanthavong "
        "Phetsomphou Sengdara Douangmala Vongphachanh Sihalath"
    ),
    0.5,
)
_MM_SYLL = {
    "M": _zipf(_words("Aung Kyaw Zaw Min Htun Naing Win Myint Soe Thant Hlaing Thura Ko Htet "
                      "Zin Lin Oo Tun Paing Phyo"), 0.6),
    "F": _zipf(_words("Mya Khin Nwe Aye Thandar Su Hnin Ei Phyu Zin Moe Thiri Yadanar Wai May "
                      "San Cho Thida Hla Nyein"), 0.6),
}  # fmt: skip
_PH_GIVEN = {
    "M": _zipf(_words("Jose Juan Mark John_Paul Rodel Ramil Jerome Christian Ronald Michael "
                      "Jayson Renato")),
    "F": _zipf(_words("Maria Ana Christine Jennifer Rowena Marites Jonalyn Mary_Grace Lorna "
                      "Analyn Rachelle Joy")),
}  # fmt: skip
_PH_FAMILY = _zipf(
    _words(
        "Santos Reyes Cruz Dela_Cruz Bautista Ocampo Garcia Mendoza Torres "
        "Villanueva Ramos Aquino Castillo Flores Gonzales Fernandez Lopez "
        "Navarro Salazar Manalo Pascual Del_Rosario"
    ),
    0.6,
)
_MS_GIVEN = {
    "M": _zipf(_words("Ahmad Mohd_Faizal Muhammad_Hafiz Azman Rosli Kamal Amirul Zulkifli "
                      "Shahrul Hairul")),
    "F": _zipf(_words("Nurul_Aina Siti_Nur Noraini Farah Aisyah Nur_Izzati Rohana Zainab "
                      "Suraya Hanis")),
}  # fmt: skip
_MS_FATHER = _zipf(_words("Ismail Hassan Abdullah Osman Yusof Ibrahim Razak Hamid Ali Salleh"))
_SI_ANCESTRAL = _zipf(
    _words("Kankanamge Mudiyanselage Arachchige Pathirannehelage Liyanage Gamage Hewage")
)
_SI_GIVEN = {
    "M": _zipf(_words("Nimal Sunil Anura Kasun Chaminda Nuwan Lahiru Pradeep Ruwan Tharindu")),
    "F": _zipf(_words("Kumari Dilani Sanduni Chamari Nadeeka Shanika Iresha Malkanthi Sewwandi "
                      "Anusha")),
}  # fmt: skip
_SI_FAMILY = _zipf(
    _words(
        "Perera Fernando Silva Dissanayake Bandara Jayasinghe Rathnayake "
        "Herath Wijesinghe Gunawardena Kumara"
    ),
    0.6,
)
_ZH_FAMILY = _zipf(_words("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Lin"), 0.6)
_ZH_GIVEN = _zipf(_words("Wei Jun Hao Ming Long Qiang Bo Tao Jie Lei Hui Peng Jianguo Xiaoming"))
_HANZI = {
    "Wang": "王", "Li": "李", "Zhang": "张", "Liu": "刘", "Chen": "陈", "Yang": "杨",
    "Huang": "黄", "Zhao": "赵", "Wu": "吴", "Zhou": "周", "Lin": "林", "Wei": "伟", "Jun": "军",
    "Hao": "浩", "Ming": "明", "Long": "龙", "Qiang": "强", "Bo": "波", "Tao": "涛", "Jie": "杰",
    "Lei": "磊", "Hui": "辉", "Peng": "鹏", "Jianguo": "建国", "Xiaoming": "小明",
}  # fmt: skip

# Very common full names, given to common_name_rate of people: (family, middles, given).
_COMMON_NAMES: dict[str, dict[str, _Pick]] = {
    "VN": {
        "M": _zipf([("Nguyễn", ("Văn",), ("Nam",)), ("Nguyễn", ("Văn",), ("Hùng",)),
                    ("Trần", ("Văn",), ("Dũng",)), ("Nguyễn", ("Văn",), ("Tuấn",))]),
        "F": _zipf([("Nguyễn", ("Thị",), ("Hoa",)), ("Nguyễn", ("Thị",), ("Hương",)),
                    ("Trần", ("Thị",), ("Lan",)), ("Nguyễn", ("Thị",), ("Mai",))]),
    },
    "ID": {
        "M": _zipf([("", (), ("Muhammad", "Rizki")), ("", (), ("Agus", "Setiawan")),
                    ("", (), ("Suparman",)), ("", (), ("Budi", "Santoso"))]),
        "F": _zipf([("", (), ("Siti", "Aminah")), ("", (), ("Sri", "Wahyuni")),
                    ("", (), ("Nur", "Hidayah")), ("", (), ("Siti", "Rohmah"))]),
    },
    "KH": {"M": _zipf([("Sok", (), ("Dara",)), ("Chea", (), ("Sophal",))]),
           "F": _zipf([("Sok", (), ("Sreymom",)), ("Chan", (), ("Bopha",))])},
    "PH": {"M": _zipf([("Dela Cruz", ("Santos",), ("Juan",))]),
           "F": _zipf([("Santos", ("Reyes",), ("Maria",)), ("Dela Cruz", ("Cruz",), ("Maria",))])},
    "MM": {"M": _zipf([("", (), ("Aung", "Ko", "Ko"))]), "F": _zipf([("", (), ("Mya", "Mya"))])},
}  # fmt: skip

_SPELLING = {
    # Khmer, Thai, Lao, Burmese romanisation variants and Vietnamese accent placement.
    "Sophal": ("Sophall", "Sophorl"), "Chanthy": ("Chanthi", "Chanthey"), "Sreymom": ("Srey Mom",
    "Sreymum"), "Vanna": ("Vana",), "Dara": ("Darah",), "Sokha": ("Sokhar",), "Rithy": ("Rithi",),
    "Piseth": ("Pisith",), "Bopha": ("Bupha",), "Chea": ("Chia",), "Heng": ("Hieng",),
    "Chhim": ("Chim",), "Ouk": ("Uk",), "Nuon": ("Noun",), "Sreyneang": ("Srey Neang",),
    "Somchai": ("Somchay",), "Wongsawat": ("Wongsawad",), "Kaewmanee": ("Keawmanee",
    "Kaewmani"), "Siriporn": ("Siriphon",), "Nattaporn": ("Nattaphon",), "Prasert": ("Prasoet",),
    "Boonmee": ("Bunmi",), "Jaidee": ("Chaidee",), "Thongdee": ("Thongdi",),
    "Souksavanh": ("Souksavan", "Souksavang"), "Phonesavanh": ("Phonsavan",),
    "Xaysana": ("Saysana",), "Phommachanh": ("Phommachan",), "Vilayphone": ("Vilayphon",),
    "Htun": ("Tun", "Htoon"), "Nwe": ("Nway",), "Khin": ("Khinn",), "Myint": ("Myin",),
    "Thein": ("Thane",), "Hòa": ("Hoà",), "Thủy": ("Thuỷ",), "Thùy": ("Thuỳ",),
    "Hòe": ("Hoè",), "Dela Cruz": ("De La Cruz", "Delacruz", "dela Cruz"),
    "Del Rosario": ("Delrosario",), "Muhammad": ("Muhamad", "Mohammad", "Moh.", "M."),
    "Nur": ("Noor",), "Siti": ("St.",), "Mohd Faizal": ("Mohamad Faizal",),
}  # fmt: skip


def _id_old_spelling(token: str, rng: random.Random) -> str:
    """Indonesian names in the pre-1972 spelling: oe for u, dj for j, tj for c, j for y."""
    options = []
    if "u" in token:
        options.append(token.replace("u", "oe"))
    if "j" in token.lower():
        options.append(token.replace("j", "dj").replace("J", "Dj"))
    if "c" in token.lower():
        options.append(token.replace("c", "tj").replace("C", "Tj"))
    if "y" in token.lower():
        options.append(token.replace("y", "j").replace("Y", "J"))
    return _ch(rng, options) if options else token


# --------------------------------------------------------------------------------------------
# Handles, banks, agencies


_BANKS = {
    "VN": [("Vietcombank", "VCB", "0071{9}", 3), ("BIDV", "BIDV", "1201{10}", 2),
           ("VietinBank", "CTG", "1010{8}", 2), ("Agribank", "AGR", "1500{9}", 2),
           ("Techcombank", "TCB", "1903{10}", 2), ("MB Bank", "MB", "0{12}", 1),
           ("Sacombank", "STB", "0601{8}", 1), ("MoMo", "MoMo", "phone", 1.5)],
    "ID": [("BCA", "BCA", "{10}", 3), ("BRI", "BRI", "bri", 3), ("Mandiri", "Mandiri",
           "1{12}", 2), ("BNI", "BNI", "0{9}", 2), ("GoPay", "GoPay", "phone", 1),
           ("DANA", "DANA", "phone", 1), ("OVO", "OVO", "phone", 0.5)],
    "KH": [("ABA Bank", "ABA", "{9}", 3), ("ACLEDA", "ACLEDA", "{13}", 2),
           ("Wing", "Wing", "phone", 1.5)],
    "TH": [("Kasikornbank", "KBank", "{10}", 2), ("SCB", "SCB", "{10}", 1),
           ("Bangkok Bank", "BBL", "{10}", 1), ("TrueMoney", "TrueMoney", "phone", 1)],
    "PH": [("BDO", "BDO", "{12}", 2), ("BPI", "BPI", "{10}", 1), ("GCash", "GCash", "phone", 2)],
    "MY": [("Maybank", "MBB", "1{11}", 2), ("CIMB", "CIMB", "{10}", 1),
           ("Public Bank", "PBB", "{10}", 1), ("Touch 'n Go", "TNG", "phone", 1)],
    "LA": [("BCEL", "BCEL", "{15}", 2)],
    "MM": [("KBZ Bank", "KBZ", "{17}", 1), ("KBZPay", "KBZPay", "phone", 2),
           ("Wave Money", "Wave", "phone", 1)],
    "LK": [("Bank of Ceylon", "BOC", "{8}", 2), ("Commercial Bank", "ComBank", "{10}", 1),
           ("Sampath Bank", "Sampath", "{12}", 1)],
    "CN": [("USDT TRC20", "USDT", "usdt", 3), ("Alipay", "Alipay", "phone", 1)],
    "TW": [("Cathay United Bank", "Cathay", "{12}", 1)],
}  # fmt: skip
_BANK_PICK = {c: _Pick(v, [b[3] for b in v]) for c, v in _BANKS.items()}
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

_PLATFORMS = {
    # nationality -> platforms a person may use (with weights)
    "VN": _Pick(["facebook", "zalo", "telegram"], [4, 4, 1]),
    "ID": _Pick(["facebook", "whatsapp", "telegram", "instagram"], [4, 4, 1, 1]),
    "KH": _Pick(["facebook", "telegram"], [3, 3]),
    "TH": _Pick(["line", "facebook"], [4, 3]),
    "LA": _Pick(["whatsapp", "facebook", "line"], [3, 3, 1]),
    "MM": _Pick(["viber", "facebook", "telegram"], [4, 4, 1]),
    "PH": _Pick(["facebook", "whatsapp", "telegram"], [5, 2, 1]),
    "MY": _Pick(["whatsapp", "facebook", "wechat"], [4, 3, 1]),
    "LK": _Pick(["whatsapp", "imo", "viber", "facebook"], [4, 2, 2, 2]),
    "CN": _Pick(["wechat", "telegram"], [4, 2]),
    "TW": _Pick(["line", "wechat"], [3, 1]),
}

# (code, country, kind, name, located_in, case_ref pattern)
_AGENCIES: list[tuple[str, str, str, str, str, str]] = [
    ("VN-CA-NA", "VN", "police", "Phòng Cảnh sát hình sự - Công an tỉnh Nghệ An", "VN",
     "{n:03d}/{yyyy}/PC02-NA"),
    ("VN-CA-HT", "VN", "police", "Công an tỉnh Hà Tĩnh", "VN", "{n:03d}/{yyyy}/PC02-HT"),
    ("VN-CA-TH", "VN", "police", "Công an tỉnh Thanh Hóa", "VN", "{n:03d}/{yyyy}/PC02-TH"),
    ("VN-CA-AG", "VN", "police", "Công an tỉnh An Giang", "VN", "{n:03d}/{yyyy}/PC02-AG"),
    ("VN-C02", "VN", "police", "Cục Cảnh sát hình sự (C02) - Bộ Công an", "VN",
     "C02-{yyyy}-{n:04d}"),
    ("VN-BP-TN", "VN", "border", "Bộ đội Biên phòng tỉnh Tây Ninh", "VN", "BP-TN/{yy}/{n:04d}"),
    ("VN-BP-LC", "VN", "border", "Bộ đội Biên phòng tỉnh Lào Cai", "VN", "BP-LC/{yy}/{n:04d}"),
    ("VN-XNC", "VN", "immigration", "Cục Quản lý xuất nhập cảnh", "VN", "XNC-{yyyy}-{n:05d}"),
    ("VN-DOLAB", "VN", "labour", "Cục Quản lý lao động ngoài nước", "VN", "QLLĐNN/{yyyy}/{n}"),
    ("VN-DSQ-KH", "VN", "consular", "Đại sứ quán Việt Nam tại Campuchia - Bộ phận lãnh sự", "KH",
     "LS-PNH/{yyyy}/{n:04d}"),
    ("VN-DSQ-MY", "VN", "consular", "Đại sứ quán Việt Nam tại Malaysia - Bộ phận lãnh sự", "MY",
     "LS-KUL/{yyyy}/{n:04d}"),
    ("VN-DSQ-MM", "VN", "consular", "Đại sứ quán Việt Nam tại Myanmar", "MM",
     "LS-YGN/{yyyy}/{n:04d}"),
    ("VN-VP-TW", "VN", "consular", "Văn phòng Kinh tế Văn hóa Việt Nam tại Đài Bắc", "TW",
     "VPDB-{yyyy}-{n:04d}"),
    ("VN-SH-HN", "VN", "shelter", "Nhà tạm lánh Hướng Dương (Hà Nội)", "VN", "HD-{yy}{n:04d}"),
    ("VN-NGO-HCM", "VN", "ngo", "Trung tâm Hỗ trợ Di cư An toàn (TP.HCM)", "VN",
     "DCAT-{yyyy}-{n:04d}"),
    ("ID-POLDA-JABAR", "ID", "police", "Ditreskrimum Polda Jawa Barat", "ID",
     "LP/B/{n}/{roman}/{yyyy}/SPKT/POLDA JABAR"),
    ("ID-POLDA-NTT", "ID", "police", "Ditreskrimum Polda Nusa Tenggara Timur", "ID",
     "LP/B/{n}/{roman}/{yyyy}/SPKT/POLDA NTT"),
    ("ID-POLDA-NTB", "ID", "police", "Ditreskrimum Polda Nusa Tenggara Barat", "ID",
     "LP/B/{n}/{roman}/{yyyy}/SPKT/POLDA NTB"),
    ("ID-POLRES-IMY", "ID", "police", "Satreskrim Polres Indramayu", "ID",
     "LP/B/{n}/{roman}/{yyyy}/JBR/RES IMY"),
    ("ID-BARESKRIM", "ID", "police", "Dittipidum Bareskrim Polri", "ID",
     "LP/A/{n}/{roman}/{yyyy}/SPKT/BARESKRIM POLRI"),
    ("ID-IMI-BTM", "ID", "immigration", "Kantor Imigrasi Kelas I Khusus Batam", "ID",
     "W.32.IMI.1-{n}/{yyyy}"),
    ("ID-IMI-CGK", "ID", "immigration", "Kantor Imigrasi Bandara Soekarno-Hatta", "ID",
     "W.11.IMI.3-{n}/{yyyy}"),
    ("ID-BP2MI", "ID", "labour", "BP2MI - Direktorat Pelindungan dan Pemberdayaan", "ID",
     "ADU/{n:05d}/{yyyy}"),
    ("ID-KBRI-PNH", "ID", "consular", "KBRI Phnom Penh - Fungsi Pelindungan WNI", "KH",
     "PWNI-PNH/{yyyy}/{n:04d}"),
    ("ID-KBRI-KUL", "ID", "consular", "KBRI Kuala Lumpur - Satgas Pelindungan WNI", "MY",
     "PWNI-KUL/{yyyy}/{n:04d}"),
    ("ID-KJRI-BKI", "ID", "consular", "KJRI Kota Kinabalu", "MY", "PWNI-BKI/{yyyy}/{n:04d}"),
    ("ID-KDEI-TPE", "ID", "consular", "KDEI Taipei", "TW", "KDEI/{yyyy}/{n:04d}"),
    ("ID-KBRI-YGN", "ID", "consular", "KBRI Yangon", "MM", "PWNI-YGN/{yyyy}/{n:04d}"),
    ("ID-SH-JKT", "ID", "shelter", "Rumah Aman Harapan Migran (Jakarta)", "ID",
     "RAHM-{yy}-{n:04d}"),
    ("ID-NGO", "ID", "ngo", "Yayasan Peduli Buruh Migran Nusantara", "ID", "YPBMN/{yyyy}/{n}"),
    ("KH-AHTJP-PP", "KH", "police",
     "Anti-Human Trafficking and Juvenile Protection Dept., Phnom Penh", "KH",
     "AHTJP-PP-{yyyy}-{n:04d}"),
    ("KH-AHTJP-BMC", "KH", "police", "Banteay Meanchey Provincial Police - AHTJP", "KH",
     "BMC-{yyyy}-{n:04d}"),
    ("KH-AHTJP-SHV", "KH", "police", "Preah Sihanouk Provincial Police - AHTJP", "KH",
     "SHV-{yyyy}-{n:04d}"),
    ("KH-GDI", "KH", "immigration", "General Department of Immigration", "KH",
     "GDI/{yyyy}/{n:05d}"),
    ("KH-PTC", "KH", "shelter", "Poipet Transit Centre (MoSVY)", "KH", "PTC-{yyyy}-{n:04d}"),
    ("KH-NGO", "KH", "ngo", "Khmer Safe Return Organisation", "KH", "KSR-{yy}{n:04d}"),
    ("KH-EMB-TH", "KH", "consular", "Royal Embassy of Cambodia in Bangkok - Consular Section",
     "TH", "KHEMB-BKK/{yyyy}/{n:04d}"),
    ("TH-ATPD", "TH", "police", "Royal Thai Police - Anti-Trafficking in Persons Division", "TH",
     "ATPD {n}/{be}"),
    ("TH-TAK", "TH", "police", "Tak Provincial Police (Mae Sot)", "TH", "MS {n}/{be}"),
    ("TH-IMM-MS", "TH", "immigration", "Immigration Checkpoint Mae Sot", "TH", "IMM-MS {n}/{be}"),
    ("TH-DOE", "TH", "labour", "Department of Employment - Ministry of Labour", "TH",
     "DOE {n}/{be}"),
    ("TH-SH-RN", "TH", "shelter", "Protection and Occupational Development Centre, Ranong", "TH",
     "PODC-RN {n}/{be}"),
    ("TH-NGO", "TH", "ngo", "Mekong Migrant Rights Network (Chiang Rai)", "TH",
     "MMRN-{yyyy}-{n:04d}"),
    ("LA-AHTD", "LA", "police", "Anti-Human Trafficking Department, Ministry of Public Security",
     "LA", "AHTD-{yyyy}-{n:04d}"),
    ("LA-SVK", "LA", "police", "Savannakhet Provincial Police", "LA", "SVK/{yyyy}/{n:04d}"),
    ("LA-BOKEO", "LA", "police", "Bokeo Provincial Police (Ton Pheung)", "LA",
     "BK/{yyyy}/{n:04d}"),
    ("LA-SH-VTE", "LA", "shelter", "Vientiane Women and Children Shelter", "LA",
     "VWCS-{yy}-{n:04d}"),
    ("LA-EMB-TH", "LA", "consular", "Embassy of the Lao PDR in Bangkok", "TH",
     "LAEMB/{yyyy}/{n:04d}"),
    ("MM-ATIPD", "MM", "police", "Myanmar Police Force - Anti-Trafficking in Persons Division",
     "MM", "ATIPD-{yyyy}-{n:04d}"),
    ("MM-IMM-MWD", "MM", "immigration", "Myawaddy Immigration Office", "MM",
     "MWD/{yyyy}/{n:04d}"),
    ("MM-DSW", "MM", "shelter", "Department of Social Welfare - Yangon Reception Centre", "MM",
     "DSW-YGN-{yyyy}-{n:04d}"),
    ("MM-EMB-TH", "MM", "consular", "Embassy of Myanmar in Bangkok - Labour Attaché", "TH",
     "MMEMB/{yyyy}/{n:04d}"),
    ("MM-NGO-MS", "MM", "ngo", "Myanmar Migrant Help Desk (Mae Sot)", "TH", "MHD-{yy}{n:04d}"),
    ("MY-D3", "MY", "police", "PDRM Bukit Aman D3 (ATIPSOM)", "MY",
     "BA/D3/{n}/{yyyy}"),
    ("MY-IPK-JHR", "MY", "police", "IPK Johor - D3", "MY", "JHR/D3/{n}/{yyyy}"),
    ("MY-JIM-JHR", "MY", "immigration", "Jabatan Imigresen Malaysia - Johor", "MY",
     "JIM.JHR.{yyyy}.{n:05d}"),
    ("MY-JIM-SBH", "MY", "immigration", "Jabatan Imigresen Malaysia - Sabah", "MY",
     "JIM.SBH.{yyyy}.{n:05d}"),
    ("MY-JTK", "MY", "labour", "Jabatan Tenaga Kerja Semenanjung Malaysia", "MY",
     "JTK/{yyyy}/{n:05d}"),
    ("MY-SH-KL", "MY", "shelter", "Rumah Perlindungan Wanita Kuala Lumpur", "MY",
     "RPW-{yy}-{n:04d}"),
    ("MY-NGO", "MY", "ngo", "Migrant Workers Aid Centre Penang", "MY", "MWAC-{yyyy}-{n:04d}"),
    ("PH-IACAT", "PH", "police", "IACAT - NAIA Task Force Against Trafficking", "PH",
     "IACAT-NAIA-{yyyy}-{n:04d}"),
    ("PH-NBI", "PH", "police", "NBI Anti-Human Trafficking Division", "PH",
     "NBI-AHTRAD-{yyyy}-{n:04d}"),
    ("PH-BI", "PH", "immigration", "Bureau of Immigration - NAIA Terminal 3", "PH",
     "BI-T3-{yyyy}-{n:05d}"),
    ("PH-DMW", "PH", "labour", "Department of Migrant Workers", "PH", "DMW-{yyyy}-{n:05d}"),
    ("PH-EMB-KH", "PH", "consular", "Philippine Embassy Phnom Penh - Assistance to Nationals",
     "KH", "ATN-PNH-{yyyy}-{n:04d}"),
    ("PH-EMB-MY", "PH", "consular", "Philippine Embassy Kuala Lumpur - ATN", "MY",
     "ATN-KUL-{yyyy}-{n:04d}"),
    ("PH-SH-PSY", "PH", "shelter", "DSWD Recovery and Reintegration Centre, Pasay", "PH",
     "RRC-{yy}-{n:04d}"),
    ("PH-NGO-ZAM", "PH", "ngo", "Zamboanga Migrant Support Centre", "PH", "ZMSC-{yyyy}-{n:04d}"),
    ("LK-CID", "LK", "police", "CID Human Trafficking Investigation Unit", "LK",
     "CID/HTIU/{n}/{yyyy}"),
    ("LK-BIA", "LK", "immigration", "Department of Immigration and Emigration - BIA", "LK",
     "BIA/{yyyy}/{n:04d}"),
    ("LK-SLBFE", "LK", "labour", "Sri Lanka Bureau of Foreign Employment", "LK",
     "SLBFE/C/{yyyy}/{n:05d}"),
    ("LK-EMB-MM", "LK", "consular", "Embassy of Sri Lanka in Yangon", "MM",
     "SLEMB-YGN/{yyyy}/{n:04d}"),
    ("LK-HC-MY", "LK", "consular", "High Commission of Sri Lanka in Kuala Lumpur", "MY",
     "SLHC-KUL/{yyyy}/{n:04d}"),
    ("LK-SH-NEG", "LK", "shelter", "Negombo Safe House", "LK", "NSH-{yy}-{n:04d}"),
]  # fmt: skip
_KIND_WEIGHT = {
    "police": 3.0,
    "border": 1.0,
    "immigration": 1.2,
    "labour": 0.8,
    "consular": 1.5,
    "shelter": 1.3,
    "ngo": 1.0,
}
_HOTLINES = {
    "VN": "111",
    "ID": "129",
    "TH": "1300",
    "PH": "1343",
    "MY": "15999",
    "KH": "1288",
    "LK": "1929",
}


@dataclasses.dataclass
class _Agency:
    code: str
    country: str
    kind: str
    name: str
    located_in: str
    ref: str
    lang: str
    counter: int
    desk: tuple[str, str] | None = None  # (country, nsn) of the desk phone or hotline
    desk_address: str = ""


# --------------------------------------------------------------------------------------------
# Narrative templates. Slots: alias dest border salary amount phone handle account hotline
# company relation.

_NOTES: dict[str, dict[str, Sequence[str]]] = {
    "vi": {
        "victim": (
            "Nạn nhân được {alias} rủ đi làm việc nhẹ lương cao tại {dest}.",
            "Nạn nhân quen {alias} qua Facebook, được hứa việc làm ở {dest} với mức lương "
            "{salary} USD/tháng.",
            "Nạn nhân được đưa qua {border} sang {dest}, sau đó bị bán cho công ty khác.",
        ),
        "victim_compound": (
            "Nạn nhân bị lừa sang {dest} làm việc cho công ty lừa đảo trực tuyến, bị giữ hộ chiếu.",
            "Nạn nhân bị ép làm việc 14 tiếng mỗi ngày trong khu công ty tại {dest}, bị đánh "
            "đập khi không đạt chỉ tiêu.",
        ),
        "victim_phone": (
            "Đối tượng liên hệ với nạn nhân qua số {phone}.",
            "Liên hệ qua số {phone}.",
            "Nạn nhân được hướng dẫn gọi số {phone} khi đến {dest}.",
            "Người môi giới dùng Zalo {phone} để liên lạc.",
        ),
        "own_phone": (
            "Số điện thoại của nạn nhân: {phone}.",
            "Nạn nhân gọi về cho gia đình từ số {phone}.",
        ),
        "victim_handle": (
            "Đối tượng dùng Telegram {handle} để trao đổi với nạn nhân.",
            "Liên lạc với người tuyển dụng qua {handle}.",
        ),
        "victim_account": (
            "Gia đình đã chuyển {amount_vnd} đồng tiền chuộc vào tài khoản {account}.",
            "Nạn nhân chuyển tiền phí vào tài khoản {account}.",
            "Chuyển tiền vào tài khoản {account}.",
        ),
        "hotline": (
            "Gia đình đã gọi đường dây nóng {hotline} để trình báo.",
            "Vụ việc được tiếp nhận qua tổng đài {hotline}.",
        ),
        "recruiter": (
            "Đối tượng tuyển người đi làm việc tại {dest}, hứa hẹn lương cao, bao ăn ở.",
            "Đối tượng giới thiệu là nhân viên {company}.",
        ),
        "broker": ("Đối tượng môi giới, nhận tiền của đường dây tại {dest}.",),
        "driver": (
            "Đối tượng lái xe đưa người đến khu vực {border}.",
            "Đối tượng chở nạn nhân qua đường mòn gần {border}.",
        ),
        "employer": ("Đối tượng quản lý công ty tại {dest}, giữ giấy tờ của người lao động.",),
        "suspect_phone": (
            "Đối tượng sử dụng số {phone} để tuyển người.",
            "Thuê bao {phone} do đối tượng sử dụng.",
        ),
        "suspect_handle": ("Đối tượng dùng tài khoản {handle} để đăng tin tuyển dụng.",),
        "suspect_account": ("Đối tượng nhận tiền qua tài khoản {account}.",),
        "witness": (
            "{relation} của nạn nhân, đến trình báo tại công an xã.",
            "{relation} của nạn nhân.",
        ),
        "witness_phone": ("Số điện thoại liên hệ: {phone}.",),
    },
    "id": {
        "victim": (
            "Korban direkrut oleh {alias} dengan janji gaji tinggi di {dest}.",
            "Korban dijanjikan bekerja sebagai admin online di {dest} dengan gaji {salary} USD "
            "per bulan, tanpa pengalaman.",
            "Korban diberangkatkan secara nonprosedural lewat {border} menuju {dest}.",
            "Paspor korban ditahan oleh perusahaan di {dest}.",
        ),
        "victim_compound": (
            "Korban dipaksa bekerja sebagai scammer online di {dest} dan tidak digaji.",
            "Korban berhasil kabur dari kompleks perusahaan di {dest} dan melapor ke KBRI.",
        ),
        "victim_phone": (
            "Korban diminta hubungi {phone} lewat WhatsApp.",
            "Perekrut menghubungi korban dari nomor {phone}.",
            "hubungi {phone} lewat WhatsApp untuk info keberangkatan.",
        ),
        "own_phone": (
            "Nomor HP korban {phone}.",
            "Korban menghubungi keluarga dari nomor {phone}.",
        ),
        "victim_handle": (
            "Komunikasi dengan perekrut lewat Telegram {handle}.",
            "Perekrut memakai akun {handle}.",
        ),
        "victim_account": (
            "Biaya keberangkatan Rp {amount_idr} ditransfer ke rekening {account}.",
            "Keluarga mentransfer uang tebusan ke rekening {account}.",
        ),
        "hotline": (
            "Keluarga melapor lewat hotline {hotline}.",
            "Kasus dilaporkan melalui layanan {hotline}.",
        ),
        "recruiter": (
            "Tersangka merekrut calon PMI ke {dest} tanpa prosedur resmi.",
            "Tersangka mengaku dari {company}.",
        ),
        "broker": ("Tersangka berperan sebagai sponsor/calo yang mengurus paspor korban.",),
        "driver": ("Tersangka mengantar korban ke {border}.",),
        "employer": ("Tersangka adalah pengelola perusahaan di {dest}.",),
        "suspect_phone": (
            "Tersangka menggunakan nomor {phone} untuk merekrut korban.",
            "HP tersangka: {phone}.",
        ),
        "suspect_handle": ("Akun {handle} dipakai untuk memasang iklan lowongan.",),
        "suspect_account": ("Tersangka menerima uang melalui rekening {account}.",),
        "witness": ("{relation} korban, melapor ke Polres.", "{relation} korban."),
        "witness_phone": ("No. HP saksi {phone}.",),
    },
    "en": {
        "victim": (
            "The victim was recruited by {alias} with a promise of a high-paying job in {dest}.",
            "Victim was offered work as a customer service agent in {dest}, salary {salary} USD, "
            "free visa and ticket.",
            "The victim was trafficked through {border} and sold to a company in {dest}.",
        ),
        "victim_compound": (
            "Victim escaped from a compound in {dest} and was referred by the embassy.",
            "Victim was held in a scam compound in {dest} and forced to work 14 hours a day.",
        ),
        "victim_phone": (
            "She called the number {phone} given in the advertisement.",
            "Recruiter contacted the victim from {phone}.",
            "The victim called the number {phone} on arrival.",
        ),
        "own_phone": ("Victim can be reached at {phone}.", "Victim's phone: {phone}."),
        "victim_handle": ("The recruiter used Telegram {handle}.", "Contact was via {handle}."),
        "victim_account": (
            "The family transferred {amount} USD to account {account}.",
            "Recruitment fee was transferred to account {account}.",
        ),
        "hotline": (
            "The case was reported through the {hotline} hotline.",
            "Family called hotline {hotline}.",
        ),
        "recruiter": (
            "Suspect recruited workers for jobs in {dest}.",
            "Suspect claimed to work for {company}.",
        ),
        "broker": ("Suspect acted as broker and arranged passports and tickets.",),
        "driver": (
            "Suspect drove the victims to {border}.",
            "Suspect drove the group to the border near {border}.",
        ),
        "employer": ("Suspect manages a company in {dest} that held workers' passports.",),
        "suspect_phone": (
            "Suspect used the number {phone} to recruit victims.",
            "Phone used by suspect: {phone}.",
        ),
        "suspect_handle": ("Suspect posted job ads from the account {handle}.",),
        "suspect_account": ("Payments were received on account {account}.",),
        "witness": ("{relation} of the victim; filed the complaint.", "{relation} of the victim."),
        "witness_phone": ("Contact: {phone}.",),
    },
}
_RELATIONS = {
    "vi": ("Mẹ", "Bố", "Chị gái", "Anh trai", "Chồng", "Vợ", "Hàng xóm"),
    "id": ("Ibu", "Ayah", "Kakak", "Suami", "Istri", "Tetangga"),
    "en": ("Mother", "Father", "Sister", "Brother", "Husband", "Wife", "Neighbour"),
}
_COMPANY = {
    "vi": (("Công ty TNHH", "Công ty CP"), ("Xuất khẩu Lao động", "Thương mại Dịch vụ",
           "Đầu tư Quốc tế"), ("Hưng Thịnh", "Phú Quý", "Thành Công", "Đại Phát", "Minh Long",
           "Hoàng Gia", "An Khang", "Kim Ngân")),
    "id": (("PT",), ("Sinar", "Mitra", "Karya", "Bintang", "Cahaya", "Putra"),
           ("Jaya Abadi", "Sejahtera", "Mandiri", "Utama", "Nusantara", "Perkasa")),
    "en": (("",), ("Golden", "Lucky", "Grand", "Royal", "Asia", "Star"),
           ("Dragon Technology Co., Ltd.", "Fortune Entertainment", "Pacific Trading",
            "Phoenix Investment Group", "Crown Resorts Co.")),
}  # fmt: skip
_JUNK = (
    "not-a-phone",
    "0",
    "n/a",
    "N/A",
    "không có",
    "tidak ada",
    "-",
    "unknown",
    "none",
    "x",
    "0000000000",
    "chưa rõ",
    "tidak diketahui",
    "?",
    "NIL",
)


# --------------------------------------------------------------------------------------------
# People


class _Person:
    __slots__ = (
        "accounts",
        "alias",
        "common",
        "dob",
        "emails",
        "extra",
        "fam_phone",
        "family",
        "gender",
        "given",
        "handles",
        "home",
        "ids",
        "kind",
        "middle",
        "nat",
        "phones",
        "pid",
    )

    def __init__(self, pid: str, nat: str, gender: str) -> None:
        self.pid = pid
        self.nat = nat
        self.gender = gender
        self.kind = ""
        self.family = ""
        self.middle: tuple[str, ...] = ()
        self.given: tuple[str, ...] = ()
        self.extra = ""  # father's name (bin/binti), Sinhala ancestral name
        self.common = False
        self.dob: dt.date | None = None
        self.phones: list[tuple[str, str]] = []
        self.emails: list[str] = []
        self.handles: list[tuple[str, str]] = []
        self.accounts: list[tuple[tuple[str, str, str, float], str]] = []
        self.ids: list[tuple[str, str]] = []
        self.home: tuple[str, str, str, str] = (
            "",
            "",
            "",
            "",
        )  # country, province, district, commune
        self.alias = ""
        self.fam_phone: tuple[str, str] | None = None


class _Net:
    __slots__ = (
        "agencies",
        "agency_pick",
        "brokers",
        "company",
        "countries",
        "dest",
        "drivers",
        "employers",
        "nid",
        "origins",
        "rec_pick",
        "recruiters",
        "remaining",
        "span",
        "start",
    )

    def __init__(self) -> None:
        self.nid = ""
        self.origins: list[str] = []
        self.dest = ""
        self.countries: set[str] = set()
        self.agencies: list[_Agency] = []
        self.agency_pick: _Pick | None = None
        self.recruiters: list[_Person] = []
        self.rec_pick: _Pick | None = None
        self.brokers: list[_Person] = []
        self.drivers: list[_Person] = []
        self.employers: list[_Person] = []
        self.company = ""
        self.remaining = 0
        self.start = 0
        self.span = 0


# --------------------------------------------------------------------------------------------
# Record generator

_SEPS = _Pick([" ", "-", ".", ""], [45, 25, 8, 22])
_INTL_STYLES = _Pick(
    ["e164", "e164_spaced", "no_plus", "paren", "00", "trunk_kept"], [35, 25, 15, 12, 5, 8]
)
_MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_EMAIL_DOMAINS = {
    "VN": _Pick(["gmail.com", "yahoo.com", "yahoo.com.vn", "outlook.com"], [80, 8, 8, 4]),
    "ID": _Pick(["gmail.com", "yahoo.co.id", "yahoo.com", "ymail.com"], [80, 8, 8, 4]),
    "CN": _Pick(["qq.com", "163.com", "gmail.com"], [60, 25, 15]),
}
_EMAIL_DEFAULT = _Pick(["gmail.com", "yahoo.com", "hotmail.com", "outlook.com"], [75, 10, 8, 7])
_MM_TOWNSHIPS = ("ThaGaKa", "KaMaYa", "LaMaNa", "MaYaNa", "PaBaTa", "DaGaNa", "KaTaNa", "MaWaTa")
_SUSPECT_ROLES = ("recruiter", "broker", "driver", "employer")
_PHONE_COUNTS = {
    "recruiter": (1, 1, 2, 2, 3),
    "broker": (1, 1, 2),
    "driver": (1,),
    "employer": (1, 2),
}
_HANDLE_COUNTS = {
    "recruiter": (1, 2, 2, 3),
    "broker": (0, 1, 2),
    "driver": (0, 0, 1),
    "employer": (1, 1, 2),
}
_ACCOUNT_COUNTS = {"recruiter": (0, 1, 1, 2), "broker": (0, 1), "driver": (0,), "employer": (0, 1)}


class _RecordGenerator:
    def __init__(self, n: int, seed: int, knobs: RecordKnobs) -> None:
        if n < 0:
            raise ValueError(f"n must be 0 or more, got {n}")
        self.n = n
        self.k = knobs
        self.rng = random.Random(f"regional-records:{seed}")
        self.issued: set[int | str] = set()
        self.person_seq = 0
        self.isolated_seq = 0
        self.families: list[tuple[_Person, tuple[str, str]]] = []
        self.sim_pool: dict[str, list[tuple[str, int]]] = {}
        self.agencies: list[_Agency] = []
        rng = self.rng
        for code, country, kind, name, located, ref in _AGENCIES:
            lang = {"VN": "vi", "ID": "id"}.get(country, "en")
            ag = _Agency(code, country, kind, name, located, ref, lang, _rr(rng, 1, 400))
            if kind in ("shelter", "ngo", "consular"):
                where = located
                if kind == "ngo" and rng.random() < 0.5:
                    ag.desk = (where, self._new_mobile(where))
                else:
                    prefix, length = _ch(rng, COUNTRIES[where].landline)
                    ag.desk = (where, prefix + _digits(rng, length - len(prefix)))
                province, districts, _code = _ch(rng, _PLACES[where])
                ag.desk_address = f"{_ch(rng, districts)}, {province}"
            self.agencies.append(ag)
        hubs = [a for a in self.agencies if a.desk]
        rng.shuffle(hubs)
        self.hub_pick = _zipf(hubs, 0.9)
        # Hubs a victim's record may name: those of the agency's country or located there.
        self.local_hubs = {
            c: _zipf([a for a in hubs if c in (a.country, a.located_in)] or hubs, 0.9)
            for c in COUNTRIES
        }
        self.by_country: dict[str, list[_Agency]] = {}
        self.located: dict[str, list[_Agency]] = {}
        for a in self.agencies:
            self.by_country.setdefault(a.country, []).append(a)
            self.located.setdefault(a.located_in, []).append(a)
        weights = {
            "VN": 28,
            "ID": 24,
            "KH": 10,
            "TH": 8,
            "LA": 5,
            "MM": 7,
            "MY": 8,
            "PH": 7,
            "LK": 3,
        }
        self.isolated_agency = _Pick(
            self.agencies,
            [
                weights[a.country] * _KIND_WEIGHT[a.kind] / len(self.by_country[a.country])
                for a in self.agencies
            ],
        )

    # -- identifiers -----------------------------------------------------------------------

    def _new_mobile(self, c: str) -> str:
        spec = COUNTRIES[c]
        while True:
            prefix, length = spec.mobile(self.rng)
            nsn = prefix + _digits(self.rng, length - len(prefix))
            key = int(spec.cc + nsn)
            if key not in self.issued:
                self.issued.add(key)
                return nsn

    def _unique(self, candidate: str) -> str:
        value = candidate
        while value.lower() in self.issued:
            value = f"{candidate}{_rr(self.rng, 10, 1000)}"
        self.issued.add(value.lower())
        return value

    def _phone(self, c: str, nsn: str, ac: str, date: int, tags: list[str]) -> str:
        rng, k = self.rng, self.k
        spec = COUNTRIES[c]
        if c == "VN" and date < _VN_RENUMBERED and rng.random() < k.vn_old_prefix_rate:
            old = _VN_OLD_PREFIX.get(nsn[:2])
            if old and len(nsn) == 9:
                nsn = old + nsn[2:]
                tags.append("vn_old_prefix")
        if c == ac:
            national = rng.random() < k.home_national_rate
        else:
            national = rng.random() < k.foreign_no_cc_rate
            if national:
                tags.append("foreign_no_cc")
        trunk = spec.mobile_trunk if len(nsn) > 8 or c != "CN" else "0"
        if national:
            s = trunk + nsn
            sep = _SEPS(rng)
            return _group(s, _chunks(len(s), rng), sep) if sep else s
        style = _INTL_STYLES(rng)
        cc = spec.cc
        if style == "e164":
            return "+" + cc + nsn
        if style == "no_plus":
            tags.append("no_plus")
            return cc + nsn
        grouped = _group(nsn, _chunks(len(nsn), rng), " ")
        if style == "e164_spaced":
            return f"+{cc} {grouped}"
        if style == "paren":
            tags.append("paren_cc")
            return f"(+{cc}) {grouped}"
        if style == "00":
            return f"00{cc} {grouped}"
        tags.append("trunk_kept")
        t = trunk + nsn
        return f"+{cc} " + _group(t, _chunks(len(t), rng), " ")

    # -- people ----------------------------------------------------------------------------

    def _person(self, nat: str, gender: str, year: int, age: tuple[int, int, int]) -> _Person:
        rng, k = self.rng, self.k
        self.person_seq += 1
        p = _Person(f"P{self.person_seq:07d}", nat, gender)
        self._name(p)
        if (p.common and rng.random() < k.common_name_no_dob_rate) or (
            rng.random() < k.dob_unknown_rate
        ):
            p.dob = None
        else:
            years = int(rng.triangular(age[0], age[1], age[2]))
            p.dob = dt.date(year - years, 1, 1) + dt.timedelta(days=_rr(rng, 0, 365))
        province, districts, _code = _ch(rng, _PLACES[nat])
        district = _ch(rng, districts)
        commune = _ch(rng, _DISTRICT_COMMUNES[nat, district])
        p.home = (nat, province, district, commune, str(_rr(rng, 1, 15)))
        self._ids(p, province)
        return p

    def _name(self, p: _Person) -> None:
        rng, g, nat = self.rng, p.gender, p.nat
        common = _COMMON_NAMES.get(nat)
        if common and rng.random() < self.k.common_name_rate:
            p.family, p.middle, p.given = common[g](rng)
            p.common = True
            p.kind = "vi" if nat == "VN" else {"ID": "id", "KH": "km", "PH": "fil", "MM": "my"}[nat]
            if nat == "ID":
                p.extra = _ID_SINGLE["M"](rng)
            return
        if nat == "VN":
            p.kind = "vi"
            p.family = _VN_FAMILY(rng)
            p.middle = (_VN_MIDDLE[g](rng),)
            if rng.random() < 0.08:
                p.middle += (_VN_MIDDLE["F" if g == "M" else "M"](rng),)
            p.given = (_VN_GIVEN[g](rng),)
        elif nat == "ID":
            p.kind = "id"
            shape = rng.random()
            if shape < 0.3:
                p.given = (_ID_SINGLE[g](rng),)
            else:
                p.given = (_ID_FIRST[g](rng), _ID_SECOND[g](rng))
                if shape > 0.85:
                    p.given += (_ID_SECOND[g](rng),)
            p.extra = _ID_SINGLE["M"](rng)
        elif nat == "KH":
            p.kind, p.family, p.given = "km", _KM_FAMILY(rng), (_KM_GIVEN[g](rng),)
        elif nat == "TH":
            p.kind, p.family, p.given = "th", _TH_FAMILY(rng), (_TH_GIVEN[g](rng),)
        elif nat == "LA":
            p.kind, p.family, p.given = "lo", _LO_FAMILY(rng), (_LO_GIVEN[g](rng),)
        elif nat == "MM":
            p.kind = "my"
            p.given = tuple(_MM_SYLL[g](rng) for _ in range(_ch(rng, (2, 2, 3))))
        elif nat == "PH":
            p.kind, p.given = "fil", (_PH_GIVEN[g](rng),)
            p.middle, p.family = (_PH_FAMILY(rng),), _PH_FAMILY(rng)
        elif nat == "MY":
            if rng.random() < 0.7:
                p.kind, p.given, p.extra = "ms", (_MS_GIVEN[g](rng),), _MS_FATHER(rng)
            else:
                p.kind, p.family = "zh", _ch(rng, ("Tan", "Lim", "Lee", "Wong", "Ng", "Chong"))
                p.given = (
                    _ch(
                        rng,
                        ("Wei Ming", "Siew Ling", "Kok Leong", "Mei Ling", "Chee Keong", "Hui Min"),
                    ),
                )
        elif nat == "LK":
            p.kind, p.extra = "si", _SI_ANCESTRAL(rng)
            p.given, p.family = (_SI_GIVEN[g](rng),), _SI_FAMILY(rng)
        else:
            p.kind, p.family, p.given = "zh", _ZH_FAMILY(rng), (_ZH_GIVEN(rng),)

    def _alias(self, p: _Person) -> str:
        rng = self.rng
        given = p.given[-1] if p.kind in ("vi", "km", "zh") else p.given[0]
        if p.kind == "vi":
            return _ch(
                rng,
                (
                    f"anh {given}" if p.gender == "M" else f"chị {given}",
                    f"{given} {_ch(rng, ('béo', 'đen', 'lùn', 'Campuchia', 'Lào'))}",
                    f'{given} "xe ôm"' if p.gender == "M" else f"cô {given}",
                ),
            )
        if p.kind == "id":
            title = (
                _ch(rng, ("Mas", "Pak", "Bang")) if p.gender == "M" else _ch(rng, ("Bu", "Mbak"))
            )
            return f"{title} {given}"
        if p.kind == "zh":
            return _ch(rng, (f"Boss {p.family}", f"A {given.split()[0]}", f"Lao {p.family}"))
        if p.kind == "km":
            return f"Bong {given}"
        if p.kind in ("th", "lo"):
            return _ch(rng, ("Phi", "Ai", "Sao")) + " " + given[:4]
        if p.kind == "my":
            return ("Ko " if p.gender == "M" else "Ma ") + given
        if p.kind == "fil":
            return ("Kuya " if p.gender == "M" else "Ate ") + given.split()[0]
        return ("Mr. " if p.gender == "M" else "Ms. ") + given.split()[0]

    def _ids(self, p: _Person, province: str) -> None:
        rng, nat, dob = self.rng, p.nat, p.dob
        code = _PROVINCE_CODE[nat, province]
        d = dob or dt.date(_rr(rng, 1965, 2006), _rr(rng, 1, 13), _rr(rng, 1, 29))
        female = p.gender == "F"
        if nat == "VN":
            century = (0 if d.year < 2000 else 2) + (1 if female else 0)
            ident = ("CCCD", f"{code}{century}{d.year % 100:02d}{_digits(rng, 6)}")
        elif nat == "ID":
            day = d.day + (40 if female else 0)
            ident = (
                "NIK",
                f"{code}{_rr(rng, 1, 30):02d}{_rr(rng, 1, 25):02d}"
                f"{day:02d}{d.month:02d}{d.year % 100:02d}{_digits(rng, 4)}",
            )
        elif nat == "TH":
            body = str(_ch(rng, (1, 3))) + code + _digits(rng, 9)
            check = (11 - sum(int(c) * (13 - i) for i, c in enumerate(body)) % 11) % 10
            ident = ("ThaiID", body + str(check))
        elif nat == "MY":
            last = 2 * _rr(rng, 0, 5) + (0 if female else 1)
            ident = (
                "MyKad",
                f"{d.year % 100:02d}{d.month:02d}{d.day:02d}{code}{_digits(rng, 3)}{last}",
            )
        elif nat == "LK":
            doy = d.timetuple().tm_yday + (500 if female else 0)
            if d.year < 2000 and rng.random() < 0.7:
                ident = ("NIC", f"{d.year % 100:02d}{doy:03d}{_digits(rng, 4)}V")
            else:
                ident = ("NIC", f"{d.year}{doy:03d}{_digits(rng, 5)}")
        elif nat == "MM":
            ident = ("NRC", f"{code}/{_ch(rng, _MM_TOWNSHIPS)}(N){_digits(rng, 6)}")
        elif nat == "PH":
            ident = ("PSN", _digits(rng, 16))
        elif nat == "KH":
            ident = ("KHID", f"{code}0{_digits(rng, 7)}")
        elif nat == "CN":
            ident = (
                "CNID",
                f"{code}{_digits(rng, 4)}{d.year}{d.month:02d}{d.day:02d}{_digits(rng, 3)}"
                f"{_ch(rng, '0123456789X')}",
            )
        else:
            ident = ("ID", _digits(rng, 10))
        p.ids = [ident]
        if rng.random() < 0.6:
            letter, count = {
                "VN": ("C", 7),
                "ID": ("C", 7),
                "PH": ("P", 7),
                "MY": ("A", 8),
                "LK": ("N", 7),
                "KH": ("N", 8),
                "TH": ("AA", 7),
                "MM": ("MD", 6),
                "LA": ("P", 7),
                "CN": ("E", 8),
                "TW": ("3", 8),
            }[nat]
            number = letter + _digits(rng, count) + ("A" if nat == "PH" else "")
            p.ids.append(("passport", number))

    def _contacts(self, p: _Person, role: str, dest: str) -> None:
        """Phones, handles, accounts and e-mails by role."""
        rng, k, nat = self.rng, self.k, p.nat
        if role == "victim":
            if rng.random() < 0.93:
                p.phones.append((nat, self._new_mobile(nat)))
            if dest != nat and rng.random() < k.foreign_sim_rate:
                if p.phones and rng.random() < 0.3:
                    p.phones.clear()
                p.phones.append((dest, self._new_mobile(dest)))
            n_handles, n_accounts = (
                (1 if rng.random() < 0.35 else 0),
                (1 if rng.random() < 0.08 else 0),
            )
        elif role in ("witness", "complainant"):
            p.phones.append((nat, self._new_mobile(nat)))
            n_handles, n_accounts = (1 if rng.random() < 0.2 else 0), 0
        else:
            count = _ch(rng, _PHONE_COUNTS[role])
            for i in range(count):
                c = nat if i == 0 or dest == nat or rng.random() < 0.4 else dest
                if c not in COUNTRIES:
                    c = nat
                p.phones.append((c, self._new_mobile(c)))
            n_handles = _ch(rng, _HANDLE_COUNTS[role])
            n_accounts = _ch(rng, _ACCOUNT_COUNTS[role])
            p.alias = self._alias(p)
        platforms = _PLATFORMS[nat]
        for _ in range(n_handles):
            platform = "telegram" if role in _SUSPECT_ROLES and rng.random() < 0.4 else None
            self._handle(p, platform or platforms(rng))
        for _ in range(n_accounts):
            bank_country = nat if rng.random() < 0.8 or dest not in _BANK_PICK else dest
            if role == "employer" and dest in ("KH", "MM", "LA") and rng.random() < 0.6:
                bank_country = "CN"  # a USDT wallet
            self._account(p, bank_country)
        if rng.random() < k.email_rate * (2.0 if role in _SUSPECT_ROLES else 1.0):
            self._email(p)

    def _login(self, p: _Person) -> str:
        first = _ascii(p.given[-1] if p.kind in ("vi", "km") else p.given[0]).lower()
        last = _ascii(p.family or p.extra or (p.given[-1] if len(p.given) > 1 else "")).lower()
        first, last = first.replace(" ", ""), last.replace(" ", "")
        rng = self.rng
        year = str(p.dob.year) if p.dob else str(_rr(rng, 80, 100))
        style = _rr(rng, 0, 6)
        if style == 0:
            return first + last
        if style == 1:
            return f"{first}.{last}"
        if style == 2:
            return last + first
        if style == 3:
            return f"{first}_{last}"
        return first + year[-2:] if style == 4 else f"{first}{last}{year}"

    def _handle(self, p: _Person, platform: str) -> None:
        rng = self.rng
        if platform in ("zalo", "whatsapp", "viber", "imo"):
            if p.phones and rng.random() < 0.8:
                c, nsn = _ch(rng, p.phones)
            else:
                c = p.nat if p.nat in COUNTRIES else "VN"
                nsn = self._new_mobile(c)
            p.handles.append((platform, f"{c}|{nsn}"))
            return
        if platform == "facebook" and rng.random() < 0.5:
            value = self._unique("1000" + _digits(rng, 11))
        elif platform == "wechat" and rng.random() < 0.5:
            value = self._unique("wxid_" + "".join(_ch(rng, _BASE58.lower()) for _ in range(14)))
        else:
            login = self._login(p)
            if platform == "telegram":
                login = login.replace(".", "_")
                if len(login) < 5:
                    login += "_" + _digits(rng, 3)
                if rng.random() < 0.4:
                    login += _ch(
                        rng,
                        (
                            "_vieclam",
                            "_hr",
                            "_loker",
                            "_jobs",
                            "_tuyendung",
                            "_kerja",
                            "88",
                            "_official",
                        ),
                    )
            value = self._unique(login)
        p.handles.append((platform, value))

    def _account(self, p: _Person, country: str) -> None:
        rng = self.rng
        bank = _BANK_PICK.get(country, _BANK_PICK["VN"])(rng)
        pattern = bank[2]
        if pattern == "phone":
            c = country if country in COUNTRIES else p.nat
            own = [nsn for pc, nsn in p.phones if pc == c]
            number = _ch(rng, own) if own else self._new_mobile(c)
            number = f"{c}|{number}"
        elif pattern == "bri":
            number = _digits(rng, 15)
        elif pattern == "usdt":
            number = "T" + "".join(_ch(rng, _BASE58) for _ in range(33))
        else:
            head, _, rest = pattern.partition("{")
            number = head + _digits(rng, int(rest.rstrip("}")))
        self.issued.add(bank[1] + number)
        p.accounts.append((bank, number))

    def _email(self, p: _Person) -> None:
        rng = self.rng
        if p.nat == "CN" and rng.random() < 0.6:
            local = str(_rr(rng, 10**8, 10**10))
        else:
            local = self._login(p)
            if rng.random() < 0.5:
                local += str(_rr(rng, 1, 1000))
        domain = _EMAIL_DOMAINS.get(p.nat, _EMAIL_DEFAULT)(rng)
        p.emails.append(self._unique(f"{local}@{domain}"))

    # -- writing a person as an agency would ----------------------------------------------

    def _write_name(self, p: _Person, ag: _Agency, tags: list[str]) -> str:
        rng, k = self.rng, self.k
        r = rng.random
        if p.alias and r() < k.alias_rate:
            tags.append("alias")
            if r() < 0.5:
                return p.alias
            word = {"vi": "bí danh", "id": "alias"}.get(ag.lang, "a.k.a.")
            return f"{self._plain_name(p)} ({word} {p.alias})"
        kind = p.kind
        family, middle, given, extra = p.family, p.middle, p.given, p.extra
        home = ag.country == p.nat
        if middle and r() < k.name_drop_middle_rate:
            middle = ()
            tags.append("name_dropped_middle")
        elif kind == "id" and len(given) == 3 and r() < k.name_drop_middle_rate:
            given = (given[0], given[2])
            tags.append("name_dropped_middle")
        elif kind in ("ms", "si") and extra and r() < k.name_drop_middle_rate:
            extra = ""
            tags.append("name_dropped_middle")
        spelled = r() < k.name_spelling_rate
        if spelled:
            tags.append("name_spelling")
            if kind == "id":
                i = _rr(rng, 0, len(given))
                variant = _SPELLING.get(given[i])
                token = _ch(rng, variant) if variant else _id_old_spelling(given[i], rng)
                given = (*given[:i], token, *given[i + 1 :])
            else:
                family = _ch(rng, _SPELLING.get(family, (family,)))
                given = tuple(_ch(rng, _SPELLING.get(t, (t,))) for t in given)
                middle = tuple(_ch(rng, _SPELLING.get(t, (t,))) for t in middle)
        flip = r() < k.name_flip_rate * (1.0 if home else 2.0)
        comma = False
        if kind == "vi":
            tokens = [*given, family, *middle] if flip else [family, *middle, *given]
            if flip and r() < 0.4:
                tokens = [*middle, *given, family]
        elif kind in ("km", "zh"):
            if kind == "zh" and spelled and r() < 0.3 and family in _HANZI:
                return _HANZI[family] + "".join(_HANZI.get(t, t) for t in given)
            tokens = [*given, family] if flip else [family, *given]
        elif kind in ("th", "lo"):
            tokens = [family, *given] if flip else [*given, family]
            comma = flip and r() < 0.5
        elif kind == "id":
            tokens = list(given)
            if extra and r() < 0.2:
                tokens += ["binti" if p.gender == "F" else "bin", extra]
            flip = flip and len(given) > 1
            if flip:
                tokens = [given[-1], *given[:-1]]
                comma = True
        elif kind == "my":
            tokens = list(given)
            if r() < 0.4:
                tokens.insert(
                    0, _ch(rng, ("U", "Ko", "Maung") if p.gender == "M" else ("Daw", "Ma"))
                )
            flip = False
        elif kind == "fil":
            mid = list(middle)
            if mid and r() < 0.3:
                mid = [mid[0][0] + "."]
            tokens = [family, *given, *mid] if flip else [*given, *mid, family]
            comma = flip
        elif kind == "ms":
            tokens = list(given)
            if extra:
                link = "binti" if p.gender == "F" else "bin"
                if r() < 0.3:
                    link = "bt." if p.gender == "F" else "b."
                tokens += [link, extra]
            flip = False
        else:  # si
            lead = [extra[0] + "."] if extra and r() < 0.4 else ([extra] if extra else [])
            tokens = [family, *given] if flip else [*lead, *given, family]
        if flip:
            tags.append("name_flipped")
        if r() < k.name_typo_rate:
            i = _rr(rng, 0, len(tokens))
            tokens[i] = _typo(rng, tokens[i])
            tags.append("name_typo")
        name = (
            f"{tokens[0]}, {' '.join(tokens[1:])}"
            if comma and len(tokens) > 1
            else " ".join(tokens)
        )
        if kind == "vi":
            if (home and r() < k.name_ascii_rate) or (not home and r() < 0.9):
                name = _ascii(name)
                tags.append("name_ascii")
            elif spelled and r() < 0.5:
                name = unicodedata.normalize("NFD", name)
        if r() < k.name_upper_rate * (1.0 if home else 1.8) or ag.kind == "immigration":
            name = name.upper()
            tags.append("name_upper")
        return name

    def _plain_name(self, p: _Person) -> str:
        if p.kind == "vi":
            return " ".join((p.family, *p.middle, *p.given))
        if p.kind in ("km", "zh"):
            return " ".join((p.family, *p.given))
        if p.kind in ("id", "my"):
            return " ".join(p.given)
        return " ".join((*p.given, *p.middle, p.family)).strip()

    def _write_dob(self, p: _Person, ag: _Agency, tags: list[str], force: bool = False) -> str:
        rng, k = self.rng, self.k
        d = p.dob
        if d is None:
            tags.append("dob_unknown")
            return ""
        r = rng.random()
        if not force:
            if r < k.dob_missing_rate:
                tags.append("dob_missing")
                return ""
            r -= k.dob_missing_rate
            if r < k.dob_year_only_rate:
                tags.append("dob_year_only")
                return f"01/01/{d.year}" if rng.random() < 0.3 else str(d.year)
            r -= k.dob_year_only_rate
        else:
            r = rng.random() * (1 - k.dob_missing_rate - k.dob_year_only_rate)
        if r < k.dob_swapped_rate:
            tags.append("dob_swapped")
            if ag.country == "PH":
                return f"{d.day:02d}/{d.month:02d}/{d.year}"
            return f"{d.month:02d}/{d.day:02d}/{d.year}"
        r -= k.dob_swapped_rate
        if r < k.dob_iso_rate:
            tags.append("dob_iso")
            return d.isoformat()
        tags.append("dob_local")
        c = ag.country
        s = rng.random()
        if c == "VN":
            if s < 0.7:
                return f"{d.day:02d}/{d.month:02d}/{d.year}"
            return (
                f"{d.day:02d}-{d.month:02d}-{d.year}" if s < 0.85 else f"{d.day}/{d.month}/{d.year}"
            )
        if c == "ID":
            if s < 0.4:
                return f"{d.day:02d}-{d.month:02d}-{d.year}"
            return (
                f"{d.day:02d}/{d.month:02d}/{d.year}"
                if s < 0.7
                else (f"{d.day:02d} {_MONTHS_ID[d.month - 1]} {d.year}")
            )
        if c == "TH":
            if rng.random() < k.buddhist_era_rate:
                tags.append("dob_buddhist_era")
                return f"{d.day:02d}/{d.month:02d}/{d.year + 543}"
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
        if c == "PH":
            tags.append("dob_month_first")
            if s < 0.6:
                return f"{d.month:02d}/{d.day:02d}/{d.year}"
            return f"{_MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
        if c == "KH" and s < 0.4:
            return f"{d.day:02d}-{_MONTHS_EN[d.month - 1][:3]}-{d.year}"
        if c == "LK":
            return (
                f"{d.year}.{d.month:02d}.{d.day:02d}"
                if s < 0.5
                else f"{d.day:02d}/{d.month:02d}/{d.year}"
            )
        if c == "MM" and s < 0.5:
            return f"{d.day}.{d.month}.{d.year}"
        if c == "MY" and s < 0.4:
            return f"{d.day:02d}-{d.month:02d}-{d.year}"
        return f"{d.day:02d}/{d.month:02d}/{d.year}"

    def _write_nationality(self, p: _Person, ag: _Agency, tags: list[str]) -> str:
        if self.rng.random() < self.k.nationality_variant_rate:
            tags.append("nationality_variant")
            if self.rng.random() < 0.3:
                return _ISO3[p.nat]
            return _NATIONALITY_WORDS[ag.lang][p.nat]
        return p.nat

    def _write_id(self, kind: str, value: str, ag: _Agency, tags: list[str]) -> str:
        rng = self.rng
        if rng.random() < self.k.id_typo_rate:
            positions = [i for i, c in enumerate(value) if c.isdigit()]
            if positions:
                i = _ch(rng, positions)
                value = value[:i] + str((int(value[i]) + _rr(rng, 1, 10)) % 10) + value[i + 1 :]
                tags.append("id_typo")
        s = rng.random()
        if kind == "ThaiID" and s < 0.5:
            value = _group(value, (1, 4, 5, 2, 1), "-")
        elif kind == "MyKad" and s < 0.6:
            value = _group(value, (6, 2, 4), "-")
        elif kind == "PSN" and s < 0.5:
            value = _group(value, (4, 4, 4, 4), "-")
        elif kind == "NRC" and s < 0.3:
            head, _, tail = value.partition("/")
            tsp, _, rest = tail.partition("(")
            value = f"{head}/{''.join(c for c in tsp if c.isupper())}({rest}"
        if rng.random() < 0.5:
            return value
        label = {
            ("vi", "CCCD"): ("CCCD", "CCCD:", "Số CCCD"),
            ("vi", "passport"): ("Hộ chiếu", "HC:", "Passport"),
            ("id", "NIK"): ("NIK", "NIK:", "KTP"),
            ("id", "passport"): ("Paspor", "No. Paspor"),
        }.get((ag.lang, kind), (kind if kind != "passport" else "Passport No.", f"{kind}:"))
        return f"{_ch(rng, label)} {value}"

    def _write_address(self, p: _Person, ag: _Agency, tags: list[str]) -> str:
        rng = self.rng
        nat, province, district, commune, hamlet = p.home
        s = rng.random()
        if nat == "VN":
            if s < 0.35:
                text = f"Xóm {hamlet}, xã {commune}, huyện {district}, tỉnh {province}"
            elif s < 0.7:
                text = f"{commune}, {district}, {province}"
            else:
                text = f"{district}, {province}" if s < 0.85 else province
            if ag.country != "VN" or rng.random() < self.k.name_ascii_rate:
                text = _ascii(text)
            return text
        if nat == "ID":
            if s < 0.35:
                return (
                    f"RT {int(hamlet):02d}/RW {int(hamlet) % 7 + 1:02d}, Desa {commune}, "
                    f"Kab. {district}, {province}"
                )
            if s < 0.7:
                return f"Desa {commune}, Kab. {district}"
            return f"Kab. {district}, {province}" if s < 0.85 else district
        if s < 0.4:
            return f"{commune}, {district}, {province}"
        return f"{district}, {province}" if s < 0.8 else province

    def _write_handle(
        self, platform: str, value: str, ag: _Agency, date: int, tags: list[str]
    ) -> str:
        rng = self.rng
        if "|" in value:
            c, nsn = value.split("|")
            phone = self._phone(c, nsn, ag.country, date, tags)
            label = {
                "zalo": ("Zalo", "zalo:", "Zalo:"),
                "whatsapp": ("WA", "WhatsApp:", "wa"),
                "viber": ("Viber", "viber:"),
                "imo": ("imo", "IMO:"),
            }[platform]
            if platform == "whatsapp" and rng.random() < 0.2:
                return f"wa.me/{COUNTRIES[c].cc}{nsn}"
            return f"{_ch(rng, label)} {phone}"
        s = rng.random()
        if platform == "telegram":
            shown = value if rng.random() < 0.8 else value.capitalize()
            forms = (
                f"@{shown}",
                f"t.me/{shown}",
                f"https://t.me/{shown}",
                f"telegram: {shown}",
                f"Telegram @{shown}",
                f"tele: @{shown}",
                f"TG {shown}",
            )
            return forms[min(int(s * 7), 6)]
        if platform == "facebook":
            if value.isdigit():
                return _ch(
                    rng,
                    (
                        f"https://www.facebook.com/profile.php?id={value}",
                        f"facebook.com/profile.php?id={value}",
                        f"FB id {value}",
                    ),
                )
            return _ch(
                rng,
                (
                    f"facebook.com/{value}",
                    f"https://www.facebook.com/{value}",
                    f"fb.com/{value}",
                    f"https://m.facebook.com/{value}",
                    f"FB: {value}",
                ),
            )
        if platform == "line":
            return _ch(rng, (f"LINE ID: {value}", f"line: {value}", f"Line @{value}"))
        if platform == "wechat":
            return _ch(
                rng, (f"WeChat: {value}", f"wechat id {value}", f"微信: {value}", f"WX: {value}")
            )
        return _ch(rng, (f"instagram.com/{value}", f"IG @{value}"))

    def _write_account(
        self,
        bank: tuple[str, str, str, float],
        number: str,
        holder: _Person,
        ag: _Agency,
        date: int,
        tags: list[str],
    ) -> str:
        rng = self.rng
        name, short, pattern, _w = bank
        if pattern == "phone":
            c, nsn = number.split("|")
            shown = self._phone(c, nsn, ag.country, date, tags)
            return f"{_ch(rng, (name, name.upper()))} {shown}"
        if pattern == "bri":
            shown = _group(number, (4, 2, 6, 2, 1), "-") if rng.random() < 0.6 else number
        elif pattern == "usdt":
            return _ch(
                rng,
                (
                    f"USDT TRC20: {number}",
                    f"USDT {number}",
                    f"ví USDT {number}" if ag.lang == "vi" else f"wallet {number}",
                ),
            )
        else:
            shown = number if rng.random() < 0.7 else _group(number, (4, 4, 4, 4, 4), " ")
        s = rng.random()
        if ag.lang == "vi":
            if s < 0.3:
                return f"{name} {shown}"
            if s < 0.5:
                return f"STK {shown} ({short})"
            if s < 0.7:
                return f"{name} - {shown} - {_ascii(self._plain_name(holder)).upper()}"
            return f"{short} {shown}"
        if ag.lang == "id":
            if s < 0.4:
                return f"{name} {shown}"
            if s < 0.7:
                return f"rek. {name} {shown} a.n. {self._plain_name(holder).upper()}"
            return f"{short} {shown}"
        return f"{name} {shown}" if s < 0.5 else f"{name} a/c {shown}"

    # -- notes -----------------------------------------------------------------------------

    def _dest_text(self, lang: str, dest: str, origin: str) -> str:
        place = _ch(self.rng, _DEST_PLACES[dest])
        if dest == origin:
            return place
        country = {"vi": _COUNTRY_WORD, "id": _COUNTRY_WORD_ID}.get(lang, _COUNTRY_WORD_EN)[dest]
        return f"{place}, {country}"

    def _border_text(self, origin: str, dest: str) -> str:
        crossings = _CROSSINGS.get((origin, dest)) or _CROSSINGS.get((dest, origin))
        if crossings and self.rng.random() < 0.7:
            return _ch(self.rng, crossings)
        return _ch(self.rng, _AIRPORTS.get(origin, _AIRPORTS["VN"]))

    def _say(self, ag: _Agency, key: str, case: dict[str, Any] | None = None, **slots: str) -> str:
        """A sentence of the agency's language; places and sums are drawn only when used."""
        rng = self.rng
        template: str = _ch(rng, _NOTES[ag.lang][key])
        if case is not None:
            if "{dest}" in template:
                slots["dest"] = self._dest_text(ag.lang, case["dest"], case["origin"])
            if "{border}" in template:
                slots["border"] = self._border_text(case["origin"], case["dest"])
        if "{salary}" in template:
            slots["salary"] = str(_ch(rng, (800, 1000, 1200, 1500, 2000)))
        if "{amount" in template:
            slots["amount"] = f"{_rr(rng, 5, 60) * 100:,}"
            slots["amount_vnd"] = f"{_rr(rng, 20, 300) * 1_000_000:,}".replace(",", ".")
            slots["amount_idr"] = f"{_rr(rng, 5, 60) * 1_000_000:,}".replace(",", ".")
        return template.format(**slots)

    # -- records ---------------------------------------------------------------------------

    def _record(
        self,
        p: _Person,
        role: str,
        ag: _Agency,
        case_ref: str,
        date: int,
        case: dict[str, Any],
    ) -> tuple[list[str], list[str]]:
        rng, k = self.rng, self.k
        r = rng.random
        tags: list[str] = []
        if p.common:
            tags.append("common_name")
        ac = ag.country
        name = self._write_name(p, ag, tags)
        victim = role == "victim"
        if r() < k.name_dob_only_rate and p.dob is not None:
            tags.append("name_dob_only")
            dob = self._write_dob(p, ag, tags, force=True)
            row = [
                ag.name,
                ac,
                case_ref,
                role,
                name,
                dob,
                self._write_nationality(p, ag, tags),
                "",
                "",
                "",
                "",
                "",
                "",
                _date(date).isoformat(),
                "",
            ]
            return row, tags
        dob = self._write_dob(p, ag, tags)
        nationality = self._write_nationality(p, ag, tags) if r() < 0.95 else ""
        ids = []
        if p.ids and r() < k.id_number_rate:
            chosen = p.ids if len(p.ids) > 1 and r() < 0.2 else [_ch(rng, p.ids)]
            if ag.kind in ("consular", "immigration") and len(p.ids) > 1:
                chosen = [p.ids[1]]
            ids = [self._write_id(kind, value, ag, tags) for kind, value in chosen]
        if victim and ag.kind == "shelter" and ag.desk_address and r() < 0.5:
            address = ag.desk_address
            tags.append("hub_address")
        elif r() < 0.75:
            address = self._write_address(p, ag, tags)
        else:
            address = ""
        phones: list[str] = []
        if p.phones and r() < 0.92:
            if len(p.phones) == 1 or victim:
                chosen_phones = p.phones
            else:
                chosen_phones = [ph for ph in p.phones if r() < 0.6] or [_ch(rng, p.phones)]
            for c, nsn in chosen_phones:
                phones.append(self._phone(c, nsn, ac, date, tags))
                if p.fam_phone == (c, nsn):
                    tags.append("family_phone")
                if case.get("recycled") == (c, nsn):
                    tags.append("recycled_sim")
        recruiter: _Person | None = case["recruiter"]
        if victim:
            if r() < k.hub_contact_rate:
                where = ac if r() < 0.6 else case["dest"]
                hub = ag if ag.desk and r() < 0.6 else self.local_hubs[where](rng)
                assert hub.desk is not None
                phones.append(self._phone(hub.desk[0], hub.desk[1], ac, date, tags))
                tags.append("hub_phone")
            if recruiter is not None and recruiter.phones and r() < k.contact_in_phones_rate:
                c, nsn = _ch(rng, recruiter.phones)
                phones.append(self._phone(c, nsn, ac, date, tags))
                tags.append("contact_in_phones")
        emails = [e if r() < 0.85 else e.capitalize() for e in p.emails if r() < 0.6]
        handles = [
            self._write_handle(pl, v, ag, date, tags)
            for pl, v in p.handles
            if r() < (0.45 if victim else 0.65)
        ]
        accounts = [
            self._write_account(b, num, p, ag, date, tags)
            for b, num in p.accounts
            if r() < (0.4 if victim else 0.55)
        ]
        notes = self._notes(p, role, ag, date, case, tags)
        # junk and misplaced values
        if r() < k.junk_rate:
            tags.append("junk")
            junk = _ch(rng, _JUNK) if r() < 0.8 else str(_rr(rng, 100, 1000))
            field = r()
            target = (
                phones
                if field < 0.6
                else emails
                if field < 0.75
                else ids
                if field < 0.9
                else handles
            )
            if target and r() < 0.5:
                target[_rr(rng, 0, len(target))] = junk
            else:
                target.append(junk)
        if r() < k.misplaced_rate:
            if p.emails:
                tags.append("email_in_phones")
                phones.append(_ch(rng, p.emails))
            elif p.phones:
                tags.append("phone_in_emails")
                c, nsn = _ch(rng, p.phones)
                emails.append(self._phone(c, nsn, ac, date, tags))
        row = [
            ag.name,
            ac,
            case_ref,
            role,
            name,
            dob,
            nationality,
            ";".join(ids),
            address,
            ";".join(phones),
            ";".join(emails),
            ";".join(handles),
            ";".join(accounts),
            _date(date).isoformat(),
            notes,
        ]
        return row, tags

    def _notes(
        self, p: _Person, role: str, ag: _Agency, date: int, case: dict[str, Any], tags: list[str]
    ) -> str:
        rng, k = self.rng, self.k
        r = rng.random
        lang, ac = ag.lang, ag.country
        recruiter: _Person | None = case["recruiter"]
        parts: list[str] = []
        if role == "victim":
            alias = (
                recruiter.alias
                if recruiter and recruiter.alias
                else "một người quen"
                if lang == "vi"
                else "seorang kenalan"
                if lang == "id"
                else "an acquaintance"
            )
            if lang != "vi":
                alias = _ascii(alias)
            key = (
                "victim_compound" if case["dest"] in ("KH", "MM", "LA") and r() < 0.5 else "victim"
            )
            parts.append(self._say(ag, key, case, alias=alias))
            if r() < k.phone_in_notes_rate:
                if recruiter and recruiter.phones and r() < 0.7:
                    c, nsn = _ch(rng, recruiter.phones)
                    tags.append("contact_in_notes")
                    phone = self._phone(c, nsn, ac, date, tags)
                    parts.append(self._say(ag, "victim_phone", case, phone=phone))
                elif p.phones:
                    c, nsn = _ch(rng, p.phones)
                    parts.append(
                        self._say(ag, "own_phone", phone=self._phone(c, nsn, ac, date, tags))
                    )
                tags.append("phone_in_notes")
            if recruiter and recruiter.handles and r() < k.handle_in_notes_rate:
                platform, value = _ch(rng, recruiter.handles)
                parts.append(
                    self._say(
                        ag,
                        "victim_handle",
                        handle=self._write_handle(platform, value, ag, date, tags),
                    )
                )
                tags.append("handle_in_notes")
            if recruiter and recruiter.accounts and r() < k.account_in_notes_rate:
                bank, number = _ch(rng, recruiter.accounts)
                account = self._write_account(bank, number, recruiter, ag, date, tags)
                parts.append(self._say(ag, "victim_account", account=account))
                tags.append("account_in_notes")
        elif role in _SUSPECT_ROLES:
            parts.append(self._say(ag, role, case, company=case["company"]))
            if p.phones and r() < k.phone_in_notes_rate:
                c, nsn = _ch(rng, p.phones)
                parts.append(
                    self._say(ag, "suspect_phone", phone=self._phone(c, nsn, ac, date, tags))
                )
                tags.append("phone_in_notes")
            if p.handles and r() < k.handle_in_notes_rate:
                platform, value = _ch(rng, p.handles)
                parts.append(
                    self._say(
                        ag,
                        "suspect_handle",
                        handle=self._write_handle(platform, value, ag, date, tags),
                    )
                )
                tags.append("handle_in_notes")
            if p.accounts and r() < k.account_in_notes_rate:
                bank, number = _ch(rng, p.accounts)
                parts.append(
                    self._say(
                        ag,
                        "suspect_account",
                        account=self._write_account(bank, number, p, ag, date, tags),
                    )
                )
                tags.append("account_in_notes")
        else:
            parts.append(
                self._say(
                    ag, "witness", relation=case.get("relation") or _ch(rng, _RELATIONS[lang])
                )
            )
            if p.phones and r() < k.phone_in_notes_rate:
                c, nsn = _ch(rng, p.phones)
                parts.append(
                    self._say(ag, "witness_phone", phone=self._phone(c, nsn, ac, date, tags))
                )
                tags.append("phone_in_notes")
        if r() < k.hotline_note_rate:
            hotline = _HOTLINES.get(ac)
            if hotline is None or r() < 0.35:
                hub = self.local_hubs[ac](rng)
                assert hub.desk is not None
                hotline = self._phone(hub.desk[0], hub.desk[1], ac, date, tags)
            parts.append(self._say(ag, "hotline", hotline=hotline))
            tags.append("hotline_note")
        return " ".join(parts)

    # -- cases and networks ----------------------------------------------------------------

    def _new_net(self, index: int, size: int) -> _Net:
        rng = self.rng
        net = _Net()
        net.nid = f"N{index + 1:06d}"
        net.remaining = size
        origin = _ORIGINS(rng)
        net.dest = _CORRIDORS[origin](rng)
        net.origins = [origin]
        net.countries = {origin, net.dest}
        extra_origins = 0 if size < 6 or net.dest == origin else _ch(rng, (0, 0, 1, 1, 2))
        for _ in range(extra_origins):
            other = _ORIGINS(rng)
            if (
                other not in net.countries
                and net.dest in _CORRIDORS[other].items
                and len(net.countries) < 4
            ):
                net.origins.append(other)
                net.countries.add(other)
        pool = [
            a
            for a in self.agencies
            if a.country in net.countries
            and (a.kind != "consular" or a.located_in in net.countries)
        ]
        pool += [
            a
            for a in self.located.get(net.dest, ())
            if a.country in net.countries and a not in pool
        ]
        wanted = max(1, min(5, int(1 + math.log2(size) * rng.uniform(0.5, 1.1))))
        chosen: list[_Agency] = []
        police = [a for a in pool if a.country == origin and a.kind == "police"]
        if police:
            chosen.append(_ch(rng, police))
        weights = _Pick(pool, [_KIND_WEIGHT[a.kind] for a in pool])
        tries = 0
        while len(chosen) < wanted and tries < 50:
            tries += 1
            a = weights(rng)
            if a not in chosen:
                chosen.append(a)
        abroad = [a for a in pool if a.located_in == net.dest and a.located_in != origin]
        if abroad and len(chosen) > 1 and not any(a in abroad for a in chosen):
            chosen[-1] = _ch(rng, abroad)
        net.agencies = chosen
        net.agency_pick = _Pick(chosen, [3.0] + [1.0] * (len(chosen) - 1))
        length = int(min(365 * 5, 60 + 40 * size**0.8 * rng.uniform(0.5, 1.5)))
        net.start = _rr(rng, _START, _END - 30)
        net.span = max(1, min(length, _END - net.start))
        net.company = self._company(origin)
        n_recruiters = 1 + (size >= 8) + (size >= 30) + (size >= 100)
        net.recruiters = []
        net.rec_pick = _Pick(list(range(n_recruiters)), [4.0] + [1.0] * (n_recruiters - 1))
        return net

    def _company(self, origin: str) -> str:
        rng = self.rng
        a, b, c = _COMPANY[{"VN": "vi", "ID": "id"}.get(origin, "en")]
        return " ".join(x for x in (_ch(rng, a), _ch(rng, b), _ch(rng, c)) if x)

    def _suspect(self, role: str, origin: str, dest: str, year: int) -> _Person:
        rng = self.rng
        if role == "employer":
            nat = "CN" if dest in ("KH", "MM", "LA") and rng.random() < 0.7 else dest
            if nat not in _PLACES:
                nat = dest
        elif role == "driver":
            nat = _ch(rng, (origin, dest)) if dest in AGENCY_COUNTRIES else origin
        else:
            nat = origin if rng.random() < 0.85 or dest not in AGENCY_COUNTRIES else dest
        gender = "M" if rng.random() < (0.65 if role == "recruiter" else 0.85) else "F"
        p = self._person(nat, gender, year, (22, 60, 35))
        self._contacts(p, role, dest)
        return p

    def _net_member(
        self, net: _Net, pool: list[_Person], limit: int, role: str, year: int
    ) -> _Person:
        if len(pool) < limit and (not pool or self.rng.random() < 0.3):
            pool.append(self._suspect(role, net.origins[0], net.dest, year))
            return pool[-1]
        return _ch(self.rng, pool)

    def _victim(self, origin: str, dest: str, year: int, date: int) -> _Person:
        rng, k = self.rng, self.k
        gender = "F" if rng.random() < 0.62 else "M"
        p = self._person(origin, gender, year, (15, 45, 23))
        if rng.random() < k.family_phone_rate:
            if self.families and rng.random() < k.sibling_rate:
                sibling, phone = _ch(rng, self.families)
                if sibling.nat == origin:
                    p.family, p.extra, p.home = sibling.family, sibling.extra, sibling.home
                    if p.kind == "fil":
                        p.middle = sibling.middle
                    p.fam_phone = phone
            if p.fam_phone is None:
                p.fam_phone = (origin, self._new_mobile(origin))
                if len(self.families) < 20000:
                    self.families.append((p, p.fam_phone))
                else:
                    self.families[_rr(rng, 0, len(self.families))] = (p, p.fam_phone)
        self._contacts(p, "victim", dest)
        if p.fam_phone is not None:
            p.phones.insert(0, p.fam_phone)
            if rng.random() < 0.5 and len(p.phones) > 1:
                del p.phones[1]
        own = [nsn for c, nsn in p.phones if c == origin and (c, nsn) != p.fam_phone]
        if own:
            pool = self.sim_pool.setdefault(origin, [])
            if len(pool) < 5000:
                pool.append((own[0], date))
            else:
                pool[_rr(rng, 0, len(pool))] = (own[0], date)
        return p

    def _case_ref(self, ag: _Agency, date: int) -> str:
        ag.counter += 1 + (self.rng.random() < 0.3)
        d = _date(date)
        return ag.ref.format(
            n=ag.counter,
            yyyy=d.year,
            yy=f"{d.year % 100:02d}",
            roman=_ROMAN[d.month - 1],
            be=d.year + 543,
        )

    def _second_agency(self, net: _Net | None, first: _Agency, origin: str, dest: str) -> _Agency:
        """Who records a victim a second time: within a network, another of its agencies (the
        same one when it has only one); for an isolated case, an agency abroad or at home."""
        rng = self.rng
        if net is not None:
            others = [a for a in net.agencies if a is not first]
            return _ch(rng, others) if others else first
        if dest != origin:
            if first.country != origin:
                abroad = [a for a in self.by_country[origin] if a.kind == "police"]
            else:
                abroad = [a for a in self.located.get(dest, ()) if a is not first]
            if abroad:
                return _ch(rng, abroad)
        home = [a for a in self.by_country.get(origin, ()) if a is not first]
        return _ch(rng, home) if home else first

    def _case(
        self, net: _Net | None, emit_later: list[tuple[int, list[str], list[str], str, str]]
    ) -> list[tuple[list[str], list[str], str, str]]:
        """Records of one real case: (row, tags, person_id, network_id) each."""
        rng, k = self.rng, self.k
        r = rng.random
        recycled: tuple[str, str] | None = None
        if net is None:
            self.isolated_seq += 1
            nid = f"S{self.isolated_seq:07d}" if k.isolated_network_id == "unique" else ""
            origin = _ORIGINS(rng)
            dest = _CORRIDORS[origin](rng)
            ag = self.isolated_agency(rng)
            if ag.country not in (origin, dest) and r() < 0.85:
                candidates = self.by_country.get(origin, [])
                ag = _ch(rng, candidates) if candidates else ag
            date = _rr(rng, _START, _END + 1)
            pool = self.sim_pool.get(origin)
            if pool and r() < k.recycled_sim_rate:
                for _ in range(5):
                    nsn, used = _ch(rng, pool)
                    if used + 400 < _END:
                        recycled = (origin, nsn)
                        date = _rr(rng, used + 365, _END + 1)
                        break
            year = _date(date).year
            recruiter = self._suspect("recruiter", origin, dest, year)
            company = self._company(origin)
            members: dict[str, _Person | None] = {}
        else:
            nid = net.nid
            origin = _ch(rng, net.origins)
            dest = net.dest
            assert net.agency_pick is not None and net.rec_pick is not None
            ag = net.agency_pick(rng)
            date = net.start + _rr(rng, 0, net.span)
            year = _date(date).year
            i = net.rec_pick(rng)
            while len(net.recruiters) <= i:
                net.recruiters.append(self._suspect("recruiter", net.origins[0], dest, year))
            recruiter = net.recruiters[i]
            company = net.company
            members = {}
        case_ref = self._case_ref(ag, date)
        case: dict[str, Any] = {
            "recruiter": recruiter,
            "origin": origin,
            "dest": dest,
            "company": company,
            "recycled": recycled,
        }
        out: list[tuple[list[str], list[str], str, str]] = []
        victims = [self._victim(origin, dest, year, date)]
        while r() < k.extra_victim_rate and len(victims) < 8:
            victims.append(self._victim(origin, dest, year, date))
        if recycled is not None:
            victims[0].phones = [recycled, *victims[0].phones[1:]]
        for v in victims:
            row, tags = self._record(v, "victim", ag, case_ref, date, case)
            out.append((row, tags, v.pid, nid))
            if r() < k.victim_second_record_rate:
                ag2 = self._second_agency(net, ag, origin, dest)
                date2 = min(_END, max(_START, date + _rr(rng, -120, 240)))
                row2, tags2 = self._record(
                    v, "victim", ag2, self._case_ref(ag2, date2), date2, case
                )
                tags2.append("second_record")
                emit_later.append((_rr(rng, 1, 3000), row2, tags2, v.pid, nid))
        if r() < k.recruiter_record_rate:
            row, tags = self._record(recruiter, "recruiter", ag, case_ref, date, case)
            out.append((row, tags, recruiter.pid, nid))
        for role, rate, limit in (
            ("broker", k.broker_record_rate, 2),
            ("driver", k.driver_record_rate, 3),
            ("employer", k.employer_record_rate, 2),
        ):
            if r() < rate:
                if net is None:
                    person = members.get(role) or self._suspect(role, origin, dest, year)
                else:
                    pool = {"broker": net.brokers, "driver": net.drivers, "employer": net.employers}
                    person = self._net_member(net, pool[role], limit, role, year)
                row, tags = self._record(person, role, ag, case_ref, date, case)
                out.append((row, tags, person.pid, nid))
        if r() < k.witness_record_rate:
            first = victims[0]
            if first.fam_phone is not None and r() < 0.8:
                role = "complainant"
                parent = self._person(origin, "F" if r() < 0.7 else "M", year, (38, 70, 50))
                parent.family, parent.home = first.family, first.home
                parent.phones = [first.fam_phone]
                parent.fam_phone = first.fam_phone
                lang = ag.lang
                case["relation"] = _RELATIONS[lang][0 if parent.gender == "F" else 1]
                person = parent
            else:
                role = "witness" if r() < 0.6 else "complainant"
                person = self._person(origin, "F" if r() < 0.5 else "M", year, (18, 70, 40))
                self._contacts(person, role, dest)
                case["relation"] = None
            row, tags = self._record(person, role, ag, case_ref, date, case)
            out.append((row, tags, person.pid, nid))
        return out

    # -- the stream ------------------------------------------------------------------------

    def _plan(self) -> list[int]:
        rng, k = self.rng, self.k
        victims = min(8.0, 1.0 / (1.0 - min(k.extra_victim_rate, 0.95)))
        per_case = (
            victims * (1 + k.victim_second_record_rate)
            + k.recruiter_record_rate
            + k.broker_record_rate
            + k.driver_record_rate
            + k.employer_record_rate
            + k.witness_record_rate
        )
        cases = int(self.n / per_case * 1.03) + 10
        net_cases = int(cases * (1.0 - k.isolated_case_share))
        cap = k.max_network_cases or max(50, int(net_cases**0.6))
        sizes: list[int] = []
        total = 0
        exponent = -1.0 / (k.network_size_alpha - 1.0)
        while total < net_cases:
            size = cap + 1
            while size > cap:
                size = int(2.0 * (1.0 - rng.random()) ** exponent)
            size = min(size, max(2, net_cases - total))
            sizes.append(size)
            total += size
        self.sizes = sizes
        schedule = [i for i, size in enumerate(sizes) for _ in range(size)]
        schedule += [-1] * max(0, cases - total)
        rng.shuffle(schedule)
        return schedule

    def __iter__(self) -> Iterator[tuple[list[str], list[str], str, str]]:
        """Rows (without record_id), tags, person_id, network_id, in file order."""
        schedule = self._plan()
        nets: dict[int, _Net] = {}
        pending: list[tuple[int, int, list[str], list[str], str, str]] = []
        emitted = 0
        seq = 0
        step = 0
        later: list[tuple[int, list[str], list[str], str, str]] = []
        while emitted < self.n:
            if step < len(schedule):
                index = schedule[step]
            else:
                index = -1
                if pending:  # the schedule ran short: let the held records out first
                    _, _, row, tags, pid, nid = heapq.heappop(pending)
                    yield row, tags, pid, nid
                    emitted += 1
                    continue
            while pending and pending[0][0] <= step:
                _, _, row, tags, pid, nid = heapq.heappop(pending)
                yield row, tags, pid, nid
                emitted += 1
                if emitted >= self.n:
                    return
            net = None
            if index >= 0:
                net = nets.get(index)
                if net is None:
                    net = nets[index] = self._new_net(index, self.sizes[index])
                net.remaining -= 1
                if net.remaining <= 0:
                    del nets[index]
            later.clear()
            for row, tags, pid, nid in self._case(net, later):
                yield row, tags, pid, nid
                emitted += 1
                if emitted >= self.n:
                    return
            for delay, row, tags, pid, nid in later:
                seq += 1
                heapq.heappush(pending, (step + delay, seq, row, tags, pid, nid))
            step += 1


def iter_records(
    n: int, seed: int = 1, **knobs: Any
) -> Iterator[tuple[dict[str, str], dict[str, str], list[str]]]:
    """Stream (record, truth, tags) for n records; tags name the phenomena the record shows."""
    gen = _RecordGenerator(n, seed, _make_knobs(RecordKnobs, knobs))
    for i, (row, tags, pid, nid) in enumerate(gen, start=1):
        rid = f"R{i:07d}"
        yield (
            dict(zip(RECORD_COLUMNS, [rid, *row], strict=True)),
            {"record_id": rid, "person_id": pid, "network_id": nid},
            tags,
        )


def generate_records(
    n: int, seed: int = 1, **knobs: Any
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """n person records and their truth, as lists of dicts (see iter_records for streaming)."""
    records, truth = [], []
    for record, t, _tags in iter_records(n, seed, **knobs):
        records.append(record)
        truth.append(t)
    return records, truth


def write_records(out: Path, n: int, seed: int = 1, tags: bool = False, **knobs: Any) -> int:
    """Stream n records to out/records.csv and out/truth.csv (and out/record_tags.csv with
    tags); returns the number written."""
    out.mkdir(parents=True, exist_ok=True)
    gen = _RecordGenerator(n, seed, _make_knobs(RecordKnobs, knobs))
    count = 0
    with contextlib.ExitStack() as stack:
        files = ["records.csv", "truth.csv"] + (["record_tags.csv"] if tags else [])
        writers = [
            csv.writer(
                stack.enter_context((out / f).open("w", newline="", encoding="utf-8")),
                lineterminator="\n",
            )
            for f in files
        ]
        writers[0].writerow(RECORD_COLUMNS)
        writers[1].writerow(TRUTH_COLUMNS)
        if tags:
            writers[2].writerow(("record_id", "tags"))
        write_record, write_truth = writers[0].writerow, writers[1].writerow
        for i, (row, record_tags, pid, nid) in enumerate(gen, start=1):
            rid = f"R{i:07d}"
            write_record((rid, *row))
            write_truth((rid, pid, nid))
            if tags:
                writers[2].writerow((rid, ";".join(sorted(set(record_tags)))))
            count = i
    return count


# --------------------------------------------------------------------------------------------
# Recruitment ads

_AD_STOCK = {
    "vi": (
        "Lương cao", "Bao ăn ở", "Bao ăn ở, bao vé máy bay", "Không cần kinh nghiệm",
        "Không cần bằng cấp", "Không cần biết ngoại ngữ", "Việc nhẹ lương cao",
        "Làm việc văn phòng, có máy lạnh", "Hỗ trợ làm hộ chiếu", "Xuất cảnh nhanh",
        "Ưu tiên đi ngay", "Tuổi từ 18-35", "Nam nữ đều được", "Đóng phí sau khi có việc",
        "Bao visa", "Làm 8 tiếng/ngày", "Tuyển gấp", "Số lượng có hạn",
        "Inbox để được tư vấn", "Chỉ cần biết đánh máy", "Thưởng doanh số hấp dẫn",
        "Lương cao, bao ăn ở", "Không mất phí",
    ),
    "id": (
        "Gaji tinggi", "Tanpa pengalaman", "Mess gratis", "Tiket & visa ditanggung",
        "Proses cepat", "Berangkat segera", "Usia 18-35 tahun", "Pria/wanita",
        "Tidak perlu bahasa Inggris", "Kerja kantoran ber-AC", "Bisa bayar setelah kerja",
        "Tanpa potongan gaji", "Langsung kerja", "Dicari segera", "Kuota terbatas",
        "Paspor dibantu", "Bonus besar", "Gaji tinggi, tanpa pengalaman", "Makan & mess gratis",
        "Tanpa biaya",
    ),
    "en": (
        "High salary", "High salary, free visa", "Free visa and air ticket",
        "No experience needed", "Free accommodation and meals", "Easy work",
        "Office job with air-conditioning", "Age 18-35", "Male/female", "Fast process",
        "Depart immediately", "Limited slots", "English not required",
        "Just basic typing skills", "Big commission", "Pay the fee after you start work",
        "Urgent hiring", "DM for details", "No placement fee",
    ),
}  # fmt: skip
_AD_SYNONYMS = {
    "vi": (("Lương cao", "Thu nhập cao"), ("Bao ăn ở", "Bao ăn, bao ở"), ("Liên hệ", "LH"),
           ("Không cần kinh nghiệm", "Không yêu cầu kinh nghiệm"), ("Tuyển gấp", "Cần tuyển gấp"),
           ("làm việc", "làm"), ("tháng", "th"), ("nhân viên", "NV"), ("Điện thoại", "ĐT"),
           ("đi ngay", "bay ngay")),
    "id": (("Gaji tinggi", "Gaji besar"), ("Tanpa pengalaman", "Tidak perlu pengalaman"),
           ("hubungi", "hub."), ("Hubungi", "Hub."), ("gratis", "free"), ("segera", "secepatnya"),
           ("bulan", "bln"), ("Berangkat", "Terbang"), ("lowongan", "loker"),
           ("LOWONGAN", "LOKER")),
    "en": (("High salary", "Good salary"), ("No experience needed", "No experience required"),
           ("Contact", "Call"), ("free", "FREE"), ("Urgent", "URGENT"), ("month", "mo"),
           ("immediately", "ASAP"), ("company", "firm"), ("hiring", "recruiting")),
}  # fmt: skip
_AD_JOBS = {
    "vi": ("nhân viên chăm sóc khách hàng", "nhân viên văn phòng", "nhân viên bán hàng online",
           "phục vụ nhà hàng", "công nhân nhà máy", "lao động phổ thông", "nhân viên nhập liệu",
           "giúp việc nhà", "thợ hàn", "tài xế", "nhân viên marketing"),
    "id": ("admin online", "customer service", "operator produksi", "ART", "pelayan restoran",
           "buruh kebun sawit", "ABK kapal", "staf marketing online", "caregiver", "kasir"),
    "en": ("customer service agents", "data entry clerks", "online sales staff", "typists",
           "factory workers", "restaurant staff", "domestic helpers", "fishing crew",
           "game testers", "call centre agents"),
}  # fmt: skip
_AD_DEST = {
    "vi": (("KH", "Campuchia"), ("MM", "Myanmar"), ("LA", "Lào"), ("MY", "Malaysia"),
           ("TW", "Đài Loan"), ("TH", "Thái Lan")),
    "id": (("MY", "Malaysia"), ("KH", "Kamboja"), ("TW", "Taiwan"), ("MM", "Myanmar"),
           ("TH", "Thailand"), ("PH", "Filipina")),
    "en": (("TH", "Thailand"), ("KH", "Cambodia"), ("MY", "Malaysia"), ("MM", "Myanmar"),
           ("LA", "Laos"), ("TW", "Taiwan")),
}  # fmt: skip
_AD_LEGIT_DEST = {
    "vi": (("TW", "Đài Loan"), ("JP", "Nhật Bản"), ("KR", "Hàn Quốc"), ("MY", "Malaysia")),
    "id": (("TW", "Taiwan"), ("HK", "Hong Kong"), ("MY", "Malaysia"), ("KR", "Korea Selatan"),
           ("JP", "Jepang")),
    "en": (("TW", "Taiwan"), ("JP", "Japan"), ("SA", "Saudi Arabia"), ("HK", "Hong Kong")),
}  # fmt: skip
_AD_ORIGIN = {"vi": ("VN",), "id": ("ID",), "en": ("PH", "LK", "MM", "LA", "KH", "TH")}
_AD_BRAND = (
    _words(
        "Long_Bay Thien_Phat Golden_Lotus Royal_Sun Asia_Star Lucky_Dragon "
        "Hoang_Kim Bright_Ocean New_Horizon Sky_Garden Jade_Palace Silver_Moon"
    ),
    _words("Group Entertainment Technology Resort Trading Co. Holdings Investment"),
)
_AD_REQ = {
    "vi": ("biết dùng máy tính cơ bản", "sức khỏe tốt", "không có tiền án", "biết tiếng Trung "
           "là lợi thế", "có CCCD gắn chip", "chịu khó"),
    "id": ("bisa komputer dasar", "sehat jasmani", "bisa baca tulis", "punya paspor",
           "jujur dan rajin", "bisa bahasa Mandarin diutamakan"),
    "en": ("basic computer skills", "good health", "can type 30 words per minute",
           "valid passport", "hardworking", "Chinese speaker is a plus"),
}  # fmt: skip
_AD_DETAIL = {
    "vi": (
        "Làm việc tại {place}, {country}, công ty {brand} ({floors} tầng, có hồ bơi, phòng gym)",
        "Ca làm: {h1}h sáng - {h2}h tối, nghỉ {off} ngày/tháng",
        "Thưởng {bonus}$ khi đạt KPI, hỗ trợ {travel}$ tiền đi lại",
        "Yêu cầu: {req}",
        "Xuất phát từ {city} ngày {day}/{month}, có người đón tận nơi",
        "Ký túc xá {beds} người/phòng, có wifi miễn phí",
    ),
    "id": (
        "Lokasi kerja di {place}, {country}, perusahaan {brand}",
        "Jam kerja {h1}.00 - {h2}.00, libur {off} hari/bulan",
        "Bonus {bonus} juta jika capai target, uang transport {travel} ribu",
        "Syarat: {req}",
        "Berangkat dari {city} tanggal {day}/{month}, dijemput di bandara",
        "Mess {beds} orang per kamar, wifi gratis",
    ),
    "en": (
        "Work location: {place}, {country}, {brand} company",
        "Shift {h1}am - {h2}pm, {off} days off per month",
        "Bonus ${bonus} for reaching KPI, ${travel} travel allowance",
        "Requirements: {req}",
        "Departure from {city} on {day}/{month}, pick-up at the airport",
        "Dormitory {beds} persons per room, free wifi",
    ),
}
_AD_HEADLINE = {
    "vi": ("TUYỂN {count} {job_u} ĐI {country_u}",
           "CẦN GẤP {count} {job} LÀM VIỆC TẠI {country}",
           "{country_u} TUYỂN {job_u} - LƯƠNG {salary}",
           "Tuyển {job} đi {country} ({count} người)"),
    "id": ("LOWONGAN {job_u} DI {country_u} - BUTUH {count} ORANG",
           "Dibutuhkan segera {count} {job} untuk {country}", "LOKER {country_u} GAJI {salary}",
           "DICARI {job_u} KE {country_u}!!!"),
    "en": ("HIRING {count} {job_u} IN {country_u}", "Urgently needed: {count} {job} for {country}",
           "{country_u} JOBS - {job_u} - {salary}", "We are looking for {job} ({count} slots)"),
}  # fmt: skip
_AD_SALARY = {
    "vi": ("{lo}$ - {hi}$/tháng", "{lo} - {hi} USD/tháng", "{mil} triệu/tháng"),
    "id": ("{jt} juta/bulan", "Rp {jt}.000.000/bulan", "{lo}-{hi} USD/bulan"),
    "en": ("${lo}-${hi}/month", "{lo}-{hi} USD per month", "USD {hi}/month"),
}
_AD_CONTACT = {
    "vi": ("Liên hệ: {phone} (Zalo) - {name}", "LH ngay {phone} gặp {name}",
           "Điện thoại/Zalo: {phone}", "Liên hệ Telegram {tg} hoặc {phone}"),
    "id": ("Minat hubungi WA {phone} ({name})", "Info lebih lanjut: {phone}",
           "Hubungi {name} di {phone}", "Telegram {tg} / WA {phone}"),
    "en": ("Contact {name} on WhatsApp {phone}", "Call or text {phone}",
           "Telegram {tg} or WhatsApp {phone}", "Send your CV to {phone} ({name})"),
}  # fmt: skip
_AD_LEGIT = {
    "vi": ("{company_u} (Giấy phép số {licence}/LĐTBXH-GP) TUYỂN {count} {job_u} ĐI "
           "{country_u} LÀM VIỆC", "Mức lương: {salary} theo hợp đồng lao động",
           "Chi phí theo quy định của Luật số 69/2020/QH14, không thu phí môi giới trái phép",
           "Yêu cầu: {req}", "Nộp hồ sơ tại văn phòng công ty: {address}", "Điện thoại: {phone}"),
    "id": ("{company} (SIP3MI No. {licence}) membuka lowongan {job} ke {country}",
           "Gaji sesuai perjanjian kerja: {salary}",
           "Biaya penempatan sesuai ketentuan BP2MI", "Persyaratan: {req}",
           "Pendaftaran di kantor: {address}", "Info: {phone}"),
    "en": ("{company} (DMW License No. DMW-{licence}-LB) is hiring {count} {job} for {country}",
           "Salary: {salary} as per the employment contract", "No placement fee",
           "Requirements: {req}", "Apply in person at: {address}", "Tel: {phone}"),
}  # fmt: skip
_AD_TAGS = {
    "vi": ("#vieclam", "#xuatkhaulaodong", "#luongcao", "#tuyendung", "#campuchia", "#vieclamgap"),
    "id": ("#loker", "#lokerluarnegeri", "#kerjadimalaysia", "#lowongankerja", "#gajitinggi"),
    "en": ("#hiring", "#jobs", "#overseasjobs", "#urgenthiring", "#workabroad"),
}
_AD_MORE = {"vi": "… Xem thêm", "id": "... Selengkapnya", "en": "... See more"}
_AD_SOURCES = {
    "vi": ("facebook:Việc làm Campuchia lương cao", "facebook:Tuyển dụng XKLĐ Đài Loan",
           "facebook:Hội người Việt tại Malaysia", "zalo:Nhóm việc làm nước ngoài",
           "telegram:Việc làm nước ngoài uy tín", "tiktok", "website:vieclam-nuocngoai"),
    "id": ("facebook:Info Loker Luar Negeri", "facebook:Lowongan Kerja Malaysia",
           "facebook:PMI Taiwan Bersatu", "telegram:Loker Kamboja", "whatsapp:grup loker",
           "tiktok", "instagram"),
    "en": ("facebook:Jobs in Thailand for Filipinos", "facebook:Overseas Jobs Asia",
           "telegram:Overseas Jobs Asia", "facebook:Sri Lanka Foreign Jobs",
           "website:jobs-board", "linkedin"),
}  # fmt: skip
_EMOJI_HEAD = ("🔥🔥", "🔥", "📢", "⚡", "❗❗", "🌟", "💰💰")
_EMOJI_BULLET = ("✅", "👉", "✔️", "⭐", "💵", "🏠", "✈️", "-", "•", "+")


@dataclasses.dataclass
class _Template:
    tid: str
    lang: str
    legit: bool
    lines: list[str]  # format strings; slots: count salary phone tg name
    head_emoji: str
    bullet: str
    phones: list[tuple[str, str]]
    tg: str
    name: str
    count: int
    lo: int
    hi: int
    sources: list[str]
    start: int
    span: int


class _AdGenerator:
    def __init__(self, n: int, seed: int, knobs: AdKnobs) -> None:
        if n < 0:
            raise ValueError(f"n must be 0 or more, got {n}")
        self.n = n
        self.k = knobs
        self.rng = random.Random(f"regional-ads:{seed}")
        self.issued: set[int] = set()

    def _mobile(self, c: str) -> str:
        spec = COUNTRIES[c]
        while True:
            prefix, length = spec.mobile(self.rng)
            nsn = prefix + _digits(self.rng, length - len(prefix))
            if int(spec.cc + nsn) not in self.issued:
                self.issued.add(int(spec.cc + nsn))
                return nsn

    def _phone_text(self, c: str, nsn: str) -> str:
        rng = self.rng
        spec = COUNTRIES[c]
        s = rng.random()
        if s < 0.55:
            national = spec.mobile_trunk + nsn
            sep = _SEPS(rng)
            return _group(national, _chunks(len(national), rng), sep) if sep else national
        if s < 0.75:
            return "+" + spec.cc + nsn
        if s < 0.9:
            return f"+{spec.cc} " + _group(nsn, _chunks(len(nsn), rng), " ")
        return spec.cc + nsn

    def _template(self, tid: str, lang: str, legit: bool, oneoff: bool) -> _Template:
        rng = self.rng
        dest, country = _ch(rng, (_AD_LEGIT_DEST if legit else _AD_DEST)[lang])
        company = self._company_name(lang)
        origin = _ch(rng, _AD_ORIGIN[lang])
        job = _ch(rng, _AD_JOBS[lang])
        lo = _ch(rng, (600, 800, 1000, 1200, 1500)) if not legit else _ch(rng, (400, 500, 600, 700))
        hi = lo + _ch(rng, (300, 500, 800, 1000))
        slots = {
            "job": job,
            "job_u": job.upper(),
            "country": country,
            "country_u": country.upper(),
            "place": _ch(rng, _DEST_PLACES.get(dest, (country,))),
            "brand": f"{_ch(rng, _AD_BRAND[0])} {_ch(rng, _AD_BRAND[1])}",
            "floors": str(_rr(rng, 5, 30)),
            "h1": str(_rr(rng, 7, 11)),
            "h2": str(_rr(rng, 7, 11)),
            "off": str(_rr(rng, 1, 5)),
            "bonus": str(_rr(rng, 1, 20) * 50),
            "travel": str(_rr(rng, 2, 10) * 50),
            "req": _ch(rng, _AD_REQ[lang]),
            "city": _ch(rng, _DEST_PLACES.get(origin, ("Manila",))),
            "day": str(_rr(rng, 1, 29)),
            "month": str(_rr(rng, 1, 13)),
            "beds": str(_rr(rng, 2, 9)),
            "company": company,
            "company_u": company.upper(),
            "licence": str(_rr(rng, 10, 999)),
            "address": self._office(origin),
            "count": "{count}",
            "salary": "{salary}",
            "phone": "{phone}",
        }
        if legit:
            lines = [t.format(**slots) for t in _AD_LEGIT[lang]]
            stock = [
                x for x in _AD_STOCK[lang] if "phí" not in x and "fee" not in x and "biaya" not in x
            ]
            if rng.random() < 0.6:
                lines.insert(_rr(rng, 1, len(lines) - 1), _ch(rng, stock))
        else:
            head = _ch(rng, _AD_HEADLINE[lang]).format(**slots)
            n_detail = _rr(rng, 0, 2) if oneoff else _rr(rng, 1, 4)
            details = [t.format(**slots) for t in rng.sample(_AD_DETAIL[lang], n_detail)]
            stock = rng.sample(_AD_STOCK[lang], _rr(rng, 3, 7) if oneoff else _rr(rng, 2, 5))
            body = details + stock
            rng.shuffle(body)
            if rng.random() < 0.5:
                body.insert(0, {"vi": "Lương: ", "id": "Gaji: "}.get(lang, "Salary: ") + "{salary}")
            lines = [head, *body, _ch(rng, _AD_CONTACT[lang])]
        phones = [(origin, self._mobile(origin)) for _ in range(_ch(rng, (1, 1, 2, 3)))]
        if not legit and dest in ("KH", "MM", "LA", "MY", "TH") and rng.random() < 0.3:
            phones.append((dest, self._mobile(dest)))
        tg = "@" + _ascii(job.split()[0]).lower() + "_" + _ascii(country).lower().replace(" ", "")
        tg += str(_rr(rng, 1, 999))
        name = {
            "vi": ("anh Tuấn", "chị Lan", "Mr Long", "chị Hằng", "anh Minh"),
            "id": ("Bu Rina", "Pak Agus", "Mbak Dewi", "Mas Eko", "Bu Siti"),
            "en": ("Ms. Joy", "Mr. Tan", "Ms. Grace", "Mr. Lee", "Ms. Ann"),
        }[lang]
        start = _rr(rng, _START, _END - 30)
        return _Template(
            tid,
            lang,
            legit,
            lines,
            "" if legit else _ch(rng, _EMOJI_HEAD),
            "" if legit and rng.random() < 0.6 else _ch(rng, _EMOJI_BULLET),
            phones,
            tg,
            _ch(rng, name),
            _ch(rng, (5, 10, 20, 30, 50, 100)),
            lo,
            hi,
            rng.sample(_AD_SOURCES[lang], _ch(rng, (1, 1, 2, 3))),
            start,
            max(1, min(_END - start, _rr(rng, 14, 720))),
        )

    def _company_name(self, lang: str) -> str:
        rng = self.rng
        a, b, c = _COMPANY[lang]
        return " ".join(x for x in (_ch(rng, a), _ch(rng, b), _ch(rng, c)) if x)

    def _office(self, c: str) -> str:
        rng = self.rng
        province, districts, _code = _ch(rng, _PLACES[c])
        return (
            f"Số {_rr(rng, 1, 300)} {_ch(rng, districts)}, {province}"
            if c == "VN"
            else (
                f"Jl. Raya {_ch(rng, districts)} No. {_rr(rng, 1, 300)}, {province}"
                if c == "ID"
                else f"{_rr(rng, 1, 300)} {_ch(rng, districts)} Road, {province}"
            )
        )

    def _salary(self, t: _Template, change: bool) -> str:
        rng = self.rng
        lo, hi = t.lo, t.hi
        if change:
            lo += _rr(rng, -2, 3) * 100
            hi += _rr(rng, -2, 4) * 100
            lo, hi = max(200, lo), max(lo + 100, hi)
        form = _AD_SALARY[t.lang][0 if not change else _rr(rng, 0, 3)]
        return form.format(lo=lo, hi=hi, mil=hi * 25 // 1000, jt=hi * 16 // 1000)

    def _render(self, t: _Template) -> str:
        rng, k = self.rng, self.k
        r = rng.random
        change = r() < k.number_change_rate
        count = t.count + (_ch(rng, (-10, -5, 5, 10, 20)) if change and r() < 0.7 else 0)
        phone_idx = _rr(rng, 0, len(t.phones)) if r() < k.phone_change_rate else 0
        c, nsn = t.phones[phone_idx]
        slots = {
            "count": str(max(2, count)),
            "salary": self._salary(t, change),
            "phone": self._phone_text(c, nsn),
            "tg": t.tg,
            "name": t.name,
        }
        lines = [line.format(**slots) for line in t.lines]
        body = list(range(1, len(lines) - 1))
        if len(body) >= 2 and r() < k.reorder_rate:
            i = _ch(rng, body[:-1])
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        if len(body) >= 3 and r() < k.drop_line_rate:
            del lines[_ch(rng, body)]
        if r() < k.add_line_rate:
            lines.insert(_rr(rng, 1, len(lines)), _ch(rng, _AD_STOCK[t.lang]))
        head_emoji, bullet = t.head_emoji, t.bullet
        if r() < k.emoji_rate:
            s = r()
            if s < 0.35:
                head_emoji, bullet = "", "" if bullet in ("-", "•", "+") else "-"
            elif s < 0.7:
                head_emoji = _ch(rng, _EMOJI_HEAD)
                bullet = _ch(rng, _EMOJI_BULLET)
            else:
                head_emoji = head_emoji + _ch(rng, _EMOJI_HEAD)
        head = lines[0]
        if r() < k.case_rate:
            head = head.upper() if r() < 0.5 else head.capitalize()
        lines[0] = f"{head_emoji} {head} {head_emoji}".strip() if head_emoji else head
        for i in range(1, len(lines) - 1):
            lines[i] = f"{bullet} {lines[i]}" if bullet else lines[i]
        spacing = r() < k.spacing_rate
        joiner = "\n"
        if spacing:
            joiner = _ch(rng, (" ", " | ", "\n\n", ". ", "\n"))
        text = joiner.join(lines)
        if spacing and r() < 0.5:
            words = text.split(" ")
            i = _rr(rng, 0, len(words))
            words[i] = words[i] + " "
            text = " ".join(words)
        if r() < k.word_swap_rate:
            pairs = _AD_SYNONYMS[t.lang]
            for a, b in rng.sample(pairs, _rr(rng, 1, 4)):
                text = text.replace(a, b) if a in text else text.replace(b, a)
        if r() < k.typo_rate:
            words = text.split(" ")
            i = _rr(rng, 0, len(words))
            words[i] = _typo(rng, words[i])
            text = " ".join(words)
        if r() < k.hashtag_rate:
            text += "\n" + " ".join(rng.sample(_AD_TAGS[t.lang], _rr(rng, 1, 4)))
        if r() < k.truncation_rate:
            cut = int(len(text) * rng.uniform(0.5, 0.9))
            text = text[:cut].rstrip() + _AD_MORE[t.lang]
        return text

    def generate(self) -> list[tuple[str, str, str, str]]:
        """(posted_at, source, text, template_id) of n ads, in posting order."""
        rng, k = self.rng, self.k
        n_oneoff = round(self.n * k.oneoff_rate)
        n_templated = self.n - n_oneoff
        cap = k.max_template_ads or max(20, int(n_templated**0.6))
        exponent = -1.0 / (k.template_size_alpha - 1.0)
        sizes: list[int] = []
        total = 0
        while total < n_templated:
            size = cap + 1
            while size > cap:
                size = int(2.0 * (1.0 - rng.random()) ** exponent)
            sizes.append(max(1, min(size, n_templated - total)))
            total += sizes[-1]
        langs = _Pick(["vi", "id", "en"], [40, 40, 20])
        ads: list[tuple[str, str, str, str]] = []
        legit_seq = scam_seq = 0
        for size in sizes:
            legit = rng.random() < k.legit_rate
            if legit:
                legit_seq += 1
                tid = f"L{legit_seq:05d}"
            else:
                scam_seq += 1
                tid = f"T{scam_seq:05d}"
            t = self._template(tid, langs(rng), legit, oneoff=False)
            for _ in range(size):
                ads.append(self._ad(t, tid if size > 1 else ""))
        for _ in range(n_oneoff):
            t = self._template("", langs(rng), rng.random() < k.legit_rate, oneoff=True)
            ads.append(self._ad(t, ""))
        ads.sort()
        return ads

    def _ad(self, t: _Template, tid: str) -> tuple[str, str, str, str]:
        rng = self.rng
        when = dt.datetime.fromordinal(t.start + _rr(rng, 0, t.span)) + dt.timedelta(
            minutes=_rr(rng, 6 * 60, 23 * 60)
        )
        return (when.isoformat(timespec="minutes"), _ch(rng, t.sources), self._render(t), tid)


def iter_ads(
    n: int, seed: int = 1, **knobs: Any
) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """(ad, truth) for n ads in posting order."""
    ads = _AdGenerator(n, seed, _make_knobs(AdKnobs, knobs)).generate()
    for i, (posted, source, text, tid) in enumerate(ads, start=1):
        aid = f"A{i:07d}"
        yield (
            {"ad_id": aid, "posted_at": posted, "source": source, "text": text},
            {"ad_id": aid, "template_id": tid},
        )


def generate_ads(
    n: int, seed: int = 1, **knobs: Any
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """n recruitment ads and their truth, as lists of dicts."""
    ads, truth = [], []
    for ad, t in iter_ads(n, seed, **knobs):
        ads.append(ad)
        truth.append(t)
    return ads, truth


def write_ads(out: Path, n: int, seed: int = 1, **knobs: Any) -> int:
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    with (
        (out / "ads.csv").open("w", newline="", encoding="utf-8") as af,
        (out / "ads_truth.csv").open("w", newline="", encoding="utf-8") as tf,
    ):
        aw = csv.writer(af, lineterminator="\n")
        tw = csv.writer(tf, lineterminator="\n")
        aw.writerow(AD_COLUMNS)
        tw.writerow(AD_TRUTH_COLUMNS)
        for ad, truth in iter_ads(n, seed, **knobs):
            aw.writerow([ad[c] for c in AD_COLUMNS])
            tw.writerow([truth[c] for c in AD_TRUTH_COLUMNS])
            count += 1
    return count


# --------------------------------------------------------------------------------------------
# Command line


def _parse_sets(items: Sequence[str]) -> dict[str, str]:
    knobs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise SystemExit(f"--set needs knob=value, got {item!r}")
        knobs[key.strip()] = value.strip()
    return knobs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="what", required=True)
    for what in ("records", "ads"):
        p = sub.add_parser(what, help=f"write {what} and their truth")
        p.add_argument("--n", type=int, default=20000)
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("--out", type=Path, required=True)
        p.add_argument(
            "--set",
            action="append",
            default=[],
            metavar="KNOB=VALUE",
            help="change a knob (see the module docstring)",
        )
        if what == "records":
            p.add_argument("--tags", action="store_true", help="also write record_tags.csv")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("--n must be 0 or more")
    try:
        knobs = _parse_sets(args.set)
        start = time.perf_counter()
        if args.what == "records":
            count = write_records(args.out, args.n, args.seed, tags=args.tags, **knobs)
        else:
            count = write_ads(args.out, args.n, args.seed, **knobs)
    except ValueError as exc:
        parser.error(str(exc))
    elapsed = time.perf_counter() - start
    print(f"wrote {count} {args.what} to {args.out} in {elapsed:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
