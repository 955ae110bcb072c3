"""Indicator extraction from structured fields and free text, with provenance."""

from __future__ import annotations

from lintas.networks.engine.indicators import (
    Indicator,
    extract_record,
    extract_text,
    normalise_account,
    normalise_document,
    normalise_email,
    normalise_handle,
    normalise_url,
)


def _found(text: str, region: str | None) -> list[tuple[str, str, str, str]]:
    out = extract_text("R1", "notes", text, region)
    for ind in out:
        assert ind.record_id == "R1" and ind.field == "notes"
    return [(i.kind, i.value, i.platform, text[i.start : i.end]) for i in out]


def test_vietnamese_phone_and_zalo() -> None:
    text = "Liên hệ anh Tuấn 0912.345.678 hoặc zalo 0912345678"
    assert _found(text, "VN") == [
        ("phone", "+84912345678", "", "0912.345.678"),
        ("phone", "+84912345678", "zalo", "0912345678"),
    ]


def test_indonesian_whatsapp() -> None:
    text = "Hubungi WA +62 812-3456-7890 segera"
    assert _found(text, "ID") == [("phone", "+6281234567890", "whatsapp", "+62 812-3456-7890")]


def test_telegram_link_and_handle() -> None:
    assert _found("DM t.me/jobs_thai", None) == [
        ("handle", "telegram:jobs_thai", "", "t.me/jobs_thai")
    ]
    assert _found("inbox tele @Kerja_Luar now", None) == [
        ("handle", "telegram:kerja_luar", "telegram", "@Kerja_Luar")
    ]


def test_accounts_documents_emails_in_text() -> None:
    text = (
        "Lương 15.000.000 đ/tháng, chuyển khoản STK 0071001234567 Vietcombank, "
        "hộ chiếu C1234567, email: Tuyen.Dung@Gmail.com"
    )
    found = _found(text, "VN")
    assert ("account", "acct:0071001234567", "", "0071001234567") in found
    assert ("document", "doc:C1234567", "", "C1234567") in found
    assert ("email", "mail:tuyen.dung@gmail.com", "", "Tuyen.Dung@Gmail.com") in found
    assert not [f for f in found if f[0] == "phone"], "the salary is not a phone"


def test_indonesian_account_and_nik() -> None:
    found = _found("Transfer ke no rek 1234567890 BCA a.n. Siti, NIK 3171234567890001", "ID")
    assert ("account", "acct:1234567890", "", "1234567890") in found
    assert ("document", "doc:3171234567890001", "", "3171234567890001") in found


def test_english_url_and_facebook() -> None:
    found = _found("Apply at https://www.Jobs-Cambodia.com/apply?ref=fb or fb: nguyen.van.a", "VN")
    assert (
        "url",
        "url:jobs-cambodia.com/apply",
        "",
        "https://www.Jobs-Cambodia.com/apply?ref=fb",
    ) in found
    assert ("handle", "facebook:nguyen.van.a", "facebook", "nguyen.van.a") in found


def test_normalisers() -> None:
    assert normalise_email(" Hr.Team@Example.COM ") == "mail:hr.team@example.com"
    assert normalise_handle("fb:Nguyen.Van.A") == "facebook:nguyen.van.a"
    assert normalise_handle("@jobs_thai") == "handle:jobs_thai"
    assert normalise_handle("https://t.me/jobs_thai") == "telegram:jobs_thai"
    assert normalise_handle("tiktok @Viec.Lam") == "tiktok:viec.lam"
    assert normalise_url("wa.me/6281234567890") == "+6281234567890"
    assert normalise_url("https://facebook.com/tuyendung.dailoan/") == "facebook:tuyendung.dailoan"
    assert normalise_account("Vietcombank 0071 0012 34567") == "acct:0071001234567"
    assert normalise_account("IBAN GB82 WEST 1234 5698 7654 32") == "acct:GB82WEST12345698765432"
    assert normalise_document("passport: C1234567") == "doc:C1234567"
    assert normalise_document("CCCD 001090012345") == "doc:001090012345"
    assert normalise_document("c 123 4567") == "doc:C1234567"
    assert normalise_document("n/a") == ""


def test_structured_fields_keep_spans() -> None:
    fields = {
        "phones": "0912 345 678; +84 91 234 5678",
        "emails": "a.b@example.com",
        "handles": "zalo: 0987654321; tele @recruit_vn",
        "accounts": "BIDV 12345678901",
        "id_numbers": "passport C7654321",
    }
    found = extract_record("R9", fields, "VN")
    values = [(i.kind, i.value, i.field, fields[i.field][i.start : i.end]) for i in found]
    assert values == [
        ("phone", "+84912345678", "phones", "0912 345 678"),
        ("phone", "+84912345678", "phones", "+84 91 234 5678"),
        ("email", "mail:a.b@example.com", "emails", "a.b@example.com"),
        ("phone", "+84987654321", "handles", "zalo: 0987654321"),
        ("handle", "telegram:recruit_vn", "handles", "tele @recruit_vn"),
        ("account", "acct:12345678901", "accounts", "BIDV 12345678901"),
        ("document", "doc:C7654321", "id_numbers", "passport C7654321"),
    ]
    assert all(isinstance(i, Indicator) for i in found)


def test_handles_with_platform_and_grouped_numbers() -> None:
    fields = {
        "handles": (
            "WhatsApp: +62 812 3456 7890; Zalo: 098 765 4321; viber: (+95) 994 668 4826; "
            "FB id 100042578424650; WX: li_wei88"
        ),
        "emails": "nguyen.thi.lan@gmail.com",
    }
    found = extract_record("R7", fields, "VN")
    values = [(i.kind, i.value, i.platform) for i in found]
    assert values == [
        ("email", "mail:nguyen.thi.lan@gmail.com", ""),
        ("phone", "+6281234567890", "whatsapp"),
        ("phone", "+84987654321", "zalo"),
        ("phone", "+959946684826", "viber"),
        ("handle", "facebook:100042578424650", ""),
        ("handle", "wechat:li_wei88", ""),
    ]
    # the profile written as a link is the same handle
    assert normalise_url("https://www.facebook.com/profile.php?id=100042578424650") == (
        "facebook:100042578424650"
    )
