"""Synthetic recruitment ads with known templates, for tests and benchmarks.

Templates are drawn from sentence banks in English, Vietnamese and Indonesian with fillers
(job, place, company); each templated ad changes numbers, rotates contacts from the
template's pool, inserts emoji and changes casing. One-off ads are drawn the same way but
used once. Deterministic for a given seed.
"""

from __future__ import annotations

import random

BANK = {
    "en": [
        "We are hiring {job} staff for a {company} branch in {place}.",
        "Salary {pay} USD per month plus bonus.",
        "Free air ticket and free accommodation provided.",
        "No experience needed, training given on arrival.",
        "Depart within {days} days, passport processing assisted.",
        "Work {hours} hours a day, {off} days off per month.",
        "Age {age1} to {age2}, male or female welcome.",
        "Contact {contact} for details.",
        "Send your CV to {contact} today.",
        "Limited places, apply now before {day} {month}.",
        "Our {company} team in {place} is growing fast.",
        "Basic English and typing skills are a plus.",
        "Meals three times a day included.",
        "Visa and work permit handled by the company.",
        "Overtime paid at {pay2} USD per hour.",
        "Interview online via video call this week.",
    ],
    "vi": [
        "Tuyển gấp {n} nhân viên {job} làm việc tại {place}.",
        "Lương {pay} triệu/tháng, thưởng thêm theo doanh số.",
        "Bao vé máy bay, bao ăn ở, miễn phí visa.",
        "Không cần kinh nghiệm, được đào tạo từ đầu.",
        "Xuất cảnh nhanh trong {days} ngày.",
        "Làm {hours} tiếng mỗi ngày, nghỉ {off} ngày mỗi tháng.",
        "Độ tuổi từ {age1} đến {age2}, nam nữ đều được.",
        "Liên hệ {contact} để biết thêm chi tiết.",
        "Gửi hồ sơ qua zalo {contact}.",
        "Công ty {company} uy tín, hợp đồng rõ ràng.",
        "Yêu cầu biết sử dụng máy tính cơ bản.",
        "Hỗ trợ làm hộ chiếu miễn phí.",
        "Số lượng có hạn, đăng ký trước ngày {day}/{month}.",
        "Phỏng vấn online qua điện thoại.",
        "Môi trường làm việc trẻ trung năng động tại {place}.",
        "Tăng ca được trả {pay2} nghìn mỗi giờ.",
    ],
    "id": [
        "Dibutuhkan segera {n} orang {job} untuk penempatan di {place}.",
        "Gaji {pay} juta per bulan ditambah bonus.",
        "Tiket pesawat gratis, mess gratis, makan ditanggung perusahaan.",
        "Tanpa pengalaman, akan dilatih.",
        "Proses cepat, berangkat dalam {days} hari.",
        "Kerja {hours} jam sehari, libur {off} hari per bulan.",
        "Usia {age1} sampai {age2} tahun, pria atau wanita.",
        "Hubungi WA {contact} untuk info lebih lanjut.",
        "Kirim CV ke {contact} sekarang juga.",
        "Perusahaan {company} resmi dan terpercaya.",
        "Bisa mengetik dan menggunakan komputer.",
        "Paspor dibantu pengurusannya.",
        "Kuota terbatas, daftar sebelum tanggal {day} {month}.",
        "Wawancara online lewat video call.",
        "Lingkungan kerja nyaman di {place}.",
        "Lembur dibayar {pay2} ribu per jam.",
    ],
}
JOBS = [
    "customer service", "online marketing", "data entry", "casino dealer", "waiter",
    "factory worker", "typing", "telesales", "kitchen helper", "cleaner", "driver",
    "massage therapist", "construction", "fishing crew", "caregiver", "game operator",
]  # fmt: skip
PLACES = ["Sihanoukville", "Bavet", "Poipet", "Myawaddy", "Dubai", "Kuala Lumpur", "Bangkok",
          "Taipei", "Osaka", "Seoul", "Phnom Penh", "Vientiane", "Bokeo", "Singapore"]  # fmt: skip
EMOJI = ["🔥", "💰", "✈️", "✅", "👉", "📞", "⭐", "🏠", "💵", "‼️"]
SYLL = ["an", "ba", "co", "da", "el", "fa", "go", "ha", "in", "ja", "ka", "lo", "ma", "nu",
        "or", "pa", "qu", "ra", "si", "ta", "ur", "vi", "wa", "xa", "yo", "zu"]  # fmt: skip


def _company(rng: random.Random) -> str:
    return "".join(rng.choice(SYLL) for _ in range(3)).title() + " " + rng.choice(
        ["Group", "Co", "Ltd", "International", "Entertainment", "Tech"])  # fmt: skip


def _contact(rng: random.Random, lang: str) -> str:
    if lang == "vi":
        return f"0{rng.choice('93')}{rng.randrange(10**8):08d}"
    if lang == "id":
        return (
            f"+62 8{rng.randrange(10**2):02d}-{rng.randrange(10**4):04d}-{rng.randrange(10**4):04d}"
        )
    return rng.choice([f"@jobs_{rng.randrange(10**5)}", f"t.me/work{rng.randrange(10**5)}",
                       f"hr{rng.randrange(10**5)}@gmail.com"])  # fmt: skip


def _fill(rng: random.Random, sentence: str, fixed: dict[str, str], lang: str) -> str:
    values = {
        "pay": str(rng.randint(15, 60) if lang != "en" else rng.randint(800, 3000)),
        "pay2": str(rng.randint(5, 50)), "days": str(rng.randint(3, 15)),
        "hours": str(rng.randint(8, 14)), "off": str(rng.randint(1, 4)),
        "age1": str(rng.randint(18, 22)), "age2": str(rng.randint(30, 40)),
        "day": str(rng.randint(1, 28)), "month": str(rng.randint(1, 12)),
        "n": str(rng.randint(5, 100)), "contact": _contact(rng, lang),
    }  # fmt: skip
    values.update(fixed)
    return sentence.format(**values)


def _template(rng: random.Random, lang: str) -> tuple[list[str], dict[str, str]]:
    bank = BANK[lang]
    sentences = rng.sample(bank, rng.randint(5, 8))
    fixed = {"job": rng.choice(JOBS), "place": rng.choice(PLACES), "company": _company(rng)}
    return sentences, fixed


def _perturb(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    if rng.random() < 0.3:
        del words[rng.randrange(len(words))]
    for _ in range(rng.randint(0, 3)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(EMOJI))
    text = " ".join(words)
    r = rng.random()
    if r < 0.15:
        text = text.upper()
    elif r < 0.3:
        text = text.lower()
    return text


def generate_ads(
    n: int, seed: int = 1, templated_share: float = 0.7, mean_cluster: int = 25
) -> tuple[list[dict[str, str]], dict[str, str]]:
    """``n`` ads and the truth: template id per ad id (one-off ads get their own id)."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
    n_templated = int(n * templated_share)
    n_templates = max(1, n_templated // mean_cluster)
    templates = []
    for _ in range(n_templates):
        lang = rng.choice(["en", "vi", "id"])
        sentences, fixed = _template(rng, lang)
        pool = [_contact(rng, lang) for _ in range(rng.randint(1, 4))]
        templates.append((lang, sentences, fixed, pool))
    ads: list[dict[str, str]] = []
    truth: dict[str, str] = {}
    for k in range(n):
        ad_id = f"AD{k + 1:07d}"
        if k < n_templated:
            t = rng.randrange(n_templates)
            lang, sentences, fixed, pool = templates[t]
            fixed = {**fixed, "contact": rng.choice(pool)}
            text = " ".join(_fill(rng, s, fixed, lang) for s in sentences)
            truth[ad_id] = f"t{t}"
        else:
            lang = rng.choice(["en", "vi", "id"])
            sentences, fixed = _template(rng, lang)
            text = " ".join(_fill(rng, s, fixed, lang) for s in sentences)
            truth[ad_id] = f"u{k}"
        ads.append({"ad_id": ad_id, "posted_at": f"2025-{rng.randint(1, 12):02d}-"
                    f"{rng.randint(1, 28):02d}", "source": rng.choice(["facebook", "telegram",
                    "tiktok", "zalo"]), "text": _perturb(rng, text)})  # fmt: skip
    order = list(range(n))
    rng.shuffle(order)
    return [ads[i] for i in order], truth
