"""Search in the inbox: every word, in the messages and in the replies the reader may read."""

from __future__ import annotations

import datetime as dt

from tests.exchange.conftest import Ex

from lintas.core.tlp import TLP
from lintas.exchange import policy, selectors, services
from lintas.exchange.models import Kind, Message
from lintas.members.models import User

NOW = dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC)


def found(ex: Ex, person: User, q: str) -> list[Message]:
    body = ex.cast.body
    fresh = User.objects.get(pk=person.pk)
    return list(
        selectors.inbox(
            policy.visible_messages(fresh, body),
            person=fresh,
            units=policy.member_units(fresh, body),
            q=q,
        )
    )


def test_a_thread_is_found_by_a_reply_only_by_those_who_may_read_the_reply(ex: Ex) -> None:
    c = ex.cast
    request = services.post_message(
        body=c.body,
        by=c.focal_a,
        author_unit=c.unit_a,
        kind=Kind.REQUEST,
        tlp=TLP.AMBER,
        subject="Request: travel records",
        text="<p>Entries and exits of two recruiters.</p>",
        units=[c.unit_b, c.unit_c],
        answer_by=NOW + dt.timedelta(days=10),
        now=NOW,
    )
    # B's answer goes to A's unit only: C reads the request, not the answer.
    services.answer(
        request, unit=c.unit_b, by=c.focal_b, text="<p>Both crossed at Moc Bai.</p>", now=NOW
    )

    assert found(ex, c.focal_a, "Moc Bai") == [request]
    assert found(ex, c.focal_b, "moc bai") == [request]
    assert found(ex, c.focal_c, "Moc Bai") == []
    assert found(ex, c.focal_c, "recruiters travel") == [request]
    assert found(ex, c.focal_c, "recruiters Moc") == []
