"""Recruitment ads: template clusters, templates, contacts, risk."""

from __future__ import annotations

from lintas.networks.engine.adrisk import ad_risk
from lintas.networks.engine.ads import ad_tokens, cluster_ads
from lintas.networks.engine.metrics import pairwise_scores
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
