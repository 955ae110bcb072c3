"""Linking case records into persons and networks.

``link(rows)`` takes records in the interchange format (see :mod:`.tables`) and returns a
:class:`LinkResult`:

* persons - records mentioning the same person (:mod:`.persons`);
* indicators - phones, e-mails, handles, URLs, accounts and documents with provenance
  (:mod:`.indicators`); hubs among them are detected and set aside (:mod:`.hubs`);
* networks - connected components of records joined by "same person" or by a shared
  non-hub indicator. For any two records of a network :meth:`LinkResult.chain` gives the
  shortest chain of evidence between them.

Records are numbered by sorted ``record_id`` and a set is named after its smallest record
id (``P-R12``, ``N-R12``), so the output does not depend on input order.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import duckdb
import phonenumbers

from lintas.networks.engine.compare import dob_level, score
from lintas.networks.engine.dsu import DisjointSets, gc_paused
from lintas.networks.engine.hubs import MIN_DEGREE, Hub, find_hubs
from lintas.networks.engine.indicators import (
    Indicator,
    Warning_,
    extract_record,
    is_junk_account,
    normalise_document,
)
from lintas.networks.engine.normalise import (
    address_tokens,
    agency_country,
    fold,
    name_tokens,
    parse_country,
    parse_date,
    split_multi,
)
from lintas.networks.engine.persons import (
    DEFAULT_MAX_BLOCK,
    PersonFeatures,
    PersonMatch,
    match_all,
)
from lintas.networks.engine.weights import FIXED, Weights


@dataclass(slots=True)
class Prepared:
    """One record, normalised."""

    record_id: str
    agency: str
    region: str
    person: PersonFeatures
    indicators: list[Indicator]
    seen: str
    case: str = ""
    perpetrator: bool = False
    victim_side: bool = False  # a victim's, a witness's or a complainant's record
    warnings: list[Warning_] = field(default_factory=list)


def region_of(row: Mapping[str, str], default_region: str | None) -> str:
    """Default region for phone numbers: agency_country column, agency prefix, default."""
    return (
        parse_country(row.get("agency_country") or "")
        or agency_country(row.get("agency") or "")
        or (default_region or "").upper()
    )


# Roles of records that are about the other side: a recruiter, a suspect, a broker. Their
# contacts are threads of a network, never a shelter's desk phone (:mod:`.hubs`).
PERPETRATOR_ROLES = (
    "recruit", "suspect", "traffick", "broker", "offender", "perpetrat", "agent", "accused",
    "smuggl", "pimp", "exploit", "controller", "doi tuong", "nghi pham", "moi gioi",
    "bi can", "bi cao", "ke buon", "perekrut", "tersangka", "pelaku", "calo", "sponsor",
    "terdakwa", "penyalur",
)  # fmt: skip


# Roles of records about the victims' side: the victim, a witness, the family who complained.
VICTIM_ROLES = (
    "victim", "survivor", "witness", "complainant", "nan nhan", "nhan chung", "nguoi to giac",
    "korban", "saksi", "pelapor",
)  # fmt: skip


def is_victim_side(role: str) -> bool:
    """Whether a ``role`` is a victim's, witness's or complainant's (en, vi, id)."""
    text = fold(role)
    return any(word in text for word in VICTIM_ROLES) if text else False


def is_perpetrator(role: str) -> bool:
    """Whether a ``role`` (English, Vietnamese or Indonesian) is a recruiter's, suspect's..."""
    text = fold(role)
    return any(word in text for word in PERPETRATOR_ROLES) if text else False


def prepare(row: Mapping[str, str], default_region: str | None = None) -> Prepared:
    """Normalise one interchange row."""
    rid = row["record_id"]
    region = region_of(row, default_region)
    # a placeholder number ("0000000000") is no document: the indicators ignore it with a
    # warning, and the person's features must too, or it ties everyone who was given it
    docs = tuple(
        sorted(
            {
                d
                for d in map(normalise_document, split_multi(row.get("id_numbers", "")))
                if d and not is_junk_account(d)
            }
        )
    )
    nationality = parse_country(row.get("nationality") or "")
    regions = tuple(dict.fromkeys(r for r in (region, nationality) if r))
    warnings: list[Warning_] = []
    indicators = [
        link_value(i) for i in extract_record(rid, row, region or None, regions, warnings)
    ]
    contacts = tuple(sorted({i.value for i in indicators if i.field in ("phones", "emails")}))
    person = PersonFeatures(
        tokens=name_tokens(row.get("name") or ""),
        dob=birth_date(row.get("date_of_birth") or ""),
        nationality=nationality,
        documents=docs,
        address=address_tokens(row.get("address") or ""),
        contacts=contacts,
    )
    agency = row.get("agency") or ""
    case_ref = (row.get("case_ref") or "").strip()
    return Prepared(
        rid, agency, region, person, indicators, parse_date(row.get("seen_at", "")),
        case=f"{agency}\x1f{case_ref}" if case_ref else "",
        perpetrator=is_perpetrator(row.get("role") or ""),
        victim_side=is_victim_side(row.get("role") or ""), warnings=warnings,
    )  # fmt: skip


def birth_date(text: str) -> str:
    """The date of birth of ``text`` for matching: 1 January is only its year, since agencies
    write 01/01 when they know only the year (two Kim Dara born "01/01/1989" are not one
    person by that date)."""
    dob = parse_date(text)
    return dob[:4] if dob.endswith("-01-01") else dob


def link_value(ind: Indicator) -> Indicator:
    """A handle links by its name whatever platform it was written for: ``@kerja_thai`` in a
    narrative, ``telegram: kerja_thai`` in the field and ``t.me/kerja_thai`` are one handle."""
    if ind.kind != "handle":
        return ind
    platform, _, name = ind.value.partition(":")
    platform = ind.platform or ("" if platform == "handle" else platform)
    return dataclasses.replace(ind, value="handle:" + name, platform=platform)


def resolve_national_numbers(prepared: list[Prepared]) -> int:
    """Phones written in national format take the country of the same digits written elsewhere
    with a country code (a Cambodian number recorded nationally by Vietnamese police is the
    Cambodian number a Cambodian agency wrote as +855...). Returns the values changed."""
    explicit: dict[str, set[str]] = {}
    for p in prepared:
        for ind in p.indicators:
            if ind.kind == "phone" and not ind.national and ind.value.startswith("+"):
                cc_len = _cc_length(ind.value)
                if cc_len:
                    explicit.setdefault(ind.value[1 + cc_len :], set()).add(ind.value)
    changed = 0
    for p in prepared:
        if not any(ind.national for ind in p.indicators):
            continue
        out = []
        for ind in p.indicators:
            seen = explicit.get(ind.national) if ind.national else None
            if seen and ind.value not in seen:
                countries = {p.region, p.person.nationality}
                pick = sorted(seen) if len(seen) == 1 else sorted(
                    v for v in seen if phone_country(v) in countries
                )  # fmt: skip
                if len(pick) == 1:
                    ind = dataclasses.replace(ind, value=pick[0])
                    changed += 1
            out.append(ind)
        p.indicators = out
    return changed


def _cc_length(value: str) -> int:
    for size in (1, 2, 3):
        if phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(value[1 : 1 + size] or 0)):
            return size
    return 0


def phone_country(value: str) -> str:
    """Region of an E.164 number's calling code when only one region uses it."""
    if not value.startswith("+"):
        return ""
    for size in (1, 2, 3):
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(value[1 : 1 + size] or 0))
        if regions:
            return regions[0] if regions[0] != "001" else ""
    return ""


@dataclass(frozen=True, slots=True)
class Network:
    """Summary of one network."""

    network_id: str
    records: tuple[str, ...]
    persons: int
    agencies: tuple[str, ...]
    countries: tuple[str, ...]
    first_seen: str
    last_seen: str
    indicators: tuple[str, ...]


@dataclass
class LinkResult:
    """Persons, networks, hubs and the evidence behind them."""

    prepared: list[Prepared]
    matches: list[PersonMatch]
    person_of: list[int]
    network_of: list[int]
    holders: dict[str, list[int]]
    hubs: dict[str, Hub]
    candidate_pairs: int = 0
    index: dict[str, int] = field(default_factory=dict)
    con: duckdb.DuckDBPyConnection | None = None
    weights: Weights = FIXED
    _by_node: dict[int, list[PersonMatch]] | None = None
    _by_node_count: int = 0

    def __post_init__(self) -> None:
        self.index = {p.record_id: i for i, p in enumerate(self.prepared)}

    @property
    def warnings(self) -> list[Warning_]:
        """Values ignored in identifier fields, by record."""
        return [w for p in self.prepared for w in p.warnings]

    def person_id(self, node: int) -> str:
        return "P-" + self.prepared[self.person_of[node]].record_id

    def network_id(self, node: int) -> str:
        return "N-" + self.prepared[self.network_of[node]].record_id

    def rows(self) -> list[tuple[str, str, str]]:
        """``(record_id, person_id, network_id)`` for every record, sorted."""
        return [(p.record_id, self.person_id(i), self.network_id(i)) for i, p in
                enumerate(self.prepared)]  # fmt: skip

    def _neighbours(
        self, node: int, by_node: dict[int, list[PersonMatch]]
    ) -> Iterable[tuple[int, str]]:
        for m in by_node.get(node, ()):
            other = m.b if m.a == node else m.a
            if self.network_of[other] != self.network_of[node]:
                continue  # a weak match that joined no networks (:func:`join_weak`)
            yield other, f"are the same person: {m.describe()}"
        for ind in self.prepared[node].indicators:
            if ind.value in self.hubs:
                continue
            for other in self.holders.get(ind.value, ()):
                if other != node:
                    yield other, f"share {ind.value}"

    def _tree(self, start: int, goal: int | None) -> dict[int, tuple[int, str]]:
        """Breadth-first tree of evidence from ``start`` within its network."""
        if self._by_node is None or self._by_node_count != len(self.matches):
            self._by_node = {}
            for m in self.matches:
                self._by_node.setdefault(m.a, []).append(m)
                self._by_node.setdefault(m.b, []).append(m)
            self._by_node_count = len(self.matches)
        by_node = self._by_node
        back: dict[int, tuple[int, str]] = {start: (start, "")}
        queue = deque([start])
        while queue and (goal is None or goal not in back):
            node = queue.popleft()
            for other, why in self._neighbours(node, by_node):
                if other not in back:
                    back[other] = (node, why)
                    queue.append(other)
        return back

    def _path(self, back: dict[int, tuple[int, str]], start: int, goal: int) -> list[str]:
        steps: list[str] = []
        node = goal
        while node != start:
            prev, why = back[node]
            steps.append(f"{self.prepared[prev].record_id} and {self.prepared[node].record_id} "
                         f"{why}")  # fmt: skip
            node = prev
        return steps[::-1]

    def chain(self, a: str, b: str) -> list[str]:
        """Shortest chain of evidence between two records of one network, one line per link.

        ``["R12 and R77 share +84912345678", "R77 and R90 are the same person: name 0.97,
        date of birth equal (score 11)"]``; empty when the records are not linked.
        """
        start, goal = self.index[a], self.index[b]
        if start == goal or self.network_of[start] != self.network_of[goal]:
            return []
        return self._path(self._tree(start, goal), start, goal)

    def chains_from(self, a: str) -> dict[str, list[str]]:
        """Chains of evidence from record ``a`` to every other record of its network."""
        start = self.index[a]
        back = self._tree(start, None)
        return {self.prepared[n].record_id: self._path(back, start, n)
                for n in sorted(back) if n != start}  # fmt: skip

    def networks(self, min_size: int = 2) -> list[Network]:
        """Summaries of networks with at least ``min_size`` records, largest first."""
        groups: dict[int, list[int]] = {}
        for i, root in enumerate(self.network_of):
            groups.setdefault(root, []).append(i)
        out = []
        for root, nodes in groups.items():
            if len(nodes) < min_size:
                continue
            preps = [self.prepared[n] for n in nodes]
            values = sorted({
                i.value for p in preps for i in p.indicators
                if i.value not in self.hubs and len(self.holders[i.value]) > 1
            })  # fmt: skip
            countries = {p.region for p in preps if p.region}
            countries |= {p.person.nationality for p in preps if p.person.nationality}
            countries |= {c for v in values if (c := phone_country(v))}
            seen = sorted(p.seen for p in preps if p.seen)
            out.append(Network(
                "N-" + self.prepared[root].record_id,
                tuple(p.record_id for p in preps),
                len({self.person_of[n] for n in nodes}),
                tuple(sorted({p.agency for p in preps})),
                tuple(sorted(countries)),
                seen[0] if seen else "",
                seen[-1] if seen else "",
                tuple(values),
            ))  # fmt: skip
        out.sort(key=lambda n: (-len(n.records), n.network_id))
        return out


def drop_common_contacts(prepared: list[Prepared], min_degree: int = MIN_DEGREE) -> set[str]:
    """Remove from the persons' own contacts the values written in the records of ``min_degree``
    or more records, most of them not perpetrators'. A shelter's desk phone given by two victims
    called Sri Wahyuni says nothing about their being one person; a recruiter's own phone on
    twenty records of that recruiter does. Returns the values removed."""
    count: dict[str, int] = {}
    perpetrators: dict[str, int] = {}
    for p in prepared:
        for value in p.person.contacts:
            count[value] = count.get(value, 0) + 1
            perpetrators[value] = perpetrators.get(value, 0) + p.perpetrator
    common = {v for v, c in count.items() if c >= min_degree and 2 * perpetrators[v] < c}
    if common:
        for p in prepared:
            if common.intersection(p.person.contacts):
                kept = tuple(v for v in p.person.contacts if v not in common)
                p.person = dataclasses.replace(p.person, contacts=kept)
    return common


def more_hubs(
    prepared: list[Prepared],
    shared: Mapping[str, list[int]],
    hubs: Mapping[str, Hub],
    person_of: list[int],
) -> dict[str, Hub]:
    """Hubs beyond the rule of :mod:`.hubs`, among the ``shared`` values:

    * a number that a narrative calls a hotline or a help service (the family called it; it
      belongs to nobody in the story), however few records name it;
    * a hub's number written with another country code or none (``023 284 498`` read as
      Vietnamese by a Vietnamese agency is the Cambodian hotline +855 23 284 498): the same
      national digits, at least seven of them.
    """
    hotlines = {i.value for p in prepared for i in p.indicators if i.hotline}
    digits = {_national_digits(v) for v in hubs}
    digits.discard("")
    out: dict[str, Hub] = {}
    for v, nodes in shared.items():
        if v in hubs:
            continue
        if v in hotlines:
            reason = "called a hotline or help service in a narrative"
        elif _national_digits(v) in digits:
            reason = "a hub's number written with another country code"
        else:
            continue
        persons = len({person_of[n] for n in nodes})
        agencies = len({prepared[n].agency for n in nodes})
        out[v] = Hub(v, persons, len(nodes), agencies, 0.0, 0, reason)
    return out


def _national_digits(value: str) -> str:
    """The digits after the country code of a phone (``+85523284498`` -> ``23284498``), or a
    national number's digits; ``""`` for other values or fewer than seven digits."""
    if value.startswith("tel:"):
        body = value[4:].lstrip("0")
    elif value.startswith("+"):
        size = _cc_length(value)
        body = value[1 + size :] if size else ""
    else:
        return ""
    return body if len(body) >= 7 else ""


def family_contacts(prepared: list[Prepared], shared: Mapping[str, list[int]]) -> set[str]:
    """Shared values that are only ever the victims' own contact from one home: written in the
    phones or e-mails column of victims', witnesses' or complainants' records whose addresses
    are of one place, and named in no narrative (a recruiter's number copied into a victim's
    phones column is written by victims from many places, or in narratives).
    Two victims who give one number are a family or neighbours who gave the phone at home; it
    ties them to each other, not to the people who recruited them. Such a value joins records
    when they are one person (the persons' rule weighs it), never two networks by itself: a
    recruiter's record holding it, or a narrative naming it, makes it a thread again."""
    out = set()
    for v, nodes in shared.items():
        if (
            v.startswith(("+", "tel:", "mail:"))
            and all(
                prepared[n].victim_side
                and all(
                    i.field in ("phones", "emails") for i in prepared[n].indicators if i.value == v
                )
                for n in nodes
            )
            and _one_home([prepared[n].person.address for n in nodes])
        ):
            out.add(v)
    return out


def _one_home(addresses: list[tuple[str, ...]]) -> bool:
    """Whether the addresses written are of one place (each within the longest) and at least
    two were written: "Mường Nhé, Điện Biên" and "Hòa Lạc, Mường Nhé, Điện Biên"."""
    known = sorted((set(a) for a in addresses if a), key=len)
    return len(known) >= 2 and all(a <= known[-1] for a in known)


SAME_SIDE_NAMES = ("same", "close")
SAME_DOB = ("equal", "swapped", "one digit")
SAME_SIDE_BLOCK = 60  # a word on more suspect records of one network than this is no key


def perpetrator_matches(
    prepared: list[Prepared], network_of: list[int], person_of: list[int], weights: Weights
) -> list[PersonMatch]:
    """Recruiters, brokers and the like of one network written with the same name are one
    person: "Somchai Somboon" recorded by the Thai police and "SOMCHAI SOMBOON" by Indonesian
    immigration, in cases their phones and accounts already tie into one network. A name is no
    evidence across a region (many Nguyễn Văn Nam); inside one network's suspects it is what
    an analyst goes by. The names must be the same words (in any order, with or without
    diacritics) or differ by a typo, and nothing known of the two persons may contradict: not
    a date of birth, a year of birth, a document or a nationality of any record of either
    (two suspects called Myint Aung born in 1977 and 1990 stay two, also through a third
    record with no date). Networks do not change."""
    groups: dict[int, list[int]] = {}
    for i, p in enumerate(prepared):
        if p.perpetrator and p.person.tokens:
            groups.setdefault(network_of[i], []).append(i)
    candidates: list[PersonMatch] = []
    for nodes in groups.values():
        if len(nodes) < 2:
            continue
        by_key: dict[object, list[int]] = {}
        for n in nodes:
            by_key.setdefault(prepared[n].person.tokens, []).append(n)
            for t in prepared[n].person.tokens:
                by_key.setdefault(t, []).append(n)
        pairs = {(a, b) for same in by_key.values() if len(same) <= SAME_SIDE_BLOCK
                 for k, a in enumerate(same) for b in same[k + 1 :]
                 if person_of[a] != person_of[b]}  # fmt: skip
        for a, b in sorted(pairs):
            m = score(a, b, prepared[a].person, prepared[b].person, weights)
            if m.name_level in SAME_SIDE_NAMES:
                candidates.append(m)
    if not candidates:
        return []
    # what is known of each person: dates and years of birth, documents, nationalities
    known: dict[int, tuple[set[str], set[str], set[str], set[str]]] = {}
    for i, p in enumerate(prepared):
        dob, f = p.person.dob, p.person
        k = known.setdefault(person_of[i], (set(), set(), set(), set()))
        if len(dob) == 10:
            k[0].add(dob)
        if dob:
            k[1].add(dob[:4])
        k[2].update(f.documents)
        if f.nationality:
            k[3].add(f.nationality)
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    out = []
    order = sorted(candidates, key=lambda m: (m.dob_level != "equal", m.name_level != "same",
                                              m.a, m.b))  # fmt: skip
    for m in order:
        ra, rb = find(person_of[m.a]), find(person_of[m.b])
        if ra == rb or not _compatible(known[ra], known[rb]):
            continue
        root, other = (ra, rb) if ra < rb else (rb, ra)
        parent[other] = root
        for mine, theirs in zip(known[root], known.pop(other), strict=True):
            mine.update(theirs)
        out.append(dataclasses.replace(m, context="suspects of one network"))
    return out


def _compatible(
    x: tuple[set[str], set[str], set[str], set[str]],
    y: tuple[set[str], set[str], set[str], set[str]],
) -> bool:
    dobs, years, docs, nats = x
    if dobs and y[0] and not any(dob_level(a, b) in SAME_DOB for a in dobs for b in y[0]):
        return False
    if years and y[1] and not years & y[1]:
        return False
    if docs and y[2] and not docs & y[2]:
        return False
    return not (nats and y[3] and not nats & y[3])


def weak_match(m: PersonMatch) -> bool:
    """Whether a same-person match rests on the name and date of birth alone: no shared or
    nearly equal document, no shared own phone or e-mail."""
    return m.doc_level not in STRONG_DOC and not m.contact_shared


STRONG_DOC = ("shared", "one character")


def join_weak(
    networks: DisjointSets,
    matches: Iterable[PersonMatch],
    perpetrator: Sequence[bool] | None = None,
) -> set[tuple[int, int]]:
    """Join networks through the weak same-person matches (:func:`weak_match`), only where
    they tie records standing alone (no stronger evidence ties them to anyone) to each other
    or to one group: in a region's files many people share a name and a date of birth (two
    Nguyễn Thị Hoa born 14/08/1998, one in a Hà Tĩnh case and one in a Tây Ninh case), and
    across groups such matches, chained, would merge hundreds of networks that nothing else
    ties. So a weak match between two records each already tied to others by stronger
    evidence (a document, a contact, a case, a shared indicator) joins nothing, and lone
    records whose weak matches reach two or more groups join only one that stands out
    (:func:`_dominant`), or none; a group whose records match at least ``ATTACH_LEAST`` records
    of one larger group (on the same side, victims or perpetrators, and without documents that
    differ), and stand out there, joins it. The groups are
    those of the stronger evidence, so the outcome does not depend on the order of the
    matches. A refused match is no same-person match either (a person lies in one network).
    Returns the ``(a, b)`` of the refused matches."""
    weak = [m for m in matches if weak_match(m)]
    if not weak:
        return set()
    group = networks.labels()
    size: dict[int, int] = {}
    for g in group:
        size[g] = size.get(g, 0) + 1
    lone = DisjointSets(len(group))  # lone records tied by weak matches among themselves
    for m in weak:
        if size[group[m.a]] == 1 and size[group[m.b]] == 1:
            lone.union(m.a, m.b)
    reach: dict[int, dict[int, set[int]]] = {}  # lone cluster -> group -> records matched
    for m in weak:
        for x, y in ((m.a, m.b), (m.b, m.a)):
            if size[group[x]] == 1 and size[group[y]] > 1:
                reach.setdefault(lone.find(x), {}).setdefault(group[y], set()).add(y)
    chosen = {root: _dominant(found) for root, found in reach.items()}
    pull: dict[int, dict[int, set[int]]] = {}  # group -> other group -> its records matched
    for m in weak:
        ga, gb = group[m.a], group[m.b]
        if perpetrator is not None and perpetrator[m.a] != perpetrator[m.b]:
            continue  # a victim and a recruiter of one name and birthday: two people, mostly
        if m.doc_level != "missing":
            continue  # both hold documents, and not the same ones
        if ga != gb and size[ga] > 1 and size[gb] > 1:
            pull.setdefault(ga, {}).setdefault(gb, set()).add(m.b)
            pull.setdefault(gb, {}).setdefault(ga, set()).add(m.a)
    attach: dict[int, int] = {}  # a group drawn into a larger one
    for g, found in pull.items():
        target = _dominant(found, least=ATTACH_LEAST)
        if target is not None and size[target] > size[g]:
            attach[g] = target
    refused: set[tuple[int, int]] = set()
    for m in weak:
        a_lone, b_lone = size[group[m.a]] == 1, size[group[m.b]] == 1
        if a_lone and b_lone:
            ok = True
        elif a_lone or b_lone:
            other = m.b if a_lone else m.a
            ok = chosen[lone.find(m.a if a_lone else m.b)] == group[other]
        else:
            ga, gb = group[m.a], group[m.b]
            ok = ga == gb or attach.get(ga) == gb or attach.get(gb) == ga
        if ok:
            networks.union(m.a, m.b)
        else:
            refused.add((m.a, m.b))
    return refused


# A group tied by stronger evidence joins a larger one through weak matches only when its
# records match at least this many records of that group by name and date of birth (a
# recruiter recorded again and again in one network, and once more in a case of two records).
ATTACH_LEAST = 3


def _dominant(found: dict[int, set[int]], least: int = 1) -> int | None:
    """The group weak matches point to: the only one (with at least ``least`` of its records
    matched), or one holding at least ``max(2, least)`` of the records matched and twice as
    many as any other (a person recorded again and again in one network, and once by chance in
    another). None when no group stands out."""
    ranked = sorted(((len(nodes), g) for g, nodes in found.items()), reverse=True)
    top, g = ranked[0]
    if len(ranked) == 1:
        return g if top >= least else None
    second = ranked[1][0]
    return g if top >= max(2, least) and top >= 2 * second else None


def case_edges(prepared: list[Prepared]) -> list[tuple[int, int]]:
    """Records of one case of one agency (same ``agency`` and ``case_ref``): one story, so one
    network. Each record is joined to the first record of its case."""
    first: dict[str, int] = {}
    edges = []
    for i, p in enumerate(prepared):
        if p.case:
            j = first.setdefault(p.case, i)
            if j != i:
                edges.append((j, i))
    return edges


def link(
    rows: Iterable[Mapping[str, str]],
    default_region: str | None = None,
    weights: Weights | None = None,
    max_block: int = DEFAULT_MAX_BLOCK,
    min_hub_degree: int = MIN_DEGREE,
    progress: bool = False,
    keep_index: bool = False,
    join_cases: bool = True,
) -> LinkResult:
    """Persons and networks of the records ``rows`` (dicts with the interchange columns).

    ``weights`` are the points of :mod:`.weights`; by default they are learned from the
    candidate pairs (fixed points for small data).

    With ``keep_index`` the result keeps its DuckDB connection (``result.con``) holding the
    feature and blocking-key tables that :class:`.incremental.LinkIndex` builds on.
    """

    with gc_paused():
        return _link(rows, default_region, weights, max_block, min_hub_degree, progress,
                     keep_index, join_cases)  # fmt: skip


def _link(
    rows: Iterable[Mapping[str, str]],
    default_region: str | None,
    weights: Weights | None,
    max_block: int,
    min_hub_degree: int,
    progress: bool,
    keep_index: bool,
    join_cases: bool,
) -> LinkResult:
    started = time.perf_counter()

    def say(msg: str) -> None:
        if progress:
            print(f"[{time.perf_counter() - started:7.1f} s] {msg}", file=sys.stderr, flush=True)

    prepared = sorted((prepare(r, default_region) for r in rows), key=lambda p: p.record_id)
    say(f"prepared {len(prepared)} records")
    n = len(prepared)
    resolved = resolve_national_numbers(prepared)
    say(f"{resolved} national phone numbers matched to the same digits with a country code")
    for p in prepared:  # own contacts after that
        contacts = tuple(sorted({i.value for i in p.indicators if i.field in ("phones", "emails")}))
        if contacts != p.person.contacts:
            p.person = dataclasses.replace(p.person, contacts=contacts)
    drop_common_contacts(prepared, min_hub_degree)
    con = duckdb.connect()
    matches, n_pairs, used = match_all(
        range(n), [p.person for p in prepared], weights, max_block, con, keep=keep_index
    )
    kind = "learned" if used.learned else "fixed"
    say(f"{kind} points, threshold {used.threshold:g}")
    if not keep_index:
        con.close()
    say(f"scored {n_pairs} candidate pairs, {len(matches)} same-person pairs")
    persons = DisjointSets(n)
    for m in matches:
        persons.union(m.a, m.b)
    person_of = persons.labels()
    # nodes are visited in increasing order, so each list comes out sorted and distinct
    holders: dict[str, list[int]] = {}
    for i, p in enumerate(prepared):
        for ind in p.indicators:
            nodes = holders.get(ind.value)
            if nodes is None:
                holders[ind.value] = [i]
            elif nodes[-1] != i:
                nodes.append(i)
    shared = {v: nodes for v, nodes in holders.items() if len(nodes) > 1}
    same_case = case_edges(prepared) if join_cases else []
    hubs = find_hubs(
        shared, person_of, [p.agency for p in prepared],
        [*((m.a, m.b) for m in matches), *same_case], min_hub_degree,
        [p.perpetrator for p in prepared],
    )  # fmt: skip
    hubs.update(more_hubs(prepared, shared, hubs, person_of))
    say(f"{len(shared)} shared indicators, {len(hubs)} hubs")
    networks = DisjointSets(n)
    for m in matches:
        if not weak_match(m):
            networks.union(m.a, m.b)
    for a, b in same_case:
        networks.union(a, b)
    family = family_contacts(prepared, shared)
    for v, nodes in shared.items():
        if v not in hubs and v not in family:
            for other in nodes[1:]:
                networks.union(nodes[0], other)
    refused = join_weak(networks, matches, [p.perpetrator for p in prepared])
    network_of = networks.labels()
    if refused:
        matches = [m for m in matches if (m.a, m.b) not in refused]
        persons = DisjointSets(n)
        for m in matches:
            persons.union(m.a, m.b)
        person_of = persons.labels()
    say(f"{len(refused)} matches on name and date of birth alone refused across networks")
    same_side = perpetrator_matches(prepared, network_of, person_of, used)
    if same_side:
        matches = [*matches, *same_side]
        for m in same_side:
            persons.union(m.a, m.b)
        person_of = persons.labels()
    say(f"{len(same_side)} recruiter records of one network made one person by name")
    result = LinkResult(prepared, matches, person_of, network_of, holders, hubs, n_pairs)
    say("networks joined")
    result.con = con if keep_index else None
    result.weights = used
    return result
