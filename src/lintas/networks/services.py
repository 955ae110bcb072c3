"""Writes for networks: asking for a relink, running it on the worker, hit/no-hit notices.

A run reads every person of every case of the body, except TLP:RED cases and persons labelled
TLP:RED, decrypts them in memory, hands them to the engine in its interchange format and
replaces the body's networks with what it found, each keeping the id of the earlier network
whose cases it mostly holds (``engine.succession``). Then it tells the owner units of cases that
newly share a network, when one of them may not read the other's case, that a match exists
and whom to contact — nothing of the other case.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from itertools import combinations
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from lintas.audit.services import log_action
from lintas.cases import crypto
from lintas.cases.models import TLP, Case, CasePerson, CaseShare
from lintas.members.models import Body, Membership, Unit, User
from lintas.networks import policy
from lintas.networks.engine.dsu import DisjointSets
from lintas.networks.engine.linker import LinkResult, link
from lintas.networks.engine.succession import Succession, succeed
from lintas.networks.engine.weights import FIXED
from lintas.networks.models import (
    LinkRun,
    MatchNotice,
    Network,
    NetworkCase,
    NetworkIndicator,
    NetworkMatch,
    NetworkRecord,
    NetworkSuccession,
)
from lintas.notices.services import notify, per_language

log = logging.getLogger(__name__)

# Stages of a run, in order, with the progress reached when each starts.
STAGES = {"reading": 5, "linking": 30, "saving": 70, "notifying": 90}


# --- blind index ----------------------------------------------------------------------------


def blind_index(value: str) -> str:
    """HMAC-SHA256 of a canonical indicator value under a key derived from the first field key:
    equal values give equal digests, and the digest says nothing without the key. Rotating the
    field keys changes every digest; the next relink writes them again."""
    secret = crypto.configured_keys()[0].encode()
    key = hashlib.sha256(b"lintas.networks.blind-index:" + secret).digest()
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


# --- input ----------------------------------------------------------------------------------


def _unit_country(unit: Unit) -> str:
    while unit is not None:
        if unit.country:
            return unit.country
        unit = unit.parent  # type: ignore[assignment]
    return ""


def _documents(values: Any) -> list[str]:
    out = []
    for item in values or []:
        if isinstance(item, dict):
            out.append(str(item.get("number") or ""))
        else:
            out.append(str(item))
    return [v for v in out if v.strip()]


def person_row(person: CasePerson, *, country: str) -> dict[str, str]:
    """One person of a case as a row of the engine's interchange format.

    ``notes`` stays empty: the narrative belongs to the case, not to one person; copied into
    every person's row it would count each number it mentions once per person (distorting the
    hub rule), and stories name hotlines and shelters far more often than recruiters. The
    structured fields are what the owner unit deliberately recorded about each person."""
    contacts = person.contacts if isinstance(person.contacts, dict) else {}
    dob = person.date_of_birth
    return {
        "record_id": str(person.pk),
        "agency": str(person.case.owner_unit_id),
        "agency_country": country,
        "case_ref": str(person.case_id),
        "role": person.role,
        "name": person.full_name or "",
        "date_of_birth": dob.isoformat() if dob else "",
        "nationality": person.nationality or "",
        "id_numbers": "; ".join(_documents(person.documents)),
        "address": "",
        "phones": "; ".join(str(v) for v in contacts.get("phones") or []),
        "emails": "; ".join(str(v) for v in contacts.get("emails") or []),
        "handles": "; ".join(str(v) for v in contacts.get("social") or []),
        "accounts": "; ".join(str(v) for v in person.accounts or []),
        "notes": "",
        "seen_at": person.case.opened_on.isoformat(),
    }


def linkable_persons(body: Body) -> list[CasePerson]:
    """Every person of the body's cases that may enter linking: not in a TLP:RED case and not
    labelled TLP:RED themselves (nobody but the named readers may learn that they exist)."""
    cases = {
        c.pk: c
        for c in Case.objects.filter(body=body)
        .exclude(tlp=TLP.RED)
        .select_related("owner_unit__parent")
        .defer("narrative")
    }
    persons = list(
        CasePerson.objects.filter(case_id__in=list(cases)).exclude(tlp=TLP.RED).order_by("pk")
    )
    for person in persons:
        person.case = cases[person.case_id]
    return persons


# --- runs -----------------------------------------------------------------------------------


def request_relink(*, body: Body, by: User) -> LinkRun:
    """An analyst or the secretariat asks for a full relink; the worker runs it."""
    policy.require(policy.can_relink_networks(by, body))
    with transaction.atomic():
        run = LinkRun.objects.create(body=body, kind=LinkRun.Kind.FULL, requested_by=by)
        log_action("networks.run.requested", actor=by, body=body, target=run)
        transaction.on_commit(partial(_enqueue, run.pk))
    return run


def relink_now(*, body: Body, email: bool = True) -> LinkRun:
    """Run a full relink in this process (the demo loader, tests). ``email=False`` keeps the
    hit / no-hit notices in the app only (the demo's people have no mailbox)."""
    run = LinkRun.objects.create(body=body, kind=LinkRun.Kind.FULL)
    return run_link(run.pk, email=email)


def relink_soon(*, body: Body) -> None:
    """After a case or a person changed: queue an update run once the change is committed,
    unless a run of the body is already waiting (it will read the change too)."""
    transaction.on_commit(partial(_queue_update, body.pk))


def _queue_update(body_id: int) -> None:
    if LinkRun.objects.filter(body_id=body_id, state=LinkRun.State.QUEUED).exists():
        return
    run = LinkRun.objects.create(body_id=body_id, kind=LinkRun.Kind.UPDATE)
    _enqueue(run.pk)


def _enqueue(run_id: int) -> None:
    from lintas.networks.tasks import link_body

    link_body.enqueue(run_id)


def _stage(run: LinkRun, stage: str, **counts: int) -> None:
    run.stage, run.progress = stage, STAGES[stage]
    for name, value in counts.items():
        setattr(run, name, value)
    LinkRun.objects.filter(pk=run.pk).update(stage=stage, progress=run.progress, **counts)


def run_link(run_id: int, *, email: bool = True) -> LinkRun:
    """Link the body's case records and replace its networks, recording progress. Claims the
    run with a conditional update, so two workers never run it twice."""
    claimed = LinkRun.objects.filter(pk=run_id, state=LinkRun.State.QUEUED).update(
        state=LinkRun.State.RUNNING, progress=1, stage="reading", started_at=timezone.now()
    )
    run = LinkRun.objects.select_related("body").get(pk=run_id)
    if not claimed:
        return run
    try:
        _stage(run, "reading")
        persons = linkable_persons(run.body)
        countries = {
            p.case.owner_unit_id: _unit_country(p.case.owner_unit) for p in persons
        }  # one per unit
        rows = [person_row(p, country=countries[p.case.owner_unit_id]) for p in persons]
        _stage(run, "linking", records=len(rows), cases=len({p.case_id for p in persons}))
        result = link(rows, weights=FIXED) if rows else None
        _stage(run, "saving", hubs=len(result.hubs) if result else 0)
        with transaction.atomic():
            by_id = {str(p.pk): p for p in persons}
            networks = _save_networks(run, result, by_id)
            run.networks = len(networks)
            _stage(run, "notifying", networks=len(networks))
            notices = notify_matches(run, networks, email=email)
            LinkRun.objects.filter(pk=run.pk).update(
                state=LinkRun.State.DONE,
                progress=100,
                stage="",
                notices=notices,
                finished_at=timezone.now(),
            )
    except Exception as exc:  # the run is marked failed, whatever went wrong
        log.exception("link run %s failed", run_id)
        LinkRun.objects.filter(pk=run_id).update(
            state=LinkRun.State.FAILED, error=type(exc).__name__, finished_at=timezone.now()
        )
    run.refresh_from_db()
    return run


# --- networks from the engine's result ------------------------------------------------------


@dataclass
class _Group:
    nodes: list[int]
    cases: list[Case]


def _groups(result: LinkResult, persons: dict[str, CasePerson]) -> list[_Group]:
    """The engine's networks joined through their cases (two persons of one case belong to the
    same story), kept when they hold at least two cases."""
    prepared = result.prepared
    sets = DisjointSets(len(prepared))
    first_of_case: dict[int, int] = {}
    for node, root in enumerate(result.network_of):
        sets.union(node, root)
        case_id = persons[prepared[node].record_id].case_id
        sets.union(node, first_of_case.setdefault(case_id, node))
    members: dict[int, list[int]] = defaultdict(list)
    for node in range(len(prepared)):
        members[sets.find(node)].append(node)
    groups = []
    for nodes in members.values():
        cases = {persons[prepared[n].record_id].case_id: persons[prepared[n].record_id].case
                 for n in nodes}  # fmt: skip
        if len(cases) >= 2:
            groups.append(_Group(nodes, sorted(cases.values(), key=lambda c: c.pk)))
    return groups


def _score(cases: int, units: int, countries: int) -> float:
    return round(cases * (1 + 0.5 * (units - 1) + 0.25 * max(countries - 1, 0)), 2)


def _save_networks(
    run: LinkRun, result: LinkResult | None, persons: dict[str, CasePerson]
) -> list[Network]:
    """Write the networks of a run in place of the body's older ones, unless a newer run has
    finished meanwhile (then this run's networks are not kept).

    A network keeps its id while it keeps most of its cases (``engine.succession``): its row is
    updated and its evidence written again; the cases that stay keep their entries. The ids that
    end leave a ``NetworkSuccession`` saying what became of them."""
    # one run saves a body's networks at a time (PostgreSQL; SQLite has one writer anyway)
    list(Body.objects.select_for_update().filter(pk=run.body_id).values_list("pk", flat=True))
    newer = LinkRun.objects.filter(body=run.body, pk__gt=run.pk, state=LinkRun.State.DONE)
    if newer.exists():
        return []
    groups = _groups(result, persons) if result else []
    previous: dict[int, set[int]] = {
        pk: set() for pk in Network.objects.filter(body=run.body).values_list("pk", flat=True)
    }
    entries: dict[tuple[int, int], NetworkCase] = {}
    for pk, network_id, case_id in NetworkCase.objects.filter(network__body=run.body).values_list(
        "pk", "network_id", "case_id"
    ):
        previous[network_id].add(case_id)
        entries[(network_id, case_id)] = NetworkCase(pk=pk, network_id=network_id, case_id=case_id)
    succession = succeed(previous, [{c.pk for c in g.cases} for g in groups])
    kept = succession.kept_ids()
    # written again for the networks that stay: their evidence, and entries of cases that left
    NetworkIndicator.objects.filter(network_id__in=kept).delete()
    NetworkMatch.objects.filter(network_id__in=kept).delete()
    NetworkRecord.objects.filter(network_id__in=kept).delete()
    stays = {
        (old, c.pk) for old, g in zip(succession.kept, groups, strict=True) if old is not None
        for c in g.cases
    }  # fmt: skip
    NetworkCase.objects.filter(
        pk__in=[e.pk for (n, c), e in entries.items() if n in kept and (n, c) not in stays]
    ).delete()
    saved: list[Network] = []
    for old, group in zip(succession.kept, groups, strict=True):
        assert result is not None  # noqa: S101 (there are groups only when there is a result)
        keeps = {c.pk: e for c in group.cases if old and (e := entries.get((old, c.pk)))}
        saved.append(_save_network(run, result, persons, group, network_id=old, entries=keeps))
    _end_networks(run, succession, [n.pk for n in saved], previous)
    return saved


def _end_networks(
    run: LinkRun, succession: Succession, ids: list[int], previous: dict[int, set[int]]
) -> None:
    """Record what became of each network whose id ended, then remove it."""
    now = timezone.now()
    NetworkSuccession.objects.bulk_create(
        NetworkSuccession(
            body=run.body,
            old_id=ended.old,
            fate=ended.fate.value,
            successors=[ids[j] for j in ended.successors],
            cases=sorted(previous[ended.old]),
            run=run,
            ended_at=now,
        )
        for ended in succession.ended
    )
    Network.objects.filter(body=run.body, pk__in=[e.old for e in succession.ended]).delete()


def _shown(ind: Any) -> str:
    """The value as shown: a handle with the platform it was written for (the engine links
    handles by name alone)."""
    if ind.kind == "handle" and ind.platform and ind.value.startswith("handle:"):
        return f"{ind.platform}:{ind.value.removeprefix('handle:')}"
    return str(ind.value)


def _save_network(
    run: LinkRun,
    result: LinkResult,
    persons: dict[str, CasePerson],
    group: _Group,
    *,
    network_id: int | None,
    entries: dict[int, NetworkCase],
) -> Network:
    """One network with its evidence: a new row, or the row of ``network_id`` updated (its
    records, indicators and matches were removed; ``entries`` are the case entries it keeps)."""
    prepared = result.prepared
    node_set = set(group.nodes)
    cases = group.cases
    countries = {
        code
        for c in cases
        for code in [c.location_country, *c.origin_countries, *c.transit_countries,
                     *c.destination_countries]
        if code
    }  # fmt: skip
    values: dict[str, Any] = {}
    for n in group.nodes:
        for ind in prepared[n].indicators:
            values.setdefault(ind.value, ind)
    linking = {
        v: [n for n in result.holders[v] if n in node_set]
        for v in values
        if v in result.hubs or sum(1 for n in result.holders[v] if n in node_set) > 1
    }
    units = {c.owner_unit_id for c in cases}
    dates = [c.opened_on for c in cases]
    network = Network(
        pk=network_id,
        body=run.body,
        run=run,
        size=len(group.nodes),
        persons=len({result.person_of[n] for n in group.nodes}),
        case_count=len(cases),
        unit_count=len(units),
        countries=sorted(countries),
        first_seen=min(dates),
        last_seen=max(dates),
        score=_score(len(cases), len(units), len(countries)),
    )
    if network_id is None:
        network.save(force_insert=True)
    else:
        network.save(force_update=True)
    missing = [c for c in cases if c.pk not in entries]
    created = NetworkCase.objects.bulk_create(NetworkCase(network=network, case=c) for c in missing)
    entries = {**entries, **{c.pk: e for c, e in zip(missing, created, strict=True)}}
    number: dict[int, int] = {}
    records = NetworkRecord.objects.bulk_create(
        NetworkRecord(
            network=network,
            entry=entries[persons[prepared[n].record_id].case_id],
            record=persons[prepared[n].record_id],
            person=number.setdefault(result.person_of[n], len(number) + 1),
        )
        for n in sorted(group.nodes)
    )
    record_of = dict(zip(sorted(group.nodes), records, strict=True))
    for value, holders in sorted(linking.items()):
        hub = result.hubs.get(value)
        indicator = NetworkIndicator.objects.create(
            network=network,
            kind=values[value].kind,
            value=_shown(values[value]),
            blind=blind_index(value),
            is_hub=hub is not None,
            hub_reason=hub.reason[:200] if hub else "",
        )
        indicator.holders.set([record_of[n] for n in holders])
    NetworkMatch.objects.bulk_create(
        NetworkMatch(network=network, a=record_of[m.a], b=record_of[m.b],
                     detail=m.describe()[:200])
        for m in result.matches if m.a in node_set
    )  # fmt: skip
    network.cases_loaded = cases  # type: ignore[attr-defined]
    return network


# --- hit / no-hit ---------------------------------------------------------------------------


def unit_contacts(unit: Unit) -> list[User]:
    """A unit's focal point and alternate focal point: whom another unit contacts."""
    ids = (
        Membership.objects.active()
        .filter(unit=unit, role__in=policy.CASE_EDITOR_ROLES)
        .values_list("user_id", flat=True)
    )
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("full_name", "pk"))


def hidden_pairs(cases: list[Case], shares: dict[int, set[int]]) -> list[tuple[Case, Case]]:
    """Pairs of cases of different units where one unit may not read the other's case."""
    pairs = []
    for x, y in combinations(sorted(cases, key=lambda c: c.pk), 2):
        if x.owner_unit_id == y.owner_unit_id:
            continue
        x_reads_y = policy.unit_reads_case(x.owner_unit_id, y, shares.get(y.pk, set()))
        y_reads_x = policy.unit_reads_case(y.owner_unit_id, x, shares.get(x.pk, set()))
        if not (x_reads_y and y_reads_x):
            pairs.append((x, y))
    return pairs


MATCH_SUBJECT = gettext_noop("A case of %(unit)s matches a case of %(other)s")
MATCH_TEXT = gettext_noop(
    "Network linking found a match: %(cases)s of %(unit)s and a case held by %(other)s share "
    "a person, a phone, an account or another indicator. Nothing of their case is shown to "
    "you (hit / no-hit). To follow up, contact %(other)s: %(contacts)s."
)


DIGEST_SUBJECT = gettext_noop("Cases of %(unit)s match cases of %(count)s other units")
DIGEST_INTRO = gettext_noop(
    "Network linking found new matches between cases of %(unit)s and cases held by other "
    "units: they share a person, a phone, an account or another indicator. Nothing of the other "
    "units' cases is shown to you (hit / no-hit). To follow up, contact each unit:"
)
DIGEST_LINE = gettext_noop("%(cases)s and a case of %(other)s; contact %(contacts)s.")


def notify_matches(run: LinkRun, networks: Iterable[Network], *, email: bool = True) -> int:
    """Tell the owner units of each newly matched pair of cases (see ``hidden_pairs``) that the
    match exists, with the other unit's name and focal points. A pair is told once, whatever
    later runs find; a run sends each unit at most one digest listing all its new matches, so a
    network that grows by many cases does not flood a focal point. Returns notices sent."""
    networks = list(networks)
    all_cases = [c for n in networks for c in n.cases_loaded]  # type: ignore[attr-defined]
    shares: dict[int, set[int]] = defaultdict(set)
    for case_id, unit_id in CaseShare.objects.filter(
        case__in=[c.pk for c in all_cases], revoked_at__isnull=True
    ).values_list("case_id", "unit_id"):
        shares[case_id].add(unit_id)
    candidates = [p for n in networks for p in hidden_pairs(n.cases_loaded, shares)]  # type: ignore[attr-defined]
    told = set(
        MatchNotice.objects.filter(case_low__in=[x.pk for x, _y in candidates]).values_list(
            "case_low_id", "case_high_id"
        )
    )
    new = sorted({(x, y) for x, y in candidates if (x.pk, y.pk) not in told},
                 key=lambda p: (p[0].pk, p[1].pk))  # fmt: skip
    if not new:
        return 0
    MatchNotice.objects.bulk_create(
        [MatchNotice(body=run.body, case_low=x, case_high=y, run=run) for x, y in new],
        ignore_conflicts=True,
    )
    # per unit: its own cases matched with each other unit
    digest: dict[int, dict[int, set[Case]]] = defaultdict(lambda: defaultdict(set))
    pairs: dict[tuple[int, int], set[int]] = defaultdict(set)
    for x, y in new:
        digest[x.owner_unit_id][y.owner_unit_id].add(x)
        digest[y.owner_unit_id][x.owner_unit_id].add(y)
        key = (min(x.owner_unit_id, y.owner_unit_id), max(x.owner_unit_id, y.owner_unit_id))
        pairs[key] |= {x.pk, y.pk}
    units = Unit.objects.in_bulk(set(digest) | {o for d in digest.values() for o in d})
    contacts = {unit_id: unit_contacts(unit) for unit_id, unit in units.items()}
    sent = 0
    for unit_id, others in sorted(digest.items()):
        sent += _tell_unit(
            run,
            unit=units[unit_id],
            matches=[
                (units[other], sorted(own, key=lambda c: c.reference), contacts[other])
                for other, own in sorted(others.items(), key=lambda kv: units[kv[0]].name)
            ],
            recipients=contacts[unit_id],
            email=email,
        )
    for (u1, u2), case_ids in sorted(pairs.items()):
        log_action(
            "networks.match.notified",
            body=run.body,
            target=run,
            data={"units": [u1, u2], "cases": sorted(case_ids)},
        )
    return sent


def _tell_unit(
    run: LinkRun,
    *,
    unit: Unit,
    matches: list[tuple[Unit, list[Case], list[User]]],
    recipients: list[User],
    email: bool = True,
) -> int:
    """One notice to each recipient, in their language (e-mailed by their choice), listing the
    unit's own cases by reference and each other unit by name only, with whom to contact
    there."""
    first = matches[0][1][0]
    link = reverse("cases:detail", args=[run.body.slug, first.pk])
    lines: list[dict[str, object]] = [
        {
            "unit": unit.name,
            "other": other.name,
            "cases": ", ".join(c.reference for c in own_cases),
            "contacts": ", ".join(f"{u.full_name} <{u.email}>" for u in contacts)
            or gettext_lazy("the secretariat of the body"),
        }
        for other, own_cases, contacts in matches
    ]
    if len(lines) == 1:
        subject, text, values = MATCH_SUBJECT, MATCH_TEXT, lines[0]
    else:

        def digest_text() -> str:
            said = [{k: str(v) for k, v in line.items()} for line in lines]
            return "\n".join(
                [_(DIGEST_INTRO) % {"unit": unit.name}]
                + ["- " + _(DIGEST_LINE) % line for line in said]
            )

        subject, text = DIGEST_SUBJECT, "%(digest)s"
        values = {"count": len(lines), "unit": unit.name, "digest": per_language(digest_text)}
    notify(
        recipients,
        body=run.body,
        kind="network_match",
        subject=subject,
        text=text,
        link=link,
        values=values,
        email=email,
    )
    return len(recipients)
