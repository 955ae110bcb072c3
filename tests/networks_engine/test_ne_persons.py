"""Person resolution: SQL and Python scoring agree; variants match; strangers do not."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintas.networks.engine.compare import jaro_winkler, score
from lintas.networks.engine.linker import prepare
from lintas.networks.engine.persons import (
    PersonFeatures,
    blocking_keys,
    feature_table,
    match_all,
    score_pairs,
)
from lintas.networks.engine.synth import generate_records
from lintas.networks.engine.weights import FIXED, LEVELS, Weights, learn


def _features(name: str, dob: str = "", docs: str = "", nat: str = "") -> PersonFeatures:
    row = {"record_id": "X", "name": name, "date_of_birth": dob, "id_numbers": docs,
           "nationality": nat, "agency": "VN-MPS"}  # fmt: skip
    return prepare(row).person


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdeghnt", max_size=8), st.text(alphabet="abcdeghnt", max_size=8))
def test_jaro_winkler_equals_duckdb(a: str, b: str) -> None:
    con = duckdb.connect()
    (expected,) = con.execute("SELECT jaro_winkler_similarity(?, ?)", [a, b]).fetchall()[0]
    assert jaro_winkler(a, b) == pytest.approx(expected, abs=1e-12)


def test_python_and_sql_scores_agree() -> None:
    rows, _, _ = generate_records(600, seed=11)
    feats = [prepare(r).person for r in rows]
    con = duckdb.connect()
    con.register("f", feature_table(range(len(feats)), feats))
    pairs = [(a, b) for a in range(0, 600, 7) for b in range(a + 1, min(600, a + 40))]
    con.register(
        "p", pa.Table.from_pydict({"a": [a for a, _ in pairs], "b": [b for _, b in pairs]})
    )
    for m in score_pairs(con, "p", "f", keep_all=True):
        py = score(m.a, m.b, feats[m.a], feats[m.b])
        assert (py.name_level, py.dob_level, py.doc_level, py.nat_level, py.contact_shared) == (
            m.name_level, m.dob_level, m.doc_level, m.nat_level, m.contact_shared)  # fmt: skip
        assert py.score == pytest.approx(m.score)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("Nguyễn Văn Tuấn", "12/03/1990"), ("NGUYEN VAN TUAN", "1990-03-12")),
        (("Nguyễn Văn Tuấn", "12/03/1990"), ("Tuấn Nguyễn", "12 Mar 1990")),
        (("Trần Thị Hương", "05/11/1995"), ("Tran Thi Huong", "11/05/1995")),
        (("Siti Nurhaliza", "1998-07-01"), ("Siti Nurhalizah", "01/07/1998")),
        (("Budi Santoso", ""), ("Budi Santosa", "")),
    ],
)
def test_variants_are_the_same_person(left: tuple[str, str], right: tuple[str, str]) -> None:
    docs = "" if left[1] else "passport B1234567"
    m = score(0, 1, _features(*left, docs=docs), _features(*right, docs=docs))
    assert m.score >= FIXED.threshold, m.describe()


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("Nguyễn Văn Tuấn", "12/03/1990"), ("Nguyễn Văn Tuấn", "")),  # a name alone
        (("Nguyễn Văn Tuấn", "12/03/1990"), ("Nguyễn Văn Hùng", "12/03/1990")),
        (("Nguyễn Thị Lan", "02/02/2000"), ("Nguyễn Thị Lam", "02/02/2000")),
        (("Budi Santoso", "1980"), ("Budi Santoso", "1981")),
    ],
)
def test_different_people_stay_apart(left: tuple[str, str], right: tuple[str, str]) -> None:
    m = score(0, 1, _features(*left), _features(*right))
    assert m.score < FIXED.threshold, m.describe()


def test_blocking_keys_and_match_all() -> None:
    a = _features("Nguyễn Văn Tuấn", "12/03/1990", "C1234567")
    keys = blocking_keys(a)
    assert "i:doc:C1234567" in keys and "d:1990-03-12:ng" in keys
    b = _features("Tuan Nguyen", "1990-03-12")
    c = _features("Lê Thị Mai", "01/01/1985")
    matches, scored, weights = match_all([0, 1, 2], [a, b, c])
    assert not weights.learned  # too few pairs to learn from
    assert [(m.a, m.b) for m in matches] == [(0, 1)]
    assert scored == 1
    assert "date of birth equal" in matches[0].describe()


def test_learned_points_need_enough_sane_data() -> None:
    assert learn([], [], 10) is FIXED
    strong = ("same", "equal", "missing", "missing", "missing", "missing")
    weak = ("similar", "different", "missing", "missing", "missing", "missing")
    other = ("different", "different", "missing", "missing", "missing", "missing")
    rnd = [(other, 39_990), (weak, 60_000), (strong, 10)]
    weights = learn([(strong, 3000), (weak, 2000)], rnd, 100_000)
    assert weights.learned and weights.threshold > 0
    assert weights.of("name", "same") > 0 > weights.of("name", "different")
    assert set(weights.points) == set(LEVELS)
    assert isinstance(weights, Weights) and "CASE name_level" in weights.sql()
