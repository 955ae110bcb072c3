"""Normalisers for names, dates, addresses, nationalities and free text.

Every function is pure and deterministic. Names are folded to lower-case ASCII (Vietnamese
diacritics removed, ``đ`` read as ``d``) and split into tokens; the order of tokens is not
kept as meaningful because family names come first in Vietnamese and last in English.
Dates are read in the formats seen in case files (``dd/mm/yyyy``, ``yyyy-mm-dd``,
``12 Mar 1990``, ``12 tháng 3 năm 1990``, ``19900312``, a bare year) and returned as ISO
text, with the year alone when only a year is known.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "ł": "l", "ø": "o", "ß": "ss"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_NON_NAME = re.compile(r"[^a-z]+")

# Titles dropped when they open a name; Vietnamese kinship words are not dropped because
# several of them (Anh, Em...) are also given names.
NAME_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "bapak", "pak", "ibu", "sdr", "sdri", "mdm", "madam"}
)


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        text = unicodedata.normalize("NFKD", chr(code).translate(_FOLD_EXTRA))
        value = "".join(ch for ch in text if not unicodedata.combining(ch))
        value = value.translate(_FOLD_EXTRA).casefold()
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case ASCII fold: ``"Nguyễn Đức"`` becomes ``"nguyen duc"``."""
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=1 << 16)
def name_tokens(name: str) -> tuple[str, ...]:
    """Sorted, de-duplicated name tokens without diacritics or titles."""
    if not name:
        return ()
    tokens = _NON_NAME.split(fold(name))
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[0] in NAME_TITLES:
        tokens = tokens[1:]
    return tuple(sorted(set(tokens)))


@lru_cache(maxsize=1 << 16)
def address_tokens(address: str) -> tuple[str, ...]:
    """Sorted, de-duplicated address tokens (letters and digits)."""
    if not address:
        return ()
    return tuple(sorted({t for t in _NON_WORD.split(fold(address)) if t}))


_MONTHS = {
    "jan": 1, "january": 1, "januari": 1, "feb": 2, "february": 2, "februari": 2,
    "mar": 3, "march": 3, "maret": 3, "apr": 4, "april": 4, "may": 5, "mei": 5,
    "jun": 6, "june": 6, "juni": 6, "jul": 7, "july": 7, "juli": 7, "aug": 8,
    "august": 8, "agu": 8, "agt": 8, "agustus": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "okt": 10, "oktober": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12, "des": 12, "desember": 12,
}  # fmt: skip

_D_NUM = re.compile(r"^(\d{1,4})[./\-\s](\d{1,2})[./\-\s](\d{1,4})$")
_D_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_D_WORDS = re.compile(r"^(\d{1,2})\s*([a-z]+)\.?,?\s*(\d{4})$")
_D_WORDS_US = re.compile(r"^([a-z]+)\.?\s+(\d{1,2}),?\s*(\d{4})$")
_D_VI = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam\s*)?(\d{4})$")
_D_YEAR = re.compile(r"^(?:nam\s*)?(\d{4})$")


BUDDHIST_ERA = 543


def _valid(y: int, m: int, d: int) -> bool:
    if not (1900 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31):
        return False
    if m in (4, 6, 9, 11) and d > 30:
        return False
    if m == 2:
        leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
        return d <= (29 if leap else 28)
    return True


def _ce(y: int) -> int:
    """A year of the Buddhist era (Thai agencies write 2543 for 2000) as the common era's."""
    return y - BUDDHIST_ERA if y > 2100 and 1900 <= y - BUDDHIST_ERA <= 2100 else y


def _iso(y: int, m: int, d: int) -> str:
    y = _ce(y)
    return f"{y:04d}-{m:02d}-{d:02d}" if _valid(y, m, d) else ""


@lru_cache(maxsize=1 << 17)
def parse_date(text: str) -> str:
    """ISO date (``YYYY-MM-DD``), a bare year (``YYYY``) or ``""`` when unreadable.

    Numeric dates are read day first (``dd/mm/yyyy``) as in Vietnam and Indonesia, unless
    the first part is a four-digit year (``yyyy-mm-dd``) or the day-first reading is
    impossible and the month-first one is not (``03/25/1990``).
    """
    s = fold(text.strip()).strip(" ,.")
    if not s:
        return ""
    if m := _D_COMPACT.match(s):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _D_NUM.match(s):
        a, b, c = m[1], m[2], m[3]
        if len(a) == 4:
            return _iso(int(a), int(b), int(c))
        if len(c) in (2, 4):
            year = int(c) if len(c) == 4 else (1900 + int(c) if int(c) > 30 else 2000 + int(c))
            day_first = _iso(year, int(b), int(a))
            return day_first or _iso(year, int(a), int(b))
        return ""
    if m := _D_VI.match(s):
        return _iso(int(m[3]), int(m[2]), int(m[1]))
    if m := _D_WORDS.match(s):
        month = _MONTHS.get(m[2])
        return _iso(int(m[3]), month, int(m[1])) if month else ""
    if m := _D_WORDS_US.match(s):
        month = _MONTHS.get(m[1])
        return _iso(int(m[3]), month, int(m[2])) if month else ""
    if m := _D_YEAR.match(s):
        year = _ce(int(m[1]))
        return f"{year:04d}" if 1900 <= year <= 2100 else ""
    return ""


_COUNTRY_WORDS = {
    "vn": "VN", "vnm": "VN", "viet nam": "VN", "vietnam": "VN", "vietnamese": "VN",
    "nguoi viet": "VN", "viet": "VN",
    "id": "ID", "idn": "ID", "indonesia": "ID", "indonesian": "ID", "wni": "ID",
    "th": "TH", "tha": "TH", "thailand": "TH", "thai": "TH", "thai lan": "TH",
    "kh": "KH", "khm": "KH", "cambodia": "KH", "cambodian": "KH", "campuchia": "KH",
    "kamboja": "KH", "khmer": "KH",
    "mm": "MM", "mmr": "MM", "myanmar": "MM", "burma": "MM", "burmese": "MM",
    "la": "LA", "lao": "LA", "laos": "LA", "lao pdr": "LA",
    "my": "MY", "mys": "MY", "malaysia": "MY", "malaysian": "MY",
    "ph": "PH", "phl": "PH", "philippines": "PH", "filipino": "PH",
    "cn": "CN", "chn": "CN", "china": "CN", "chinese": "CN", "trung quoc": "CN",
    "sg": "SG", "singapore": "SG", "tw": "TW", "taiwan": "TW", "dai loan": "TW",
    "kr": "KR", "korea": "KR", "han quoc": "KR", "jp": "JP", "japan": "JP", "nhat ban": "JP",
    "au": "AU", "australia": "AU", "gb": "GB", "uk": "GB", "united kingdom": "GB",
    "us": "US", "usa": "US", "united states": "US",
}  # fmt: skip


@lru_cache(maxsize=4096)
def parse_country(text: str) -> str:
    """ISO 3166 alpha-2 code for a nationality or country written in several ways."""
    s = " ".join(_NON_WORD.split(fold(text))).strip()
    if not s:
        return ""
    if s in _COUNTRY_WORDS:
        return _COUNTRY_WORDS[s]
    return s.upper() if len(s) == 2 and s.isalpha() else ""


_AGENCY_PREFIX = re.compile(r"^([A-Za-z]{2})(?:[-_:/ .]|$)")


@lru_cache(maxsize=4096)
def agency_country(agency: str) -> str:
    """Country of an agency written ``VN-MPS``, ``ID_BP2MI``, ``TH:DSDW``; ``""`` if none."""
    m = _AGENCY_PREFIX.match(agency.strip())
    if not m:
        return ""
    code = m[1].upper()
    return code if parse_country(code) == code else ""


def split_multi(value: str) -> list[str]:
    """Values of a multi-valued field separated by ``;``, stripped, empty ones dropped."""
    return [v.strip() for v in value.split(";") if v.strip()] if value else []
