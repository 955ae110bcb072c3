"""Recruitment ads: template clusters, templates, contacts, risk."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lintas.networks.engine.adrisk import ad_risk, folded_risk, folded_risks
from lintas.networks.engine.ads import (
    _EMAILISH,
    _HANDLEISH,
    _NUMBER,
    _PHONEISH,
    _URLISH,
    _WORD,
    DEFAULT_THRESHOLD,
    _jaccard,
    ad_tokens,
    ad_tokens_and_contacts,
    cluster_ads,
    shingles,
)
from lintas.networks.engine.metrics import pairwise_scores
from lintas.networks.engine.normalise import fold
from lintas.networks.engine.synth_ads import generate_ads

TEMPLATE_VI = (
    "🔥 TUYỂN GẤP 20 nhân viên CSKH làm việc tại Sihanoukville. Lương {pay} triệu/tháng. "
    "Bao vé máy bay, bao ăn ở. Không cần kinh nghiệm. Xuất cảnh nhanh trong 7 ngày. "
    "Liên hệ zalo {phone}"
)


def test_tokens_ignore_numbers_contacts_emoji_case() -> None:
    a = ad_tokens(TEMPLATE_VI.format(pay="25", phone="0912 345 678"))
    b = ad_tokens("✅✅ " + TEMPLATE_VI.format(pay="40", phone="+84 98 765 4321").lower())
    assert a == b
    assert "<contact>" in a and "<n>" in a


def test_clusters_templates_and_contacts() -> None:
    ads = [
        {"ad_id": f"V{k}", "text": TEMPLATE_VI.format(pay=20 + k, phone=f"09{k}2 345 678")}
        for k in range(5)
    ]
    ads += [
        {"ad_id": f"I{k}", "text": f"Dibutuhkan {k + 3} orang operator game di Kamboja. Gaji "
         f"{k + 15} juta per bulan. Tiket pesawat gratis, tanpa pengalaman. Hubungi WA "
         f"+62 812-3456-78{k}0 🔥"}
        for k in range(4)
    ]  # fmt: skip
    ads.append({"ad_id": "X1", "text": "Bakery in Hanoi hiring a baker, 3 years experience."})
    result = cluster_ads(ads)
    rows = {ad: cluster for ad, cluster, _ in result.rows()}
    assert {rows[f"V{k}"] for k in range(5)} == {"A-V0"}
    assert {rows[f"I{k}"] for k in range(4)} == {"A-I0"}
    assert rows["X1"] == "A-X1"
    vi = next(c for c in result.clusters if c.cluster_id == "A-V0")
    assert "luong {slot} trieu thang" in vi.template
    assert "sihanoukville" in vi.template
    assert ("+84912345678", 1) in vi.contacts and len(vi.contacts) == 5
    idn = next(c for c in result.clusters if c.cluster_id == "A-I0")
    assert ("+6281234567800", 1) in idn.contacts


def test_generated_ads_cluster_well() -> None:
    ads, truth = generate_ads(3000, seed=4)
    result = cluster_ads(ads, with_templates=False)
    precision, recall, f1 = pairwise_scores(result.cluster_of, truth)
    assert f1 > 0.95, (precision, recall)


def test_risk_signs_in_three_languages() -> None:
    vi = ad_risk(TEMPLATE_VI.format(pay="45", phone="0912345678"))
    assert {s for s, _ in vi.signs} == {
        "unrealistic pay", "free ticket or lodging", "no experience needed", "fast departure",
        "scam-compound destination", "cover job type",
    }  # fmt: skip
    assert vi.score > 0.75
    idn = ad_risk("Gaji Rp 25 juta per bulan, tiket gratis, berangkat cepat ke Myawaddy")
    expected = {"unrealistic pay", "free ticket or lodging", "fast departure",
                "scam-compound destination"}  # fmt: skip
    assert {s for s, _ in idn.signs} >= expected
    en = ad_risk("Customer service in Poipet, salary $2,500 per month, no experience needed")
    assert ("unrealistic pay", "$2,500") in en.signs
    plain = ad_risk("Bakery in Hanoi hiring a baker, salary 8 triệu a month, experience needed")
    assert plain.score == 0.0 and plain.explain() == "no sign found"


# ---------------------------------------------------------------- fast paths agree
_OLD_PHONEISH = re.compile(r"(?<![\w+])\+?\d[\d .\-]{6,16}\d(?!\w)")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 .-+a_\n٣", max_size=40))
def test_phone_pattern_same_as_lookbehind_first(text: str) -> None:
    def show(m: re.Match[str]) -> str:
        return f"<{m.start()}:{m[0]}>"

    assert _PHONEISH.sub(show, text) == _OLD_PHONEISH.sub(show, text)


def _tokens_by_regex(text: str) -> list[str]:
    """Step 1 with the word regex throughout (the reference for the split fast path)."""
    found: list[str] = []

    def grab(m: re.Match[str]) -> str:
        found.append(m[0])
        return " <contact> "

    for pattern in (_URLISH, _EMAILISH, _HANDLEISH, _PHONEISH):
        text = pattern.sub(grab, text)
    return _WORD.findall(_NUMBER.sub(" <n> ", fold(text)))


_PIECES = [
    *"abcXYZ <>/:.@+-0123456789\u0110\u0111\u1ec7\u00c9\U0001f525\uff1c\uff1e\u0663_",
    "www.",
    "t.me/",
    "://",
    "<contact>",
    "<n>",
    "FB.COM/x",
    "0912 345 678",
    "a@b.co",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_tokens_same_as_word_regex(text: str) -> None:
    assert ad_tokens(text) == _tokens_by_regex(text)


def test_tokens_with_stray_angle_brackets() -> None:
    assert ad_tokens("<b>Hello</b> 0912345678") == ["b", "hello", "b", "<contact>"]


def test_many_risks_at_once_same_as_one_by_one() -> None:
    ads, _ = generate_ads(1200, seed=8)
    texts = [ad_tokens_and_contacts(a["text"])[2] for a in ads]
    texts += ["depart within ٣ days to bavet", "xuat canh nhanh ไทย kk park", "urgentcasino",
              "free ticketsfree visa", "o'smach osmach tuyen gap 🔥 luong 45 trieu"]  # fmt: skip
    assert folded_risks(texts) == [folded_risk(t) for t in texts]


def test_large_input_uses_lsh_and_finds_near_duplicates() -> None:
    ads, truth = generate_ads(2000, seed=11)
    ads = [{**a, "text": a["text"] + " extra words here"} if k % 7 == 0 else a
           for k, a in enumerate(ads)]  # fmt: skip
    precision, recall, _ = pairwise_scores(cluster_ads(ads, with_templates=False).cluster_of,
                                           truth)  # fmt: skip
    assert precision > 0.97 and recall > 0.97


def test_ads_made_of_the_same_stock_phrases_cluster_by_template_not_by_phrase() -> None:
    import random

    stock = [
        "Lương cao, bao ăn ở, không cần kinh nghiệm.", "Hỗ trợ vé máy bay và visa miễn phí.",
        "Làm việc trong môi trường chuyên nghiệp, thân thiện.", "Ưu tiên nữ từ 18 đến 35 tuổi.",
        "Gaji tinggi, mess dan makan ditanggung perusahaan.", "Tidak perlu pengalaman kerja.",
        "Berangkat cepat, proses mudah tanpa biaya.", "Dibutuhkan segera pria dan wanita.",
        "Salary paid monthly in US dollars, overtime available.", "Free accommodation and meals.",
        "No experience needed, training provided on arrival.", "Apply now, limited places.",
        "Nhận hồ sơ đến hết tháng này.", "Đi nhanh trong vòng hai tuần.",
        "Kontrak kerja dua tahun dan bisa diperpanjang.", "Visa kerja diurus oleh agen.",
        "Flight tickets and visa handled by our agency.", "Work eight hours a day.",
        "Chỉ cần chứng minh nhân dân và sổ hộ khẩu.", "Hubungi kami sekarang juga.",
    ]  # fmt: skip
    own = [
        ("Công ty Hưng Thịnh tuyển nhân viên chăm sóc khách hàng làm việc tại Sihanoukville "
         "Campuchia, thu nhập hấp dẫn theo doanh số"),
        ("PT Karya Utama membuka lowongan operator produksi pabrik elektronik di Johor Bahru "
         "Malaysia untuk lulusan SMA"),
        ("Golden Star Company is hiring online customer service staff for its office in "
         "Myawaddy with Chinese language allowance"),
    ]  # fmt: skip
    rng = random.Random(5)
    ads, truth = [], {}
    for t, head in enumerate(own):
        phrases = rng.sample(stock, 3)
        for k in range(40):
            pay = rng.randrange(800, 2000)
            text = f"{head}. {' '.join(phrases)} Lương {pay} USD. Zalo 09{rng.randrange(10**8):08d}"
            ads.append({"ad_id": f"T{t}-{k:02d}", "text": text})
            truth[f"T{t}-{k:02d}"] = f"T{t}"
    for k in range(240):  # one-off ads from the same bank of phrases
        text = " ".join(rng.sample(stock, 4)) + f" Liên hệ 09{rng.randrange(10**8):08d}"
        ads.append({"ad_id": f"L{k:03d}", "text": text})
    cluster_of = cluster_ads(ads).cluster_of
    for t in range(len(own)):
        assert len({cluster_of[a] for a in truth if truth[a] == f"T{t}"}) == 1
    clusters: dict[str, set[str]] = {}
    for ad, c in cluster_of.items():
        clusters.setdefault(c, set()).add(truth.get(ad, ad))
    # no cluster mixes templates, nor a template with one-off ads
    assert all(len(kinds) == 1 for kinds in clusters.values() if any(
        k.startswith("T") for k in kinds)), clusters  # fmt: skip
    one_off_clusters = [kinds for kinds in clusters.values() if len(kinds) > 1]
    assert not one_off_clusters


def test_an_ad_cut_short_on_a_feed_joins_its_template_and_not_another() -> None:
    """A feed shows the first lines of a post and "… Xem thêm" (see more): the copy holds only
    part of the template's phrases (its Jaccard similarity to the full ad is well under the
    threshold) but nearly all of what it holds is in it."""
    import random

    lines = [
        "ĐÀI LOAN TUYỂN NHÂN VIÊN MARKETING ONLINE LƯƠNG {a}$ - {b}$/tháng",
        "Xuất phát từ TP.HCM ngày 7/6, có người đón tận nơi tại sân bay Đào Viên",
        "Công việc nhẹ nhàng: trả lời tin nhắn khách hàng bằng tiếng Việt trên điện thoại",
        "Ký túc xá bốn người một phòng, có máy lạnh và wifi miễn phí cả ngày",
        "Hợp đồng ba năm, gia hạn được, nghỉ bốn ngày mỗi tháng",
        "Liên hệ ngay chị Lan {phone} để được tư vấn hồ sơ",
    ]
    rng = random.Random(8)
    ads, truth = generate_ads(600, seed=4)
    for k in range(20):
        kept = [line for line in lines[1:-1] if rng.random() > 0.15]
        text = "\n".join([lines[0], *kept, lines[-1]]).format(
            a=rng.randrange(500, 900), b=rng.randrange(1000, 1600), phone=f"09{k:08d}"
        )
        ads.append({"ad_id": f"TW{k:02d}", "text": text})
        truth[f"TW{k:02d}"] = "TW"
    full = "\n".join(lines).format(a=800, b=1200, phone="0912345678")
    words = full.split()
    cut = " ".join(words[: len(words) * 2 // 5]) + "… Xem thêm"
    ads.append({"ad_id": "CUT", "text": cut})
    truth["CUT"] = "TW"
    assert _jaccard(shingles(ad_tokens(cut)), shingles(ad_tokens(full))) < DEFAULT_THRESHOLD

    cluster_of = cluster_ads(ads, with_templates=False).cluster_of

    assert cluster_of["CUT"] == cluster_of["TW00"]
    assert {cluster_of[f"TW{k:02d}"] for k in range(20)} == {cluster_of["CUT"]}
    assert [a for a, c in cluster_of.items() if c == cluster_of["CUT"] and truth[a] != "TW"] == []
