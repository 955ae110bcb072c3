"""``lintas networks link|ads`` as tools outside the project call it: a separate process, CSV in,
CSV out, progress and refusals on standard error, no database."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from lintas.networks.engine.tables import ADS_COLUMNS, LINK_COLUMNS


def _lintas(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lintas.settings",
        "LINTAS_DEBUG": "true",
        # a database nobody can reach: the command must not need one
        "DATABASE_URL": "postgres://nobody:secret@127.0.0.1:9/none",
    }
    return subprocess.run(  # noqa: S603 (fixed arguments, this interpreter)
        [sys.executable, "-m", "lintas", "networks", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def _csv(path: Path, header: tuple[str, ...], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_link_reads_records_and_writes_persons_and_networks_without_a_database(
    tmp_path: Path,
) -> None:
    records = _csv(tmp_path / "records.csv", LINK_COLUMNS, [
        {"record_id": "VN-1", "agency": "VN-MPS", "case_ref": "HN-2025-14", "role": "victim",
         "name": "Nguyễn Thị Hoa", "date_of_birth": "12/03/1999", "nationality": "Việt Nam",
         "notes": "Bị dụ qua Zalo 0903-902-575, chuyển tiền vào tài khoản BIDV 12310000456789"},
        {"record_id": "ID-7", "agency": "ID-POLRI", "case_ref": "LP/88/2025", "role": "recruiter",
         "name": "Tran Van Binh", "phones": "+84 903 902 575",
         "notes": "Korban dihubungi lewat Telegram @kerja_thai"},
        {"record_id": "KH-3", "agency": "KH-NCCT", "case_ref": "PP-0042", "role": "victim",
         "name": "Sok Dara", "handles": "telegram: @kerja_thai"},
        {"record_id": "TH-9", "agency": "TH-DSI", "case_ref": "BK-19", "role": "victim",
         "name": "Somchai Srisuk", "date_of_birth": "1990-05-06", "phones": "not-a-phone"},
    ])  # fmt: skip
    out, explain = tmp_path / "out.csv", tmp_path / "why.jsonl"
    done = _lintas("link", str(records), "--out", str(out), "--explain", str(explain))
    assert done.returncode == 0, done.stderr
    assert "4 records read" in done.stderr and "Traceback" not in done.stderr
    assert "warning: record TH-9, phones 'not-a-phone'" in done.stderr
    rows = {r["record_id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert list(next(iter(rows.values()))) == ["record_id", "person_id", "network_id"]
    assert rows["VN-1"]["network_id"] == rows["ID-7"]["network_id"] == rows["KH-3"]["network_id"]
    assert rows["TH-9"]["network_id"] != rows["VN-1"]["network_id"]
    lines = [json.loads(line) for line in explain.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["records"] == ["ID-7", "KH-3", "VN-1"]


def test_link_refuses_a_bad_file_with_its_line_and_problem_and_writes_nothing(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("record_id,name\nR1,An\nR1,Binh\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    done = _lintas("link", str(bad), "--out", str(out))
    assert done.returncode == 2
    assert "line 3: duplicate record_id 'R1' (first on line 2)" in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()
    missing = _lintas("link", str(tmp_path / "nowhere.csv"), "--out", str(out))
    assert missing.returncode == 2 and "cannot read" in missing.stderr
    unknown = _lintas("merge", str(bad))
    assert unknown.returncode == 2 and "unknown sub-command 'merge'" in unknown.stderr
    option = _lintas("link", str(bad), "--frob", "1")
    assert option.returncode == 2 and "unknown option --frob" in option.stderr


def test_ads_clusters_ads_and_writes_a_risk_per_ad(tmp_path: Path) -> None:
    base = ("Tuyển gấp 20 nữ làm phục vụ nhà hàng tại {city}, lương 1500 USD, bao ăn ở, "
            "không cần kinh nghiệm, lo vé máy bay. Liên hệ Zalo {phone}")  # fmt: skip
    ads = [
        {"ad_id": f"A{i}", "posted_at": "2025-05-0{i}", "source": "facebook",
         "text": base.format(city=city, phone=phone)}
        for i, (city, phone) in enumerate(
            [("Phnom Penh", "0903 902 575"), ("Sihanoukville", "0903902575"),
             ("Bavet", "0903.902.575")], start=1)
    ]  # fmt: skip
    other = "Dijual rumah 2 lantai di Bekasi, SHM, hubungi pemilik langsung."
    ads.append({"ad_id": "B1", "posted_at": "2025-05-04", "source": "web", "text": other})
    path = _csv(tmp_path / "ads.csv", ADS_COLUMNS, ads)
    out = tmp_path / "clusters.csv"
    done = _lintas("ads", str(path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = {r["ad_id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["A1"]["cluster_id"] == rows["A2"]["cluster_id"] == rows["A3"]["cluster_id"]
    assert rows["B1"]["cluster_id"] != rows["A1"]["cluster_id"]
    assert float(rows["A1"]["risk"]) > float(rows["B1"]["risk"])
