"""Writing the demo's reporting history.

History rows are written in bulk (not through the services) so the demo loads in seconds; they
follow the same rules the services enforce: a conditional answer only where its condition holds,
the template's rules kept, each narrative written for its own question, and every move of a
report (sent, validated, returned with a reason, sent again, accepted) recorded as a transition.

Everything is placed relative to the day the demo is loaded: in the latest period whose deadline
has passed, some units reported on time, some late, one not at all, and (for the committee,
whose departments validate their reports first) some reports wait for their validator and one
went back to its unit with a comment and came again.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from lintas.members.models import Body, Membership, Role, Unit, User
from lintas.reporting import periods, policy, services
from lintas.reporting.demo.data import (
    PROFILES,
    RETURN_REASONS,
    SC_STRUCTURE,
    SC_TEXTS,
    SPIKE_COMMENT,
    WG_STRUCTURE,
    WG_TEXTS,
    L,
)
from lintas.reporting.models import (
    Obligation,
    Submission,
    SubmissionRevision,
    TemplateVersion,
    Transition,
)

State = Submission.State

# What a unit did in the latest period whose deadline has passed (the period the secretariat
# chases today); AWAITING: sent in the last days for the period that ended last, not validated
# yet. Units not named here follow their habits, on time.
ON_TIME, LATE, MISSING, AWAITING, RESENT = "on_time", "late", "missing", "awaiting", "resent"


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
    structure: dict[str, Any],
    rng: random.Random,
    texts: dict[str, list[str]],
    levels: dict[str, int],
) -> dict[str, Any]:
    """One report's answers. A narrative comes from its own field's texts; a field asked only
    when another answer has a value (``required_if``) is answered only then."""
    data: dict[str, Any] = {}
    conditional: list[dict[str, Any]] = []
    for section in structure["sections"]:
        for f in section["fields"]:
            if f.get("required_if"):
                conditional.append(f)
            elif f["type"] == "integer":
                level = levels[f["code"]]
                data[f["code"]] = max(0, round(rng.gauss(level, max(1.0, level * 0.2))))
            elif f["type"] == "long_text":
                data[f["code"]] = (
                    rng.choice(texts[f["code"]])
                    if f.get("required") or rng.random() < 0.5
                    else None
                )
            elif f["type"] == "choice":
                data[f["code"]] = rng.choice(f["choices"])["value"]
            elif f["type"] == "yes_no":
                data[f["code"]] = rng.random() < 0.15
    for f in conditional:
        condition = f["required_if"]
        holds = data.get(condition["field"]) == condition["equals"]
        data[f["code"]] = rng.choice(texts[f["code"]]) if holds else None
    for rule in structure.get("rules", []):
        left, right = data.get(rule["left"]), data.get(rule["right"])
        if left is not None and right is not None and left > right:
            data[rule["left"]] = right
    return data


@dataclass
class _Trail:
    """One report's way through its states, built move by move, never past ``now``."""

    now: dt.datetime
    state: str = State.DRAFT
    moves: list[tuple[str, str, User | None, dt.datetime, str]] = field(default_factory=list)
    arrivals: list[dt.datetime] = field(default_factory=list)  # when it reached the secretariat
    sent: list[dt.datetime] = field(default_factory=list)  # when the unit sent it

    def move(self, to: str, by: User | None, at: dt.datetime, reason: str = "") -> bool:
        """Record the move; False (and nothing recorded) when ``at`` is still to come."""
        if at > self.now:
            return False
        self.moves.append((self.state, to, by, at, reason))
        self.state = to
        if to == State.SUBMITTED:
            self.arrivals.append(at)
        return True


def _at(day: dt.date, tz: Any, rng: random.Random, now: dt.datetime) -> dt.datetime:
    """A working-hours moment of ``day``; today, a moment already past."""
    at = dt.datetime.combine(
        day, dt.time(rng.randint(8, 16), rng.randint(0, 59)), tzinfo=tz
    ).astimezone(dt.UTC)
    if at <= now:
        return at
    start = dt.datetime.combine(day, dt.time(0, 1), tzinfo=tz).astimezone(dt.UTC)
    return max(start, now - dt.timedelta(minutes=30))


def _trail(
    *,
    sent_at: dt.datetime,
    now: dt.datetime,
    focal: User | None,
    validator: User | None,
    secretariat: User,
    validates: bool,
    returned: bool,
    hold: bool,
    accept: bool,
    reason: str,
    rng: random.Random,
) -> _Trail:
    """Sent at ``sent_at``; with ``validates`` the unit's validator passes it on (``hold``: not
    yet) or, with ``returned``, sends it back once with ``reason`` before passing it on;
    without, the secretariat may return it once. ``accept``: the secretariat accepts it."""
    trail = _Trail(now=now)
    days = dt.timedelta(days=1)
    if validates:
        trail.move(State.AWAITING_VALIDATION, focal, sent_at)
        trail.sent.append(sent_at)
        at = sent_at
        if returned:
            at += rng.randint(1, 2) * days
            if not trail.move(State.RETURNED, validator, at, reason):
                return trail
            at += rng.randint(1, 3) * days
            if not trail.move(State.AWAITING_VALIDATION, focal, at):
                return trail
            trail.sent.append(at)
        if hold or not trail.move(
            State.SUBMITTED, validator, at + dt.timedelta(hours=rng.randint(1, 30))
        ):
            return trail
    else:
        trail.move(State.SUBMITTED, focal, sent_at)
        trail.sent.append(sent_at)
        if returned:
            back = sent_at + rng.randint(1, 3) * days
            if not trail.move(State.RETURNED, secretariat, back, reason):
                return trail
            again = back + rng.randint(1, 3) * days
            if not trail.move(State.SUBMITTED, focal, again):
                return trail
            trail.sent.append(again)
    if accept:
        trail.move(State.ACCEPTED, secretariat, trail.arrivals[-1] + 2 * days)
    return trail


def _current_period(obligation: Obligation, today: dt.date) -> periods.Period | None:
    """The latest period whose deadline is over: the one the secretariat chases today."""
    due = [p for p in obligation.periods_until(today) if obligation.deadlines(p).due < today]
    return due[-1] if due else None


def _history(
    obligation: Obligation,
    structure: dict[str, Any],
    profiles: dict[int, str],
    texts: dict[str, list[str]],
    story: dict[int, str],
    rng: random.Random,
) -> int:
    """Every report of the obligation up to today, by each unit's habits; in the current
    period (``_current_period``) the units in ``story`` did what it says."""
    body = obligation.body
    tz = body.tzinfo
    now = timezone.now()
    today = now.astimezone(tz).date()
    version = services.latest_version(obligation.template)
    specs = services.field_specs(version)
    required = [s.code for s in specs if s.required]
    secretariat = _secretary(body)
    focal = _people(body, Role.FOCAL_POINT)
    # a validator other than the unit's focal point where the unit has one
    validators = _people(body, Role.VALIDATOR, latest=True)
    validates = obligation.requires_validation
    reasons = RETURN_REASONS["validator" if validates else "secretariat"]
    current = _current_period(obligation, today)
    ended = [p for p in obligation.periods_until(today) if p.end < today]
    latest = ended[-1] if ended else None  # the period that ended last
    made = 0
    for unit in obligation.units.order_by("name"):
        gap, typical, spread, returned_share = PROFILES[profiles.get(unit.pk, "mostly")]
        levels = _levels(structure, rng)
        for period in obligation.periods_until(today):
            if not periods.unit_owes(period, unit.joined_on, unit.left_on):
                continue
            limits = obligation.deadlines(period)
            is_current = current is not None and period.key == current.key
            what = story.get(unit.pk, ON_TIME) if is_current else ""
            if story.get(unit.pk) == AWAITING:  # sent in the last days of the latest period
                is_latest = latest is not None and period.key == latest.key
                what = AWAITING if is_latest else ON_TIME if is_current else ""
            if period.end >= today or what == MISSING or (not what and rng.random() < gap):
                continue
            returned = what == RESENT or (not what and rng.random() < returned_share)
            if what == AWAITING:  # sent in the last days, the validator has not acted yet
                sent_day = max(period.end + dt.timedelta(days=1), today - dt.timedelta(days=2))
            elif what == LATE:  # sent after the last day that counts as on time, up to today
                sent_day = limits.timely + dt.timedelta(
                    days=rng.randint(1, max(1, (today - limits.timely).days))
                )
            elif what:  # early enough for a return, a second sending and the validation
                sent_day = period.end + dt.timedelta(days=rng.randint(1, 2))
            else:
                offset = max(1, int(rng.gauss(typical, spread / 2)))
                sent_day = period.end + dt.timedelta(days=offset)
            if sent_day > today:
                continue
            recent = (today - period.end).days < 45
            data = _answers(structure, rng, texts, levels)
            comments: dict[str, str] = {}
            if rng.random() < 0.04:  # now and then a figure far above the unit's usual one
                capped = {rule["left"] for rule in structure.get("rules", [])}
                code = rng.choice(sorted(set(levels) - capped))
                data[code] = levels[code] * 5
                comments[code] = SPIKE_COMMENT
            filled = sum(1 for code in required if data.get(code) not in (None, ""))
            user = focal.get(unit.pk)
            trail = _trail(
                sent_at=_at(sent_day, tz, rng, now),
                now=now,
                focal=user,
                validator=validators.get(unit.pk),
                secretariat=secretariat,
                validates=validates,
                returned=returned,
                hold=what == AWAITING,
                accept=what in {"", ON_TIME} and not (recent and rng.random() < 0.5),
                reason=rng.choice(reasons),
                rng=rng,
            )
            _write(obligation, unit, period, data, comments, trail, version, filled, len(required))
            made += 1
    return made


def _write(
    obligation: Obligation,
    unit: Unit,
    period: periods.Period,
    data: dict[str, Any],
    comments: dict[str, str],
    trail: _Trail,
    version: TemplateVersion,
    filled: int,
    total: int,
) -> Submission:
    """Store one report with its revisions (one per sending) and its moves."""
    tz = obligation.body.tzinfo
    user = trail.moves[0][2]
    first = trail.arrivals[0] if trail.arrivals else None
    last_return = next((m for m in reversed(trail.moves) if m[1] == State.RETURNED), None)
    sub = Submission.objects.create(
        obligation=obligation,
        unit=unit,
        period_key=period.key,
        period_start=period.start,
        period_end=period.end,
        version=version,
        state=trail.state,
        data=data,
        comments=comments,
        revision=len(trail.sent) + 1,
        required_filled=filled,
        required_total=total,
        first_submitted_at=first,
        first_complete_at=first,
        first_complete_on=periods.local_date(first, tz) if first else None,
        submitted_at=trail.arrivals[-1] if trail.arrivals else None,
        accepted_at=trail.moves[-1][3] if trail.state == State.ACCEPTED else None,
        return_reason=last_return[4] if trail.state == State.RETURNED and last_return else "",
        updated_by=trail.moves[-1][2],
    )
    SubmissionRevision.objects.bulk_create(
        SubmissionRevision(
            submission=sub,
            number=number,
            state="draft" if number == 1 else "returned",
            data=data,
            comments=comments,
            by=user,
            at=at,
        )
        for number, at in enumerate(trail.sent, start=1)
    )
    Transition.objects.bulk_create(
        Transition(
            submission=sub,
            from_state=src,
            to_state=dst,
            by=by,
            at=at,
            reason=reason,
        )
        for src, dst, by, at, reason in trail.moves
    )
    return sub


def record_report(
    *,
    obligation: Obligation,
    unit: Unit,
    period: periods.Period,
    data: dict[str, Any],
    sent_on: dt.date,
    rng: random.Random,
) -> Submission | None:
    """One report sent on ``sent_on`` by the unit's focal point and accepted by the
    secretariat two days later (or still submitted, when that day is to come); None when
    ``sent_on`` is still to come. For other apps' demos whose reports go through the reporting
    regime (the plans' progress updates)."""
    body = obligation.body
    now = timezone.now()
    if sent_on > now.astimezone(body.tzinfo).date():
        return None
    trail = _trail(
        sent_at=_at(sent_on, body.tzinfo, rng, now),
        now=now,
        focal=_people(body, Role.FOCAL_POINT).get(unit.pk),
        validator=None,
        secretariat=_secretary(body),
        validates=False,
        returned=False,
        hold=False,
        accept=True,
        reason="",
        rng=rng,
    )
    version = services.latest_version(obligation.template)
    required = [s.code for s in services.field_specs(version) if s.required]
    filled = sum(1 for code in required if data.get(code) not in (None, ""))
    return _write(obligation, unit, period, data, {}, trail, version, filled, len(required))


def _people(body: Body, role: str, *, latest: bool = False) -> dict[int, User]:
    """Each unit's first (``latest``: last) person given ``role``."""
    people: dict[int, User] = {}
    for m in (
        Membership.objects.active()
        .filter(body=body, role=role, unit__isnull=False)
        .select_related("user")
        .order_by("-pk" if latest else "pk")
    ):
        if m.unit_id is not None:
            people.setdefault(m.unit_id, m.user)
    return people


def _secretary(body: Body) -> User:
    m = (
        Membership.objects.active()
        .filter(body=body, role=Role.SECRETARIAT)
        .select_related("user")
        .first()
    )
    if m is None:
        raise LookupError(f"{body} has no secretariat")
    return m.user


def _story(units: list[Unit], profiles: dict[int, str], plan: dict[str, int]) -> dict[int, str]:
    """Which units did what in the current period: ``plan`` says how many of each. The late
    ones come from the late habits, the missing one from the erratic, the ones waiting for
    their validator or sent back and again from the punctual."""
    habits = ["late", "erratic", "mostly", "punctual"]
    first = {
        LATE: habits,
        MISSING: ["erratic", "late", "mostly", "punctual"],
        AWAITING: habits[::-1],
        RESENT: habits[::-1],
    }
    story: dict[int, str] = {}
    for what, count in plan.items():
        order = first[what]
        pool = sorted(units, key=lambda u: (order.index(profiles[u.pk]), u.name))
        chosen = [u for u in pool if u.pk not in story][:count]
        story.update((u.pk, what) for u in chosen)
    return story


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
        # Each department's head validates its report before it goes to the standing office.
        obligation = services.define_obligation(
            body=sc,
            template=template,
            units=departments,
            period_type="monthly",
            starts_on=dt.date(2023, 1, 1),
            due_days=10,
            timely_days=10,
            expiry_days=45,
            requires_validation=True,
            escalation_days=14,
            by=policy.SYSTEM,
        )
        kinds = ["punctual", "punctual", "mostly", "mostly", "late", "erratic"]
        profiles = {u.pk: kinds[i % len(kinds)] for i, u in enumerate(departments)}
        story = _story(departments, profiles, {LATE: 2, MISSING: 1, AWAITING: 2, RESENT: 1})
        _history(obligation, SC_STRUCTURE, profiles, SC_TEXTS, story, rng)
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
        story = _story(agencies, profiles, {LATE: 3, MISSING: 1, RESENT: 1})
        _history(obligation, WG_STRUCTURE, profiles, WG_TEXTS, story, rng)
