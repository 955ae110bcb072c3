"""Indicator extraction: phones, e-mails, social handles, URLs, bank accounts, id documents.

Indicators come from the structured fields of a record (``phones``, ``emails``, ``handles``,
``accounts``, ``id_numbers``) and from free text in Vietnamese, Indonesian and English
(``"Liên hệ anh Tuấn 0912.345.678 hoặc zalo 0912345678"``, ``"Hubungi WA +62 812-3456-7890"``,
``"DM t.me/jobs_thai"``). Each one keeps its provenance: record id, field and character span
in that field's text. Canonical values are prefixed by kind so they never collide:

* ``+84912345678`` (phone, E.164), ``mail:ten@example.com``,
* ``telegram:jobs_thai``, ``facebook:nguyen.van.a``, ``tiktok:...``, ``handle:...`` (platform
  unknown), ``url:example.com/path``,
* ``acct:0071001234567`` (digits of a bank account), ``doc:C1234567`` (identity document).

A phone written after ``zalo``, ``WA``, ``viber`` or ``line`` stays a phone (same canonical
value) with the platform noted, so ``zalo 0912345678`` links with ``0912 345 678``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from lintas.networks.engine.normalise import fold
from lintas.networks.engine.phones import parse_phone, to_e164


@dataclass(frozen=True, slots=True)
class Indicator:
    """One extracted indicator with its provenance."""

    kind: str  # phone, email, handle, url, account, document
    value: str  # canonical value, used for linking
    record_id: str
    field: str
    start: int
    end: int
    platform: str = ""
    national: str = ""  # a phone's national digits when written without its country code
    hotline: bool = False  # a narrative calls this number a hotline or a help service


@dataclass(frozen=True, slots=True)
class Warning_:
    """A value in an identifier field that was ignored, and why."""

    record_id: str
    field: str
    value: str
    problem: str


# What agencies write in a field that has no value: never an identifier.
NO_VALUE = frozenset({
    "", "-", "--", "0", "00", "x", "xx", "na", "n a", "n/a", "none", "nil", "null", "no",
    "unknown", "not known", "not-a-phone", "not a phone", "khong", "khong co", "khong ro",
    "chua co", "tidak ada", "tidak tahu", "tdk ada", "kosong", "belum ada", "?", "...",
})  # fmt: skip


_PLATFORMS = {
    "zalo": "zalo", "wa": "whatsapp", "whatsapp": "whatsapp", "whats app": "whatsapp",
    "viber": "viber", "line": "line", "tele": "telegram", "telegram": "telegram",
    "tg": "telegram", "fb": "facebook", "facebook": "facebook", "face": "facebook",
    "messenger": "facebook", "tiktok": "tiktok", "tik tok": "tiktok", "ig": "instagram",
    "insta": "instagram", "instagram": "instagram", "wechat": "wechat", "skype": "skype",
    "x": "x", "twitter": "x", "signal": "signal", "kakao": "kakao", "imo": "imo",
    "wx": "wechat", "weixin": "wechat",
}  # fmt: skip

_URL_HANDLES = {
    "t.me": "telegram", "telegram.me": "telegram", "facebook.com": "facebook",
    "fb.com": "facebook", "m.facebook.com": "facebook", "fb.me": "facebook",
    "tiktok.com": "tiktok", "instagram.com": "instagram", "twitter.com": "x", "x.com": "x",
    "line.me": "line",
}  # fmt: skip
_URL_PHONES = {"wa.me": "whatsapp", "zalo.me": "zalo", "api.whatsapp.com": "whatsapp"}

# an address runs to its end: ``hoa@gmail.com249`` is no address (nor ``hoa@gmail.com``)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*"
    r"\.[A-Za-z]{2,}(?![A-Za-z0-9_\-@]|\.[A-Za-z0-9])"
)
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()]+"
    r"|\b(?:t\.me|wa\.me|zalo\.me|fb\.com|fb\.me|line\.me|(?:m\.)?facebook\.com|tiktok\.com"
    r"|instagram\.com|x\.com|twitter\.com|telegram\.me)/[^\s<>\"'()]+",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+/.])(?:\+|00)?\(?\d[\d\s.\-()]{6,18}\d(?![\w/])")
_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_][A-Za-z0-9_.]{2,31})(?<!\.)")
_PLATFORM_WORD = re.compile(
    r"\b(zalo|whats ?app|wa|viber|line|tele(?:gram)?|tg|fb|face(?:book)?|messenger|"
    r"tik ?tok|ig|insta(?:gram)?|wechat|skype|twitter|signal|kakao|imo)\b\s*[:\uff1a\-]?\s*$",
    re.IGNORECASE,
)
# a number a narrative calls a hotline, a help or complaints service (English, Vietnamese,
# Indonesian, on folded text): the family called it, it belongs to nobody in the story
_HOTLINE_BEFORE = re.compile(
    r"\b(hot ?line|help ?line|call cent(?:re|er)|duong day nong|tong dai|layanan|pengaduan)"
    r"\b[^.;]{0,24}$"
)
_HOTLINE_AFTER = re.compile(r"^\W{0,3}(hot ?line|help ?line|duong day nong|tong dai)\b")
_PLATFORM_NAME = re.compile(r"\b(fb|facebook|tele(?:gram)?|tiktok|ig|instagram)\b", re.I)
_BARE_HANDLE_AFTER_PLATFORM = re.compile(r"[:\uff1a\s]\s*@?([A-Za-z][A-Za-z0-9_.]{2,31})")
_ACCOUNT = re.compile(
    r"\b(?:stk|s[ốo] t[àa]i kho[ảa]n|tk|t[àa]i kho[ảa]n|no\.?\s*rek(?:ening)?|rekening|"
    r"rek|account(?:\s*(?:no|number|#))?|a/c|acct|iban)\b\.?\s*[:\uff1a#]?\s*"
    r"(?:(?:ng[âa]n h[àa]ng|bank)\s+)?(?:[A-Z][A-Za-z&]{1,14}\s*[,:\-]?\s*){0,2}"
    r"([A-Z]{2}\d{2}[A-Z0-9 ]{8,30}|\d[\d\s.\-]{4,24}\d)",
    re.IGNORECASE,
)
_DOCUMENT = re.compile(
    r"\b(?:h[ộo] chi[ếe]u|passport|paspor|pp|cccd|cmnd|cmt|c[aă]n c[ưu][ớo]c|nik|ktp|"
    r"id(?:\s*(?:no|number|card))?|so cmnd)\b\.?\s*(?:s[ốo]|no\.?|number|nomor)?\s*[:\uff1a#]?\s*"
    r"([A-Z]{0,2}\d{6,16})",
    re.IGNORECASE,
)
_ALNUM = re.compile(r"[^A-Za-z0-9]+")
# mobile-money wallets, opened on a SIM: the wallet's number is its holder's phone number, read
# in the wallet's country when written without a country code
_WALLET = re.compile(
    r"\b(?:(?P<MY>touch\s*['\u2019]?\s*n\s*['\u2019]?\s*go|tng ewallet|boost)"
    r"|(?P<PH>g-?cash|pay ?maya|maya)|(?P<MM>wave ?(?:money|pay)|kbz ?pay)"
    r"|(?P<TH>true ?money|prompt ?pay)|(?P<KH>wing|pi ?pay)"
    r"|(?P<ID>dana|ovo|gopay|shopee ?pay|link ?aja)|(?P<VN>momo|zalo ?pay|viettel ?money))\b",
    re.IGNORECASE,
)
_NON_DIGIT = re.compile(r"\D")
_DIGIT_RUNS = re.compile(r"\d+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]){8,30}\b")


# words that name a platform or say "account", never a person's handle on it
_NOT_HANDLES = frozenset(_PLATFORMS) | {
    "id",
    "wxid",
    "zalo",
    "whatsapp",
    "telegram",
    "facebook",
    "instagram",
    "tiktok",
    "wechat",
    "weixin",
    "account",
    "akun",
    "tai khoan",
    "nick",
    "user",
    "username",
    "profile",
}


def is_platform_word(name: str) -> bool:
    """Whether a handle's name is only a platform's name or such a word (``@imo``,
    ``WeChat``): a note saying "contact via imo" names no account."""
    return fold(name).strip(" .@_") in _NOT_HANDLES


def _platform(word: str) -> str:
    return _PLATFORMS.get(fold(word).replace("  ", " ").strip(), "")


def normalise_email(raw: str) -> str:
    """``mail:`` plus the lower-cased address, or ``""``."""
    m = _EMAIL.search(raw.strip())
    return "mail:" + m[0].lower().rstrip(".") if m else ""


def normalise_handle(raw: str, platform: str = "") -> str:
    """Canonical handle: ``fb:Nguyen.Van.A`` -> ``facebook:nguyen.van.a``.

    A URL of a known platform (``t.me/jobs_thai``) becomes that platform's handle; a bare
    ``@name`` without platform becomes ``handle:name``.
    """
    text = raw.strip()
    if not text:
        return ""
    if _URL.fullmatch(text):
        url = normalise_url(text)
        return url if not url.startswith("url:") else ""
    if ":" in text and not text.startswith("@"):
        head, _, tail = text.partition(":")
        if p := _platform(head):
            platform, text = p, tail.strip()
    elif " " in text:
        head, _, tail = text.partition(" ")
        if p := _platform(head):
            platform, text = p, tail.strip()
    if platform:
        # "FB id 100042578424650": a profile by number
        if m := re.fullmatch(r"(?:id|uid)\s*[:#]?\s*(\d{5,})", text, flags=re.IGNORECASE):
            text = m[1]
        # "WhatsApp: +856 2079 332427", "Zalo: 096 276 8457": a number written in groups
        elif re.fullmatch(r"\(?\+?[\d\s().\-]{6,}", text):
            text = re.sub(r"[\s().\-]", "", text)
            if text.startswith("+") and text[1:].isdigit():
                return f"{platform}:{text}"
    name = text.lstrip("@").strip().rstrip("/").lower()
    if not re.fullmatch(r"[a-z0-9_.\-]{2,64}", name):
        return ""
    return f"{platform or 'handle'}:{name}"


def normalise_url(raw: str) -> str:
    """``url:host/path`` lower-cased without scheme, ``www.``, query or trailing slash.

    A profile link by number (``facebook.com/profile.php?id=100077433288747``) is that
    profile's handle: the number is the profile, the rest of the path is the same for all.

    Links to a profile on a known platform give that platform's handle instead
    (``https://t.me/jobs_thai`` -> ``telegram:jobs_thai``); ``wa.me/8491...`` gives a phone.
    """
    text = raw.strip().rstrip(".,;!?)")
    text = re.sub(r"^https?://", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^www\.", "", text, flags=re.IGNORECASE)
    host, _, path = text.partition("/")
    host = host.lower()
    profile = re.match(r"profile\.php\?(?:.*&)?id=(\d{5,})", path, flags=re.IGNORECASE)
    if host in _URL_HANDLES and profile:  # facebook.com/profile.php?id=1000... names one person
        return f"{_URL_HANDLES[host]}:{profile[1]}"
    path = path.split("?")[0].split("#")[0].strip("/")
    first = path.split("/")[0] if path else ""
    if host in _URL_PHONES and first:
        phone = to_e164("+" + first.lstrip("+")) if not first.startswith("0") else ""
        return phone or to_e164(first, "VN" if host == "zalo.me" else None)
    if host in _URL_HANDLES and first and first not in ("profile.php", "groups", "pages"):
        return f"{_URL_HANDLES[host]}:{first.lstrip('@').lower()}"
    return f"url:{host}/{path.lower()}" if path else f"url:{host}"


def normalise_account(raw: str) -> str:
    """``acct:`` plus the digits (or IBAN characters) of a bank account, or ``""``."""
    text = raw.strip().upper()
    iban = _IBAN.search(text)
    if iban:
        return "acct:" + _ALNUM.sub("", iban[0])
    digits = "".join(_DIGIT_RUNS.findall(text))
    return "acct:" + digits if 6 <= len(digits) <= 24 else ""


@lru_cache(maxsize=1 << 16)
def normalise_document(raw: str) -> str:
    """``doc:`` plus the upper-case letters and digits of an id document number.

    A type written before the number (``passport C1234567``, ``CCCD: 001090012345``) is
    dropped, so the same number links whatever it was called.
    """
    text = raw.strip()
    m = _DOCUMENT.search(text)
    if m:
        text = m[1]
    elif ":" in text:
        text = text.split(":", 1)[1]
    value = _ALNUM.sub("", text).upper()
    return "doc:" + value if 5 <= len(value) <= 20 and any(c.isdigit() for c in value) else ""


def _no_value(item: str) -> bool:
    text = fold(item).strip(" .")
    return text in NO_VALUE or not any(ch.isalnum() for ch in text)


def _structured(
    record_id: str,
    field: str,
    text: str,
    regions: tuple[str, ...],
    warnings: list[Warning_] | None = None,
) -> Iterator[Indicator]:
    def warn(item: str, problem: str) -> None:
        if warnings is not None:
            warnings.append(Warning_(record_id, field, item, problem))

    pos = 0
    for part in text.split(";"):
        start = pos + len(part) - len(part.lstrip())
        end = pos + len(part.rstrip())
        pos += len(part) + 1
        item = part.strip()
        if not item:
            continue
        if _no_value(item):
            warn(item, "no value written, ignored")
            continue
        kind, platform, national = field, "", ""
        if field == "phones":
            kind = "phone"
            value, national = parse_phone(item, regions)
            if not value:
                digits = _NON_DIGIT.sub("", item)
                if national and len(national) >= 7:
                    value = "tel:" + national  # a national number of no known country
                else:
                    warn(item, "not a phone number, ignored")
                    continue
        elif field == "emails":
            kind, value = "email", normalise_email(item)
            if not value:
                digits = _NON_DIGIT.sub("", item)
                looks = len(digits) >= 7 and parse_phone(item, regions)[0]
                warn(item, "a phone number in the e-mail column, ignored" if looks
                     else "not an e-mail address, ignored")  # fmt: skip
                continue
        elif field == "handles":
            value = normalise_handle(item)
            kind = "url" if value.startswith("url:") else "handle"
            head, _, name = value.partition(":")
            if "profile.php" in item.lower():
                pass  # a profile by number (normalise_url), not a phone
            elif head == "facebook" and name.isdigit() and name.startswith("1000"):
                pass  # a Facebook profile by number (1000...), not a phone
            elif name.lstrip("+").replace(".", "").replace("-", "").isdigit():
                phone = parse_phone(name, regions)[0] or parse_phone("+" + name.lstrip("+"))[0]
                if phone:
                    kind, value, platform = "phone", phone, head if head != "handle" else ""
                else:
                    value = ""
            elif value.startswith("+"):
                kind, platform = "phone", _platform(item.split(":")[0]) or ""
            elif kind == "handle" and is_platform_word(name):
                value = ""
        elif field == "accounts":
            kind, value = "account", normalise_account(item)
            if phone := wallet_phone(item, regions):
                kind, value = "phone", phone
            if value and is_junk_account(value):
                value = ""
        else:
            kind, value = "document", normalise_document(item)
            if value and is_junk_account(value):
                value = ""
        if value:
            yield Indicator(kind, value, record_id, field, start, end, platform, national)
        else:
            warn(item, f"not a {kind if kind != 'url' else 'handle'}, ignored")


def wallet_phone(text: str, regions: tuple[str, ...] = ()) -> str:
    """The phone number of a mobile-money wallet written in ``text`` (``TOUCH 'N GO 012-690-1946``,
    ``GCash 09684104581``, ``Wave Money 959662993295``), or ``""`` when ``text`` names no wallet
    or no phone number follows it. A wallet is opened on a SIM: its number is the number
    a recruiter calls from, so it links with that phone wherever it is written."""
    m = _WALLET.search(text)
    if not m:
        return ""
    rest = text[m.end() :]
    country = m.lastgroup or ""
    digits = _NON_DIGIT.sub("", rest)
    value = parse_phone(rest, (country, *regions))[0]
    if not value and digits[:1] not in ("", "0"):
        value = parse_phone("+" + digits)[0]  # the country code without its plus
    return value


def is_junk_account(value: str) -> bool:
    """An account or document value made of one or two distinct digits (``acct:000000``)."""
    body = value.partition(":")[2]
    return body.isdigit() and len(set(body.lstrip("0"))) <= 2


def extract_text(
    record_id: str, field: str, text: str, region: str | None, regions: tuple[str, ...] = ()
) -> list[Indicator]:
    """Indicators found in free text, each with its character span."""
    if not text:
        return []
    out: list[Indicator] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(kind: str, value: str, a: int, b: int, platform: str = "", national: str = "") -> None:
        if kind == "handle" and is_platform_word(value.partition(":")[2]):
            return
        if value and free(a, b):
            taken.append((a, b))
            out.append(Indicator(kind, value, record_id, field, a, b, platform, national))

    for m in _EMAIL.finditer(text) if "@" in text else ():
        add("email", "mail:" + m[0].lower(), m.start(), m.end())
    for m in _URL.finditer(text) if ("/" in text or "www" in text.lower()) else ():
        value = normalise_url(m[0])
        kind = "phone" if value.startswith("+") else "url" if value.startswith("url:") else "handle"
        add(kind, value, m.start(), m.start() + len(m[0].rstrip(".,;!?)")))
    for m in _ACCOUNT.finditer(text):
        if phone := wallet_phone(m[0], regions):
            add("phone", phone, m.start(1), m.end(1))
        else:
            add("account", normalise_account(m[1]), m.start(1), m.end(1))
    for m in _DOCUMENT.finditer(text):
        add("document", normalise_document(m[1]), m.start(1), m.end(1))
    for m in _PHONE.finditer(text):
        raw = m[0]
        digits = _NON_DIGIT.sub("", raw)
        if not 8 <= len(digits) <= 15:
            continue
        national = ""
        if raw.startswith(("+", "(+")) or digits.startswith("0"):
            # the shape already says "phone number"
            value, national = parse_phone(raw, regions or ((region,) if region else ()))
            if not value and national:
                value = "tel:" + national
        else:
            value = to_e164("+" + digits, None, strict=True)
        before = _PLATFORM_WORD.search(text[max(0, m.start() - 16) : m.start()])
        hotline = bool(
            _HOTLINE_BEFORE.search(fold(text[max(0, m.start() - 48) : m.start()]))
            or _HOTLINE_AFTER.match(fold(text[m.end() : m.end() + 16]))
        )
        if value and hotline:
            if free(m.start(), m.end()):
                taken.append((m.start(), m.end()))
                out.append(Indicator("phone", value, record_id, field, m.start(), m.end(), "",
                                     national, hotline=True))  # fmt: skip
            continue
        add("phone", value, m.start(), m.end(), _platform(before[1]) if before else "", national)
    for m in _HANDLE.finditer(text):
        before = _PLATFORM_WORD.search(text[max(0, m.start() - 16) : m.start()])
        platform = _platform(before[1]) if before else "handle"
        add("handle", f"{platform}:{m[1].lower()}", m.start(), m.end(), platform)
    for m in _PLATFORM_NAME.finditer(text):
        tail = _BARE_HANDLE_AFTER_PLATFORM.match(text, m.end())
        if tail and not tail[1].isdigit():
            platform = _platform(m[1])
            add("handle", f"{platform}:{tail[1].lower()}", tail.start(1), tail.end(1), platform)
    out.sort(key=lambda i: (i.start, i.end, i.value))
    return out


STRUCTURED_FIELDS = ("phones", "emails", "handles", "accounts", "id_numbers")
TEXT_FIELDS = ("notes",)


def extract_record(
    record_id: str,
    fields: Mapping[str, str],
    region: str | None,
    regions: tuple[str, ...] = (),
    warnings: list[Warning_] | None = None,
) -> list[Indicator]:
    """All indicators of one record: structured fields first, then free text.

    ``regions`` are the countries a national phone number may belong to, most likely first
    (default: ``region``); values that are no identifier are left out and, with ``warnings``,
    reported there."""
    regions = regions or ((region,) if region else ())
    out: list[Indicator] = []
    for field in STRUCTURED_FIELDS:
        text = fields.get(field) or ""
        if text:
            out.extend(_structured(record_id, field, text, regions, warnings))
    for field in TEXT_FIELDS:
        text = fields.get(field) or ""
        if text:
            out.extend(extract_text(record_id, field, text, region, regions))
    return out
