"""Synthetic case records with known truth, for tests and benchmarks.

``generate_records(n, seed)`` plants networks (people recruited through shared phones,
accounts and handles, each person appearing in one to three records of different
agencies), lone people (some recorded twice), and hubs (hotlines written into many
unrelated records). Names are Vietnamese, Indonesian and English with the variants found
in case files: diacritics dropped, upper case, family name moved, middle name dropped, one
typo. Dates and phones are written in mixed formats. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

VN_FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Mai",
    "Tạ",
    "Cao",
    "Lâm",
    "Chu",
    "Kiều",
    "Quách",
    "Lương",
    "Hà",
    "Tô",
]
VN_MIDDLE = [
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Ngọc",
    "Thanh",
    "Quang",
    "Xuân",
    "Hoàng",
    "Công",
    "Thu",
    "Kim",
    "Bảo",
    "Gia",
    "Đình",
    "Mạnh",
    "Phương",
    "Tuấn",
    "Hồng",
]
VN_GIVEN = [
    "Tuấn",
    "Hùng",
    "Lan",
    "Hương",
    "Dũng",
    "Linh",
    "Mai",
    "Anh",
    "Hải",
    "Nam",
    "Phương",
    "Thảo",
    "Trang",
    "Long",
    "Sơn",
    "Hà",
    "Hiếu",
    "Quân",
    "Khánh",
    "Nhung",
    "Yến",
    "Vy",
    "Trung",
    "Thắng",
    "Cường",
    "Đạt",
    "Tâm",
    "Bình",
    "Hoa",
    "Hạnh",
    "Lộc",
    "Phúc",
    "Tùng",
    "Vinh",
    "Huy",
    "Hiền",
    "Loan",
    "Ngân",
    "Nhi",
    "Quỳnh",
    "Tú",
    "Uyên",
    "Vân",
    "Việt",
    "Toàn",
    "Thịnh",
    "Nghĩa",
    "Khoa",
    "Duy",
    "Châu",
    "Diệp",
    "Giang",
    "Hằng",
    "Kiên",
    "Lợi",
    "Mỹ",
    "Oanh",
    "Sang",
    "Thủy",
    "Tiến",
    "Trí",
    "Xuyến",
]
ID_GIVEN = [
    "Siti",
    "Nur",
    "Dewi",
    "Sri",
    "Budi",
    "Agus",
    "Putri",
    "Rina",
    "Wahyu",
    "Eko",
    "Ahmad",
    "Muhammad",
    "Indah",
    "Ayu",
    "Fitri",
    "Yusuf",
    "Rizky",
    "Dian",
    "Ratna",
    "Bayu",
    "Citra",
    "Dimas",
    "Fajar",
    "Gita",
    "Hendra",
    "Intan",
    "Joko",
    "Kartika",
    "Lestari",
    "Mega",
    "Novi",
    "Oki",
    "Purnama",
    "Rudi",
    "Sari",
    "Taufik",
    "Umar",
    "Wati",
    "Yanti",
    "Zainal",
]
ID_FAMILY = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Lestari",
    "Kurniawan",
    "Pratama",
    "Setiawan",
    "Susanti",
    "Rahmawati",
    "Nugroho",
    "Wulandari",
    "Purnomo",
    "Handayani",
    "Siregar",
    "Nasution",
    "Simanjuntak",
    "Harahap",
    "Permana",
    "Gunawan",
    "Halim",
    "Syahputra",
    "Utami",
    "Firmansyah",
]
EN_GIVEN = [
    "John",
    "Mary",
    "James",
    "Linda",
    "Robert",
    "Susan",
    "Michael",
    "Karen",
    "David",
    "Emma",
    "Daniel",
    "Grace",
    "Peter",
    "Anna",
    "Paul",
    "Laura",
    "Mark",
    "Helen",
]
EN_FAMILY = [
    "Smith",
    "Jones",
    "Brown",
    "Taylor",
    "Wilson",
    "Walker",
    "White",
    "Hall",
    "Green",
    "Wood",
    "Clarke",
    "Hughes",
    "Lewis",
    "King",
    "Baker",
    "Hill",
]
AGENCIES = [
    ("VN-MPS", "VN"), ("VN-WU", "VN"), ("VN-MOLISA", "VN"), ("ID-BP2MI", "ID"),
    ("ID-POLRI", "ID"), ("TH-DSDW", "TH"), ("KH-MOSAVY", "KH"), ("MY-PDRM", "MY"),
]  # fmt: skip
CC = {"VN": "84", "ID": "62", "TH": "66", "KH": "855", "MY": "60"}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass
class Person:
    pid: int
    nationality: str
    parts: list[str]  # display order
    family_first: bool
    dob: tuple[int, int, int]
    passport: str
    phone: str  # national significant number
    address: str


def _strip(s: str) -> str:
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _mobile(rng: random.Random, country: str) -> str:
    """A valid-looking mobile number in E.164."""
    if country == "VN":
        return f"+849{rng.choice('013678')}{rng.randrange(10**7):07d}"
    if country == "TH":
        return f"+668{rng.choice('1689')}{rng.randrange(10**7):07d}"
    if country == "KH":
        return f"+85512{rng.randrange(10**6):06d}"
    return f"+628{rng.choice('1235')}{rng.randrange(10**9):09d}"


def _person(rng: random.Random, pid: int) -> Person:
    nat = rng.choices(["VN", "ID", "GB"], [0.6, 0.35, 0.05])[0]
    if nat == "VN":
        given = rng.choice(VN_GIVEN) + ("" if rng.random() < 0.6 else " " + rng.choice(VN_GIVEN))
        parts = [rng.choice(VN_FAMILY), rng.choice(VN_MIDDLE), *given.split()]
        family_first = True
    elif nat == "ID":
        parts = (
            [rng.choice(ID_GIVEN)]
            + ([rng.choice(ID_GIVEN)] if rng.random() < 0.5 else [])
            + [rng.choice(ID_FAMILY)]
        )
        family_first = False
    else:
        parts, family_first = [rng.choice(EN_GIVEN), rng.choice(EN_FAMILY)], False
    dob = (rng.randint(1965, 2007), rng.randint(1, 12), rng.randint(1, 28))
    passport = rng.choice("BCNP") + f"{rng.randrange(10**7):07d}"
    phone = _mobile(rng, "ID" if nat == "ID" else "VN")[3:]
    address = f"{rng.randint(1, 300)} {rng.choice(['Lê Lợi', 'Jl. Sudirman', 'Trần Phú', 'Jl. Merdeka', 'Nguyễn Huệ'])}, {rng.choice(['Hà Tĩnh', 'Nghệ An', 'Indramayu', 'Cilacap', 'Thanh Hóa', 'Lampung'])}"  # noqa: E501
    return Person(pid, nat, parts, family_first, dob, passport, phone, address)


def name_variant(rng: random.Random, p: Person) -> str:
    """The person's name as one agency may have written it."""
    parts = list(p.parts)
    r = rng.random()
    if len(parts) > 2 and r < 0.15:
        del parts[1]  # dropped middle name
    if p.family_first and rng.random() < 0.3:
        parts = parts[1:] + parts[:1]  # family name last
    name = " ".join(parts)
    if rng.random() < 0.4:
        name = _strip(name)
    if rng.random() < 0.25:
        name = name.upper()
    if rng.random() < 0.12:
        i = rng.randrange(len(name) - 1)
        if name[i].isalpha() and name[i + 1].isalpha():
            name = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name


def date_variant(rng: random.Random, dob: tuple[int, int, int]) -> str:
    y, m, d = dob
    if rng.random() < 0.08:
        return ""
    return rng.choice([f"{d:02d}/{m:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{d} {MONTHS[m - 1]} {y}",
                       f"{d}-{m}-{y}", f"{d:02d}.{m:02d}.{y}"])  # fmt: skip


def phone_variant(rng: random.Random, nsn: str, country: str, agency_country: str) -> str:
    cc = CC[country]
    if country == agency_country and rng.random() < 0.7:
        n = "0" + nsn
        return rng.choice([n, f"{n[:4]}.{n[4:7]}.{n[7:]}", f"{n[:4]} {n[4:7]} {n[7:]}",
                           f"{n[:4]}-{n[4:8]}-{n[8:]}"])  # fmt: skip
    return rng.choice([f"+{cc}{nsn}", f"+{cc} {nsn[:3]} {nsn[3:6]} {nsn[6:]}", f"00{cc}{nsn}"])


HEADER = [
    "record_id", "agency", "case_ref", "role", "name", "date_of_birth", "nationality",
    "id_numbers", "address", "phones", "emails", "handles", "accounts", "notes", "seen_at",
]  # fmt: skip


def generate_records(
    n: int, seed: int = 1, network_share: float = 0.35, hubs_per_100k: int = 6
) -> tuple[list[dict[str, str]], dict[str, str], dict[str, str]]:
    """``n`` records, truth person id and truth network id per record_id."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
    rows: list[dict[str, str]] = []
    person_truth: dict[str, str] = {}
    network_truth: dict[str, str] = {}
    hubs = [
        f"+8428{rng.randrange(10**7, 10**8)}" for _ in range(max(2, hubs_per_100k * n // 100_000))
    ]
    pid = 0
    net = 0

    def emit(p: Person, network: str, shared: list[str], notes_extra: str) -> None:
        agency, country = rng.choice(AGENCIES)
        rid = f"R{len(rows) + 1:07d}"
        phones = [phone_variant(rng, p.phone, "ID" if p.nationality == "ID" else "VN", country)]
        phones += [s for s in shared if s.startswith("+") and rng.random() < 0.6]
        notes = notes_extra
        if rng.random() < 0.05:
            notes += f" Gọi đường dây nóng {rng.choice(hubs)}"
        nat = {"VN": ["VN", "Việt Nam", "Vietnamese"], "ID": ["ID", "Indonesia", "WNI"],
               "GB": ["GB", "UK", "British"]}[p.nationality]  # fmt: skip
        rows.append({
            "record_id": rid, "agency": agency,
            "case_ref": f"C{rng.randrange(10**6)}-{len(rows) + 1}",
            "role": rng.choice(["victim", "victim", "witness", "suspect"]),
            "name": name_variant(rng, p), "date_of_birth": date_variant(rng, p.dob),
            "nationality": rng.choice(nat) if rng.random() < 0.8 else "",
            "id_numbers": (f"passport {p.passport}" if rng.random() < 0.35 else ""),
            "address": p.address if rng.random() < 0.3 else "",
            "phones": ";".join(phones),
            "emails": "", "handles": ";".join(s for s in shared if not s.startswith("+")
                                             and not s.startswith("acct") and rng.random() < 0.5),
            "accounts": ";".join(s[5:] for s in shared if s.startswith("acct")
                                 and rng.random() < 0.4),
            "notes": notes,
            "seen_at": f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-"
                       f"{rng.randint(1, 28):02d}",
        })  # fmt: skip
        person_truth[rid] = f"p{p.pid}"
        network_truth[rid] = network

    while len(rows) < n:
        if rng.random() < network_share:
            net += 1
            shared = [_mobile(rng, rng.choice(["VN", "TH", "KH", "ID"]))
                      for _ in range(rng.randint(1, 3))]  # fmt: skip
            if rng.random() < 0.5:
                shared.append(f"telegram:tuyendung_{net}_{rng.randrange(1000)}")
            if rng.random() < 0.4:
                shared.append(f"acct:{rng.randrange(10**12, 10**13)}")
            for _ in range(rng.randint(2, 6)):
                pid += 1
                p = _person(rng, pid)
                for _ in range(rng.choice([1, 1, 2, 3])):
                    link_note = ""
                    if rng.random() < 0.3 and shared[0].startswith("+"):
                        link_note = f"Liên hệ anh Tuấn {shared[0]} hoặc zalo"
                    emit(p, f"n{net}", shared, link_note)
                    if len(rows) >= n:
                        break
                if len(rows) >= n:
                    break
        else:
            pid += 1
            p = _person(rng, pid)
            for _ in range(2 if rng.random() < 0.1 else 1):
                emit(p, f"s{pid}", [], "")
    # lone people recorded twice form a network of one person
    return rows[:n], person_truth, network_truth
