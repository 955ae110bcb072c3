"""The template builder page: make a template, change it, and refusals that name the field."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lintas.reporting import offline, services
from lintas.reporting.models import Field, ReportTemplate
from tests.conftest import Cast, sign_in
from tests.reporting.conftest import Regime

pytestmark = pytest.mark.django_db


def _post(**fields: Any) -> dict[str, Any]:
    """A builder post with one section of two fields and one rule, changed by ``fields``."""
    data: dict[str, Any] = {
        "code": "quarterly",
        "name_en": "Quarterly figures",
        "name_vi": "Số liệu quý",
        "sections": "1",
        "s0_code": "figures",
        "s0_title_en": "Figures",
        "s0_fields": "2",
        "s0_f0_code": "cases",
        "s0_f0_type": "integer",
        "s0_f0_required": "on",
        "s0_f0_label_en": "Cases",
        "s0_f0_label_id": "Kasus",
        "s0_f1_code": "channel",
        "s0_f1_type": "choice",
        "s0_f1_label_en": "Channel",
        "s0_f1_choices": "online | Online | Trực tuyến\nfriend | Acquaintance",
        "rules": "0",
        "action": "save",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def _url(cast: Cast, template: ReportTemplate | None = None) -> str:
    if template is None:
        return reverse("reporting:template-create", args=[cast.body.slug])
    return reverse("reporting:template-edit", args=[cast.body.slug, template.pk])


def test_the_secretariat_makes_a_template_on_the_page(cast: Cast) -> None:
    client = sign_in(Client(), cast.secretariat)
    assert client.get(_url(cast)).status_code == 200

    response = client.post(_url(cast), _post())

    assert response.status_code == 302
    template = ReportTemplate.objects.get(body=cast.body, code="quarterly")
    assert template.name == {"en": "Quarterly figures", "vi": "Số liệu quý"}
    version = services.latest_version(template)
    fields = [f for s in version.sections.all() for f in s.fields.all()]
    assert [(f.code, f.type, f.required) for f in fields] == [
        ("cases", "integer", True),
        ("channel", "choice", False),
    ]
    assert fields[0].label == {"en": "Cases", "id": "Kasus"}
    assert fields[1].choices == [
        {"value": "online", "label": {"en": "Online", "vi": "Trực tuyến"}},
        {"value": "friend", "label": {"en": "Acquaintance"}},
    ]
    page = client.get(response["Location"]).content.decode()
    assert "Template saved." in page


def test_the_buttons_change_the_page_and_save_nothing(cast: Cast) -> None:
    client = sign_in(Client(), cast.secretariat)

    moved = client.post(_url(cast), _post(action="down:0:0"))
    added = client.post(_url(cast), _post(action="add-field:0"))
    ruled = client.post(_url(cast), _post(action="add-rule"))

    assert moved.status_code == 200
    built = moved.context["built"]["sections"][0]["fields"]
    assert [f["code"] for f in built] == ["channel", "cases"]
    assert len(added.context["built"]["sections"][0]["fields"]) == 3
    assert len(ruled.context["built"]["rules"]) == 1
    preview = [v.field.code for _s, views in moved.context["preview"] for v in views]
    assert preview == ["channel", "cases"]
    assert 'name="f_channel"' in moved.content.decode()  # the focal point's form, in preview
    assert not ReportTemplate.objects.filter(body=cast.body).exists()


@pytest.mark.parametrize(
    ("change", "at", "words"),
    [
        ({"s0_f1_label_en": ""}, "sections.0.fields.1.label", "channel needs a label"),
        ({"s0_f0_code": ""}, "sections.0.fields.0.code", "field 1 has no code"),
        ({"s0_f1_choices": ""}, "sections.0.fields.1.choices", "at least one choice"),
        ({"s0_f1_choices": " | Online"}, "sections.0.fields.1.choices", "choice line 1"),
        (
            {"rules": "1", "r0_left": "cases", "r0_op": "lte", "r0_right": "gone"},
            "rules.0.right",
            "Rule 1 names a field that does not exist: gone",
        ),
        ({"name_en": ""}, "name_en", "a name, at least in English"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(
    cast: Cast, change: dict[str, str], at: str, words: str
) -> None:
    client = sign_in(Client(), cast.secretariat)

    response = client.post(_url(cast), _post(**change))

    assert response.status_code == 400
    assert response.context["error_at"] == at
    assert words in response.context["error"].message
    assert words in response.content.decode()
    assert not ReportTemplate.objects.filter(body=cast.body).exists()


def test_editing_a_template_in_use_makes_a_new_version(regime: Regime) -> None:
    cast = regime.cast
    services.start_submission(
        obligation=regime.obligation, unit=cast.unit_a, period_key="2024-03", by=cast.focal_a
    )
    client = sign_in(Client(), cast.secretariat)
    page = client.get(_url(cast, regime.template))
    assert page.context["in_use"]
    post = page.context["built"]
    assert post["sections"][0]["fields"][0]["code"] == "cases"

    response = client.post(
        _url(cast, regime.template),
        _post(code="ignored", note="Two questions", name_en="Monthly situation"),
    )

    assert response.status_code == 302
    regime.template.refresh_from_db()
    assert regime.template.code == "monthly-situation"
    assert regime.template.name["en"] == "Monthly situation"
    versions = list(regime.template.versions.order_by("number"))
    assert [(v.number, v.note) for v in versions] == [(1, ""), (2, "Two questions")]
    assert versions[0].sections.count() == 2  # the version in use is kept as it was


def test_an_edit_keeps_what_the_page_does_not_show(regime: Regime) -> None:
    """Limits, conditions and table columns go through the page unchanged."""
    cast = regime.cast
    client = sign_in(Client(), cast.secretariat)
    page = client.get(_url(cast, regime.template))
    form: dict[str, Any] = {"name_en": "Monthly", "action": "save"}
    built = page.context["built"]
    form["sections"] = str(len(built["sections"]))
    for s in built["sections"]:
        form[f"{s['prefix']}_code"] = s["code"]
        form[f"{s['prefix']}_fields"] = str(len(s["fields"]))
        for f in s["fields"]:
            p = f["prefix"]
            form.update({f"{p}_code": f["code"], f"{p}_type": f["type"]})
            form.update({f"{p}_extra": f["extra"], f"{p}_label_en": f["label"]["en"]})
            form.update({f"{p}_choices": f["choices"], f"{p}_columns": f["columns"]})
            if f["required"]:
                form[f"{p}_required"] = "on"
    form["rules"] = "1"
    form.update({"r0_left": "victims", "r0_op": "lte", "r0_right": "cases"})

    response = client.post(_url(cast, regime.template), form)

    assert response.status_code == 302, response.context and response.context["error"]
    version = services.latest_version(regime.template)
    fields = {f.code: f for s in version.sections.all() for f in s.fields.all()}
    assert fields["cases"].min_value == 0
    assert fields["hotline_gap"].required_if == {"field": "hotline", "equals": False}
    assert [c["code"] for c in fields["trainings"].columns] == ["title", "date", "people"]
    assert fields["channel"].type == Field.Type.CHOICE
    assert len(fields["channel"].choices) == 3
    assert [str(r) for r in version.rules.all()] == ["victims ≤ cases"]


def test_the_template_workbook_lists_the_questions_without_answers(regime: Regime) -> None:
    client = sign_in(Client(), regime.cast.secretariat)
    url = reverse("reporting:template-xlsx", args=[regime.cast.body.slug, regime.template.pk])

    response = client.get(url)

    assert response.status_code == 200
    assert "monthly-situation-v1.xlsx" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    codes = [c.value for c in wb.worksheets[0]["A"] if c.value]
    assert "cases" in codes and "situation" in codes
    assert "lintas" not in wb.sheetnames  # names no report: cannot be uploaded as one
    cast = regime.cast
    report = services.start_submission(
        obligation=regime.obligation, unit=cast.unit_a, period_key="2024-03", by=cast.focal_a
    )
    with pytest.raises(offline.WorkbookProblems):
        services.upload_workbook(report, content=response.content, by=cast.focal_a)
    report.refresh_from_db()
    assert report.revision == 1


def test_the_list_links_to_each_template_and_to_a_new_one(regime: Regime) -> None:
    client = sign_in(Client(), regime.cast.secretariat)
    page = client.get(reverse("reporting:template-list", args=[regime.cast.body.slug]))
    html = page.content.decode()
    assert _url(regime.cast, regime.template) in html
    assert _url(regime.cast) in html
    home = client.get(reverse("reporting:home", args=[regime.cast.body.slug])).content.decode()
    assert reverse("reporting:template-list", args=[regime.cast.body.slug]) in home


@pytest.mark.parametrize(
    ("who", "status"), [("focal_a", 403), ("leader", 403), ("stranger", 404), ("admin", 200)]
)
def test_only_the_secretariat_may_build_templates(regime: Regime, who: str, status: int) -> None:
    cast = regime.cast
    client = sign_in(Client(), cast.role_users()[who])
    for url in (
        _url(cast),
        _url(cast, regime.template),
        reverse("reporting:template-list", args=[cast.body.slug]),
    ):
        assert client.get(url).status_code == status, url
    response = client.post(_url(cast), _post())
    assert response.status_code == (302 if status == 200 else status)


def test_the_builder_needs_a_signed_in_person(cast: Cast) -> None:
    response = Client().get(_url(cast))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_builder_speaks_vietnamese(regime: Regime) -> None:
    person = regime.cast.secretariat
    person.language = "vi"
    person.save(update_fields=["language"])
    client = sign_in(Client(), person)

    page = client.get(_url(regime.cast, regime.template)).content.decode()

    assert "Sửa mẫu" in page
    assert "Thêm một trường" in page
    assert "Xem trước" in page


def _two_sections(**fields: Any) -> dict[str, Any]:
    """The builder post of ``_post`` with a second section holding one field."""
    return _post(
        sections="2",
        s1_code="notes",
        s1_title_en="Notes",
        s1_fields="1",
        s1_f0_code="remarks",
        s1_f0_type="long_text",
        s1_f0_label_en="Remarks",
        **fields,
    )


def _order(response: Any) -> list[list[str]]:
    return [[f["code"] for f in s["fields"]] for s in response.context["built"]["sections"]]


def test_sections_move_up_and_down_and_fields_move_where_they_are_dropped(cast: Cast) -> None:
    client = sign_in(Client(), cast.secretariat)
    up = client.post(_url(cast), _two_sections(action="section-up:1"))
    assert _order(up) == [["remarks"], ["cases", "channel"]]
    first_up = client.post(_url(cast), _two_sections(action="section-up:0"))  # nothing above
    assert _order(first_up) == [["cases", "channel"], ["remarks"]]
    down = client.post(_url(cast), _two_sections(action="move:0:0:0:1"))  # onto the next field
    assert _order(down) == [["channel", "cases"], ["remarks"]]
    across = client.post(_url(cast), _two_sections(action="move:0:1:1:0"))  # onto "remarks"
    assert _order(across) == [["cases"], ["channel", "remarks"]]
    to_end = client.post(_url(cast), _two_sections(action="move:1:0:0:9999"))  # onto a section
    assert _order(to_end) == [["cases", "channel", "remarks"], []]
    nowhere = client.post(_url(cast), _two_sections(action="move:0:7:1:0"))  # no such field
    assert _order(nowhere) == [["cases", "channel"], ["remarks"]]
    assert not ReportTemplate.objects.filter(body=cast.body).exists()


def test_the_offline_workbook_of_a_draft_is_built_and_nothing_is_saved(cast: Cast) -> None:
    from lintas.audit.models import AuditEntry

    client = sign_in(Client(), cast.secretariat)
    entries = AuditEntry.objects.count()
    answer = client.post(_url(cast), _post(action="xlsx", s0_f0_label_en="Cases identified"))
    assert answer.status_code == 200
    assert answer["Content-Disposition"].startswith("attachment")
    book = load_workbook(io.BytesIO(answer.content))
    texts = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert "Cases identified" in {t.rstrip(" *") for t in texts}
    assert not ReportTemplate.objects.filter(body=cast.body).exists()
    assert AuditEntry.objects.count() == entries
    bad = client.post(_url(cast), _post(action="xlsx", s0_f1_label_en=""))
    assert bad.status_code == 400
    assert "channel needs a label" in bad.content.decode()
