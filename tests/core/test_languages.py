"""The Vietnamese and Indonesian catalogues stay complete, compiled and in use.

When a test here fails after you added or changed an interface string, refresh the catalogues
from src/lintas and translate what is new (no entry may stay empty or fuzzy):

    LINTAS_DEBUG=true uv run lintas makemessages -l vi -l id --no-obsolete
    LINTAS_DEBUG=true uv run lintas compilemessages
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from lintas.members.models import User
from tests.conftest import Cast, ClientFor

PACKAGE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = PACKAGE_DIR / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

# %(name)s and %s style (python-format), and {name} (brace-format).
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr%]|\{\w*\}")


@pytest.fixture(autouse=True)
def _restore_language():
    """Requests here activate vi or id for the thread; later tests expect English again."""
    before = translation.get_language()
    yield
    translation.activate(before)


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / "django.po"


def mo_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / "django.mo"


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def translations(catalogue: polib._BaseFile) -> dict[tuple[str, str, str], tuple[str, ...]]:
    """What gettext will find in a catalogue: translated, non-fuzzy entries only."""
    found: dict[tuple[str, str, str], tuple[str, ...]] = {}
    for entry in catalogue:
        if not entry.msgid or entry.obsolete or "fuzzy" in entry.flags:
            continue
        key = (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        if entry.msgid_plural:
            plural = entry.msgstr_plural
            forms = tuple(plural[i] for i in sorted(plural, key=int))
        else:
            forms = (entry.msgstr,)
        if all(forms):
            found[key] = forms
    return found


def test_every_interface_language_has_a_catalogue() -> None:
    assert LANGUAGES == ["vi", "id"]
    for code in LANGUAGES:
        assert po_path(code).is_file(), f"no catalogue for {code}"
        assert mo_path(code).is_file(), f"{code} catalogue is not compiled"


# --- (1) complete, not fuzzy, same placeholders -------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_header(code: str) -> None:
    po = polib.pofile(str(po_path(code)))
    assert not po.metadata_is_fuzzy, f"{code}: the header is marked fuzzy"
    assert po.metadata["Language"] == code
    assert po.metadata["Project-Id-Version"] == "Lintas"
    assert po.metadata["Content-Type"].replace(" ", "").lower() == "text/plain;charset=utf-8"
    # Vietnamese and Indonesian nouns do not change with number.
    assert po.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_entry_is_translated_and_not_fuzzy(code: str) -> None:
    po = polib.pofile(str(po_path(code)))
    entries = [e for e in po if not e.obsolete]
    assert len(entries) > 100, f"{code}: the catalogue looks truncated"
    untranslated = [e.msgid for e in entries if not e.translated()]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not untranslated, f"{code}: untranslated entries: {untranslated}"
    assert not fuzzy, f"{code}: fuzzy entries: {fuzzy}"
    for entry in entries:
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            assert len(forms) == 1, f"{code}: {entry.msgid!r} needs exactly one plural form"
            assert all(form.strip() for form in forms.values()), entry.msgid
        else:
            assert entry.msgstr.strip(), entry.msgid


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_the_placeholders(code: str) -> None:
    po = polib.pofile(str(po_path(code)))
    wrong = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            # One form serves every number, so it takes the plural's placeholders.
            expected = placeholders(entry.msgid_plural)
            for form in entry.msgstr_plural.values():
                if placeholders(form) != expected:
                    wrong.append((entry.msgid_plural, form))
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            wrong.append((entry.msgid, entry.msgstr))
        translated = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        if translated and entry.msgid.endswith("\n") != translated.endswith("\n"):
            wrong.append((entry.msgid, "trailing newline differs"))
    assert not wrong, f"{code}: placeholders differ from the English: {wrong}"


# --- (2) the compiled catalogues match the .po files --------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(code: str, tmp_path: Path) -> None:
    po = polib.pofile(str(po_path(code)))
    fresh = tmp_path / "django.mo"
    po.save_as_mofile(str(fresh))
    expected = translations(polib.mofile(str(fresh)))
    committed = polib.mofile(str(mo_path(code)))
    assert translations(committed) == expected, (
        f"{code}: django.mo is out of date; run compilemessages in src/lintas"
    )
    assert committed.metadata.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;"


# --- (3) no interface string is missing from the catalogues -------------------------------------


@pytest.fixture
def package_copy(tmp_path: Path, settings, monkeypatch) -> Path:
    """A throw-away copy of src/lintas, so makemessages cannot touch the real catalogues."""
    copy = tmp_path / "lintas"
    shutil.copytree(
        PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
    )
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    return copy


@pytest.mark.skipif(
    not (shutil.which("xgettext") and shutil.which("msgmerge")),
    reason="GNU gettext (xgettext, msgmerge) is not installed",
)
def test_makemessages_finds_nothing_new(package_copy: Path) -> None:
    call_command(
        "makemessages",
        locale=LANGUAGES,
        no_obsolete=True,
        verbosity=0,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    for code in LANGUAGES:
        extracted = polib.pofile(str(package_copy / "locale" / code / "LC_MESSAGES" / "django.po"))
        committed = polib.pofile(str(po_path(code)))
        known = {(e.msgctxt, e.msgid, e.msgid_plural) for e in committed if not e.obsolete}
        missing = [
            e.msgid
            for e in extracted
            if not e.obsolete and (e.msgctxt, e.msgid, e.msgid_plural) not in known
        ]
        assert not missing, f"{code}: strings missing from the catalogue: {missing}"


# --- (4) real pages in Vietnamese and Indonesian -----------------------------------------------

# English that must be gone from each page once another language is chosen.
ENGLISH = {
    "overview": [">Overview<", ">Member units<", ">People<", ">Audit log<", "Working group",
                 ">Today<", "Invite a person", "Sign out"],
    "people": ["People and roles", "All roles", "All units", "Focal point", "Leader / observer",
               'badge">Analyst<'],
    "units": ["Countries, agencies and departments", "Add a unit", "1 person", ">Agency<"],
    "audit": ["All actions", "Anyone", "Every change, who made it", ">When<"],
}  # fmt: skip

# What each page must show instead.
SHOWN = {
    "vi": {
        "overview": ["Tổng quan", "Đơn vị thành viên", "Nhân sự", "Nhật ký kiểm toán",
                     "Nhóm công tác", "Ban thư ký", "Hôm nay", "Múi giờ", "Mời người tham gia",
                     "Thêm đơn vị", "người có vai trò", "Đăng xuất"],
        "people": ["Nhân sự và vai trò", "Tên hoặc email", "Tất cả vai trò", "Tất cả đơn vị",
                   "Cá nhân", "Đầu mối", "Lãnh đạo / quan sát viên", "Chuyên viên phân tích",
                   "Quản trị viên"],
        "units": [">Quốc gia<", ">Cơ quan<", "1 người", "Thêm đơn vị"],
        "audit": ["Tất cả thao tác", "Người thực hiện", "Bất kỳ ai", "Thời điểm", "Đối tượng"],
    },
    "id": {
        "overview": ["Ringkasan", "Unit anggota", "Personel", "Log audit", "Kelompok Kerja",
                     "Sekretariat", "Hari ini", "Zona waktu", "Undang seseorang", "Tambah unit",
                     "orang dengan peran", "Keluar"],
        "people": ["Personel dan peran", "Nama atau email", "Semua peran", "Semua unit",
                   "Narahubung", "Pimpinan / pengamat", "Analis", "Administrator"],
        "units": [">Negara<", ">Lembaga<", "1 orang", "Tambah unit"],
        "audit": ["Semua tindakan", "Pelaku", "Siapa saja", "Waktu", "Objek"],
    },
}  # fmt: skip

# Each page's own title, as it must read in its <h1>.
TITLES = {
    "vi": {"overview": "Test Working Group", "people": "Nhân sự và vai trò",
           "units": "Đơn vị thành viên", "audit": "Nhật ký kiểm toán"},
    "id": {"overview": "Test Working Group", "people": "Personel dan peran",
           "units": "Unit anggota", "audit": "Log audit"},
}  # fmt: skip


def page_urls(cast: Cast) -> dict[str, str]:
    slug = cast.body.slug
    return {
        "overview": reverse("members:body-overview", args=[slug]),
        "people": reverse("members:people", args=[slug]),
        "units": reverse("members:unit-tree", args=[slug]),
        "audit": reverse("audit:log", args=[slug]),
    }


def switch_language(client: Client, code: str, next_url: str = "/") -> None:
    response = client.post(reverse("set-language"), {"language": code, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url


@pytest.mark.parametrize("code", LANGUAGES)
def test_pages_render_in_the_chosen_language(code: str, cast: Cast, client_for: ClientFor) -> None:
    client = client_for(cast.secretariat)
    switch_language(client, code)
    for page, url in page_urls(cast).items():
        response = client.get(url)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert f'<html lang="{code}">' in html, page
        assert f"<h1>{TITLES[code][page]}</h1>" in html, page
        for text in SHOWN[code][page]:
            assert text in html, f"{code} {page}: {text!r} not shown"
        for text in ENGLISH[page]:
            assert text not in html, f"{code} {page}: English {text!r} still shown"


@pytest.mark.parametrize("code", LANGUAGES)
def test_dates_are_written_the_local_way(code: str, cast: Cast, client_for: ClientFor) -> None:
    client = client_for(cast.secretariat)
    switch_language(client, code)
    html = client.get(page_urls(cast)["overview"]).content.decode()
    today = timezone.localdate(timezone=cast.body.tzinfo)
    with translation.override(code):
        local = formats.date_format(today, "DATE_FORMAT")
    with translation.override("en"):
        english = formats.date_format(today, "DATE_FORMAT")
    assert local != english
    assert local in html
    assert english not in html
    if code == "vi":
        # "Ngày 23 tháng 11 năm 2026"
        assert f"tháng {today.month} năm {today.year}" in html


def test_vietnamese_dates_name_the_month() -> None:
    with translation.override("vi"):
        assert formats.date_format(dt.date(2026, 3, 9), "DATE_FORMAT") == "Ngày 09 tháng 3 năm 2026"


@pytest.mark.parametrize(
    ("msgid", "vi", "id_"),
    [
        ("Focal point", "Đầu mối", "Narahubung"),
        ("Alternate focal point", "Đầu mối dự phòng", "Narahubung pengganti"),
        ("Validator", "Người thẩm định", "Validator"),
        ("Leader / observer", "Lãnh đạo / quan sát viên", "Pimpinan / pengamat"),
        ("Analyst", "Chuyên viên phân tích", "Analis"),
        ("Administrator", "Quản trị viên", "Administrator"),
        ("Secretariat", "Ban thư ký", "Sekretariat"),
        ("Working group", "Nhóm công tác", "Kelompok Kerja"),
        ("Steering committee", "Ban Chỉ đạo", "Komite Pengarah"),
        ("Member units", "Đơn vị thành viên", "Unit anggota"),
        ("Co-chair", "Đồng chủ trì", "Ketua bersama"),
        ("Audit log", "Nhật ký kiểm toán", "Log audit"),
        ("Sign in", "Đăng nhập", "Masuk"),
        ("Two-step sign-in", "Đăng nhập hai bước", "Masuk dua langkah"),
        ("Personal API tokens", "Mã truy cập API cá nhân", "Token API pribadi"),
    ],
)
def test_glossary_terms(msgid: str, vi: str, id_: str) -> None:
    """The agreed terms of the glossary, so that a later edit does not drift from them."""
    for code, expected in (("vi", vi), ("id", id_)):
        with translation.override(code):
            assert translation.gettext(msgid) == expected


# --- (5) the choice is remembered ---------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_switch_is_saved_on_the_profile(code: str, cast: Cast, client_for: ClientFor) -> None:
    user = cast.secretariat
    assert user.language == "en"
    client = client_for(user)
    overview = page_urls(cast)["overview"]
    switch_language(client, code, next_url=overview)
    user.refresh_from_db()
    assert user.language == code
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == code

    # A new session on another device, without the cookie, still follows the profile.
    elsewhere = client_for(User.objects.get(pk=user.pk))
    assert settings.LANGUAGE_COOKIE_NAME not in elsewhere.cookies
    html = elsewhere.get(overview).content.decode()
    assert f'<html lang="{code}">' in html

    # And back to English.
    switch_language(client, "en", next_url=overview)
    user.refresh_from_db()
    assert user.language == "en"
    assert '<html lang="en">' in client.get(overview).content.decode()


@pytest.mark.parametrize("code", LANGUAGES)
def test_anonymous_visitor_keeps_the_choice_in_a_cookie(code: str, db: None) -> None:
    client = Client()
    login = reverse("login")
    assert '<html lang="en">' in client.get(login).content.decode()
    switch_language(client, code, next_url=login)
    cookie = client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == code
    assert int(cookie["max-age"]) >= 300 * 24 * 3600
    html = client.get(login).content.decode()
    assert f'<html lang="{code}">' in html
    sign_in = {"vi": "Đăng nhập", "id": "Masuk"}[code]
    assert f"<h1>{sign_in}</h1>" in html
    assert "<h1>Sign in</h1>" not in html


def test_unknown_language_is_ignored(cast: Cast, client_for: ClientFor) -> None:
    client = client_for(cast.focal_a)
    switch_language(client, "xx")
    cast.focal_a.refresh_from_db()
    assert cast.focal_a.language == "en"
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies
