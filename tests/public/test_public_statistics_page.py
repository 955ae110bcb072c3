"""Two faults of the public statistics page: it showed the body's tabs to anonymous visitors,
and it ordered age bands by their size instead of by age."""

from __future__ import annotations

from collections import Counter

from lintas.cases.statistics import AGE_BANDS, UNKNOWN, VictimRecord, tables_from
from tests.cases.test_statistics import counted  # noqa: F401  (fixture)
from tests.conftest import Cast


def test_age_bands_are_in_order_of_age_whatever_their_size() -> None:
    sizes = {"45+": 40, "0-17": 12, UNKNOWN: 30, "25-34": 11, "18-24": 50}
    records = [
        VictimRecord(year=2024, nationality="VN", exploitation="forced_labour", sex="F", age_band=b)
        for band, n in sizes.items()
        for b in [band] * n
    ]
    (table,) = [t for t in tables_from(records) if t.dimension == "age_band"]
    order = [name for name, _low, _high in AGE_BANDS]
    assert table.columns[:-1] == [*(b for b in order if b in sizes), UNKNOWN]
    assert Counter(r.age_band for r in records)["18-24"] == 50  # the largest is not first


def test_anonymous_visitors_see_no_body_tabs(client, counted: Cast) -> None:  # noqa: F811
    page = client.get(f"/public/{counted.body.slug}/").content.decode()
    assert 'class="bodybar"' not in page
    assert f"/b/{counted.body.slug}/cases/" not in page


def test_the_body_page_keeps_its_tabs(client_for, counted: Cast) -> None:  # noqa: F811
    page = client_for(counted.focal_a).get(f"/b/{counted.body.slug}/cases/statistics/")
    assert 'class="bodybar"' in page.content.decode()
