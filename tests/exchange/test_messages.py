"""Posting, reading, acknowledging and passing on messages under TLP 2.0."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from tests.exchange.conftest import Ex

from lintas.audit.models import AuditEntry
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP
from lintas.exchange import policy, services
from lintas.exchange.models import Forward, Kind, Message, Priority, Receipt
from lintas.members.models import User
from lintas.notices.models import Notification

NOW = dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC)


def alert(ex: Ex, *, tlp: str = TLP.AMBER, to=None, named=(), **kw) -> Message:
    c = ex.cast
    fields: dict[str, Any] = {
        "body": c.body,
        "by": c.focal_a,
        "author_unit": c.unit_a,
        "kind": Kind.ALERT,
        "subject": "Recruiter active on the border",
        "text": "<p>A recruiter offers <b>factory jobs</b>.</p>",
        "tlp": tlp,
        "priority": Priority.URGENT,
        "units": [c.unit_b, c.unit_c] if to is None else to,
        "named": named,
        "now": NOW,
    }
    fields.update(kw)
    return services.post_message(**fields)


def readers(ex: Ex, message: Message) -> set[str]:
    c = ex.cast
    people = {
        "author": c.focal_a,
        "focal_b": c.focal_b,
        "focal_c": c.focal_c,
        "sub_b": ex.focal_sub_b,
        "focal_d": ex.focal_d,
        "secretariat": c.secretariat,
        "leader": c.leader,
        "analyst": c.analyst,
        "stranger": c.stranger,
    }
    out = set()
    for name, person in people.items():
        fresh = User.objects.get(pk=person.pk)  # no per-request cache between questions
        visible = policy.visible_messages(fresh, c.body).filter(pk=message.pk).exists()
        assert visible == policy.message_access(fresh, message).reads, name
        if visible:
            out.add(name)
    return out


@pytest.mark.parametrize(
    ("tlp", "expected"),
    [
        (TLP.AMBER_STRICT, {"author", "focal_b"}),
        (TLP.AMBER, {"author", "focal_b", "sub_b"}),
        (
            TLP.GREEN,
            {
                "author",
                "focal_b",
                "focal_c",
                "sub_b",
                "focal_d",
                "secretariat",
                "leader",
                "analyst",
            },
        ),
        (
            TLP.CLEAR,
            {
                "author",
                "focal_b",
                "focal_c",
                "sub_b",
                "focal_d",
                "secretariat",
                "leader",
                "analyst",
            },
        ),
    ],
)
def test_each_label_reaches_exactly_its_audience(ex: Ex, tlp: str, expected: set[str]) -> None:
    message = alert(ex, tlp=tlp, to=[ex.cast.unit_b])
    assert readers(ex, message) == expected


def test_a_red_message_reaches_the_named_people_only(ex: Ex) -> None:
    c = ex.cast
    message = alert(ex, tlp=TLP.RED, to=[], named=[c.focal_b])
    assert readers(ex, message) == {"author", "focal_b"}
    # B's alternate focal point belongs to the unit but is not named.
    assert not policy.visible_messages(ex.alternate_b, c.body).filter(pk=message.pk).exists()
    # Only the named person is told, and the notice does not carry the subject.
    told = Notification.objects.filter(kind="message_received")
    assert set(told.values_list("user_id", flat=True)) == {c.focal_b.pk}
    assert all(message.subject not in n.text and message.subject not in n.subject for n in told)


def test_a_red_message_to_units_or_to_nobody_is_refused_naming_the_field(ex: Ex) -> None:
    with pytest.raises(LintasError) as units:
        alert(ex, tlp=TLP.RED, to=[ex.cast.unit_b], named=[ex.cast.focal_b])
    assert units.value.field == "units"
    with pytest.raises(LintasError) as nobody:
        alert(ex, tlp=TLP.RED, to=[])
    assert nobody.value.field == "named"
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"units": []}, "units"),
        ({"expires_at": NOW - dt.timedelta(minutes=1)}, "expires_at"),
        ({"subject": "  "}, "subject"),
        ({"text": "<script>alert(1)</script>"}, "text"),
        ({"tlp": "purple"}, "tlp"),
        ({"kind": Kind.REQUEST}, "answer_by"),
        ({"details": {"shoe_size": "42"}}, "details"),
    ],
)
def test_a_bad_message_is_refused_naming_the_field_and_nothing_is_saved(
    ex: Ex, change: dict, field: str
) -> None:
    with pytest.raises(LintasError) as refused:
        alert(ex, **change)
    assert refused.value.field == field
    assert not Message.objects.exists() and not Receipt.objects.exists()


def test_only_a_units_focal_points_post_for_it(ex: Ex) -> None:
    with pytest.raises(PermissionDenied):
        alert(ex, by=ex.cast.focal_b)  # B's focal point posting as unit A
    with pytest.raises(PermissionDenied):
        alert(ex, by=ex.cast.leader)
    # The secretariat posts for the body's secretariat unit.
    message = alert(ex, by=ex.cast.secretariat, author_unit=ex.secretariat_unit)
    assert message.author_unit == ex.secretariat_unit


XSS = [
    '<img src=x onerror="alert(1)">',
    "<a href=\"javascript:alert('x')\">click</a>",
    "<svg/onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<scr<script>ipt>alert(1)</script>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<body onload="alert(1)">',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
]


@pytest.mark.parametrize("vector", XSS)
def test_rich_text_keeps_nothing_active(vector: str) -> None:
    cleaned = services.clean_html(f"<p>Hello</p>{vector}")
    lowered = cleaned.lower()
    for bad in ("<script", "onerror", "onload", "javascript:", "<iframe", "<svg", "style="):
        assert bad not in lowered, (vector, cleaned)
    assert "<p>Hello</p>" in cleaned


def _docx(macros: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        if macros:
            z.writestr("word/vbaProject.bin", b"\x00macro")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("logo.svg", b'<svg onload="alert(1)"/>'),
        ("report.pdf", b"MZ\x90\x00 not a pdf"),
        ("letter.docm", _docx(macros=True)),
        ("letter.docx", _docx(macros=True)),
        ("sheet.xlsx", b"PK\x03\x04 broken"),
        ("big.txt", b"a" * (services.MAX_ATTACHMENT_BYTES + 1)),
    ],
)
def test_an_active_false_or_oversized_attachment_is_refused(
    ex: Ex, name: str, content: bytes
) -> None:
    with pytest.raises(LintasError) as refused:
        alert(ex, attachments=[services.Upload(name, content)])
    assert refused.value.field == "attachments" and name in refused.value.message
    assert not Message.objects.exists()


def test_an_attachment_is_never_looser_than_its_message(ex: Ex) -> None:
    pdf = b"%PDF-1.7 ok"
    with pytest.raises(LintasError) as refused:
        alert(ex, attachments=[services.Upload("a.pdf", pdf, tlp=TLP.GREEN)])
    assert "looser" in refused.value.message
    message = alert(
        ex,
        attachments=[
            services.Upload("a.pdf", pdf, tlp=TLP.RED),
            services.Upload("b.docx", _docx()),
        ],
    )
    labels = dict(message.attachments.values_list("name", "tlp"))
    assert labels == {"a.pdf": TLP.RED, "b.docx": TLP.AMBER}


def test_reading_and_acknowledging_are_recorded_per_unit_and_audited(ex: Ex) -> None:
    c = ex.cast
    message = alert(ex)
    receipt_b = Receipt.objects.get(message=message, unit=c.unit_b)
    assert receipt_b.acknowledge_due == NOW + dt.timedelta(hours=4)  # urgent alert default
    services.record_reading(message, by=c.focal_b, now=NOW + dt.timedelta(hours=1))
    later = NOW + dt.timedelta(hours=2)
    services.acknowledge(message, unit=c.unit_b, by=ex.alternate_b, now=later)
    receipt_b.refresh_from_db()
    assert receipt_b.read_by == c.focal_b and receipt_b.read_at == NOW + dt.timedelta(hours=1)
    assert receipt_b.acknowledged_by == ex.alternate_b and receipt_b.acknowledged_at == later
    assert AuditEntry.objects.filter(action="exchange.message.read", actor=c.focal_b).exists()
    ack = AuditEntry.objects.get(action="exchange.message.acknowledged")
    assert ack.data["on_time"] is True
    # A reader who does not act for a recipient unit may not acknowledge for it.
    with pytest.raises(PermissionDenied):
        services.acknowledge(message, unit=c.unit_b, by=ex.focal_sub_b)
    with pytest.raises(Http404):
        services.acknowledge(message, unit=c.unit_b, by=ex.focal_d)


def test_an_unacknowledged_alert_is_reminded_then_escalated_once_each(ex: Ex) -> None:
    c = ex.cast
    message = alert(ex)
    services.acknowledge(message, unit=c.unit_b, by=c.focal_b, now=NOW + dt.timedelta(hours=1))
    Notification.objects.all().delete()
    early = services.chase_unacknowledged(NOW + dt.timedelta(hours=3))
    assert early.as_dict() == {"reminded": 0, "escalated": 0}
    first = services.chase_unacknowledged(NOW + dt.timedelta(hours=5))
    assert first.as_dict() == {"reminded": 1, "escalated": 0}
    reminded = Notification.objects.filter(kind="message_reminder")
    assert set(reminded.values_list("user_id", flat=True)) == {c.focal_c.pk}
    again = services.chase_unacknowledged(NOW + dt.timedelta(hours=6))
    assert again.as_dict() == {"reminded": 0, "escalated": 0}
    late = services.chase_unacknowledged(NOW + dt.timedelta(hours=9))
    assert late.as_dict() == {"reminded": 0, "escalated": 1}
    escalated = Notification.objects.filter(kind="message_escalation")
    assert set(escalated.values_list("user_id", flat=True)) == {
        c.focal_c.pk,
        ex.head_c.pk,
        c.secretariat.pk,
    }
    assert services.chase_unacknowledged(NOW + dt.timedelta(days=3)).escalated == 0


def test_a_cancelled_alert_is_not_chased(ex: Ex) -> None:
    message = alert(ex)
    services.cancel_message(message, by=ex.cast.focal_a, reason="Found safe.", now=NOW)
    assert services.chase_unacknowledged(NOW + dt.timedelta(days=2)).reminded == 0
    message.refresh_from_db()
    assert message.cancelled_at == NOW
    # The cancellation reached both units and is part of the thread.
    cancel = Message.objects.get(thread=message)
    assert cancel.relation == "cancel"
    assert set(cancel.receipts.values_list("unit_id", flat=True)) == {
        ex.cast.unit_b.pk,
        ex.cast.unit_c.pk,
    }


def test_forwarding_within_amber_reaches_a_client_at_once(ex: Ex) -> None:
    c = ex.cast
    message = alert(ex, to=[c.unit_b])
    fwd = services.forward(message, from_unit=c.unit_b, to_units=[ex.sub_b], by=c.focal_b)
    assert fwd.state == Forward.State.DELIVERED
    assert Receipt.objects.filter(message=message, unit=ex.sub_b).exists()


def test_forwarding_wider_than_amber_waits_for_the_authors_unit(ex: Ex) -> None:
    c = ex.cast
    message = alert(ex, to=[c.unit_b])
    with pytest.raises(LintasError) as no_reason:
        services.forward(message, from_unit=c.unit_b, to_units=[ex.unit_d], by=c.focal_b)
    assert no_reason.value.field == "reason"
    fwd = services.forward(
        message, from_unit=c.unit_b, to_units=[ex.unit_d], by=c.focal_b, reason="D holds the file"
    )
    assert fwd.state == Forward.State.PENDING
    assert not policy.visible_messages(ex.focal_d, c.body).filter(pk=message.pk).exists()
    assert Notification.objects.filter(kind="forward_requested", user=c.focal_a).exists()
    with pytest.raises(PermissionDenied):
        services.decide_forward(fwd, by=c.focal_b, approve=True)
    services.decide_forward(fwd, by=c.focal_a, approve=True, note="Yes")
    assert User.objects.get(pk=ex.focal_d.pk) in [
        p for p in [ex.focal_d] if policy.visible_messages(p, c.body).filter(pk=message.pk).exists()
    ]
    assert Notification.objects.filter(kind="forward_decided", user=c.focal_b).exists()
    with pytest.raises(LintasError):
        services.decide_forward(fwd, by=c.focal_a, approve=False)


def test_a_red_message_is_never_passed_on(ex: Ex) -> None:
    c = ex.cast
    message = alert(ex, tlp=TLP.RED, to=[], named=[c.focal_b])
    with pytest.raises(LintasError):
        services.forward(
            message, from_unit=c.unit_b, to_units=[ex.unit_d], by=c.focal_b, reason="x"
        )
    assert not Forward.objects.exists()


def test_a_green_summary_of_an_amber_alert_keeps_its_source(ex: Ex) -> None:
    c = ex.cast
    source = alert(ex, to=[c.unit_b])
    with pytest.raises(LintasError) as not_looser:
        services.derive_summary(
            source,
            by=c.focal_a,
            tlp=TLP.AMBER,
            subject="Summary",
            text="<p>Short</p>",
            units=[c.unit_c],
        )
    assert not_looser.value.field == "tlp"
    summary = services.derive_summary(
        source,
        by=c.focal_a,
        tlp=TLP.GREEN,
        subject="Summary",
        text="<p>Short</p>",
        units=[c.unit_c],
    )
    assert summary.derived_from == source and summary.tlp == TLP.GREEN
    # C reads the summary, not the source.
    assert policy.visible_messages(c.focal_c, c.body).filter(pk=summary.pk).exists()
    assert not policy.visible_messages(c.focal_c, c.body).filter(pk=source.pk).exists()


def test_a_request_is_answered_to_the_authors_unit_under_no_looser_label(ex: Ex) -> None:
    c = ex.cast
    request = alert(
        ex,
        kind=Kind.REQUEST,
        subject="Who knows this number?",
        answer_by=NOW + dt.timedelta(days=2),
    )
    with pytest.raises(LintasError):
        services.answer(request, unit=c.unit_b, by=c.focal_b, text="<p>We do</p>", tlp=TLP.GREEN)
    reply = services.answer(
        request, unit=c.unit_b, by=c.focal_b, text="<p>We do</p>", now=NOW + dt.timedelta(hours=5)
    )
    assert reply.thread == request and reply.tlp == TLP.AMBER
    assert list(reply.receipts.values_list("unit_id", flat=True)) == [c.unit_a.pk]
    receipt = Receipt.objects.get(message=request, unit=c.unit_b)
    assert receipt.acted_at == NOW + dt.timedelta(hours=5) and receipt.acknowledged_at is not None
    # C, a recipient of the request, does not read B's answer (AMBER: its recipients only).
    assert not policy.visible_messages(c.focal_c, c.body).filter(pk=reply.pk).exists()
    assert policy.visible_messages(c.focal_a, c.body).filter(pk=reply.pk).exists()


def test_an_expiry_or_answer_date_now_is_refused(ex: Ex) -> None:
    with pytest.raises(LintasError) as refused:
        alert(ex, kind=Kind.REQUEST, answer_by=NOW)
    assert refused.value.field == "answer_by"
    now = timezone.now()
    with pytest.raises(LintasError):
        alert(ex, expires_at=now - dt.timedelta(seconds=1), now=now)


def test_indicators_in_an_alert_are_checked_against_networks_without_disclosure(ex: Ex) -> None:
    from tests.networks.conftest import RECRUITER_PHONE, person, record

    from lintas.exchange.models import IndicatorHit
    from lintas.networks import services as networks

    c = ex.cast
    record(c, c.unit_b, "NET-B1", person("recruiter", "", phones=[RECRUITER_PHONE]))
    record(c, c.unit_c, "NET-C1", person("recruiter", "", phones=[RECRUITER_PHONE]))
    networks.relink_now(body=c.body, email=False)
    Notification.objects.all().delete()
    # The phone written nationally in the text, as the Vietnamese unit A writes it.
    message = alert(
        ex,
        to=[ex.unit_d],
        tlp=TLP.AMBER,
        text="<p>He calls from 091 234 5678 and posts on Facebook.</p>",
    )
    hits = {h.unit_id: h for h in IndicatorHit.objects.filter(message=message)}
    assert set(hits) == {c.unit_b.pk, c.unit_c.pk}
    assert hits[c.unit_b.pk].cases == 1 and hits[c.unit_b.pk].kinds == ["phone"]
    told = Notification.objects.filter(kind="message_match")
    assert set(told.values_list("user_id", flat=True)) == {
        c.focal_b.pk,
        ex.alternate_b.pk,
        c.focal_c.pk,
    }
    # The holders learn whom to contact, never the message's subject or text.
    assert all("Anh Focal" in n.text and "Recruiter" not in n.text for n in told)
    # An AMBER+STRICT message is checked for its author only.
    Notification.objects.all().delete()
    quiet = alert(ex, to=[ex.unit_d], tlp=TLP.AMBER_STRICT, text="<p>Call +84 91 234 5678.</p>")
    assert IndicatorHit.objects.filter(message=quiet).count() == 2
    assert not Notification.objects.filter(kind="message_match").exists()


def test_a_message_without_indicators_or_matching_none_records_no_hit(ex: Ex) -> None:
    from lintas.exchange.models import IndicatorHit

    alert(ex, text="<p>Call our hotline 1800 1567 if you see him.</p>")
    assert not IndicatorHit.objects.exists()


def test_search_finds_every_word_as_a_prefix_in_what_the_person_may_read(ex: Ex) -> None:
    from lintas.exchange import selectors

    c = ex.cast
    request = alert(
        ex,
        kind=Kind.REQUEST,
        subject="Who knows this recruiter?",
        text="<p>He works near the <b>Mộc Bài</b> border gate.</p>",
        answer_by=NOW + dt.timedelta(days=2),
    )
    services.answer(request, unit=c.unit_b, by=c.focal_b, text="Seen in Svay Rieng last week.")

    def found(person: User, q: str) -> set[int]:
        visible = policy.visible_messages(person, c.body)
        rows = selectors.inbox(
            visible, person=person, units=policy.member_units(person, c.body), q=q
        )
        return set(rows.values_list("pk", flat=True))

    assert found(c.focal_c, "recruit border") == {request.pk}  # prefixes, every word
    assert found(c.focal_c, "Mộc Bài") == {request.pk}
    assert found(c.focal_c, "recruiter Jakarta") == set()
    assert found(c.focal_c, "<script>") == set()
    # B's answer goes to A: A finds the thread by its words, C (no reader of it) does not.
    assert found(c.focal_a, "Svay Rieng") == {request.pk}
    assert found(c.focal_c, "Svay Rieng") == set()
    assert found(ex.focal_d, "recruiter") == set()  # not a reader at all


def test_the_audit_log_hides_a_red_message_from_those_not_named(ex: Ex) -> None:
    from lintas.audit.models import AuditEntry
    from lintas.audit.redaction import redact

    c = ex.cast
    message = alert(ex, tlp=TLP.RED, to=[], named=[c.focal_b], subject="Informant in the compound")
    services.record_reading(message, by=c.focal_b)
    entries = list(AuditEntry.objects.filter(object_type="exchange.message"))
    assert len(entries) == 2
    assert all("Informant" not in e.object_label for e in entries)
    shown = redact(entries, reader=c.secretariat, body=c.body)
    assert {e.object_label for e in shown} == {"a restricted record"}
    assert all(e.data == {} for e in shown)
    named = redact(
        list(AuditEntry.objects.filter(object_type="exchange.message")),
        reader=c.focal_b,
        body=c.body,
    )
    assert {e.object_label for e in named} == {f"message #{message.pk}"}
