"""Messages as MISP events: a round trip, events written by MISP itself, and refusals."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from tests.conftest import ClientFor
from tests.exchange.conftest import Ex

from lintas.core.errors import LintasError
from lintas.core.tlp import TLP
from lintas.exchange import misp, services
from lintas.exchange.models import Kind, Message, Priority


def _post(ex: Ex) -> Message:
    c = ex.cast
    return services.post_message(
        body=c.body,
        by=c.focal_a,
        author_unit=c.unit_a,
        kind=Kind.ALERT,
        alert_type="person_sought",
        subject="Girl, 16, missing since Friday",
        text="Last seen at the bus station.\n\nMay be taken across the border to Lao Cai.",
        tlp=TLP.AMBER_STRICT,
        priority=Priority.URGENT,
        units=[c.unit_b],
        details={"name": "Lò Thị Mai", "age": "16", "last_seen_place": "Hà Giang bus station"},
    )


def test_a_message_goes_out_as_a_misp_event_and_comes_back_the_same(ex: Ex) -> None:
    c = ex.cast
    original = _post(ex)
    event = misp.to_misp(original)["Event"]
    assert {"name": "tlp:amber+strict"} in event["Tag"]
    assert event["threat_level_id"] == "1" and event["info"] == original.subject
    copy = services.import_misp(
        body=c.body, by=c.focal_b, author_unit=c.unit_b, raw=misp.dumps(original), units=[c.unit_c]
    )
    same = ("subject", "text", "tlp", "kind", "alert_type", "priority", "details")
    assert {f: getattr(copy, f) for f in same} == {f: getattr(original, f) for f in same}
    assert copy.author_unit == c.unit_b


MISP_EVENT = {
    "Event": {
        "uuid": "5f0c6f1a-4f5c-4d5e-9a3e-1a2b3c4d5e6f",
        "info": "Phishing job offers targeting Indonesian workers",
        "date": "2026-11-20",
        "threat_level_id": "2",
        "Tag": [{"name": "tlp:white"}, {"name": 'osint:source-type="blog-post"'}],
        "Attribute": [
            {"type": "url", "category": "Network activity", "value": "http://kerja-jepang.example"},
            {"type": "email-src", "category": "Payload delivery", "value": "hr@kerja.example"},
            {"type": "phone-number", "category": "Other", "value": "+62 812 3456 7890"},
        ],
    }
}


def test_an_event_written_by_misp_keeps_every_attribute_in_the_text(ex: Ex) -> None:
    c = ex.cast
    message = services.import_misp(
        body=c.body,
        by=c.focal_a,
        author_unit=c.unit_a,
        raw=json.dumps(MISP_EVENT).encode(),
        units=[c.unit_b],
    )
    assert message.tlp == TLP.CLEAR  # tlp:white is TLP 1.0's CLEAR
    assert message.priority == Priority.PRIORITY and message.kind == Kind.BULLETIN
    for value in ("http://kerja-jepang.example", "hr@kerja.example", "+62 812 3456 7890"):
        assert value in message.text


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"not json", "file"),
        (b'{"event": {}}', "file"),
        (b'{"Event": {"info": ""}}', "Event.info"),
        (b'{"Event": {"info": "x", "Tag": [{"name": "tlp:purple"}]}}', "Event.Tag[0]"),
        (
            b'{"Event": {"info": "x", "Tag": [{"name": "tlp:red"}, {"name": "tlp:green"}]}}',
            "Event.Tag",
        ),
        (b'{"Event": {"info": "x\\u0000y"}}', "Event.info"),
        (b'{"Event": {"info": "x", "Attribute": [3]}}', "Event.Attribute[0]"),
    ],
)
def test_a_file_lintas_cannot_read_is_refused_naming_where(ex: Ex, raw: bytes, where: str) -> None:
    c = ex.cast
    with pytest.raises(LintasError) as refused:
        services.import_misp(
            body=c.body, by=c.focal_a, author_unit=c.unit_a, raw=raw, units=[c.unit_b], tlp="green"
        )
    assert refused.value.field == "file" and where in refused.value.message
    assert not Message.objects.exists()


def test_an_event_without_a_label_needs_one_chosen(ex: Ex) -> None:
    c = ex.cast
    raw = b'{"Event": {"info": "Weekly digest", "Attribute": [{"type": "text", "value": "x"}]}}'
    with pytest.raises(LintasError) as refused:
        services.import_misp(
            body=c.body, by=c.focal_a, author_unit=c.unit_a, raw=raw, units=[c.unit_b]
        )
    assert refused.value.field == "tlp"
    message = services.import_misp(
        body=c.body, by=c.focal_a, author_unit=c.unit_a, raw=raw, units=[c.unit_b], tlp="green"
    )
    assert message.tlp == TLP.GREEN


def test_the_pages_export_and_import_an_event(ex: Ex, client_for: ClientFor) -> None:
    c = ex.cast
    original = _post(ex)
    exported = client_for(c.focal_b).get(reverse("exchange:misp", args=[c.body.slug, original.pk]))
    assert exported.status_code == 200 and exported["Cache-Control"] == "private, no-store"
    assert json.loads(exported.content)["Event"]["info"] == original.subject
    assert (
        client_for(c.focal_c)
        .get(reverse("exchange:misp", args=[c.body.slug, original.pk]))
        .status_code
        == 404
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client_for(c.focal_b)
    response = page.post(
        reverse("exchange:misp-import", args=[c.body.slug]),
        {
            "author_unit": c.unit_b.pk,
            "units": [c.unit_c.pk],
            "file": SimpleUploadedFile("event.json", exported.content, "application/json"),
        },
    )
    assert response.status_code == 302
    assert Message.objects.filter(author_unit=c.unit_b, subject=original.subject).exists()
    bad = page.post(
        reverse("exchange:misp-import", args=[c.body.slug]),
        {
            "author_unit": c.unit_b.pk,
            "units": [c.unit_c.pk],
            "file": SimpleUploadedFile("event.json", b"{", "application/json"),
        },
    )
    assert bad.status_code == 200 and "not JSON" in bad.content.decode()
