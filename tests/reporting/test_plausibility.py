"""Numbers a standing office can trust: hard limits refuse, soft limits and a unit's own history
warn and ask for a comment, the previous report's value is shown beside each number, and no
number, however large or however written, gets a server error."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from openpyxl import load_workbook

from lintas.core.errors import LintasError
from lintas.reporting import offline, selectors, services, validation
from lintas.reporting.models import Obligation, Submission
from lintas.reporting.services import InvalidAnswers
from lintas.reporting.validation import FieldSpec, ValueWarning
from tests.api.conftest import PREFIX, ApiClient, new_key
from tests.conftest import Cast, sign_in

FIELDS: list[dict[str, Any]] = [
    {
        "code": "trained",
        "type": "integer",
        "label": {"en": "Officials trained"},
        "min": 0,
        "max": 100000,
        "soft_max": 500,
    },
    {"code": "cases", "type": "integer", "label": {"en": "Cases identified"}, "min": 0},
    {"code": "share", "type": "decimal", "label": {"en": "Share referred"}, "soft_max": 1},
    {"code": "situation", "type": "long_text", "label": {"en": "Situation"}},
]
# March 2023 to February 2024: the unit's history before the report of March 2024
HISTORY = [f"2023-{m:02d}" for m in range(3, 13)] + ["2024-01", "2024-02"]
USUAL_CASES = [10, 12, 9, 11, 13, 10, 12, 11, 10, 14, 9, 12]  # median 11


def _obligation(cast: Cast, fields: list[dict[str, Any]] | None = None, code: str = "p") -> Any:
    template = services.create_template(
        body=cast.body,
        code=code,
        name={"en": "Training report"},
        structure={"sections": [{"code": "main", "fields": fields or FIELDS}]},
        by=cast.secretariat,
    )
    return services.define_obligation(
        body=cast.body,
        template=template,
        units=[cast.unit_a, cast.unit_b],
        period_type="monthly",
        starts_on=dt.date(2023, 1, 1),
        due_days=10,
        by=cast.secretariat,
    )


@pytest.fixture
def obligation(cast: Cast) -> Obligation:
    return _obligation(cast)


def _start(cast: Cast, obligation: Obligation, period: str = "2024-03") -> Submission:
    return services.start_submission(
        obligation=obligation, unit=cast.unit_a, period_key=period, by=cast.focal_a
    )


def _sent(cast: Cast, obligation: Obligation, period: str, data: dict[str, Any]) -> Submission:
    sub = _start(cast, obligation, period)
    return services.submit_report(sub, data=data, revision=sub.revision, by=cast.focal_a)


@pytest.fixture
def history(cast: Cast, obligation: Obligation) -> Obligation:
    """Twelve reports of unit A that reached the secretariat, the last (February 2024) with
    12 cases and 40 officials trained."""
    for period, cases in zip(HISTORY, USUAL_CASES, strict=True):
        _sent(cast, obligation, period, {"cases": cases, "trained": 40})
    return obligation


def _edit_url(sub: Submission) -> str:
    return reverse("reporting:submission-edit", args=[sub.obligation.body.slug, sub.pk])


def _detail_url(sub: Submission) -> str:
    return reverse("reporting:submission-detail", args=[sub.obligation.body.slug, sub.pk])


def _post(client: Client, sub: Submission, answers: dict[str, Any], **extra: Any) -> Any:
    sub.refresh_from_db()
    form = {f"f_{code}": value for code, value in answers.items()}
    form.update({"revision": sub.revision, "action": "save", **extra})
    return client.post(_edit_url(sub), form)


def _api(user: Any) -> ApiClient:
    return ApiClient(new_key(user))


def _patch(api: ApiClient, sub: Submission, data: dict[str, Any], **extra: Any) -> Any:
    sub.refresh_from_db()
    path = f"bodies/{sub.obligation.body.slug}/submissions/{sub.pk}"
    return api.patch(path, {"data": data, "revision": sub.revision, **extra})


def _workbook_with(sub: Submission, cells: dict[str, Any]) -> bytes:
    wb = load_workbook(io.BytesIO(offline.build_workbook(sub, "en")))
    for ref, value in cells.items():
        wb["Report"][ref] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(client: Client, sub: Submission, content: bytes) -> Any:
    url = reverse("reporting:submission-upload", args=[sub.obligation.body.slug, sub.pk])
    upload = SimpleUploadedFile("r.xlsx", content, content_type=offline.CONTENT_TYPE)
    return client.post(url, {"file": upload})


# rows of the report sheet for FIELDS: the section title on row 6, then one row per question
ROW = {"trained": 7, "cases": 8, "share": 9}


# --- the statistics, without a database ------------------------------------------------------


def test_the_usual_range_is_the_median_and_scaled_mad_of_the_last_twelve_values() -> None:
    older = [1000, 1000, 1000]  # past the twelve newest: not counted
    usual = validation.usual_range([*USUAL_CASES, *older])
    assert usual is not None
    assert (usual.median, usual.count) == (Decimal(11), 12)
    # deviations from 11: 1 1 2 0 2 1 1 0 1 3 2 1 → median 1 → scaled by 1.4826
    assert usual.spread == Decimal("1.4826")
    assert not usual.is_outlier(Decimal(15))  # 4 from the median: within 3 x 1.4826
    assert usual.is_outlier(Decimal(16))  # 5 from the median: beyond 4.4478
    assert usual.is_outlier(Decimal(6))


def test_fewer_than_four_past_values_give_no_comparison() -> None:
    assert validation.usual_range([10, 11, 12]) is None
    assert validation.usual_range([10, None, "", 11, 12]) is None
    assert validation.usual_range([10, 11, 12, 13]) is not None


def test_when_most_past_values_agree_the_mean_deviation_stands_in_for_the_mad() -> None:
    usual = validation.usual_range([0, 0, 0, 0, 0, 8])  # MAD is 0
    assert usual is not None
    assert usual.median == 0
    assert usual.spread == Decimal("1.2533") * Decimal(8) / 6
    assert not usual.is_outlier(Decimal(3))
    assert usual.is_outlier(Decimal(6))


def test_when_every_past_decimal_is_the_same_no_value_is_called_unusual() -> None:
    assert validation.usual_range(["0.5", "0.5", "0.5", "0.5", "0.5"]) is None


def test_a_count_varies_at_least_by_the_square_root_of_its_level() -> None:
    counts = validation.usual_range(USUAL_CASES, whole=True)
    assert counts is not None
    assert counts.spread == Decimal(11).sqrt()  # above the MAD's 1.4826
    assert not counts.is_outlier(Decimal(20))  # 9 from 11: within 3 x 3.32
    assert counts.is_outlier(Decimal(21))
    steady = validation.usual_range([5, 5, 5, 5, 5], whole=True)
    assert steady is not None and steady.spread == Decimal(5).sqrt()
    assert (steady.is_outlier(Decimal(11)), steady.is_outlier(Decimal(12))) == (False, True)
    none = validation.usual_range([0, 0, 0, 0, 0, 0], whole=True)
    assert none is not None and none.spread == 1
    assert (none.is_outlier(Decimal(3)), none.is_outlier(Decimal(4))) == (False, True)


def test_soft_limits_and_history_warn_without_refusing() -> None:
    spec = FieldSpec(code="n", type="integer", label="N", soft_min=Decimal(2), soft_max=Decimal(20))
    assert validation.check([spec], [], {"n": "50"}).ok
    low = validation.value_warnings([spec], {"n": 1}, {})
    assert [w.kind for w in low["n"]] == ["soft_min"]
    assert low["n"][0].message == "Lower than expected: the template expects at least 2."
    high = validation.value_warnings([spec], {"n": 50}, {"n": USUAL_CASES})
    assert [w.kind for w in high["n"]] == ["soft_max", "outlier"]
    assert high["n"][1].median == 11
    assert "the median of its last 12 reports is 11." in high["n"][1].message
    assert validation.value_warnings([spec], {"n": 12}, {"n": USUAL_CASES}) == {}


def test_a_warning_stays_unexplained_until_its_value_has_a_comment() -> None:
    warnings = {"n": [ValueWarning("n", "soft_max", "Higher than expected.")]}
    errors = validation.unexplained(warnings, {"n": "  "})
    assert errors["n"][0] == "Higher than expected."
    assert "comment" in errors["n"][1]
    assert validation.unexplained(warnings, {"n": "A national campaign this month."}) == {}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("1e9", "Write the number in digits, without an exponent (such as 1e9)."),
        ("2E+3", "Write the number in digits, without an exponent (such as 1e9)."),
        ("99999999999999999999999", "Too large: a number here has at most 15 digits"),
        ("1000000000000000", "Too large: a number here has at most 15 digits"),
        ("-1000000000000000", "Too large: a number here has at most 15 digits"),
        ("Infinity", "“Infinity” is not a whole number."),
        (1e300, "Too large: a number here has at most 15 digits"),
    ],
)
def test_a_whole_number_past_fifteen_digits_or_with_an_exponent_is_refused(
    raw: Any, message: str
) -> None:
    spec = FieldSpec(code="n", type="integer", label="N")
    result = validation.check([spec], [], {"n": raw})
    assert result.data["n"] is None
    assert result.errors["n"][0].startswith(message)


def test_the_largest_number_is_taken_and_decimals_have_the_same_bound() -> None:
    whole = FieldSpec(code="n", type="integer", label="N")
    decimal = FieldSpec(code="d", type="decimal", label="D")
    table = FieldSpec(code="t", type="table", label="T", columns=(whole,))
    ok = validation.check([whole, decimal], [], {"n": "999999999999999", "d": "-999999999999999.5"})
    assert ok.ok and ok.data["n"] == 999_999_999_999_999
    refused = validation.check([decimal, table], [], {"d": "1e16", "t": [{"n": "10" * 9}]})
    assert refused.errors["d"][0].startswith("Too large")
    assert refused.errors["t"][0].startswith("Row 1, N: Too large")


# --- hard limits: the form, the API and the offline file refuse them -------------------------


def test_a_hard_limit_is_refused_on_the_form_the_api_and_the_offline_file(
    cast: Cast, obligation: Obligation
) -> None:
    sub = _start(cast, obligation)
    client = sign_in(Client(), cast.focal_a)

    form = _post(client, sub, {"trained": "100001", "cases": "-1"})
    assert form.status_code == 400
    assert form.context["errors"] == {
        "trained": ["Must be at most 100000."],
        "cases": ["Must be at least 0."],
    }

    api = _patch(_api(cast.focal_a), sub, {"trained": 100001})
    assert api.status_code == 422
    assert api.json()["errors"] == {"trained": ["Must be at most 100000."]}

    upload = _upload(client, sub, _workbook_with(sub, {f"C{ROW['trained']}": 100001}))
    assert upload.status_code == 400
    problems = [tuple(p) for p in upload.context["problems"]]
    assert problems == [("Report", f"C{ROW['trained']}", "Must be at most 100000.")]

    sub.refresh_from_db()
    assert (sub.data["trained"], sub.revision) == (None, 1)


# --- huge numbers: a clear message naming the field, never a server error ---------------------

HUGE = ["99999999999999999999999", "1e400", "Infinity", "-1e16"]


@pytest.mark.parametrize("raw", HUGE)
def test_a_huge_number_typed_in_the_form_is_refused_beside_its_field(
    cast: Cast, obligation: Obligation, raw: str
) -> None:
    sub = _start(cast, obligation)
    client = sign_in(Client(), cast.focal_a)
    response = _post(client, sub, {"cases": raw, "share": raw})
    assert response.status_code == 400
    html = response.content.decode()
    assert set(response.context["errors"]) == {"cases", "share"}
    if "e" in raw:  # an exponent in a count is named as such; on a page it is no number
        assert response.context["errors"]["cases"] == [
            "Write the number in digits, without an exponent (such as 1e9)."
        ]
        assert response.context["errors"]["share"] == [f"“{raw}” is not a number."]
    elif raw == "Infinity":
        assert response.context["errors"]["cases"] == ["“Infinity” is not a whole number."]
    else:
        assert "Too large: a number here has at most 15 digits (up to 999,999,999,999,999)." in html
    assert 'id="err-cases"' in html
    sub.refresh_from_db()
    assert sub.revision == 1
    assert client.get(reverse("reporting:submission-xlsx", args=["twg", sub.pk])).status_code == 200


@pytest.mark.parametrize("raw", [10**30, 1e300, 10**15, "99999999999999999999999"])
def test_a_huge_number_sent_to_the_api_gets_422_naming_the_field(
    cast: Cast, obligation: Obligation, raw: Any
) -> None:
    sub = _start(cast, obligation)
    response = _patch(_api(cast.focal_a), sub, {"cases": raw, "trained": 3})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["cases"]
    if isinstance(raw, str):  # the API takes JSON numbers only
        assert response.json()["errors"]["cases"] == [
            f"Send “{raw}” as a JSON number, not as text."
        ]
    else:
        assert response.json()["errors"]["cases"][0].startswith("Too large")


def _patch_raw(api: ApiClient, sub: Submission, body: str) -> Any:
    """A PATCH with a JSON body written by hand: ``NaN``, ``Infinity`` and ``1e400`` are tokens
    Python's JSON reader takes, which no dict sent through the test client can spell."""
    path = f"{PREFIX}bodies/{sub.obligation.body.slug}/submissions/{sub.pk}"
    return api.client.patch(path, body, content_type="application/json", headers=api.headers)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("NaN", "nan"), ("Infinity", "inf"), ("-Infinity", "-inf"), ("1e400", "inf"), ("1e300", "")],
)
def test_a_save_on_an_older_revision_with_no_finite_number_is_refused_naming_the_field(
    cast: Cast, obligation: Obligation, raw: str, shown: str
) -> None:
    sub = _start(cast, obligation)
    api = _api(cast.focal_a)
    opened = sub.revision
    assert _patch(api, sub, {"cases": 3}).status_code == 200

    response = _patch_raw(
        api, sub, f'{{"data": {{"cases": {raw}, "share": {raw}}}, "revision": {opened}}}'
    )

    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    if shown:
        assert errors == {
            "cases": [f"“{shown}” is not a whole number."],
            "share": [f"“{shown}” is not a number."],
        }
    else:
        assert set(errors) == {"cases", "share"}
        assert all(messages[0].startswith("Too large") for messages in errors.values())
    sub.refresh_from_db()
    assert (sub.data["cases"], sub.revision) == (3, 2)
    assert [r.state for r in sub.revisions.order_by("number")] == ["draft"]


def test_a_save_on_an_older_revision_is_kept_aside_in_the_form_a_draft_is_saved_in(
    cast: Cast, obligation: Obligation
) -> None:
    sub = _start(cast, obligation)
    api = _api(cast.focal_a)
    opened = sub.revision
    assert _patch(api, sub, {"cases": 3}).status_code == 200

    stale = _patch_raw(
        api, sub, f'{{"data": {{"cases": 5.0, "share": 0.25}}, "revision": {opened}}}'
    )

    assert stale.status_code == 409
    kept = sub.revisions.get(state="conflict")
    assert kept.data == {"trained": None, "cases": 5, "share": "0.25", "situation": None}


def test_an_exponent_in_a_whole_number_is_refused_by_the_api(
    cast: Cast, obligation: Obligation
) -> None:
    sub = _start(cast, obligation)
    response = _patch(_api(cast.focal_a), sub, {"trained": "1e9"})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "trained": ["Write the number in digits, without an exponent (such as 1e9)."]
    }


@pytest.mark.parametrize("raw", [1e20, "99999999999999999999999", "Infinity"])
def test_a_huge_number_in_the_offline_file_is_refused_at_its_cell(
    cast: Cast, obligation: Obligation, raw: Any
) -> None:
    sub = _start(cast, obligation)
    client = sign_in(Client(), cast.focal_a)
    response = _upload(client, sub, _workbook_with(sub, {f"C{ROW['cases']}": raw}))
    assert response.status_code == 400
    (problem,) = [tuple(p) for p in response.context["problems"]]
    if raw == "Infinity":  # typed as text: read in the file's language, and no number
        assert problem == ("Report", f"C{ROW['cases']}", "“Infinity” is not a whole number.")
    else:
        assert problem == ("Report", f"C{ROW['cases']}", validation.too_large())


def _template(cast: Cast, field: dict[str, Any]) -> Any:
    return services.create_template(
        body=cast.body,
        code="limits",
        name={"en": "Limits"},
        structure={
            "sections": [{"code": "s", "fields": [{"code": "n", "label": {"en": "N"}, **field}]}]
        },
        by=cast.secretariat,
    )


def test_template_limits_past_what_an_answer_holds_get_400_naming_the_field(cast: Cast) -> None:
    structure: dict[str, Any] = {
        "sections": [
            {"code": "s", "fields": [{"code": "n", "type": "integer", "label": {"en": "N"}}]}
        ]
    }
    structure["sections"][0]["fields"][0]["max"] = "1e20"
    response = _api(cast.secretariat).post(
        "bodies/twg/report-templates", {"code": "x", "name": {"en": "X"}, "structure": structure}
    )
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Field n: the limit max must have at most 15 digits before the decimal point and 6 "
        "after it."
    )


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ({"type": "integer", "min": 10, "max": 5}, "Field n: min is above max."),
        (
            {"type": "integer", "soft_min": 10, "soft_max": 5},
            "Field n: soft_min is above soft_max.",
        ),
        ({"type": "integer", "max": 5, "soft_max": 10}, "Field n: soft_max is above max."),
        ({"type": "decimal", "min": "0.0000001"}, "Field n: the limit min must have at most 15"),
        ({"type": "decimal", "soft_min": "abc"}, "Field n: the limit soft_min is not a number."),
        ({"type": "short_text", "soft_max": 3}, "Field n: only number fields take limits."),
    ],
)
def test_limits_that_make_no_sense_are_refused_naming_the_field(
    cast: Cast, field: dict[str, Any], message: str
) -> None:
    with pytest.raises(LintasError) as err:
        _template(cast, field)
    assert err.value.message.startswith(message)


# --- soft limits: a warning, and a comment before the report is sent -------------------------


def test_a_value_past_a_soft_limit_saves_as_a_draft_but_needs_a_comment_to_submit(
    cast: Cast, obligation: Obligation
) -> None:
    sub = _start(cast, obligation)
    services.save_draft(sub, data={"trained": 900}, revision=sub.revision, by=cast.focal_a)
    assert sub.data["trained"] == 900  # a draft takes it

    with pytest.raises(InvalidAnswers) as err:
        services.submit_report(sub, by=cast.focal_a)
    assert err.value.errors == {
        "trained": [
            "Higher than expected: the template expects at most 500.",
            "Check this value; if it is right, say why in its comment to submit.",
        ]
    }
    sub.refresh_from_db()
    assert sub.state == Submission.State.DRAFT

    comment = "Two national campaigns trained every district officer this month."
    services.submit_report(sub, comments={"trained": comment}, by=cast.focal_a)
    sub.refresh_from_db()
    assert sub.state == Submission.State.SUBMITTED
    assert sub.comments == {"trained": comment}


def test_the_form_shows_the_warning_and_submits_once_the_value_has_a_comment(
    cast: Cast, obligation: Obligation
) -> None:
    sub = _start(cast, obligation)
    client = sign_in(Client(), cast.focal_a)

    saved = _post(client, sub, {"trained": "900"})
    assert saved.status_code == 302
    page = client.get(_edit_url(sub)).content.decode()
    assert "Higher than expected: the template expects at most 500." in page
    assert "1 value looks unusual" in page
    assert '<details class="value-comment" open>' in page

    refused = _post(client, sub, {"trained": "900"}, action="submit")
    assert refused.status_code == 400
    assert refused.context["errors"]["trained"][-1] == (
        "Check this value; if it is right, say why in its comment to submit."
    )

    sent = _post(client, sub, {"trained": "900"}, action="submit", c_trained="A campaign.")
    assert sent.status_code == 302
    sub.refresh_from_db()
    assert (sub.state, sub.comments) == (Submission.State.SUBMITTED, {"trained": "A campaign."})


def test_the_api_refuses_to_submit_an_unexplained_warning_and_takes_a_comment(
    cast: Cast, obligation: Obligation
) -> None:
    api = _api(cast.focal_a)
    sub = _start(cast, obligation)
    assert _patch(api, sub, {"share": 1.5}).status_code == 200
    submit = f"bodies/twg/submissions/{sub.pk}/submit"

    refused = api.post(submit)
    assert refused.status_code == 422
    assert refused.json()["errors"]["share"][0] == (
        "Higher than expected: the template expects at most 1."
    )
    detail = api.get(f"bodies/twg/submissions/{sub.pk}").json()
    assert detail["warnings"] == [
        {
            "field": "share",
            "kind": "soft_max",
            "message": "Higher than expected: the template expects at most 1.",
            "median": None,
            "history": 0,
            "explained": False,
        }
    ]

    sub.refresh_from_db()
    comments = {"share": "Cases referred from the previous month counted too."}
    sent = api.post(submit, {"comments": comments, "revision": sub.revision})
    assert sent.status_code == 200, sent.content
    assert (sent.json()["state"], sent.json()["comments"]) == ("submitted", comments)
    detail = api.get(f"bodies/twg/submissions/{sub.pk}").json()
    assert detail["warnings"][0]["explained"] is True


# --- the unit's own history ------------------------------------------------------------------


def test_an_unusual_value_is_warned_with_the_units_median_on_entry_and_review(
    cast: Cast, history: Obligation, client_for: Callable[..., Client]
) -> None:
    sub = _start(cast, history)
    services.save_draft(sub, data={"cases": 60}, revision=sub.revision, by=cast.focal_a)
    warning = "Far from this unit's usual figure: the median of its last 12 reports is 11."

    entry = client_for(cast.focal_a).get(_edit_url(sub)).content.decode()
    assert escape(warning) in entry

    with pytest.raises(InvalidAnswers) as err:
        services.submit_report(sub, by=cast.focal_a)
    assert err.value.errors["cases"][0] == warning
    services.submit_report(
        sub, comments={"cases": "A raid on a scam compound freed 49 people."}, by=cast.focal_a
    )

    review = client_for(cast.secretariat).get(_detail_url(sub)).content.decode()
    assert escape(warning) in review
    assert "A raid on a scam compound freed 49 people." in review
    assert "1 value looks unusual: its warning and the unit's comment" in review


def test_a_usual_value_or_another_units_history_raises_no_warning(
    cast: Cast, history: Obligation
) -> None:
    sub = _start(cast, history)
    assert services.value_warnings(sub, {"cases": 14}) == {}
    other = services.start_submission(
        obligation=history, unit=cast.unit_b, period_key="2024-03", by=cast.focal_b
    )
    assert services.value_warnings(other, {"cases": 60}) == {}  # B has no history


def test_drafts_returned_reports_and_later_periods_are_not_history(
    cast: Cast, obligation: Obligation
) -> None:
    for period in HISTORY[:3]:
        _sent(cast, obligation, period, {"cases": 10})
    draft = _start(cast, obligation, HISTORY[3])
    services.save_draft(draft, data={"cases": 500}, revision=draft.revision, by=cast.focal_a)
    returned = _sent(cast, obligation, HISTORY[4], {"cases": 500})
    services.return_report(returned, by=cast.secretariat, reason="Check the figure.")
    _sent(cast, obligation, "2024-06", {"cases": 500})

    past = selectors.values_before(_start(cast, obligation, "2024-03"))
    assert past.series["cases"] == [10, 10, 10]
    assert past.previous["cases"] == ("2023-05", 10)


# --- the previous report's value -------------------------------------------------------------


def test_the_previous_reports_value_is_shown_beside_each_number_on_entry_and_review(
    cast: Cast, history: Obligation, client_for: Callable[..., Client]
) -> None:
    sub = _start(cast, history)
    services.save_draft(sub, data={"cases": 13}, revision=sub.revision, by=cast.focal_a)

    entry = client_for(cast.focal_a).get(_edit_url(sub))
    html = entry.content.decode()
    assert "Previous report (2024-02): <strong>12</strong>" in html  # cases
    assert "Previous report (2024-02): <strong>40</strong>" in html  # officials trained
    assert "No earlier report to compare with." in html  # share: never answered

    services.submit_report(sub, by=cast.focal_a)
    review = client_for(cast.secretariat).get(_detail_url(sub)).content.decode()
    assert "Previous report (2024-02): <strong>12</strong>" in review

    api = _api(cast.secretariat).get(f"bodies/twg/submissions/{sub.pk}").json()
    assert api["previous"] == {
        "cases": {"period": "2024-02", "value": 12},
        "trained": {"period": "2024-02", "value": 40},
    }


def _queries_of_the_entry_page(cast: Cast, n: int) -> int:
    fields = [
        {"code": f"n{i}", "type": "integer", "label": {"en": f"N{i}"}, "soft_max": 5}
        for i in range(n)
    ]
    obligation = _obligation(cast, fields, code=f"t{n}")
    values = {f"n{i}": 3 for i in range(n)}
    for period in HISTORY[:5]:
        _sent(cast, obligation, period, values)
    sub = _start(cast, obligation)
    services.save_draft(
        sub, data={k: 9 for k in values}, revision=sub.revision, by=cast.focal_a
    )  # every field warned
    client = sign_in(Client(), cast.focal_a)
    client.get(_edit_url(sub))  # sessions and caches warmed
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(_edit_url(sub))
    assert response.content.decode().count('class="warnlist"') == n
    assert response.content.decode().count("Previous report (2023-07)") == n
    return len(ctx.captured_queries)


def test_the_entry_page_takes_as_many_queries_for_twelve_fields_as_for_two(cast: Cast) -> None:
    assert _queries_of_the_entry_page(cast, 2) == _queries_of_the_entry_page(cast, 12)


# --- comments on values ----------------------------------------------------------------------


def test_comments_are_kept_with_each_revision_and_read_by_the_api(
    cast: Cast, obligation: Obligation
) -> None:
    api = _api(cast.focal_a)
    sub = _start(cast, obligation)
    first = _patch(api, sub, {"cases": 4}, comments={"cases": "Counted at the border only."})
    assert first.json()["comments"] == {"cases": "Counted at the border only."}
    kept = _patch(api, sub, {"cases": 5})  # no comments sent: the saved ones stay
    assert kept.json()["comments"] == {"cases": "Counted at the border only."}
    cleared = _patch(api, sub, {"cases": 5}, comments={"cases": "  "})
    assert cleared.json()["comments"] == {}

    revisions = api.get(f"bodies/twg/submissions/{sub.pk}/revisions").json()
    assert [r["comments"] for r in revisions] == [
        {},
        {"cases": "Counted at the border only."},
        {"cases": "Counted at the border only."},
    ]


def test_a_comment_on_a_field_that_is_not_a_number_is_refused(
    cast: Cast, obligation: Obligation
) -> None:
    sub = _start(cast, obligation)
    response = _patch(
        _api(cast.focal_a), sub, {"cases": 4}, comments={"situation": "x", "cases": "y" * 2001}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "situation": ["Comments are kept on the report's number fields only."],
        "cases": ["A comment has at most 2000 characters."],
    }
    sub.refresh_from_db()
    assert (sub.revision, sub.comments) == (1, {})


def test_comments_go_out_and_come_back_in_the_offline_file(
    cast: Cast, obligation: Obligation
) -> None:
    sub = _start(cast, obligation)
    services.save_draft(
        sub,
        data={"trained": 900},
        comments={"trained": "A national campaign."},
        revision=sub.revision,
        by=cast.focal_a,
    )
    wb = load_workbook(io.BytesIO(offline.build_workbook(sub, "en")))
    ws = wb["Report"]
    assert (ws["E5"].value, ws[f"E{ROW['trained']}"].value) == (
        "Comment on the value",
        "A national campaign.",
    )
    assert ws[f"E{ROW['trained']}"].protection.locked is False
    ws[f"E{ROW['cases']}"] = "Only two districts reported."
    out = io.BytesIO()
    wb.save(out)

    services.upload_workbook(sub, content=out.getvalue(), by=cast.focal_a)
    sub.refresh_from_db()
    assert sub.comments == {
        "trained": "A national campaign.",
        "cases": "Only two districts reported.",
    }


def test_an_autosave_brings_the_warnings_of_the_saved_answers(
    cast: Cast, obligation: Obligation
) -> None:
    sub = _start(cast, obligation)
    client = sign_in(Client(), cast.focal_a)
    form = {"f_trained": "900", "f_share": "0.5", "revision": sub.revision, "action": "autosave"}
    response = client.post(_edit_url(sub), form, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="notes-trained" hx-swap-oob="true"' in html
    assert "Higher than expected: the template expects at most 500." in html
    assert 'id="notes-share" hx-swap-oob="true"></div>' in html  # cleared when fine


def test_warnings_speak_the_readers_language(cast: Cast, obligation: Obligation) -> None:
    sub = _start(cast, obligation)
    services.save_draft(sub, data={"trained": 900}, revision=sub.revision, by=cast.focal_a)
    type(cast.focal_a).objects.filter(pk=cast.focal_a.pk).update(language="vi")
    before = translation.get_language()
    try:
        page = sign_in(Client(), cast.focal_a).get(_edit_url(sub)).content.decode()
    finally:
        translation.activate(before)  # the request activated Vietnamese for this thread
    assert "Cao hơn dự kiến: mẫu báo cáo dự kiến nhiều nhất là 500." in page
    assert "Chưa có báo cáo trước để so sánh." in page
