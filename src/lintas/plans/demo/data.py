"""The demo's tables: the working group's Joint Action Phase 2023-2024, fictional figures."""

from __future__ import annotations

from typing import Any

Q23 = ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]
Q24 = ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]

PHASE: dict[str, Any] = {
    "name": "Joint Action Phase 2023-2024",
    "description": {
        "en": "The working group's two-year plan against trafficking in persons across its "
        "member countries' borders.",
        "vi": "Kế hoạch hai năm của nhóm công tác nhằm phòng, chống mua bán người qua biên giới "
        "các nước thành viên.",
        "id": "Rencana dua tahun kelompok kerja melawan perdagangan orang lintas batas negara "
        "anggotanya.",
    },
}

PILLARS = [
    {"en": "Information sharing", "vi": "Chia sẻ thông tin", "id": "Berbagi informasi"},
    {
        "en": "Disrupting trafficking networks",
        "vi": "Triệt phá đường dây mua bán người",
        "id": "Membongkar jaringan perdagangan orang",
    },
    {"en": "Protecting victims", "vi": "Bảo vệ nạn nhân", "id": "Melindungi korban"},
    {
        "en": "Preventing fake overseas job offers and online-scam recruitment",
        "vi": "Phòng ngừa việc làm giả ở nước ngoài và tuyển dụng cho lừa đảo trực tuyến",
        "id": "Mencegah tawaran kerja palsu di luar negeri dan perekrutan penipuan daring",
    },
]


def _t(en: str, vi: str, id_: str) -> dict[str, str]:
    return {"en": en, "vi": vi, "id": id_}


# (code, level, parent code, pillar number, title)
RESULTS = [
    (
        "1",
        "impact",
        None,
        None,
        _t(
            "Fewer people trafficked across the member countries' borders",
            "Giảm số người bị mua bán qua biên giới các nước thành viên",
            "Lebih sedikit orang diperdagangkan melintasi batas negara anggota",
        ),
    ),
    (
        "1.1",
        "outcome",
        "1",
        1,
        _t(
            "Agencies share alerts and answer each other in time",
            "Các cơ quan chia sẻ cảnh báo và phản hồi nhau kịp thời",
            "Lembaga berbagi peringatan dan saling menjawab tepat waktu",
        ),
    ),
    (
        "1.1.1",
        "output",
        "1.1",
        1,
        _t(
            "Focal points trained on the alert exchange",
            "Đầu mối được tập huấn về trao đổi cảnh báo",
            "Narahubung dilatih tentang pertukaran peringatan",
        ),
    ),
    (
        "1.2",
        "outcome",
        "1",
        2,
        _t(
            "Networks operating across borders are disrupted",
            "Các đường dây hoạt động xuyên biên giới bị triệt phá",
            "Jaringan lintas batas dibongkar",
        ),
    ),
    (
        "1.2.1",
        "output",
        "1.2",
        2,
        _t(
            "Joint investigations opened between member countries",
            "Các cuộc điều tra chung được mở giữa các nước thành viên",
            "Penyidikan bersama dibuka antarnegara anggota",
        ),
    ),
    (
        "1.3",
        "outcome",
        "1",
        3,
        _t(
            "Victims are identified, referred and supported across borders",
            "Nạn nhân được xác định, chuyển giao và hỗ trợ xuyên biên giới",
            "Korban diidentifikasi, dirujuk dan didukung lintas batas",
        ),
    ),
    (
        "1.3.1",
        "output",
        "1.3",
        3,
        _t(
            "A shared referral procedure in use",
            "Quy trình chuyển giao chung được áp dụng",
            "Prosedur rujukan bersama digunakan",
        ),
    ),
    (
        "1.4",
        "outcome",
        "1",
        4,
        _t(
            "Fewer people recruited through fake job offers and online scams",
            "Giảm số người bị tuyển dụng qua việc làm giả và lừa đảo trực tuyến",
            "Lebih sedikit orang direkrut lewat tawaran kerja palsu dan penipuan daring",
        ),
    ),
    (
        "1.4.1",
        "output",
        "1.4",
        4,
        _t(
            "Warning campaigns reach job seekers",
            "Chiến dịch cảnh báo đến được với người tìm việc",
            "Kampanye peringatan menjangkau pencari kerja",
        ),
    ),
]

# (code, result, lead units, contributing units, start, end, status, title, milestones)
ACTIVITIES: list[tuple[Any, ...]] = [
    (
        "A1",
        "1.1.1",
        ["VN-POL"],
        ["NZ-IMM", "TH-POL"],
        "2023-02-01",
        "2023-09-30",
        "done",
        _t(
            "Regional training of focal points on alerts",
            "Tập huấn khu vực cho đầu mối về cảnh báo",
            "Pelatihan regional narahubung tentang peringatan",
        ),
        [
            ("Curriculum agreed", "2023-03-15", "2023-03-10"),
            ("Training in Ha Noi", "2023-06-20", "2023-06-22"),
        ],
    ),
    (
        "A2",
        "1.1.1",
        ["NZ-IMM"],
        ["AU-ABF"],
        "2023-04-01",
        "2024-06-30",
        "under_way",
        _t(
            "Twenty-four-hour duty roster for urgent alerts",
            "Trực 24 giờ cho cảnh báo khẩn",
            "Jadwal piket 24 jam untuk peringatan mendesak",
        ),
        [("Roster agreed", "2023-06-30", "2023-07-05")],
    ),
    (
        "A3",
        "1.2.1",
        ["TH-POL", "MY-IMM"],
        ["VN-POL"],
        "2023-03-01",
        "2024-12-31",
        "under_way",
        _t(
            "Joint investigation teams on scam compounds",
            "Tổ điều tra chung về các khu lừa đảo",
            "Tim penyidik bersama untuk kompleks penipuan",
        ),
        [("First team formed", "2023-05-31", "2023-06-15"), ("Review", "2024-06-30", None)],
    ),
    (
        "A4",
        "1.3.1",
        ["LK-CID"],
        ["PH-IACAT"],
        "2023-01-15",
        "2023-12-31",
        "delayed",
        _t(
            "Shared referral procedure for victims abroad",
            "Quy trình chuyển giao chung cho nạn nhân ở nước ngoài",
            "Prosedur rujukan bersama untuk korban di luar negeri",
        ),
        [("Draft procedure", "2023-05-31", "2023-08-20")],
    ),
    (
        "A5",
        "1.4.1",
        ["ID-IMM"],
        ["VN-CD", "KH-NCCT"],
        "2023-06-01",
        "2024-05-31",
        "under_way",
        _t(
            "Online warning campaign on fake overseas job offers",
            "Chiến dịch cảnh báo trực tuyến về việc làm giả ở nước ngoài",
            "Kampanye peringatan daring tentang tawaran kerja palsu di luar negeri",
        ),
        [("Campaign launched", "2023-09-01", "2023-09-01")],
    ),
    (
        "A6",
        "1.4.1",
        ["PH-IACAT"],
        ["MV-IMM"],
        "2024-01-01",
        "2024-12-31",
        "planned",
        _t(
            "Pre-departure briefings for migrant workers",
            "Buổi phổ biến trước xuất cảnh cho lao động di cư",
            "Pembekalan pra-keberangkatan bagi pekerja migran",
        ),
        [],
    ),
]


def _actuals(values: list[Any], comment: str = "") -> list[tuple[str, Any, str]]:
    return [(key, v, comment) for key, v in zip(Q23 + Q24, values, strict=False)]


INDICATORS: list[dict[str, Any]] = [
    {
        "on": "1.1",
        "code": "I1.1",
        "name": _t(
            "Alerts acknowledged on time",
            "Cảnh báo được xác nhận đúng hạn",
            "Peringatan dikonfirmasi tepat waktu",
        ),
        "measure": "percentage",
        "definition": "Share of alerts acknowledged by the agreed time, from the exchange.",
        "source": "alerts_acknowledged_on_time",
        "targets": dict.fromkeys(Q23 + Q24, 80),
    },
    {
        "on": "1.1",
        "code": "I1.R",
        "name": _t(
            "Reporting rate on time",
            "Tỷ lệ báo cáo đúng hạn",
            "Tingkat pelaporan tepat waktu",
        ),
        "measure": "percentage",
        "definition": "Reports on time over reports expected, across the body's reports.",
        "source": "reporting_on_time",
        "targets": dict.fromkeys(Q23 + Q24, 75),
    },
    {
        "on": "1.1.1",
        "code": "I1.1.1",
        "name": _t(
            "Focal points trained",
            "Số đầu mối được tập huấn",
            "Narahubung yang dilatih",
        ),
        "measure": "count",
        "definition": "Focal points who completed the alert exchange training (cumulative).",
        "data_source": "Training attendance lists",
        "baseline": 0,
        "targets": {"2023Q2": 10, "2023Q3": 20, "2023Q4": 24},
        "actuals": _actuals([0, 12, 19, 22], "Attendance lists"),
    },
    {
        "on": "1.2",
        "code": "I1.2",
        "name": _t(
            "Networks disrupted",
            "Số đường dây bị triệt phá",
            "Jaringan yang dibongkar",
        ),
        "measure": "count",
        "definition": "Networks marked disrupted by the analysts in the period.",
        "source": "networks_disrupted",
        "targets": dict.fromkeys(Q23 + Q24, 1),
    },
    {
        "on": "1.2.1",
        "code": "I1.2.1",
        "name": _t(
            "Joint investigations opened",
            "Số cuộc điều tra chung được mở",
            "Penyidikan bersama yang dibuka",
        ),
        "measure": "count",
        "definition": "Investigations with officers of at least two member countries (cumulative).",
        "baseline": 1,
        "targets": {"2023Q2": 2, "2023Q4": 4, "2024Q2": 6, "2024Q4": 8},
        "actuals": _actuals([1, 2, 3, 3], "Case files of the teams"),
    },
    {
        "on": "1.3",
        "code": "I1.3",
        "name": _t(
            "Victims referred across borders and supported",
            "Nạn nhân được chuyển giao xuyên biên giới và được hỗ trợ",
            "Korban yang dirujuk lintas batas dan didukung",
        ),
        "measure": "count",
        "definition": "Victims referred from one member country to another and received there "
        "(cumulative).",
        "baseline": 0,
        "targets": {"2023Q4": 40, "2024Q4": 70},
        "actuals": _actuals([6, 17, 26, 31], "Referral logs of the focal points"),
    },
    {
        "on": "1.3.1",
        "code": "I1.3.1",
        "name": _t(
            "Referral procedure adopted",
            "Quy trình chuyển giao được thông qua",
            "Prosedur rujukan diadopsi",
        ),
        "measure": "yes_no",
        "definition": "The working group adopted the shared referral procedure.",
        "targets": {"2023Q4": "yes"},
        "actuals": _actuals(["no", "no", "no", "no"], "Still in draft"),
    },
    {
        "on": "1.4",
        "code": "I1.4",
        "name": _t(
            "Job seekers who know the signs of a fake offer",
            "Người tìm việc nhận biết được dấu hiệu việc làm giả",
            "Pencari kerja yang mengenali tanda tawaran palsu",
        ),
        "measure": "percentage",
        "definition": "Share of surveyed job seekers naming two signs of a fake offer.",
        "baseline": 35,
        "targets": {"2023Q4": 50, "2024Q4": 65},
        "actuals": _actuals([None, None, 41, 52], "Survey of 600 job seekers")[2:],
    },
    {
        "on": "A5",
        "code": "IA5",
        "name": _t(
            "People reached by the online campaign",
            "Số người được chiến dịch trực tuyến tiếp cận",
            "Orang yang dijangkau kampanye daring",
        ),
        "measure": "count",
        "definition": "Unique viewers of the campaign's posts and videos.",
        "data_source": "Platform statistics",
        "targets": {"2023Q3": 100000, "2023Q4": 250000},
        "actuals": _actuals([0, 0, 180000, 310000], "Platform statistics")[2:],
    },
    {
        "on": "A4",
        "code": "IA4",
        "name": _t(
            "What partners say of the referral procedure",
            "Ý kiến của đối tác về quy trình chuyển giao",
            "Pendapat mitra tentang prosedur rujukan",
        ),
        "measure": "qualitative",
        "definition": "Partners' view of the draft procedure, from the consultation.",
        "actuals": [
            (
                "2023Q4",
                "Clear, but shelters need a contact in each country",
                "Consultation in Colombo",
            )
        ],
    },
]

EVALUATION = {
    "title": "12-month evaluation of the Joint Action Phase 2023-2024",
    "findings": (
        "After 12 months the working group trained 22 focal points and opened three joint "
        "investigations. Alerts are acknowledged faster where a duty roster exists.\n"
        "The shared referral procedure is late: the draft waits for the shelters' contacts.\n"
        "Member countries (New Zealand, Sri Lanka) updated the results of implementing the "
        "phase at the conference."
    ),
}

LESSONS = [
    {
        "title": "A named duty officer speeds up acknowledgements",
        "what": "Units with a duty officer acknowledged urgent alerts within hours; others "
        "took days.",
        "context": "Alerts arrive at night and at weekends.",
        "evidence": "Acknowledgement times in the exchange, 2023.",
        "who": "NZ-IMM, AU-ABF",
        "tlp": "green",
    },
    {
        "title": "Shelters must be in the referral procedure from the start",
        "what": "The referral procedure stalled when shelters were consulted late.",
        "context": "Victims returning from scam compounds.",
        "evidence": "Consultation notes, Colombo, October 2023.",
        "who": "LK-CID",
        "tlp": "clear",
    },
]

GOOD_PRACTICES = [
    {
        "title": "Training focal points together, across countries",
        "what": "One regional training for the focal points of every member country, with "
        "exercises on real (anonymised) alerts.",
        "context": "New focal points after the 2022 rotation.",
        "evidence": "22 focal points trained; their alerts were acknowledged 30% faster.",
        "who": "VN-POL with NZ-IMM and TH-POL",
        "tlp": "clear",
    },
    {
        "title": "Warning campaign written with former victims",
        "what": "Posts on fake job offers written with people who were recruited that way.",
        "context": "Online-scam recruitment through social media.",
        "evidence": "310,000 people reached; 52% of surveyed job seekers name two signs.",
        "who": "ID-IMM, VN-CD",
        "tlp": "green",
    },
]

# (text, owner unit, due, response, response text, follow-ups [(status, note, on)])
RECOMMENDATIONS = [
    (
        "Extend the duty roster for urgent alerts to every member country.",
        "NZ-IMM",
        "2024-06-30",
        "accepted",
        "",
        [
            ("in_progress", "Six countries on the roster.", "2024-03-15"),
            ("done", "All member countries on the roster.", "2024-06-20"),
        ],
    ),
    (
        "Adopt the shared referral procedure with the shelters' contacts.",
        "LK-CID",
        "2024-09-30",
        "partial",
        "Adopted for returns by air first; sea returns in the next phase.",
        [("in_progress", "Procedure for air returns agreed.", "2024-08-01")],
    ),
    (
        "Publish the warning campaign in the languages of the main countries of origin.",
        "ID-IMM",
        "2024-12-31",
        "",
        "",
        [],
    ),
]

PRIORITIES = [
    (4, "Online-scam recruitment through social media and messaging apps"),
    (2, "Financial investigations of scam compounds"),
    (3, "Reintegration support for returning victims"),
]


# The lead units' progress updates, quarter by quarter from each activity's first quarter:
# (status, what was done, difficulties or ""). Two lead units share the same quarter's text
# only where they did the work together.
PROGRESS: dict[str, list[tuple[str, str, str]]] = {
    "A1": [
        ("under_way", "Drafted the training curriculum with the co-leads.", ""),
        (
            "under_way",
            "Curriculum agreed; the regional training in Ha Noi trained 22 focal points.",
            "Two members could not send trainees because of travel approvals.",
        ),
        ("done", "Training report shared with all members; the activity is closed.", ""),
    ],
    "A2": [
        ("under_way", "Proposed a duty roster covering every time zone of the members.", ""),
        (
            "under_way",
            "Roster agreed five days after the milestone; first urgent alerts answered.",
            "Members in the Pacific time zone cover nights alone for now.",
        ),
        ("under_way", "The roster answered 14 urgent alerts within the hour.", ""),
        ("under_way", "Handover notes added to the roster so alerts are not lost.", ""),
        ("under_way", "Reviewed the roster with Border Force; it stays as it is.", ""),
    ],
    "A3": [
        ("under_way", "Agreed the terms of the joint investigation teams.", ""),
        ("under_way", "First team formed two weeks after the milestone.", ""),
        (
            "under_way",
            "The team traced recruiters of two scam compounds across the border.",
            "Evidence from messaging apps takes months to obtain from the providers.",
        ),
        ("under_way", "Two suspects arrested with information from the team.", ""),
        ("under_way", "A second team formed for the online-scam compounds.", ""),
        (
            "delayed",
            "The review of the teams slipped to the next quarter.",
            "The review needs a prosecutor from each member, and two are not named yet.",
        ),
        ("under_way", "Review held: the teams continue with a shared evidence log.", ""),
        ("under_way", "Three investigations opened by the teams this year reached court.", ""),
    ],
    "A4": [
        ("under_way", "Mapped how each member refers victims found abroad.", ""),
        (
            "delayed",
            "The draft procedure is not ready.",
            "Members disagree on who pays for the return of victims.",
        ),
        ("under_way", "Draft procedure sent to the members for comments.", ""),
        (
            "delayed",
            "Comments received from six members; the procedure is not adopted yet.",
            "Adoption needs a meeting of the heads of delegation, planned next year.",
        ),
    ],
    "A5": [
        ("under_way", "Prepared the campaign's messages with the consular departments.", ""),
        ("under_way", "Campaign launched on the first of September on three platforms.", ""),
        ("under_way", "The campaign's videos reached about a million people.", ""),
        (
            "under_way",
            "Added a hotline number to every message after questions from job seekers.",
            "The platforms removed two of the recruiters' pages only after weeks.",
        ),
        ("under_way", "Handed the campaign over to the members' own channels.", ""),
    ],
    "A6": [
        (
            "delayed",
            "No briefing held yet.",
            "The briefing material waits for the labour ministry's approval.",
        ),
        (
            "delayed",
            "The briefing material is approved; trainers are being chosen.",
            "No budget line for the trainers' travel this year.",
        ),
        ("delayed", "Trainers chosen; the first briefing is set for early next year.", ""),
        ("delayed", "Briefings postponed to the next phase.", ""),
    ],
}
