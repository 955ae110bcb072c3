"""Fictional demo data: a regional working group and a city steering committee.

Every name, address and number here is invented. Later apps add their own data to these bodies.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction

from lintas import policy
from lintas.members import services
from lintas.members.models import Body, Membership, Role, Unit, User

DEMO_PASSWORD = "lintas-demo-2026"  # noqa: S105 (fictional demo accounts only)

WG_SLUG = "wg-networks"
SC_SLUG = "city-hr-committee"

# (country code, country name, [(agency, short, [departments])])
# The units' names in Vietnamese and Indonesian, keyed by short name (the others keep English).
UNIT_NAMES: dict[str, dict[str, str]] = {
    "SEC": {"vi": "Ban Thư ký Nhóm công tác", "id": "Sekretariat Kelompok Kerja"},
    "IMO": {
        "vi": "Tổ chức Di cư Quốc tế, Văn phòng khu vực",
        "id": "Organisasi Migrasi Internasional, Kantor Regional",
    },
    "VN": {"vi": "Việt Nam", "id": "Vietnam"},
    "NZ": {"vi": "New Zealand", "id": "Selandia Baru"},
    "TH": {"vi": "Thái Lan", "id": "Thailand"},
    "MY": {"vi": "Malaysia", "id": "Malaysia"},
    "LK": {"vi": "Sri Lanka", "id": "Sri Lanka"},
    "PH": {"vi": "Philippines", "id": "Filipina"},
    "AU": {"vi": "Úc", "id": "Australia"},
    "ID": {"vi": "Indonesia", "id": "Indonesia"},
    "MV": {"vi": "Maldives", "id": "Maladewa"},
    "KH": {"vi": "Campuchia", "id": "Kamboja"},
    "OFFICE": {"vi": "Văn phòng Thường trực", "id": "Kantor Tetap"},
    "POL": {"vi": "Công an Thành phố", "id": "Kepolisian Kota"},
    "DOJ": {"vi": "Sở Tư pháp", "id": "Dinas Hukum"},
    "DOLISA": {"vi": "Sở Lao động - Thương binh và Xã hội", "id": "Dinas Tenaga Kerja dan Sosial"},
    "DFA": {"vi": "Sở Ngoại vụ", "id": "Dinas Luar Negeri"},
    "DOET": {"vi": "Sở Giáo dục và Đào tạo", "id": "Dinas Pendidikan"},
    "DOH": {"vi": "Sở Y tế", "id": "Dinas Kesehatan"},
    "DIC": {"vi": "Sở Thông tin và Truyền thông", "id": "Dinas Komunikasi dan Informatika"},
    "DHA": {"vi": "Sở Nội vụ", "id": "Dinas Dalam Negeri"},
    "COURT": {"vi": "Tòa án nhân dân Thành phố", "id": "Pengadilan Kota"},
    "PROC": {"vi": "Viện Kiểm sát nhân dân Thành phố", "id": "Kejaksaan Kota"},
    "WU": {"vi": "Hội Liên hiệp Phụ nữ Thành phố", "id": "Persatuan Perempuan Kota"},
    "YU": {"vi": "Thành đoàn", "id": "Persatuan Pemuda Kota"},
}


WG_MEMBERS: list[tuple[str, str, list[tuple[str, str, list[str]]]]] = [
    (
        "VN",
        "Viet Nam",
        [
            ("Ministry of Foreign Affairs, Consular Department", "VN-CD", []),
            ("Immigration Department", "VN-IMM", []),
            ("Police, Anti-Trafficking Division", "VN-POL", ["Hotline and Victim Support Unit"]),
        ],
    ),
    ("NZ", "New Zealand", [("Immigration Authority", "NZ-IMM", [])]),
    ("TH", "Thailand", [("Royal Police, Anti-Trafficking Division", "TH-POL", [])]),
    ("MY", "Malaysia", [("Immigration Department", "MY-IMM", [])]),
    ("LK", "Sri Lanka", [("Criminal Investigation Department", "LK-CID", [])]),
    ("PH", "Philippines", [("Inter-Agency Council Against Trafficking", "PH-IACAT", [])]),
    ("AU", "Australia", [("Border Force", "AU-ABF", [])]),
    (
        "ID",
        "Indonesia",
        [
            ("Directorate General of Immigration", "ID-IMM", []),
            ("National Police, Criminal Investigation Agency", "ID-POL", []),
        ],
    ),
    ("MV", "Maldives", [("Immigration Service", "MV-IMM", [])]),
    ("KH", "Cambodia", [("National Committee for Counter Trafficking", "KH-NCCT", [])]),
]

SC_DEPARTMENTS: list[tuple[str, str]] = [
    ("City Police", "POL"),
    ("Department of Justice", "DOJ"),
    ("Department of Labour, Invalids and Social Affairs", "DOLISA"),
    ("Department of Foreign Affairs", "DFA"),
    ("Department of Education and Training", "DOET"),
    ("Department of Health", "DOH"),
    ("Department of Information and Communications", "DIC"),
    ("Department of Home Affairs", "DHA"),
    ("Committee for Ethnic Minority Affairs", "CEMA"),
    ("Religious Affairs Board", "RAB"),
    ("City People's Court", "COURT"),
    ("City People's Procuracy", "PROC"),
    ("Department of Culture and Sports", "DCS"),
    ("City Women's Union", "WU"),
    ("City Youth Union", "YU"),
]

# Fictional people: (key, full name, language)
PEOPLE: dict[str, tuple[str, str]] = {
    "wg.secretariat": ("Nguyễn Thị Minh Thư", "vi"),
    "wg.secretariat2": ("Aroha Williams", "en"),
    "wg.leader": ("Trần Quốc Bảo", "vi"),
    "wg.leader2": ("Grace Thompson", "en"),
    "wg.analyst": ("Siti Rahmawati", "id"),
    "wg.admin": ("Lê Hoàng Nam", "vi"),
    "sc.secretariat": ("Phạm Thu Hà", "vi"),
    "sc.secretariat2": ("Võ Minh Khoa", "vi"),
    "sc.leader": ("Đặng Văn Long", "vi"),
    "sc.analyst": ("Huỳnh Ngọc Lan", "vi"),
    "sc.admin": ("Bùi Đức Anh", "vi"),
}

FOCAL_NAMES = [
    ("Đỗ Thị Hương", "vi"),
    ("Hoàng Văn Tú", "vi"),
    ("Ngô Thanh Tâm", "vi"),
    ("James Carter", "en"),
    ("Somchai Wongsakul", "en"),
    ("Nur Aisyah binti Ahmad", "en"),
    ("Kasun Perera", "en"),
    ("Maria Santos", "en"),
    ("Olivia Brown", "en"),
    ("Budi Santoso", "id"),
    ("Dewi Lestari", "id"),
    ("Ahmed Rasheed", "en"),
    ("Sokha Chan", "en"),
    ("Ana Lopez", "en"),
    ("Mai Anh Tuấn", "vi"),
    ("Lý Thị Bích", "vi"),
    ("Trịnh Công Sơn", "vi"),
    ("Châu Ngọc Diệp", "vi"),
    ("Tạ Minh Quân", "vi"),
    ("Phan Thị Yến", "vi"),
    ("Lâm Gia Huy", "vi"),
    ("Đinh Thị Thảo", "vi"),
    ("Vương Quốc Trung", "vi"),
    ("Kiều Thanh Mai", "vi"),
    ("Quách Văn Hải", "vi"),
    ("La Thị Ngân", "vi"),
    ("Tôn Thất Phước", "vi"),
    ("Mạc Thị Linh", "vi"),
    ("Hà Văn Thắng", "vi"),
    ("Cao Thị Nhung", "vi"),
    ("Lưu Đức Thịnh", "vi"),
    ("Thái Bảo Ngọc", "vi"),
    ("Dương Văn Phúc", "vi"),
    ("Âu Thị Hồng", "vi"),
    ("Nghiêm Xuân Lộc", "vi"),
    ("Văn Thị Kim", "vi"),
    ("Triệu Minh Đức", "vi"),
    ("Rina Wulandari", "id"),
    ("Agus Prasetyo", "id"),
    ("Putri Maharani", "id"),
]


# The committee's department heads: each validates its department's reports before they go to
# the standing office (key suffix ".head").
SC_HEADS = [
    "Nguyễn Văn Hùng",
    "Trần Thị Lan",
    "Lê Minh Châu",
    "Phạm Quốc Việt",
    "Hoàng Thị Thu",
    "Vũ Đức Thành",
    "Đặng Thị Hoa",
    "Bùi Văn Khánh",
    "Đỗ Minh Hiếu",
    "Hồ Thị Xuân",
    "Ngô Quang Vinh",
    "Dương Thị Nga",
    "Lý Văn Toàn",
    "Trương Thị Hạnh",
    "Phùng Minh Khôi",
]


def _email(key: str) -> str:
    return f"{key}@demo.lintas.example"


_HASH: list[str] = []


def _person(key: str, name: str, language: str) -> User:
    user = User.objects.filter(email=_email(key)).first()
    if user is None:
        if not _HASH:
            _HASH.append(make_password(DEMO_PASSWORD))  # one slow hash for every demo account
        user = User.objects.create_user(_email(key), None, full_name=name, language=language)
        user.password = _HASH[0]
        user.save(update_fields=["password"])
    return user


def _grant(body: Body, user: User, role: str, unit: Unit | None = None) -> None:
    if role == Role.ADMINISTRATOR and not user.is_staff:
        # demo administrators also run the instance, so the admin site is reachable from the demo
        User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
    if not Membership.objects.filter(
        body=body, user=user, role=role, unit=unit, ends_on__isnull=True
    ).exists():
        services.grant_role(body=body, person=user, role=role, unit=unit, by=policy.SYSTEM)


def _build_working_group() -> Body:
    body = services.create_body(
        by=policy.SYSTEM,
        name="Regional Working Group on Disrupting People-Smuggling and Trafficking Networks",
        short_name="Working Group",
        slug=WG_SLUG,
        kind=Body.Kind.WORKING_GROUP,
        description=(
            "Member countries' consular, immigration and police agencies and an international "
            "migration organisation share information and act together against the networks "
            "behind people-smuggling and trafficking, including fake overseas job offers and "
            "online scam compounds. Fictional demo body."
        ),
        descriptions={
            "vi": (
                "Các cơ quan lãnh sự, xuất nhập cảnh và công an của các nước thành viên cùng một "
                "tổ chức di cư quốc tế chia sẻ thông tin và cùng hành động chống lại các đường "
                "dây đưa người trái phép và mua bán người, kể cả lời mời làm việc giả ở nước "
                "ngoài và các khu lừa đảo trực tuyến. Cơ quan minh họa hư cấu."
            ),
            "id": (
                "Lembaga konsuler, imigrasi dan kepolisian negara anggota serta sebuah organisasi "
                "migrasi internasional berbagi informasi dan bertindak bersama melawan jaringan "
                "penyelundupan dan perdagangan orang, termasuk tawaran kerja palsu di luar negeri "
                "dan kompleks penipuan daring. Badan contoh fiktif."
            ),
        },
        time_zone="Asia/Ho_Chi_Minh",
        languages=["en", "vi", "id"],
        default_language="en",
    )
    secretariat = services.create_unit(
        body=body,
        by=policy.SYSTEM,
        name="Working Group Secretariat",
        short_name="SEC",
        names=UNIT_NAMES["SEC"],
        kind=Unit.Kind.SECRETARIAT,
    )
    joined = dt.date(2020, 1, 1)
    agencies: list[Unit] = []
    for code, country, agency_list in WG_MEMBERS:
        country_unit = services.create_unit(
            body=body,
            by=policy.SYSTEM,
            name=country,
            short_name=code,
            names=UNIT_NAMES.get(code, {}),
            kind=Unit.Kind.COUNTRY,
            country=code,
            is_co_chair=code in {"VN", "NZ"},
            joined_on=joined,
        )
        for name, short, departments in agency_list:
            agency = services.create_unit(
                body=body,
                by=policy.SYSTEM,
                name=f"{name} ({country})",
                short_name=short,
                kind=Unit.Kind.AGENCY,
                parent=country_unit,
                country=code,
                joined_on=joined,
            )
            agencies.append(agency)
            for dept in departments:
                services.create_unit(
                    body=body,
                    by=policy.SYSTEM,
                    name=f"{dept} ({short})",
                    short_name=f"{short}-HL",
                    kind=Unit.Kind.DEPARTMENT,
                    parent=agency,
                    country=code,
                    joined_on=joined,
                )
    iom = services.create_unit(
        body=body,
        by=policy.SYSTEM,
        name="International Migration Organisation, Regional Office",
        short_name="IMO",
        names=UNIT_NAMES["IMO"],
        kind=Unit.Kind.ORGANISATION,
        joined_on=joined,
    )
    agencies.append(iom)
    # A member that joined mid-way, so later features have a realistic case to handle.
    Unit.objects.filter(short_name="KH").update(joined_on=dt.date(2025, 7, 1))
    Unit.objects.filter(body=body, short_name="KH-NCCT").update(joined_on=dt.date(2025, 7, 1))

    for key, role in [
        ("wg.secretariat", Role.SECRETARIAT),
        ("wg.secretariat2", Role.SECRETARIAT),
        ("wg.leader", Role.LEADER),
        ("wg.leader2", Role.LEADER),
        ("wg.analyst", Role.ANALYST),
        ("wg.admin", Role.ADMINISTRATOR),
    ]:
        name, lang = PEOPLE[key]
        _grant(
            body, _person(key, name, lang), role, secretariat if role == Role.SECRETARIAT else None
        )
    names = iter(FOCAL_NAMES)
    for i, agency in enumerate(agencies):
        name, lang = next(names)
        key = f"wg.{agency.short_name.lower()}"
        focal = _person(key, name, lang)
        _grant(body, focal, Role.FOCAL_POINT, agency)
        if i % 3 == 0:
            _grant(body, focal, Role.VALIDATOR, agency)
    return body


def _build_committee() -> Body:
    body = services.create_body(
        by=policy.SYSTEM,
        name="City Human Rights Steering Committee",
        short_name="Steering Committee",
        slug=SC_SLUG,
        kind=Body.Kind.STEERING_COMMITTEE,
        description=(
            "Member departments send periodic information reports to the committee's standing "
            "office, which synthesises them for the city's leaders. Fictional demo body."
        ),
        descriptions={
            "vi": (
                "Các sở, ngành thành viên gửi báo cáo thông tin định kỳ cho văn phòng thường trực "
                "của ban chỉ đạo, nơi tổng hợp cho lãnh đạo thành phố. Cơ quan minh họa hư cấu."
            ),
            "id": (
                "Dinas-dinas anggota mengirim laporan informasi berkala ke kantor tetap komite, "
                "yang merangkumnya untuk pimpinan kota. Badan contoh fiktif."
            ),
        },
        time_zone="Asia/Ho_Chi_Minh",
        languages=["vi", "en"],
        default_language="vi",
    )
    office = services.create_unit(
        body=body,
        by=policy.SYSTEM,
        name="Standing Office",
        short_name="OFFICE",
        names=UNIT_NAMES["OFFICE"],
        kind=Unit.Kind.SECRETARIAT,
    )
    joined = dt.date(2021, 1, 1)
    departments = [
        services.create_unit(
            body=body,
            by=policy.SYSTEM,
            name=name,
            short_name=short,
            names=UNIT_NAMES.get(short, {}),
            kind=Unit.Kind.DEPARTMENT,
            country="VN",
            joined_on=joined,
        )
        for name, short in SC_DEPARTMENTS
    ]
    for key, role in [
        ("sc.secretariat", Role.SECRETARIAT),
        ("sc.secretariat2", Role.SECRETARIAT),
        ("sc.leader", Role.LEADER),
        ("sc.analyst", Role.ANALYST),
        ("sc.admin", Role.ADMINISTRATOR),
    ]:
        name, lang = PEOPLE[key]
        _grant(body, _person(key, name, lang), role, office if role == Role.SECRETARIAT else None)
    names = iter(FOCAL_NAMES[14:])
    for i, dept in enumerate(departments):
        name, lang = next(names)
        focal = _person(f"sc.{dept.short_name.lower()}", name, lang)
        _grant(body, focal, Role.FOCAL_POINT, dept)
        if i < 12:
            alt_name, alt_lang = FOCAL_NAMES[(i + 27) % len(FOCAL_NAMES)]
            alternate = _person(f"sc.{dept.short_name.lower()}.alt", alt_name, alt_lang)
            _grant(body, alternate, Role.ALTERNATE_FOCAL_POINT, dept)
        if i % 4 == 0:
            _grant(body, focal, Role.VALIDATOR, dept)
        head = _person(f"sc.{dept.short_name.lower()}.head", SC_HEADS[i], "vi")
        _grant(body, head, Role.VALIDATOR, dept)
    # The city's foreign-affairs focal point also serves the regional working group.
    wg = Body.objects.get(slug=WG_SLUG)
    vn_cd = Unit.objects.get(body=wg, short_name="VN-CD")
    _grant(wg, User.objects.get(email=_email("sc.dfa")), Role.ALTERNATE_FOCAL_POINT, vn_cd)
    return body


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    if not Body.objects.filter(slug=WG_SLUG).exists():
        _build_working_group()
    if not Body.objects.filter(slug=SC_SLUG).exists():
        _build_committee()
    return demo_logins()


def demo_logins() -> list[tuple[str, str, str]]:
    """One sign-in per role and body, for the command's closing message."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[int, str]] = set()
    for m in (
        Membership.objects.active()
        .filter(user__email__endswith="@demo.lintas.example")
        .select_related("user", "body", "unit")
        .order_by("body__name", "unit__name", "user__email")
    ):
        if (m.body_id, m.role) in seen:
            continue
        seen.add((m.body_id, m.role))
        where = f"{m.body.short_name} · {m.unit.short_name}" if m.unit else m.body.short_name
        rows.append((m.user.email, m.user.full_name, f"{m.get_role_display()} · {where}"))
    order = {str(label): i for i, label in enumerate(Role.labels)}
    return sorted(rows, key=lambda r: (r[2].split(" · ")[1], order.get(r[2].split(" · ")[0], 99)))
