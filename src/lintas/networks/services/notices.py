"""Hit / no-hit: the owner units of cases that newly share a network, when one of them may not
read the other's case, are told that a match exists and whom to contact, nothing of the other
case; once per pair, in one digest per unit and run."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from lintas.audit.services import log_action
from lintas.cases.models import Case, CaseShare
from lintas.members.models import Unit, User
from lintas.networks import policy
from lintas.networks.models import LinkRun, MatchNotice, Network
from lintas.networks.selectors.common import unit_contacts
from lintas.notices.services import notify, per_language


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
