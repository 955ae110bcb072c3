"""The demo's public releases, loaded after every other app's demo (``lintas demo``).

The working group published a first release some weeks ago (its victim tables, four results of
the joint action phase labelled TLP:CLEAR, a good practice, the review conference's decisions and
a public bulletin) and asks its focal points to sign off a second one now: two approved, the others
have ten days left, after which silence counts as consent. The city committee publishes its public
bulletin without sign-off.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from lintas.core.tlp import TLP
from lintas.events.models import Event
from lintas.exchange.models import Kind as MessageKind
from lintas.exchange.models import Message
from lintas.members.models import Body, Membership, Role, User
from lintas.plans.models import GoodPractice, Indicator
from lintas.policy import SYSTEM, Actor
from lintas.public import services
from lintas.public.models import Release, ReleaseLogEntry, ReleaseSignOff, SignOffSettings

PUBLIC_INDICATORS = ("I1.1.1", "I1.2", "I1.2.1", "I1.3")


def _secretariat(body: Body) -> Actor:
    m = body.memberships.filter(role=Role.SECRETARIAT).select_related("user").first()
    return m.user if m else SYSTEM


def _clear_items(body: Body) -> list[services.ItemRef]:
    refs: list[services.ItemRef] = []
    indicators = Indicator.objects.filter(
        phase__body=body, phase__name="Joint Action Phase 2023-2024", code__in=PUBLIC_INDICATORS
    )
    indicators.update(tlp=TLP.CLEAR)
    refs += [services.ItemRef("indicator", i.pk) for i in indicators.order_by("code")]
    refs += [
        services.ItemRef("good_practice", p.pk)
        for p in GoodPractice.objects.filter(body=body, tlp=TLP.CLEAR)
    ]
    review = Event.objects.filter(body=body, title__contains="review conference").first()
    if review is not None:
        review.tlp = TLP.CLEAR
        review.save(update_fields=["tlp"])
        refs.append(services.ItemRef("event", review.pk))
    refs += [
        services.ItemRef("bulletin", m.pk)
        for m in Message.objects.filter(
            body=body, kind=MessageKind.BULLETIN, tlp=TLP.CLEAR, cancelled_at__isnull=True
        )
    ]
    return refs


def _backdate(release: Release, days: int) -> None:
    """The demo's story: the release went out ``days`` ago, prepared two days before."""
    out = timezone.now() - dt.timedelta(days=days)
    Release.objects.filter(pk=release.pk).update(
        published_at=out, prepared_at=out - dt.timedelta(days=2)
    )
    for entry in ReleaseLogEntry.objects.filter(release=release):
        shift = out if entry.what == "published" else out - dt.timedelta(days=2)
        ReleaseLogEntry.objects.filter(pk=entry.pk).update(at=shift)


def _focal_point(unit_id: int) -> User | None:
    m = (
        Membership.objects.active()
        .filter(unit_id=unit_id, role=Role.FOCAL_POINT)
        .select_related("user")
        .first()
    )
    return m.user if m else None


@transaction.atomic
def load_public_demo() -> int:
    """The releases of both bodies; how many were made (none when they are there already)."""
    from lintas.members.demo import SC_SLUG, WG_SLUG

    made = 0
    wg = Body.objects.filter(slug=WG_SLUG).first()
    if wg is not None and not Release.objects.filter(body=wg).exists():
        by = _secretariat(wg)
        first = services.prepare_release(
            body=wg,
            by=by,
            title="Victims identified and results of the Joint Action Phase 2023-2024",
            summary=(
                "Victims identified in the case records the member countries labelled "
                "TLP:CLEAR, and what the first joint action phase achieved."
            ),
            items=_clear_items(wg),
            widen=True,
        )
        services.publish_release(release=first, by=by)
        _backdate(first, 45)
        services.save_signoff_settings(
            body=wg,
            by=by,
            require=SignOffSettings.Require.FOCAL_POINTS,
            days_to_answer=14,
            silence_is_consent=True,
        )
        second = services.prepare_release(
            body=wg,
            by=by,
            title="Victims identified, update of December",
            summary="The tables of the first release with the cases recorded since.",
            widen=True,
        )
        services.submit_release(release=second, by=by)
        # Four days ago; two focal points approved since.
        asked = timezone.now() - dt.timedelta(days=4)
        ReleaseSignOff.objects.filter(release=second).update(
            asked_at=asked, deadline=asked + dt.timedelta(days=14)
        )
        for signoff in list(ReleaseSignOff.objects.filter(release=second).order_by("unit__name"))[
            :2
        ]:
            person = _focal_point(signoff.unit_id) if signoff.unit_id else None
            if person is not None and signoff.unit is not None:
                services.decide_signoff(
                    release=second, unit=signoff.unit, by=person, decision="approved"
                )
        made += 2
    sc = Body.objects.filter(slug=SC_SLUG).first()
    if sc is not None and not Release.objects.filter(body=sc).exists():
        items = [
            services.ItemRef("bulletin", m.pk)
            for m in Message.objects.filter(
                body=sc, kind=MessageKind.BULLETIN, tlp=TLP.CLEAR, cancelled_at__isnull=True
            )
        ]
        if items:
            by = _secretariat(sc)
            release = services.prepare_release(
                body=sc, by=by, title="Public information for residents", tables=[], items=items
            )
            services.publish_release(release=release, by=by)
            _backdate(release, 12)
            made += 1
    return made
