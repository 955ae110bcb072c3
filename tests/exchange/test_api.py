"""Outcomes of the exchange operations of the API: posting with files, the inbox, reading a
thread, acknowledging, acting, answering, updating, cancelling, passing on, summarising, files
and the measures; refusals that name the field and save nothing; a TLP:RED message invisible
through every operation. Who may call each operation is in tests/api/test_api_permission_matrix."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.api.conftest import ApiClient, new_key
from tests.conftest import Cast
from tests.exchange.conftest import Ex

from lintas.audit.models import AuditEntry
from lintas.core.tlp import TLP
from lintas.exchange import services
from lintas.exchange.api.operations import messages as message_operations
from lintas.exchange.models import (
    Attachment,
    Forward,
    Kind,
    Message,
    Priority,
    Reading,
    Receipt,
)
from lintas.members.models import User

ApiAs = Callable[[User], ApiClient]
PDF = b"%PDF-1.4 a list of names"
LATER = "2031-01-01T00:00:00Z"


@pytest.fixture
def api_as(db: None) -> ApiAs:
    return lambda user: ApiClient(new_key(user))


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


def post(ex: Ex, **kw: Any) -> Message:
    c = ex.cast
    fields: dict[str, Any] = {
        "body": c.body,
        "by": c.focal_a,
        "author_unit": c.unit_a,
        "kind": Kind.ALERT,
        "subject": "Recruiter active on the border",
        "text": "<p>A recruiter offers factory jobs.</p>",
        "tlp": TLP.AMBER,
        "priority": Priority.URGENT,
        "units": [c.unit_b, c.unit_c],
    }
    fields.update(kw)
    return services.post_message(**fields)


def request_for(ex: Ex, **kw: Any) -> Message:
    answer_by = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    return post(ex, kind=Kind.REQUEST, answer_by=answer_by, units=[ex.cast.unit_b], **kw)


def path(message: Message | int, action: str = "") -> str:
    pk = message if isinstance(message, int) else message.pk
    return f"bodies/twg/messages/{pk}" + (f"/{action}" if action else "")


def new_message(ex: Ex, **kw: Any) -> dict[str, Any]:
    c = ex.cast
    data: dict[str, Any] = {
        "author_unit": c.unit_a.pk,
        "kind": "alert",
        "alert_type": "job_offer",
        "priority": "urgent",
        "tlp": "amber",
        "subject": "Fake jobs at a fish factory",
        "text": "<p>Offers posted on a job board.</p><script>alert(1)</script>",
        "details": {"employer": "Ocean Catch Ltd", "destination": "Port X"},
        "units": [c.unit_b.pk, c.unit_c.pk],
    }
    data.update(kw)
    return data


def refusal(response: Any, status: int = 400) -> str | None:
    assert response.status_code == status, response.content
    return response.json().get("field")


# --- posting ---------------------------------------------------------------------------------


def test_a_focal_point_posts_an_alert_with_a_file_through_the_api(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast
    files = [
        {"name": "names.pdf", "content": b64(PDF), "tlp": "amber+strict"},
        {"name": "notes.txt", "content": b64("Hải Phòng".encode())},
    ]

    response = api_as(c.focal_a).post("bodies/twg/messages", new_message(ex, attachments=files))

    assert response.status_code == 201, response.content
    sent = response.json()
    message = Message.objects.get()
    assert sent["id"] == message.pk and sent["thread_id"] is None
    assert "<script" not in sent["text"] and "job board" in sent["text"]
    assert sent["details"] == {"employer": "Ocean Catch Ltd", "destination": "Port X"}
    assert sent["author_unit_id"] == c.unit_a.pk and sent["author_name"] == "Anh Focal"
    assert {(f["name"], f["tlp"]) for f in sent["attachments"]} == {
        ("names.pdf", "amber+strict"),
        ("notes.txt", "amber"),
    }
    assert Attachment.objects.get(name="notes.txt").content == "Hải Phòng".encode()
    assert set(message.receipts.values_list("unit_id", flat=True)) == {c.unit_b.pk, c.unit_c.pk}
    assert AuditEntry.objects.filter(action="exchange.message.sent", actor=c.focal_a).count() == 1


def test_a_time_without_an_offset_is_read_in_the_body_zone(ex: Ex, api_as: ApiAs) -> None:
    # The cast's body is in Asia/Ho_Chi_Minh (UTC+7).
    response = api_as(ex.cast.focal_a).post(
        "bodies/twg/messages",
        new_message(ex, kind="request", alert_type="", details={}, answer_by="2031-05-01T10:00:00"),
    )

    assert response.status_code == 201, response.content
    assert Message.objects.get().answer_by == dt.datetime(2031, 5, 1, 3, 0, tzinfo=dt.UTC)


def _bad_posts(c: Cast, ex: Ex) -> list[tuple[dict[str, Any], str]]:
    ok_file = {"name": "ok.txt", "content": b64(b"fine")}
    return [
        ({"tlp": "purple"}, "tlp"),
        ({"kind": "memo"}, "kind"),
        ({"priority": "soon"}, "priority"),
        ({"alert_type": "rumour"}, "alert_type"),
        ({"details": {"salary": "high"}}, "details"),
        ({"units": [c.unit_b.pk, 999_999]}, "units"),
        ({"units": [c.other_body.units.get().pk]}, "units"),
        ({"groups": [999_999]}, "groups"),
        ({"named": [999_999]}, "named"),
        ({"named": [c.stranger.pk]}, "named"),
        ({"author_unit": 999_999}, "author_unit"),
        ({"subject": "Jobs\x00"}, "subject"),
        ({"text": "<p>\x00</p>"}, "text"),
        ({"details": {"employer": "Ocean\x00"}}, "details.employer"),
        ({"subject": " "}, "subject"),
        ({"units": []}, "units"),
        ({"tlp": "red", "named": [c.focal_b.pk]}, "units"),
        (
            {"attachments": [ok_file, {"name": "x\x00.txt", "content": b64(b"x")}]},
            "attachments.1.name",
        ),
        ({"attachments": [ok_file, {"name": "a.txt", "content": "not base64!"}]}, "attachments"),
        ({"attachments": [ok_file, {"name": "run.exe", "content": b64(b"MZ")}]}, "attachments"),
        ({"attachments": [{"name": "a.pdf", "content": b64(PDF), "tlp": "green"}]}, "attachments"),
        ({"attachments": [{"name": "a.pdf", "content": b64(PDF), "tlp": "grey"}]}, "attachments"),
        ({"kind": "bulletin", "alert_type": "", "details": {}, "answer_by": LATER}, "answer_by"),
        ({"expires_at": "2001-01-01T00:00:00Z"}, "expires_at"),
    ]  # fmt: skip


def test_a_refused_message_names_the_field_and_saves_nothing(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast
    client = api_as(c.focal_a)
    audited = AuditEntry.objects.count()

    for change, field in _bad_posts(c, ex):
        response = client.post("bodies/twg/messages", new_message(ex, **change))
        assert refusal(response) == field, (change, response.content)
        assert response.json()["detail"]

    assert not Message.objects.exists() and not Attachment.objects.exists()
    assert not Receipt.objects.exists()
    assert AuditEntry.objects.count() == audited


def test_json_of_the_wrong_shape_is_refused_by_the_schema(ex: Ex, api_as: ApiAs) -> None:
    client = api_as(ex.cast.focal_a)

    wrong_type = client.post("bodies/twg/messages", new_message(ex, author_unit="Agency A"))
    unknown_field = client.post("bodies/twg/messages", new_message(ex, colour="red"))
    not_json = client.client.post(
        "/api/v1/bodies/twg/messages", "{", content_type="application/json", headers=client.headers
    )

    assert wrong_type.status_code == 422
    assert wrong_type.json()["detail"][0]["loc"][-1] == "author_unit"
    assert unknown_field.status_code == 422
    assert not_json.status_code == 400
    assert not Message.objects.exists()


def test_a_file_over_10_mb_is_refused_before_it_is_decoded(ex: Ex, api_as: ApiAs) -> None:
    big = b64(b"a" * (services.MAX_ATTACHMENT_BYTES + 1))
    response = api_as(ex.cast.focal_a).post(
        "bodies/twg/messages", new_message(ex, attachments=[{"name": "big.txt", "content": big}])
    )

    assert refusal(response) == "attachments"
    assert "10 MB" in response.json()["detail"]
    assert not Message.objects.exists()


def test_a_request_larger_than_the_limit_is_refused_whole(
    ex: Ex, api_as: ApiAs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(message_operations, "MAX_MESSAGE_BYTES", 4096)
    small = api_as(ex.cast.focal_a).post("bodies/twg/messages", new_message(ex))
    files = [{"name": "a.txt", "content": b64(b"a" * 4096)}]

    large = api_as(ex.cast.focal_a).post("bodies/twg/messages", new_message(ex, attachments=files))

    assert small.status_code == 201
    assert large.status_code == 413
    assert "4.0\xa0KB" in large.json()["detail"]
    assert Message.objects.count() == 1


def test_only_the_focal_points_of_the_author_unit_post_for_it(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast

    assert api_as(c.focal_b).post("bodies/twg/messages", new_message(ex)).status_code == 403
    assert api_as(c.leader).post("bodies/twg/messages", new_message(ex)).status_code == 403
    assert api_as(c.stranger).post("bodies/twg/messages", new_message(ex)).status_code == 404
    assert not Message.objects.exists()


# --- the inbox -------------------------------------------------------------------------------


def test_the_inbox_lists_filters_and_pages_the_threads_a_unit_received(
    ex: Ex, api_as: ApiAs
) -> None:
    c = ex.cast
    alert = post(ex)
    request = request_for(ex, subject="Who knows this number?")
    bulletin = post(ex, kind=Kind.BULLETIN, tlp=TLP.GREEN, subject="Weekly summary")
    services.update_message(alert, by=c.focal_a, text="<p>He moved to the next town.</p>")
    client = api_as(c.focal_b)
    client.get(path(request))  # B reads the request

    def ids(**params: Any) -> list[int]:
        response = client.get("bodies/twg/messages", params)
        assert response.status_code == 200, response.content
        assert response["Cache-Control"] == "private, no-store"
        return [m["id"] for m in response.json()["items"]]

    assert ids() == [bulletin.pk, request.pk, alert.pk]  # threads only, newest first
    assert ids(box="unread") == [bulletin.pk, alert.pk]
    assert ids(box="to_acknowledge") == [request.pk, alert.pk]
    assert ids(kind="request") == [request.pk]
    assert ids(tlp="green") == [bulletin.pk]
    assert ids(q="next town") == [alert.pk]  # found through its update
    assert ids(unit=c.unit_b.pk, limit=1, offset=1) == [request.pk]
    page = client.get("bodies/twg/messages", {"limit": 2}).json()
    assert page["count"] == 3 and page["limit"] == 2 and page["offset"] == 0
    row = page["items"][1]
    assert row["is_read"] is True and row["to_acknowledge"] is True and row["overdue"] is False
    assert row["author_unit_name"] == "Agency A" and row["kind"] == "request"
    # D received nothing: it sees the GREEN bulletin, as every member of the body does.
    assert [m["id"] for m in api_as(ex.focal_d).get("bodies/twg/messages").json()["items"]] == [
        bulletin.pk
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"box": "archive"}, "box"),
        ({"kind": "memo"}, "kind"),
        ({"tlp": "purple"}, "tlp"),
        ({"unit": "__c__"}, "unit"),
        ({"unit": 999_999}, "unit"),
        ({"q": "border\x00"}, "q"),
    ],
)
def test_the_inbox_refuses_an_unknown_filter_naming_it(
    ex: Ex, api_as: ApiAs, params: dict[str, Any], field: str
) -> None:
    c = ex.cast
    params = {k: c.unit_c.pk if v == "__c__" else v for k, v in params.items()}

    response = api_as(c.focal_b).get("bodies/twg/messages", params)

    assert refusal(response) == field


def test_the_inbox_costs_the_same_queries_for_2_and_for_12_messages(ex: Ex, api_as: ApiAs) -> None:
    client = api_as(ex.cast.focal_b)

    def count() -> int:
        client.get("bodies/twg/messages")  # the token's first use of the day is recorded once
        with CaptureQueriesContext(connection) as captured:
            response = client.get("bodies/twg/messages")
        assert response.status_code == 200
        return len(captured)

    for _ in range(2):
        post(ex, attachments=[services.Upload("notes.txt", b"notes")])
    small = count()
    for _ in range(10):
        post(ex, attachments=[services.Upload("notes.txt", b"notes")])

    assert count() == small
    assert client.get("bodies/twg/messages").json()["count"] == 12


# --- reading a thread ------------------------------------------------------------------------


def test_reading_a_thread_records_the_reading_and_shows_each_side_its_part(
    ex: Ex, api_as: ApiAs
) -> None:
    c = ex.cast
    message = post(ex)
    services.acknowledge(message, unit=c.unit_c, by=c.focal_c)
    hidden = services.update_message(message, by=c.focal_a, text="<p>Names</p>", tlp=TLP.RED)

    shown = api_as(c.focal_b).get(path(message))

    assert shown.status_code == 200, shown.content
    assert shown["Cache-Control"] == "private, no-store"
    thread = shown.json()
    assert thread["subject"] == "Recruiter active on the border" and thread["tlp"] == "amber"
    assert thread["replies"] == []  # the RED update is not B's to read
    assert thread["receipts"] is None and thread["forwards"] is None
    [own] = thread["own_receipts"]
    assert own["unit_id"] == c.unit_b.pk and own["read_by"] == "Budi Focal"
    assert own["acknowledged_at"] is None and own["acknowledge_due"] is not None
    assert thread["actions"] == {
        "acting_unit_ids": [c.unit_b.pk],
        "acknowledge": True,
        "act": True,
        "answer": False,
        "forward": True,
        "update": False,
        "cancel": False,
        "summarise": False,
        "decide_forwards": False,
        "see_receipts": False,
    }
    assert Reading.objects.filter(message=message, user=c.focal_b).exists()
    assert Receipt.objects.get(message=message, unit=c.unit_b).read_by == c.focal_b
    assert AuditEntry.objects.filter(action="exchange.message.read", actor=c.focal_b).count() == 1

    author = api_as(c.focal_a).get(path(message)).json()
    assert [r["id"] for r in author["replies"]] == [hidden.pk]
    assert {r["unit_name"]: r["acknowledged_by"] for r in author["receipts"]} == {
        "Agency B": None,
        "Agency C": "Chi Focal",
    }
    assert author["forwards"] == [] and author["own_receipts"] == []
    actions = author["actions"]
    assert actions["update"] and actions["cancel"] and actions["summarise"]
    assert actions["see_receipts"] and not actions["acknowledge"] and not actions["forward"]


def test_the_id_of_a_reply_answers_its_thread(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast
    message = post(ex)
    reply = services.update_message(message, by=c.focal_a, text="<p>More.</p>")

    shown = api_as(c.focal_b).get(path(reply)).json()

    assert shown["id"] == message.pk and [r["id"] for r in shown["replies"]] == [reply.pk]
    assert shown["replies"][0]["relation"] == "update"
    assert Reading.objects.filter(message=message, user=c.focal_b).exists()


# --- acknowledging and acting ----------------------------------------------------------------


def test_a_recipient_acknowledges_and_records_its_action(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast
    message = post(ex)
    b = api_as(c.focal_b)

    first = b.post(path(message, "acknowledge"), {"unit": c.unit_b.pk})
    again = b.post(path(message, "acknowledge"), {"unit": c.unit_b.pk})
    acted = b.post(path(message, "act"), {"unit": c.unit_b.pk, "note": "Checked our records."})

    assert first.status_code == 200, first.content
    assert first.json()["acknowledged_by"] == "Budi Focal"
    assert again.json()["acknowledged_at"] == first.json()["acknowledged_at"]
    assert acted.status_code == 200
    assert acted.json()["action_note"] == "Checked our records."
    receipt = Receipt.objects.get(message=message, unit=c.unit_b)
    assert receipt.acknowledged_by == c.focal_b and receipt.acted_by == c.focal_b
    assert AuditEntry.objects.filter(action="exchange.message.acknowledged").count() == 1


def test_acknowledging_for_a_unit_one_does_not_act_for_is_refused(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast
    message = post(ex)
    b = api_as(c.focal_b)

    assert b.post(path(message, "acknowledge"), {"unit": c.unit_c.pk}).status_code == 403
    assert refusal(b.post(path(message, "acknowledge"), {"unit": 999_999})) == "unit"
    assert b.post(path(message, "acknowledge"), {"unit": "B"}).status_code == 422
    author = api_as(c.focal_a).post(path(message, "acknowledge"), {"unit": c.unit_a.pk})
    assert author.status_code == 403
    assert refusal(b.post(path(message, "act"), {"unit": c.unit_b.pk, "note": "\x00"})) == "note"
    assert refusal(b.post(path(message, "act"), {"unit": c.unit_b.pk, "note": " "})) == "note"
    assert not Receipt.objects.filter(acknowledged_at__isnull=False).exists()


def test_a_recipient_answers_a_request_under_a_stricter_label(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast
    request = request_for(ex)
    b = api_as(c.focal_b)

    looser = b.post(path(request, "answer"), {"unit": c.unit_b.pk, "text": "x", "tlp": "green"})
    unknown = b.post(path(request, "answer"), {"unit": c.unit_b.pk, "text": "x", "tlp": "grey"})
    answered = b.post(
        path(request, "answer"),
        {"unit": c.unit_b.pk, "text": "<p>He is known to us.</p>", "tlp": "amber+strict"},
    )

    assert refusal(looser) == "tlp" and refusal(unknown) == "tlp"
    assert answered.status_code == 201, answered.content
    reply = answered.json()
    assert reply["relation"] == "answer" and reply["thread_id"] == request.pk
    assert reply["tlp"] == "amber+strict" and reply["author_unit_id"] == c.unit_b.pk
    assert Receipt.objects.get(message=request, unit=c.unit_b).acted_by == c.focal_b
    author = api_as(c.focal_a).get(path(request)).json()
    assert [r["id"] for r in author["replies"]] == [reply["id"]]
    # An alert is not answered.
    alert = post(ex)
    refused = b.post(path(alert, "answer"), {"unit": c.unit_b.pk, "text": "x"})
    assert refusal(refused) == "text"


def test_acting_on_a_request_answers_it_as_the_page_does(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast
    request = request_for(ex)

    acted = api_as(c.focal_b).post(
        path(request, "act"), {"unit": c.unit_b.pk, "note": "<p>No record of him.</p>"}
    )

    assert acted.status_code == 200, acted.content
    assert acted.json()["acted_by"] == "Budi Focal"
    answer = Message.objects.get(thread=request)
    assert answer.relation == "answer" and "No record" in answer.text


# --- updating and cancelling -----------------------------------------------------------------


def test_the_author_updates_then_cancels_and_a_cancelled_thread_takes_no_change(
    ex: Ex, api_as: ApiAs
) -> None:
    c = ex.cast
    message = post(ex)
    a = api_as(c.focal_a)

    updated = a.post(path(message, "update"), {"text": "<p>He moved.</p>"})
    refused = a.post(path(message, "cancel"), {"reason": " "})
    cancelled = a.post(path(message, "cancel"), {"reason": "Found safe."})
    again = a.post(path(message, "cancel"), {"reason": "Twice."})
    late = a.post(path(message, "update"), {"text": "<p>More.</p>"})

    assert updated.status_code == 201, updated.content
    assert updated.json()["relation"] == "update" and updated.json()["tlp"] == "amber"
    assert refusal(refused) == "reason"
    assert cancelled.status_code == 201 and cancelled.json()["relation"] == "cancel"
    assert again.status_code == 409 and late.status_code == 409
    message.refresh_from_db()
    assert message.cancelled_at is not None
    assert Message.objects.filter(thread=message).count() == 2
    shown = api_as(c.focal_b).get(path(message)).json()
    assert shown["cancelled_at"] is not None
    assert not shown["actions"]["acknowledge"] and not shown["actions"]["forward"]


def test_an_update_names_the_field_it_refuses(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast
    message = post(ex)
    a = api_as(c.focal_a)

    assert refusal(a.post(path(message, "update"), {"text": "x", "tlp": "green"})) == "tlp"
    assert refusal(a.post(path(message, "update"), {"text": "x\x00"})) == "text"
    assert refusal(a.post(path(message, "update"), {"text": "<script></script>"})) == "text"
    assert api_as(c.focal_b).post(path(message, "update"), {"text": "x"}).status_code == 403
    assert not Message.objects.filter(thread=message).exists()


def test_an_update_of_a_message_with_a_subject_of_200_characters_is_sent(
    ex: Ex, api_as: ApiAs
) -> None:
    message = post(ex, subject="S" * 200)

    response = api_as(ex.cast.focal_a).post(path(message, "update"), {"text": "<p>More.</p>"})

    assert response.status_code == 201, response.content
    assert len(response.json()["subject"]) <= 200


# --- passing on ------------------------------------------------------------------------------


def test_passing_on_within_amber_is_at_once_and_wider_waits_for_the_author(
    ex: Ex, api_as: ApiAs
) -> None:
    c = ex.cast
    message = post(ex, units=[c.unit_b])
    b, a = api_as(c.focal_b), api_as(c.focal_a)

    to_client = b.post(path(message, "forward"), {"from_unit": c.unit_b.pk, "units": [ex.sub_b.pk]})
    to_d = {"from_unit": c.unit_b.pk, "units": [ex.unit_d.pk]}
    no_reason = b.post(path(message, "forward"), to_d)
    wider = b.post(
        path(message, "forward"),
        {"from_unit": c.unit_b.pk, "units": [ex.unit_d.pk], "reason": "D holds the file"},
    )

    assert to_client.status_code == 201, to_client.content
    assert to_client.json()["state"] == "delivered"
    assert to_client.json()["to_units"] == [{"id": ex.sub_b.pk, "name": "B Provincial Office"}]
    assert refusal(no_reason) == "reason"
    assert wider.status_code == 201 and wider.json()["state"] == "pending"
    d = api_as(ex.focal_d)
    assert d.get(path(message)).status_code == 404
    forward_id = wider.json()["id"]
    decide = f"bodies/twg/forwards/{forward_id}/decide"
    assert b.post(decide, {"approve": True}).status_code == 403
    shown = a.get(path(message)).json()
    assert [f["state"] for f in shown["forwards"]] == ["pending", "delivered"]
    assert shown["actions"]["decide_forwards"]

    approved = a.post(decide, {"approve": True, "note": "Fine."})

    assert approved.status_code == 200, approved.content
    assert approved.json()["state"] == "approved" and approved.json()["decided_by"] == "Anh Focal"
    assert d.get(path(message)).status_code == 200
    assert a.post(decide, {"approve": False}).status_code == 409
    assert Forward.objects.get(pk=forward_id).state == Forward.State.APPROVED


def test_passing_on_names_the_field_it_refuses(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast
    message = post(ex, units=[c.unit_b])
    b = api_as(c.focal_b)

    def forward(**data: Any) -> Any:
        return b.post(path(message, "forward"), {"from_unit": c.unit_b.pk, "reason": "", **data})

    assert refusal(forward(units=[999_999])) == "units"
    assert refusal(forward(units=[])) == "units"
    assert refusal(forward(units=[ex.unit_d.pk], reason="D\x00")) == "reason"
    assert refusal(forward(from_unit=999_999, units=[ex.unit_d.pk])) == "from_unit"
    assert forward(from_unit=c.unit_c.pk, units=[ex.unit_d.pk]).status_code == 403
    assert not Forward.objects.exists()


def test_a_forward_of_a_message_one_may_not_read_is_not_found(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast
    message = post(ex, units=[c.unit_b])
    fwd = services.forward(
        message, from_unit=c.unit_b, to_units=[ex.unit_d], by=c.focal_b, reason="x"
    )

    for person in (c.focal_c, c.secretariat, ex.focal_d):
        response = api_as(person).post(f"bodies/twg/forwards/{fwd.pk}/decide", {"approve": True})
        assert response.status_code == 404, person
    none = api_as(c.focal_a).post("bodies/twg/forwards/999999/decide", {"approve": True})
    assert none.status_code == 404
    fwd.refresh_from_db()
    assert fwd.state == Forward.State.PENDING


# --- summaries -------------------------------------------------------------------------------


def test_the_author_summarises_an_amber_alert_for_a_wider_audience(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast
    message = post(ex, units=[c.unit_b])
    a = api_as(c.focal_a)
    summary = {
        "tlp": "green",
        "subject": "Recruiters at the border",
        "text": "Be alert.",
        "units": [ex.unit_d.pk],
    }

    same = a.post(path(message, "summary"), {**summary, "tlp": "amber"})
    unknown = a.post(path(message, "summary"), {**summary, "tlp": "grey"})
    nobody = a.post(path(message, "summary"), {**summary, "units": [999_999]})
    made = a.post(path(message, "summary"), summary)

    assert refusal(same) == "tlp" and refusal(unknown) == "tlp" and refusal(nobody) == "units"
    assert made.status_code == 201, made.content
    derived = made.json()
    assert derived["tlp"] == "green" and derived["thread_id"] is None
    assert a.get(path(message)).json()["derivative_ids"] == [derived["id"]]
    assert a.get(path(derived["id"])).json()["derived_from_id"] == message.pk
    # D reads the summary, not its source, and is not told which message it summarises.
    d = api_as(ex.focal_d)
    assert d.get(path(derived["id"])).json()["derived_from_id"] is None
    assert d.get(path(message)).status_code == 404
    assert api_as(c.focal_b).post(path(message, "summary"), summary).status_code == 403


# --- files -----------------------------------------------------------------------------------


def test_a_file_is_downloaded_uncached_and_audited_and_withheld_beyond_its_label(
    ex: Ex, api_as: ApiAs
) -> None:
    c = ex.cast
    message = post(
        ex,
        units=[c.unit_b],
        attachments=[
            services.Upload("Danh sách.pdf", PDF, tlp=TLP.AMBER_STRICT),
            services.Upload("notes.txt", b"plain notes"),
        ],
    )
    strict, plain = message.attachments.order_by("name")
    other = post(ex, attachments=[services.Upload("other.txt", b"other")])
    other_file = other.attachments.get()

    got = api_as(c.focal_b).get(path(message, f"attachments/{strict.pk}"))

    assert got.status_code == 200
    assert got.content == PDF and got["Content-Type"] == "application/pdf"
    assert got["Cache-Control"] == "private, no-store"
    assert got["X-Content-Type-Options"] == "nosniff"
    assert got["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''Danh%20s%C3%A1ch.pdf" in got["Content-Disposition"]
    assert AuditEntry.objects.filter(action="exchange.attachment.downloaded").count() == 1
    # B's sub-unit reads the AMBER message as B's client, not its AMBER+STRICT file.
    sub_b = api_as(ex.focal_sub_b)
    assert sub_b.get(path(message)).status_code == 200
    assert sub_b.get(path(message, f"attachments/{strict.pk}")).status_code == 404
    assert sub_b.get(path(message, f"attachments/{plain.pk}")).status_code == 200
    # A file is found through its own thread only.
    assert api_as(c.focal_b).get(path(message, f"attachments/{other_file.pk}")).status_code == 404


# --- the measures ----------------------------------------------------------------------------


def test_the_measures_count_acknowledgements_by_unit_and_month(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast
    message = post(ex)
    services.acknowledge(message, unit=c.unit_b, by=c.focal_b)
    post(ex, tlp=TLP.RED, units=[], named=[c.focal_b])  # never counted
    month = dt.datetime.now(dt.UTC).astimezone(c.body.tzinfo).strftime("%Y-%m")

    response = api_as(c.secretariat).get("bodies/twg/exchange/measures")

    assert response.status_code == 200, response.content
    measures = response.json()
    assert measures["months"][-1] == month and measures["kind"] == ""
    rows = {row["unit_name"]: row for row in measures["units"]}
    assert "Secretariat" not in rows
    b_now = rows["Agency B"]["months"][-1]
    assert b_now["month"] == month
    assert (b_now["expected"], b_now["acknowledged"], b_now["on_time"]) == (1, 1, 1)
    assert b_now["median_hours"] is not None and b_now["median_hours"] < 1
    assert rows["Agency C"]["total"]["expected"] == 0  # not yet due, not acknowledged
    assert measures["total"]["acknowledged"] == 1
    assert measures["month_totals"][-1]["acknowledged"] == 1
    requests = api_as(c.leader).get("bodies/twg/exchange/measures", {"kind": "request"}).json()
    assert requests["total"]["acknowledged"] == 0
    last_year = api_as(c.analyst).get("bodies/twg/exchange/measures", {"year": 2020}).json()
    assert len(last_year["months"]) == 12 and last_year["total"]["expected"] == 0


def test_the_measures_refuse_what_they_do_not_measure(ex: Ex, api_as: ApiAs) -> None:
    c = ex.cast
    client = api_as(c.secretariat)

    assert refusal(client.get("bodies/twg/exchange/measures", {"kind": "bulletin"})) == "kind"
    assert client.get("bodies/twg/exchange/measures", {"year": 1999}).status_code == 422
    assert api_as(c.focal_b).get("bodies/twg/exchange/measures").status_code == 403


# --- strangers -------------------------------------------------------------------------------


def _every_operation(message_id: int, file_id: int, c: Cast) -> list[tuple[str, str, Any]]:
    unit = {"unit": c.unit_b.pk}
    return [
        ("get", path(message_id), None),
        ("get", path(message_id, f"attachments/{file_id}"), None),
        ("post", path(message_id, "acknowledge"), unit),
        ("post", path(message_id, "act"), {**unit, "note": "Done"}),
        ("post", path(message_id, "answer"), {**unit, "text": "Known"}),
        ("post", path(message_id, "update"), {"text": "More"}),
        ("post", path(message_id, "cancel"), {"reason": "Over"}),
        ("post", path(message_id, "forward"), {"from_unit": c.unit_b.pk, "units": [c.unit_c.pk]}),
        ("post", path(message_id, "summary"), {"tlp": "clear", "subject": "S", "text": "T"}),
        # malformed bodies answer 404 too: nothing is read before the message is known
        ("post", path(message_id, "acknowledge"), {"unit": "B", "extra": 1}),
        ("post", path(message_id, "update"), {"text": "\x00"}),
    ]


@pytest.mark.parametrize("tlp", [TLP.RED, TLP.AMBER_STRICT])
def test_a_message_one_may_not_read_is_indistinguishable_from_none_through_every_operation(
    ex: Ex, api_as: ApiAs, tlp: str
) -> None:
    c = ex.cast
    red = tlp == TLP.RED
    # unit B's alternate is a member of B, but under RED only named people read
    outsiders = [c.focal_c, ex.focal_d, c.secretariat, c.leader, c.analyst, c.admin, c.stranger]
    if red:
        outsiders.append(ex.alternate_b)
    else:
        outsiders.append(ex.focal_sub_b)  # a client of B reads AMBER, not AMBER+STRICT
    message = post(
        ex,
        tlp=tlp,
        subject="Secret recruiter named",
        units=[] if red else [c.unit_b],
        named=[c.focal_b] if red else [],
        attachments=[services.Upload("names.txt", b"names")],
    )
    file_id = message.attachments.get().pk
    missing_message = Message.objects.order_by("-pk").first().pk + 1000  # type: ignore[union-attr]
    clients = {person: api_as(person) for person in outsiders}
    audited = AuditEntry.objects.count()

    for person, client in clients.items():
        for (method, url, data), (_m, missing_url, _d) in zip(
            _every_operation(message.pk, file_id, c),
            _every_operation(missing_message, file_id + 1000, c),
            strict=True,
        ):
            send = getattr(client, method)
            response = send(url, data) if data is not None else send(url)
            none = send(missing_url, data) if data is not None else send(missing_url)
            # A body holding a NUL is refused before anything is looked up, alike for all.
            nul = data is not None and "\\u0000" in json.dumps(data)
            assert response.status_code == (400 if nul else 404), (person, url, response.content)
            assert (response.status_code, response.content) == (none.status_code, none.content)
        listed = client.get("bodies/twg/messages", {"q": "Secret"})
        assert listed.status_code == 404 or listed.json()["count"] == 0, person

    assert AuditEntry.objects.count() == audited
    assert not Message.objects.filter(thread=message).exists()
    assert not Reading.objects.exists()
    # the named person reads it
    assert api_as(c.focal_b).get(path(message)).status_code == 200
