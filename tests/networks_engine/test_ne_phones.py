"""Phone numbers to E.164, and the fast path agreeing with phonenumbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintas.networks.engine.phones import _slow, to_e164


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        ("0912.345.678", "VN", "+84912345678"),
        ("0912 345 678", "VN", "+84912345678"),
        ("+84 91 234 5678", None, "+84912345678"),
        ("0084 912 345 678", "VN", "+84912345678"),
        ("+62 812-3456-7890", None, "+6281234567890"),
        ("0812-3456-7890", "ID", "+6281234567890"),
        ("081 234 5678", "TH", "+66812345678"),
        ("012 345 678", "KH", "+85512345678"),
        ("(+66) 81 234 5678", "VN", "+66812345678"),
        ("12", "VN", ""),
        ("", "VN", ""),
    ],
)
def test_to_e164(raw: str, region: str | None, e164: str) -> None:
    assert to_e164(raw, region) == e164


def test_strict_rejects_amounts() -> None:
    assert to_e164("15000000", "VN", strict=True) == ""
    assert to_e164("0912345678", "VN", strict=True) == "+84912345678"


@settings(max_examples=300, deadline=None)
@given(
    region=st.sampled_from(["VN", "ID", "TH", "KH", "MY", "PH", "GB", "CN", "US", "SG", "MM"]),
    prefix=st.sampled_from(["0", "+", "00", "+84 ", "+62-", ""]),
    digits=st.text(alphabet="0123456789", min_size=5, max_size=13),
)
def test_fast_path_agrees_with_phonenumbers(region: str, prefix: str, digits: str) -> None:
    raw = prefix + digits
    assert to_e164.__wrapped__(raw, region) == _slow(raw, region, False)
