"""Command-line entries: outputs, evidence files, and refusing bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from lintas.networks.engine.cli import main_ads, main_link
from lintas.networks.engine.tables import LINK_COLUMNS

HEADER = ",".join(LINK_COLUMNS)


def _write(tmp_path: Path, text: str | bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_link_writes_output_and_explain(tmp_path: Path) -> None:
    text = (
        f"{HEADER},extra\n"
        "R1,VN-MPS,C1,victim,Nguyễn Văn Tuấn,12/03/1990,VN,,,0912 345 678,,,,,x\n"
        'R2,ID-BP2MI,C9,victim,Siti Aminah,,ID,,,+84 912 345 678,,,,"note, with comma",y\n'
        "R3,VN-WU,,,,,,,,,,,,,\n"
    )
    out, explain = tmp_path / "out.csv", tmp_path / "ev.jsonl"
    code = main_link([str(_write(tmp_path, text)), "-o", str(out), "--explain", str(explain)])
    assert code == 0
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows == [
        ["record_id", "person_id", "network_id"],
        ["R1", "P-R1", "N-R1"],
        ["R2", "P-R2", "N-R1"],
        ["R3", "P-R3", "N-R3"],
    ]
    lines = [json.loads(line) for line in explain.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["network_id"] == "N-R1"
    assert lines[0]["evidence"] == {"R2": ["R1 and R2 share +84912345678"]}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("agency,name\nVN,A\n", "line 1: missing record_id column"),
        (f"{HEADER}\nR1,VN\nR1,VN\n", "line 3: duplicate record_id 'R1' (first on line 2)"),
        (f"{HEADER}\n,VN\n", "line 2: empty record_id"),
        (f"{HEADER}\nR1,VN\nR2,VN,{',' * 20}\n", "line 3: 23 fields but the header has 14"),
        (f"{HEADER}\nR1,VN\n".encode() + b"R2,\xff\xfe\n", "line 3: not valid UTF-8"),
        ("", "empty input"),
    ],
)
def test_link_refuses_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes, message: str
) -> None:
    out = tmp_path / "out.csv"
    code = main_link([str(_write(tmp_path, content)), "-o", str(out), "--explain",
                      str(tmp_path / "ev.jsonl")])  # fmt: skip
    assert code != 0
    assert message in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "ev.jsonl").exists()


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main_link([]) == 2
    assert main_link(["a.csv", "--bogus", "1"]) == 2
    assert main_link([str(tmp_path / "missing.csv")]) == 2
    assert main_ads(["a.csv", "-o"]) == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "unknown option --bogus" in err and "cannot read" in err


def test_ads_output_and_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "ad_id,posted_at,source,text\n"
        'A1,2025-01-01,fb,"Tuyển gấp CSKH tại Bavet, lương 30 triệu, bao vé máy bay, '
        'zalo 0912345678"\n'
        'A2,2025-01-02,fb,"🔥 TUYỂN GẤP CSKH TẠI BAVET, LƯƠNG 35 TRIỆU, BAO VÉ MÁY BAY, '
        'ZALO 0987654321"\n'
        "A3,2025-01-03,tg,Bakery needs a baker\n"
    )
    out = tmp_path / "ads.csv"
    assert main_ads([str(_write(tmp_path, text)), "-o", str(out), "--explain",
                     str(tmp_path / "ads.jsonl")]) == 0  # fmt: skip
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["ad_id"], r["cluster_id"]) for r in rows] == [
        ("A1", "A-A1"), ("A2", "A-A1"), ("A3", "A-A3")]  # fmt: skip
    assert float(rows[0]["risk"]) > 0.5 and float(rows[2]["risk"]) == 0
    explain = (tmp_path / "ads.jsonl").read_text(encoding="utf-8")
    assert '"template"' in explain and "+84912345678" in explain
    bad = "ad_id,text\nA1,x\nA1,y\n"
    assert main_ads([str(_write(tmp_path, bad, "bad.csv")), "-o", str(tmp_path / "b.csv")]) == 2
    assert "duplicate ad_id 'A1'" in capsys.readouterr().err
    assert not (tmp_path / "b.csv").exists()
