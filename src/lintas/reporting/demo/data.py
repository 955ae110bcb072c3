"""The demo's tables: the two bodies' report templates, the texts units write, and how each
kind of unit reports. Data only; ``load`` writes it."""

from __future__ import annotations

from typing import Any

L = dict  # {"en": …, "vi": …, "id": …}

SC_STRUCTURE: dict[str, Any] = {
    "sections": [
        {
            "code": "figures",
            "title": L(en="Figures for the period", vi="Số liệu trong kỳ", id="Angka periode ini"),
            "fields": [
                {
                    "code": "complaints_received",
                    "type": "integer",
                    "required": True,
                    "min": 0,
                    "soft_max": 150,
                    "label": L(
                        en="Complaints and petitions received",
                        vi="Số đơn thư khiếu nại, tố cáo tiếp nhận",
                        id="Pengaduan dan petisi diterima",
                    ),
                },
                {
                    "code": "complaints_resolved",
                    "type": "integer",
                    "required": True,
                    "min": 0,
                    "label": L(
                        en="Complaints and petitions resolved",
                        vi="Số đơn thư đã giải quyết",
                        id="Pengaduan dan petisi diselesaikan",
                    ),
                },
                {
                    "code": "legal_aid_cases",
                    "type": "integer",
                    "min": 0,
                    "label": L(
                        en="Legal aid cases",
                        vi="Số vụ việc trợ giúp pháp lý",
                        id="Kasus bantuan hukum",
                    ),
                },
                {
                    "code": "people_trained",
                    "type": "integer",
                    "min": 0,
                    "max": 100000,
                    "soft_max": 300,
                    "label": L(
                        en="Officials trained on human rights",
                        vi="Số cán bộ được tập huấn về quyền con người",
                        id="Pejabat yang dilatih tentang HAM",
                    ),
                },
                {
                    "code": "incident",
                    "type": "yes_no",
                    "label": L(
                        en="An incident needs the committee's attention",
                        vi="Có vụ việc cần Ban Chỉ đạo lưu ý",
                        id="Ada insiden yang perlu perhatian Komite",
                    ),
                },
                {
                    "code": "incident_details",
                    "type": "long_text",
                    "required_if": {"field": "incident", "equals": True},
                    "label": L(
                        en="Describe the incident", vi="Mô tả vụ việc", id="Uraikan insiden"
                    ),
                },
            ],
        },
        {
            "code": "situation",
            "title": L(
                en="Situation and proposals", vi="Tình hình và kiến nghị", id="Situasi dan usulan"
            ),
            "fields": [
                {
                    "code": "situation",
                    "type": "long_text",
                    "required": True,
                    "aggregation": "none",
                    "label": L(
                        en="Situation in the period",
                        vi="Tình hình trong kỳ",
                        id="Situasi dalam periode",
                    ),
                },
                {
                    "code": "difficulties",
                    "type": "long_text",
                    "aggregation": "none",
                    "label": L(en="Difficulties", vi="Khó khăn, vướng mắc", id="Kendala"),
                },
                {
                    "code": "proposals",
                    "type": "long_text",
                    "aggregation": "none",
                    "label": L(
                        en="Proposals to the committee",
                        vi="Kiến nghị, đề xuất",
                        id="Usulan kepada Komite",
                    ),
                },
            ],
        },
    ],
    "rules": [
        {
            "left": "complaints_resolved",
            "op": "lte",
            "right": "complaints_received",
            "message": L(
                en="Resolved complaints cannot exceed those received.",
                vi="Số đơn đã giải quyết không thể lớn hơn số đơn tiếp nhận.",
                id="Pengaduan yang diselesaikan tidak boleh melebihi yang diterima.",
            ),
        },
    ],
}

WG_STRUCTURE: dict[str, Any] = {
    "sections": [
        {
            "code": "results",
            "title": L(en="Results in the quarter", vi="Kết quả trong quý", id="Hasil kuartal ini"),
            "fields": [
                {
                    "code": "cases_detected",
                    "type": "integer",
                    "required": True,
                    "min": 0,
                    "soft_max": 100,
                    "label": L(
                        en="Smuggling and trafficking cases detected",
                        vi="Số vụ đưa người trái phép và mua bán người phát hiện",
                        id="Kasus penyelundupan dan perdagangan orang terdeteksi",
                    ),
                },
                {
                    "code": "victims_identified",
                    "type": "integer",
                    "required": True,
                    "min": 0,
                    "soft_max": 200,
                    "label": L(
                        en="Victims identified",
                        vi="Số nạn nhân được xác định",
                        id="Korban teridentifikasi",
                    ),
                },
                {
                    "code": "victims_returned",
                    "type": "integer",
                    "min": 0,
                    "label": L(
                        en="Victims safely returned",
                        vi="Số nạn nhân được đưa về an toàn",
                        id="Korban dipulangkan dengan aman",
                    ),
                },
                {
                    "code": "info_requests",
                    "type": "integer",
                    "min": 0,
                    "label": L(
                        en="Information requests sent to other members",
                        vi="Số yêu cầu trao đổi thông tin gửi thành viên khác",
                        id="Permintaan informasi ke anggota lain",
                    ),
                },
                {
                    "code": "channel",
                    "type": "choice",
                    "label": L(
                        en="Main recruitment channel seen",
                        vi="Phương thức tuyển mộ chủ yếu",
                        id="Saluran perekrutan utama",
                    ),
                    "choices": [
                        {
                            "value": "online_ad",
                            "label": L(
                                en="Online job advertisement",
                                vi="Quảng cáo việc làm trực tuyến",
                                id="Iklan lowongan daring",
                            ),
                        },
                        {
                            "value": "social_media",
                            "label": L(en="Social media", vi="Mạng xã hội", id="Media sosial"),
                        },
                        {
                            "value": "acquaintance",
                            "label": L(en="Acquaintance", vi="Người quen", id="Kenalan"),
                        },
                        {
                            "value": "agency",
                            "label": L(
                                en="Recruitment agency", vi="Công ty môi giới", id="Agen perekrutan"
                            ),
                        },
                    ],
                },
            ],
        },
        {
            "code": "narrative",
            "title": L(
                en="Progress of the joint action phase",
                vi="Tiến độ giai đoạn hành động chung",
                id="Kemajuan Fase Aksi Bersama",
            ),
            "fields": [
                {
                    "code": "progress",
                    "type": "long_text",
                    "required": True,
                    "aggregation": "none",
                    "label": L(
                        en="Progress on the activities you lead",
                        vi="Tiến độ các hoạt động do đơn vị chủ trì",
                        id="Kemajuan kegiatan yang Anda pimpin",
                    ),
                },
                {
                    "code": "good_practice",
                    "type": "long_text",
                    "aggregation": "none",
                    "label": L(
                        en="Good practice to share",
                        vi="Thực tiễn tốt cần chia sẻ",
                        id="Praktik baik untuk dibagikan",
                    ),
                },
            ],
        },
    ],
    "rules": [
        {
            "left": "victims_returned",
            "op": "lte",
            "right": "victims_identified",
            "message": L(
                en="Returned victims cannot exceed victims identified.",
                vi="Số nạn nhân được đưa về không thể lớn hơn số nạn nhân được xác định.",
                id="Korban dipulangkan tidak boleh melebihi korban teridentifikasi.",
            ),
        },
    ],
}

# Why a report went back to its unit: the secretariat's reasons (after it arrived) and, for an
# obligation that the unit validates first, the unit's validator's (before it left the unit).
RETURN_REASONS = {
    "secretariat": [
        "Please give the source of the figures for victims identified and say which operation "
        "they came from.",
        "The cases detected look far below last quarter's; please check the figure or explain it.",
    ],
    "validator": [
        "The legal aid figure leaves out the cases handled by the district offices; please add "
        "them before I validate.",
        "The complaints resolved include two that are still open; please correct the figure.",
    ],
}

# The narrative answers, by the field they answer: a text is written for one question only.
SC_TEXTS: dict[str, list[str]] = {
    "situation": [
        "Received and handled citizens' petitions on time; organised two dialogues with residents.",
        "Propaganda on the law on preventing human trafficking reached 12 wards.",
        "Coordinated with the police on two cases of fake overseas job offers.",
        "Inspected four labour-export companies; one had its licence suspended.",
        "Held a session on the rights of people with disabilities for ward officials.",
    ],
    "difficulties": [
        "Two wards sent their figures late, so the totals were checked twice.",
        "Staff changes in the legal aid centre slowed the handling of new cases.",
        "Petitions sent by social media are hard to trace back to their authors.",
    ],
    "proposals": [
        "Ask the committee to fund interpreters for hearings with ethnic-minority residents.",
        "Propose a joint inspection with the labour department of companies offering jobs abroad.",
        "Propose one form for all departments to record petitions, so figures can be compared.",
    ],
    "incident_details": [
        "A complaint about working conditions at a garment factory.",
        "A resident reported that her daughter was recruited for a fake job across the border.",
        "A group of workers returned from abroad say their passports were withheld.",
    ],
}
WG_TEXTS: dict[str, list[str]] = {
    "progress": [
        "Joint operation with a neighbouring member dismantled a recruitment ring using fake "
        "job ads.",
        "Repatriated victims from an online scam compound with the consular department's help.",
        "Trained frontline officers at two airports to spot people travelling on fake job offers.",
        "Opened two investigations from information shared by another member.",
    ],
    "good_practice": [
        "Shared phone numbers and social-media handles of recruiters with two member agencies.",
        "A single contact point answers other members' requests within two working days.",
        "Victims are interviewed with a social worker present, which made them willing to testify.",
    ],
}

# Profiles: (probability of a gap, typical days after the period end, spread, returned share)
PROFILES = {
    "punctual": (0.0, 5, 3, 0.05),
    "mostly": (0.05, 9, 6, 0.1),
    "late": (0.1, 18, 10, 0.15),
    "erratic": (0.3, 12, 15, 0.25),
}


SPIKE_COMMENT = (
    "A joint operation in the period: the figure is several times the usual one, and correct."
)
