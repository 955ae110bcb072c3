"""Demo exchange for the two demo bodies: about five months up to today of alerts (people
sought, recruiters, fake job offers, with their fields), bulletins and requests between their
agencies and departments, under mixed labels (mostly AMBER and GREEN, some AMBER+STRICT, a RED
one in each body with named readers, a CLEAR one in each).

Everything goes through the services (``season.py`` plays them in order of time), so receipts,
forwards, audit entries and notices are those people would make: most units acknowledge on
time, some late, some never (the acknowledgement matrix and the overdue box have something to
show), some record what they did and answer requests; an AMBER bulletin passed on wider than
its label and approved by its author, a forward still waiting, a GREEN summary of an AMBER
alert, a cancelled alert, a saved recipient group in each body, and the committee's own agreed
times. The randomness is seeded. Loading twice adds nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from lintas.exchange import services
from lintas.exchange.demo import committee, working_group
from lintas.exchange.demo.season import Place, Season
from lintas.exchange.models import Message
from lintas.members.models import Body

SEED = 2026


@transaction.atomic
def load_exchange_demo() -> int:
    """Load the season into each demo body that has no message yet; the messages posted."""
    from lintas.members.demo import SC_SLUG, WG_SLUG

    now = timezone.now()
    season = Season(now=now, seed=SEED)
    today = timezone.localdate(now)
    for slug, content in ((WG_SLUG, working_group), (SC_SLUG, committee)):
        body = Body.objects.filter(slug=slug).first()
        if body is None or Message.objects.filter(body=body).exists():
            continue
        place = Place.of(body, content.HABITS, content.POOLS)
        manager = place.secretariat[0]
        if content is committee:
            for kind, priority, ack, act in committee.AGREED_TIMES:
                services.set_agreed_time(
                    body=body,
                    by=manager,
                    kind=kind,
                    priority=priority,
                    acknowledge_hours=ack,
                    act_hours=act,
                )
        place.groups[content.GROUP] = services.save_group(
            body=body,
            by=manager,
            name=content.GROUP,
            units=[place.unit(short) for short in content.GROUP_UNITS],
        )
        season.plan(place, content.specs(today))
    return season.run()
