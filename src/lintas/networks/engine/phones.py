"""Phone numbers to E.164.

``phonenumbers`` is the authority. Because parsing costs tens of microseconds, the common
shapes take a fast path built from the same ``phonenumbers`` metadata: an international
number (``+84 91 234 5678``, or ``0084...`` where ``00`` is the international prefix)
or a national number starting with the trunk
prefix ``0`` of the default region (``0912.345.678``) whose national length is one the
region allows. Anything else goes to ``phonenumbers.parse``. A test checks that both paths
agree on generated numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberFormat

_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=512)
def _region_info(region: str) -> tuple[str, frozenset[int]] | None:
    """Country calling code and allowed national lengths for regions with trunk prefix 0."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region.upper(), None)
    if meta is None or meta.national_prefix != "0" or meta.national_prefix_transform_rule:
        return None
    if meta.national_prefix_for_parsing not in (None, "0"):
        return None
    lengths = meta.general_desc.possible_length if meta.general_desc else ()
    if not lengths:
        return None
    return str(meta.country_code), frozenset(lengths)


@lru_cache(maxsize=512)
def _plain_00(region: str) -> bool:
    """Whether ``00`` (and only that) is the region's international call prefix."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region.upper(), None)
    return meta is not None and meta.international_prefix == "00"


@lru_cache(maxsize=1024)
def _cc_info(cc: str) -> frozenset[int] | None:
    """Allowed national lengths for a calling code served by exactly one region."""
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(cc), ())
    if len(regions) != 1:
        return None
    info = _region_info(regions[0])
    return info[1] if info and info[0] == cc else None


def _slow(raw: str, region: str | None, strict: bool) -> str:
    try:
        num = phonenumbers.parse(raw, region.upper() if region else None)
    except phonenumbers.NumberParseException:
        return ""
    ok = phonenumbers.is_valid_number(num) if strict else phonenumbers.is_possible_number(num)
    return phonenumbers.format_number(num, PhoneNumberFormat.E164) if ok else ""


@lru_cache(maxsize=1 << 18)
def to_e164(raw: str, region: str | None = None, strict: bool = False) -> str:
    """E.164 form of ``raw`` (``"+84912345678"``) or ``""`` when it is not a phone number.

    ``region`` is the default region for national numbers (the record's agency country).
    ``strict`` asks ``phonenumbers`` for a valid (not merely possible) number; free-text
    extraction uses it to keep amounts and reference numbers out.
    """
    text = raw.strip()
    if not text:
        return ""
    digits = "".join(_DIGITS.findall(text))
    if not strict and 6 <= len(digits) <= 17:
        plus = text.lstrip("(").startswith("+")
        if plus or (digits.startswith("00") and region and _plain_00(region)):
            rest = digits if plus else digits[2:]
            for size in (1, 2, 3):
                lengths = _cc_info(rest[:size]) if rest[:1] != "0" else None
                if lengths is not None:
                    national = rest[size:]
                    if national[:1] != "0" and len(national) in lengths:
                        return "+" + rest
                    break
        elif region and digits.startswith("0") and not digits.startswith("00"):
            info = _region_info(region)
            if info is not None and len(digits) - 1 in info[1]:
                return "+" + info[0] + digits[1:]
    return _slow(text, region, strict)


def _valid_in(raw: str, region: str) -> str:
    """E.164 of ``raw`` read as a national number of ``region`` when it is valid there."""
    try:
        num = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(num):
        return ""
    return phonenumbers.format_number(num, PhoneNumberFormat.E164)


def is_junk_digits(digits: str) -> bool:
    """Digits no one's phone has: ``000000000``, ``0900000000`` (one or two distinct digits)."""
    return len(set(digits.lstrip("0"))) <= 2


@lru_cache(maxsize=1 << 18)
def parse_phone(raw: str, regions: tuple[str, ...] = ()) -> tuple[str, str]:
    """``(E.164, national digits)`` of a phone number written in any of the region's ways.

    ``regions`` are the countries the number may belong to, most likely first (the agency's
    country, then the person's nationality). A number written with its country code
    (``+84 93 008 1608``, ``(+84) 93...``, ``0084...``, ``84930081608``) is that number and has
    no national digits. A number in national format (``0903-902-575``) is read in the first
    region where it is a valid number, else the first where it is possible; its national
    digits (``903902575``) let the linker match it with the same digits written elsewhere with
    a country code. ``("", "")`` when it is not a phone number.
    """
    text = raw.strip()
    digits = "".join(_DIGITS.findall(text))
    if not 7 <= len(digits) <= 17 or is_junk_digits(digits):
        return "", ""
    if digits.startswith("00") and (value := to_e164("+" + digits[2:], None, strict=True)):
        # 00 is the international prefix in most of the world, also where the agency's own
        # country dials another (001 in Thailand and Indonesia): 0066 2 275 7147 is +66...
        return value, ""
    explicit = text.lstrip("(").startswith("+") or digits.startswith("00")
    if explicit:
        value = to_e164(text, regions[0] if regions else None)
        if value or not digits.startswith("00"):
            return value, ""
    if digits.startswith("0") and not digits.startswith("00"):
        for region in regions:
            if value := _valid_in(text, region):
                return value, digits[1:]
        for region in regions:
            if value := to_e164(text, region):
                return value, digits[1:]
        return "", digits[1:]
    # no trunk prefix and no plus: a country code written without "+" ("84 93 008 1608"), or a
    # national number written without its trunk prefix ("93 008 1608")
    if value := to_e164("+" + digits, None, strict=True):
        return value, ""
    for region in regions:
        if value := _valid_in(text, region):
            return value, digits
    return "", ""
