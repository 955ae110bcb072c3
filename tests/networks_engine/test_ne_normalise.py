"""Normalisers: names, dates, countries, agencies."""

from __future__ import annotations

import pytest

from lintas.networks.engine.normalise import (
    address_tokens,
    agency_country,
    fold,
    name_tokens,
    parse_country,
    parse_date,
    split_multi,
)


def test_fold_vietnamese() -> None:
    assert fold("Nguyễn Thị Ánh Tuyết ĐẶNG Đức") == "nguyen thi anh tuyet dang duc"
    assert fold("Trần Văn Hùng") == fold("TRAN VAN HUNG")


@pytest.mark.parametrize(
    "written",
    [
        "Nguyễn Văn Tuấn",
        "NGUYEN VAN TUAN",
        "Tuấn Nguyễn Văn",
        "nguyen  van tuan",
        "Tuan, Nguyen Van",
    ],
)
def test_name_tokens_ignore_diacritics_case_and_order(written: str) -> None:
    assert name_tokens(written) == ("nguyen", "tuan", "van")


def test_name_tokens_titles_and_empty() -> None:
    assert name_tokens("Bapak Budi Santoso") == ("budi", "santoso")
    assert name_tokens("Mr. John Smith") == ("john", "smith")
    assert name_tokens("Nguyễn Thị Lan Anh") == ("anh", "lan", "nguyen", "thi")
    assert name_tokens("") == ()


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("12/03/1990", "1990-03-12"),
        ("1990-03-12", "1990-03-12"),
        ("12 Mar 1990", "1990-03-12"),
        ("12 March 1990", "1990-03-12"),
        ("March 12, 1990", "1990-03-12"),
        ("12 Maret 1990", "1990-03-12"),
        ("17 Agustus 1985", "1985-08-17"),
        ("12.03.1990", "1990-03-12"),
        ("12-3-1990", "1990-03-12"),
        ("19900312", "1990-03-12"),
        ("ngày 12 tháng 3 năm 1990", "1990-03-12"),
        ("03/25/1990", "1990-03-25"),
        ("1990", "1990"),
        ("17/02/2543", "2000-02-17"),  # the Buddhist era, as Thai agencies write it
        ("2517", "1974"),
        ("31/02/1990", ""),
        ("unknown", ""),
        ("", ""),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("text", "code"),
    [("Việt Nam", "VN"), ("Vietnamese", "VN"), ("WNI", "ID"), ("Indonesia", "ID"),
     ("Campuchia", "KH"), ("Kamboja", "KH"), ("th", "TH"), ("", ""), ("Atlantis", "")],
)  # fmt: skip
def test_parse_country(text: str, code: str) -> None:
    assert parse_country(text) == code


def test_agency_country_and_multi_values() -> None:
    assert agency_country("VN-MPS") == "VN"
    assert agency_country("ID_BP2MI") == "ID"
    assert agency_country("Hotline") == ""
    assert split_multi(" 0912 345 678 ; ;+84 91 234 5678 ") == ["0912 345 678", "+84 91 234 5678"]
    assert address_tokens("12 Lê Lợi, Hà Tĩnh") == ("12", "ha", "le", "loi", "tinh")
