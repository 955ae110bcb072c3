"""Writing the demo's reporting history.

History rows are written in bulk (not through the services) so the demo loads in seconds; they
follow the same rules the services enforce.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from lintas.members.models import Body, Role, Unit, User
from lintas.reporting import periods, policy, services
from lintas.reporting.demo.data import (
    PROFILES,
    RETURN_REASON,
    SC_STRUCTURE,
    SC_TEXTS,
    SPIKE_COMMENT,
    WG_STRUCTURE,
    WG_TEXTS,
    L,
)
from lintas.reporting.models import Obligation, Submission, SubmissionRevision, Transition


def _levels(structure: dict[str, Any], rng: random.Random) -> dict[str, int]:
    """Each unit's usual figure for each whole-number field: units differ, and a unit's figures
    stay near its own level, so a figure far from it stands out as it would in real reports."""
    return {
        f["code"]: rng.randint(4, 30)
        for section in structure["sections"]
        for f in section["fields"]
        if f["type"] == "integer"
    }


def _answers(
    structure: dict[str, Any], rng: random.Random, texts: list[str], levels: dict[str, int]
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for section in structure["sections"]:
        for f in section["fields"]:
            if f["type"] == "integer":
                level = levels[f["code"]]
                data[f["code"]] = max(0, round(rng.gauss(level, max(1.0, level * 0.2))))
            elif f["type"] == "long_text":
                data[f["code"]] = (
                    rng.choice(texts) if f.get("required") or rng.random() < 0.5 else None
                )
            elif f["type"] == "choice":
                data[f["code"]] = rng.choice(f["choices"])["value"]
            elif f["type"] == "yes_no":
                data[f["code"]] = rng.random() < 0.15
    for rule in structure.get("rules", []):
        left, right = data.get(rule["left"]), data.get(rule["right"])
        if left is not None and right is not None and left > right:
            data[rule["left"]] = right
    if data.get("incident") and not data.get("incident_details"):
        data["incident_details"] = "A complaint about working conditions at a garment factory."
    return data


def _history(
    obligation: Obligation,
    structure: dict[str, Any],
    profiles: dict[int, str],
    texts: list[str],
    secretariat: User,
    focal: dict[int, User],
    rng: random.Random,
) -> int:
    tz = obligation.body.tzinfo
    now = timezone.now()
    today = now.astimezone(tz).date()
    version = services.latest_version(obligation.template)
    specs = services.field_specs(version)
    required = [s.code for s in specs if s.required]
    made = 0
    for unit in obligation.units.order_by("name"):
        gap, typical, spread, returned_share = PROFILES[profiles.get(unit.pk, "mostly")]
        levels = _levels(structure, rng)
        for period in obligation.periods_until(today):
            if not periods.unit_owes(period, unit.joined_on, unit.left_on):
                continue
            if period.end >= today or rng.random() < gap:
                continue
            offset = max(1, int(rng.gauss(typical, spread / 2)))
            sent_day = period.end + dt.timedelta(days=offset)
            if sent_day > today:
                continue
            sent_at = dt.datetime.combine(
                sent_day, dt.time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=tz
            ).astimezone(dt.UTC)
            data = _answers(structure, rng, texts, levels)
            comments: dict[str, str] = {}
            if rng.random() < 0.04:  # now and then a figure far above the unit's usual one
                capped = {rule["left"] for rule in structure.get("rules", [])}
                code = rng.choice(sorted(set(levels) - capped))
                data[code] = levels[code] * 5
                comments[code] = SPIKE_COMMENT
            filled = sum(1 for code in required if data.get(code) not in (None, ""))
            returned = rng.random() < returned_share
            back_at = sent_at + dt.timedelta(days=rng.randint(1, 4))
            resent_at = back_at + dt.timedelta(days=rng.randint(1, 6))
            recent = (today - period.end).days < 45
            state = Submission.State.ACCEPTED
            if recent and rng.random() < 0.5:
                state = Submission.State.SUBMITTED
            if returned and resent_at.astimezone(tz).date() > today:
                state = Submission.State.RETURNED
            user = focal.get(unit.pk)
            sub = Submission.objects.create(
                obligation=obligation,
                unit=unit,
                period_key=period.key,
                period_start=period.start,
                period_end=period.end,
                version=version,
                state=state,
                data=data,
                comments=comments,
                revision=3 if returned else 2,
                required_filled=filled,
                required_total=len(required),
                first_submitted_at=sent_at,
                first_complete_at=sent_at,
                first_complete_on=periods.local_date(sent_at, tz),
                submitted_at=resent_at
                if returned and state != Submission.State.RETURNED
                else sent_at,
                accepted_at=(resent_at if returned else sent_at) + dt.timedelta(days=2)
                if state == Submission.State.ACCEPTED
                else None,
                return_reason=RETURN_REASON if state == Submission.State.RETURNED else "",
                updated_by=user,
            )
            revisions = [
                SubmissionRevision(
                    submission=sub,
                    number=1,
                    state="draft",
                    data=data,
                    comments=comments,
                    by=user,
                    at=sent_at,
                )
            ]
            moves = [
                Transition(
                    submission=sub, from_state="draft", to_state="submitted", by=user, at=sent_at
                )
            ]
            if returned:
                moves.append(
                    Transition(
                        submission=sub,
                        from_state="submitted",
                        to_state="returned",
                        by=secretariat,
                        at=back_at,
                        reason=RETURN_REASON,
                    )
                )
                if state != Submission.State.RETURNED:
                    revisions.append(
                        SubmissionRevision(
                            submission=sub,
                            number=2,
                            state="returned",
                            data=data,
                            comments=comments,
                            by=user,
                            at=resent_at,
                        )
                    )
                    moves.append(
                        Transition(
                            submission=sub,
                            from_state="returned",
                            to_state="submitted",
                            by=user,
                            at=resent_at,
                        )
                    )
            if state == Submission.State.ACCEPTED:
                moves.append(
                    Transition(
                        submission=sub,
                        from_state="submitted",
                        to_state="accepted",
                        by=secretariat,
                        at=sub.accepted_at or sent_at,
                    )
                )
            SubmissionRevision.objects.bulk_create(revisions)
            Transition.objects.bulk_create(moves)
            made += 1
    return made


def _focal_points(body: Body) -> dict[int, User]:
    from lintas.members.models import Membership

    return {
        m.unit_id: m.user
        for m in Membership.objects.active()
        .filter(body=body, role=Role.FOCAL_POINT)
        .select_related("user")
        if m.unit_id
    }


def _secretary(body: Body) -> User:
    from lintas.members.models import Membership

    m = (
        Membership.objects.active()
        .filter(body=body, role=Role.SECRETARIAT)
        .select_related("user")
        .first()
    )
    if m is None:
        raise LookupError(f"{body} has no secretariat")
    return m.user


@transaction.atomic
def load_reporting_demo() -> None:
    from lintas.members.demo import SC_SLUG, WG_SLUG

    rng = random.Random(2023)  # noqa: S311 (fictional data, reproducible)
    sc = Body.objects.get(slug=SC_SLUG)
    if not Obligation.objects.filter(body=sc).exists():
        template = services.create_template(
            body=sc,
            code="hr-information",
            by=policy.SYSTEM,
            structure=SC_STRUCTURE,
            name=L(
                en="Human rights information report",
                vi="Báo cáo thông tin về quyền con người",
                id="Laporan informasi hak asasi manusia",
            ),
        )
        departments = list(Unit.objects.filter(body=sc, kind=Unit.Kind.DEPARTMENT).order_by("name"))
        youth = next(u for u in departments if u.short_name == "YU")
        youth.joined_on = dt.date(2024, 7, 1)
        youth.save(update_fields=["joined_on"])
        obligation = services.define_obligation(
            body=sc,
            template=template,
            units=departments,
            period_type="monthly",
            starts_on=dt.date(2023, 1, 1),
            due_days=10,
            timely_days=10,
            expiry_days=45,
            escalation_days=14,
            by=policy.SYSTEM,
        )
        kinds = ["punctual", "punctual", "mostly", "mostly", "late", "erratic"]
        profiles = {u.pk: kinds[i % len(kinds)] for i, u in enumerate(departments)}
        _history(
            obligation, SC_STRUCTURE, profiles, SC_TEXTS, _secretary(sc), _focal_points(sc), rng
        )
    wg = Body.objects.get(slug=WG_SLUG)
    if not Obligation.objects.filter(body=wg).exists():
        template = services.create_template(
            body=wg,
            code="joint-action-progress",
            by=policy.SYSTEM,
            structure=WG_STRUCTURE,
            name=L(
                en="Joint action progress report",
                vi="Báo cáo tiến độ hành động chung",
                id="Laporan kemajuan aksi bersama",
            ),
        )
        agencies = list(
            Unit.objects.filter(
                body=wg, kind__in=[Unit.Kind.AGENCY, Unit.Kind.ORGANISATION]
            ).order_by("name")
        )
        obligation = services.define_obligation(
            body=wg,
            template=template,
            units=agencies,
            period_type="quarterly",
            starts_on=dt.date(2023, 1, 1),
            due_days=30,
            timely_days=30,
            expiry_days=60,
            requires_validation=False,
            escalation_days=21,
            by=policy.SYSTEM,
        )
        kinds = ["punctual", "mostly", "late", "mostly", "erratic", "punctual"]
        profiles = {u.pk: kinds[i % len(kinds)] for i, u in enumerate(agencies)}
        _history(
            obligation, WG_STRUCTURE, profiles, WG_TEXTS, _secretary(wg), _focal_points(wg), rng
        )
