"""Anonymised statistics: no published figure below 11, no withheld figure recoverable from the
published ones, only the audience's labels counted, and the CSV says what the page says."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lintas.cases import services
from lintas.cases.demo import REFERENCE_PREFIX, load_cases_demo
from lintas.cases.models import TLP, Case, CasePerson
from lintas.cases.statistics import (
    BODY,
    PUBLIC,
    K,
    Table,
    VictimRecord,
    age_band,
    anonymised_tables,
    build_table,
    suppress,
    victim_statistics,
)
from lintas.members.demo import WG_SLUG, load_demo
from lintas.members.models import Body, User
from tests.conftest import Cast, sign_in

# --- the suppression rule, without a database -----------------------------------------------


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [list(r) for r in rows]
    rank, width = 0, len(rows[0]) if rows else 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][col] != 0:
                factor = rows[i][col] / rows[rank][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def recoverable_cells(table: Table) -> list[tuple[int, int]]:
    """Withheld cells whose value follows from the published figures and the table's sums
    (each row and column adds up to its total), by any combination of subtractions."""
    hidden = sorted(table.suppressed)
    if not hidden:
        return []
    index = {cell: i for i, cell in enumerate(hidden)}
    last_row, last_col = len(table.cells) - 1, len(table.cells[0]) - 1
    equations = []
    for r in range(last_row + 1):
        line = [Fraction(0)] * len(hidden)
        for c in range(last_col + 1):
            if (r, c) in index:
                line[index[(r, c)]] = Fraction(-1 if c == last_col else 1)
        equations.append(line)
    for c in range(last_col + 1):
        line = [Fraction(0)] * len(hidden)
        for r in range(last_row + 1):
            if (r, c) in index:
                line[index[(r, c)]] = Fraction(-1 if r == last_row else 1)
        equations.append(line)
    base = _rank(equations)
    found = []
    for cell, i in index.items():
        unit = [Fraction(int(j == i)) for j in range(len(hidden))]
        if _rank([*equations, unit]) == base:
            found.append(cell)
    return found


def test_a_lone_small_cell_takes_a_partner_in_its_row_and_column() -> None:
    counts = {("2024", "VN"): 40, ("2024", "ID"): 3, ("2024", "PH"): 25, ("2025", "VN"): 30}
    counts |= {("2025", "ID"): 20, ("2025", "PH"): 22}
    table = build_table("nationality", Counter(counts), ["2024", "2025"])
    suppress([table])
    published = table.published()
    assert all(v is None or v >= K for line in published for v in line)
    assert len(table.suppressed) >= 4
    assert recoverable_cells(table) == []


def test_it_bands_the_age_at_identification() -> None:
    opened = dt.date(2024, 3, 1)
    assert age_band(dt.date(2006, 3, 2), opened) == "0-17"
    assert age_band(dt.date(2006, 3, 1), opened) == "18-24"
    assert age_band(None, opened) == "unknown"


records = st.builds(
    VictimRecord,
    year=st.integers(2022, 2025),
    nationality=st.sampled_from(["VN", "ID", "PH", "KH", "unknown"]),
    exploitation=st.sampled_from(["forced_labour", "forced_criminality", "domestic_servitude"]),
    sex=st.sampled_from(["female", "male", "unknown"]),
    age_band=st.sampled_from(["0-17", "18-24", "25-34", "unknown"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(records, max_size=300))
def test_no_withheld_figure_can_be_recovered_from_the_published_ones(
    data: list[VictimRecord],
) -> None:
    tables = anonymised_tables(data)
    if not data:  # nothing to count: the one figure, 0, is withheld too
        assert all(t.published() == [[None]] for t in tables)
        return
    for table in tables:
        assert all(v is None or v >= K for line in table.published() for v in line)
        assert recoverable_cells(table) == []
    # The year totals are the same figures in every table, so they are withheld alike.
    shown = {tuple(line[-1] for line in t.published()) for t in tables}
    assert len(shown) == 1


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(0, 60), min_size=4, max_size=4),
        min_size=2,
        max_size=5,
    )
)
def test_any_table_keeps_its_secrets(grid: list[list[int]]) -> None:
    assume(all(sum(line) for line in grid))  # a year is a row only when something happened
    rows = [str(2020 + i) for i in range(len(grid))]
    counts = Counter(
        {(rows[r], f"c{c}"): n for r, line in enumerate(grid) for c, n in enumerate(line) if n}
    )
    table = build_table("sex", counts, rows)
    suppress([table])
    assert all(v is None or v >= K for line in table.published() for v in line)
    assert recoverable_cells(table) == []


# --- the pages --------------------------------------------------------------------------------


def _case_with_victims(
    cast: Cast, reference: str, tlp: str, victims: int, *, nationality: str, person_tlp: str = ""
) -> Case:
    case = services.create_case(
        body=cast.body,
        owner_unit=cast.unit_a,
        by=cast.focal_a,
        tlp=tlp,
        reference=reference,
        opened_on=dt.date(2024, 3, 1),
        exploitation_types=["forced_criminality"],
    )
    for i in range(victims):
        services.add_person(
            case,
            by=cast.focal_a,
            role=CasePerson.PersonRole.VICTIM,
            full_name=f"Victim {i}",
            date_of_birth=dt.date(2000, 1, 1),
            sex=CasePerson.Sex.FEMALE,
            nationality=nationality,
            tlp=person_tlp,
        )
    return case


@pytest.fixture
def counted(cast: Cast) -> Cast:
    _case_with_victims(cast, "CLEAR-1", TLP.CLEAR, 12, nationality="VN")
    _case_with_victims(cast, "CLEAR-2", TLP.CLEAR, 11, nationality="ID", person_tlp=TLP.AMBER)
    _case_with_victims(cast, "GREEN-1", TLP.GREEN, 13, nationality="PH")
    _case_with_victims(cast, "AMBER-1", TLP.AMBER, 14, nationality="KH")
    _case_with_victims(cast, "RED-1", TLP.RED, 15, nationality="MM")
    return cast


def _csv(client, url: str) -> list[list[str]]:
    response = client.get(url + "?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]


def _released(client, cast: Cast) -> list[list[str]]:
    """The public figures as a release publishes them, in the shape of the body page's CSV:
    dimension, year, category, count (``x`` when withheld)."""
    from lintas.public import services as releases

    release = releases.prepare_release(body=cast.body, by=cast.secretariat, title="Figures")
    releases.publish_release(release=release, by=cast.secretariat)
    answer = client.get(f"/public/{cast.body.slug}/releases/{release.version}.csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))[1:]
    return [[r[3], r[4], r[5], "x" if r[7] == "1" else r[6]] for r in rows]


def _grand_total(rows: list[list[str]]) -> str:
    return next(r[3] for r in rows if r[:3] == ["nationality", "total", "total"])


def test_the_public_page_counts_clear_cases_only(client, counted: Cast) -> None:
    rows = _released(client, counted)
    categories = {r[2] for r in rows if r[0] == "nationality"}
    assert categories == {"VN", "total"}
    assert _grand_total(rows) == "12"


def test_the_body_page_adds_green_cases_but_never_amber_or_red(
    client_for,
    counted: Cast,
) -> None:
    rows = _csv(client_for(counted.focal_a), f"/b/{counted.body.slug}/cases/statistics/")
    categories = {r[2] for r in rows if r[0] == "nationality"}
    assert categories == {"VN", "PH", "total"}
    assert _grand_total(rows) == "25"


def test_no_published_figure_is_below_11(client, counted: Cast) -> None:
    for rows in (
        _released(client, counted),
        _csv(sign_in(client, counted.leader), f"/b/{counted.body.slug}/cases/statistics/"),
    ):
        assert rows
        assert all(r[3] == "x" or int(r[3]) >= K for r in rows)


def test_the_csv_says_what_the_page_says(client_for, counted: Cast) -> None:
    client = client_for(counted.leader)
    url = f"/b/{counted.body.slug}/cases/statistics/"
    page = client.get(url).content.decode()
    shown = dict(re.findall(r'data-cell="([^"]+)">([^<]*)<', page))
    exported = {"|".join(r[:3]): r[3] for r in _csv(client, url)}
    assert shown == exported
    assert shown["nationality|total|total"] == "25"


# --- the demo ---------------------------------------------------------------------------------


def test_the_demo_cases_load_twice_without_duplicates_and_publish_no_small_figure(
    db: None,
    client_for,
) -> None:
    load_demo()
    load_cases_demo()
    body = Body.objects.get(slug=WG_SLUG)
    cases = Case.objects.filter(body=body, reference__startswith=REFERENCE_PREFIX)
    first = (cases.count(), CasePerson.objects.filter(case__in=cases).count())
    load_cases_demo()
    assert (cases.count(), CasePerson.objects.filter(case__in=cases).count()) == first
    assert first[0] >= 200
    assert {c.tlp for c in cases} >= {TLP.CLEAR, TLP.GREEN, TLP.AMBER, TLP.RED}

    for audience in (PUBLIC, BODY):
        tables = victim_statistics(body, audience=audience)
        figures = [v for t in tables for line in t.published() for v in line]
        assert all(v is None or v >= K for v in figures)
        assert any(v is not None for v in figures)
        assert all(recoverable_cells(t) == [] for t in tables)

    leader = User.objects.get(email="wg.leader@demo.lintas.example")
    page = client_for(leader).get(f"/b/{WG_SLUG}/cases/statistics/").content.decode()
    values = re.findall(r'data-cell="[^"]+">([^<]*)<', page)
    assert values
    assert all(v == "x" or int(v) >= K for v in values)
