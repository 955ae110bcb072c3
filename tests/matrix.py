"""The roles of the cast and the rules that say what each of them is answered.

Shared by the page matrix (tests/core/test_permission_matrix.py) and the API matrix
(tests/api/test_api_permission_matrix.py), so both walk the same people with the same rules. The
two differ only in how they answer someone who is not signed in (a page sends them to sign in,
302; the API answers 401) and in what a done write answers (a page redirects, 302; the API says
200, 201 or 202), which each passes in.

A rule takes a role name of ROLES and returns the status that role must get.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

Rule = Callable[[str], int]

ANON = "anon"  # not signed in
STRANGER = "stranger"  # the secretariat of another body: nothing of this body exists for them
OWNER = "focal_a"  # unit A's focal point: unit A owns the reports and cases the matrices use
SHARED = "focal_b"  # unit B's focal point: unit A shares its case with B
UNRELATED = "focal_c"  # unit C's focal point: sees nothing of A's own

ROLES = [ANON, "secretariat", "admin", OWNER, SHARED, UNRELATED, "leader", "analyst", STRANGER]
MANAGERS = frozenset({"secretariat", "admin"})
READERS = frozenset({"secretariat", "admin", "leader", "analyst"})  # read every unit's reports
FOCAL_POINTS = frozenset({OWNER, SHARED, UNRELATED})
MEMBERS = READERS | FOCAL_POINTS  # every role of the body; the stranger is not one
NETWORK_ANALYSTS = frozenset({"secretariat", "analyst"})
CASE_READERS = frozenset({OWNER, SHARED})  # unit A's case, shared with unit B
# The matrices' event (tests/events/conftest.py, matrix_event): the secretariat organises it;
# unit A's focal point is its delegate, with a certificate.
EVENT_ORGANISERS = MANAGERS
EVENT_DELEGATE_PAGES = MANAGERS | {OWNER}  # the delegate's registration, badge, certificate


def always(status: int) -> Rule:
    """The same answer for everyone, signed in or not."""
    return lambda role: status


@dataclass(frozen=True)
class Answers:
    """The rules as one surface answers them; ``anon`` is its answer to someone not signed in."""

    anon: int

    def signed_in(self, ok: int = 200) -> Rule:
        """Anyone signed in, member of the body or not."""
        return lambda role: self.anon if role == ANON else ok

    def members(self, ok: int = 200) -> Rule:
        """Every member of the body; to the stranger the body does not exist."""
        return self.known_to(MEMBERS, ok)

    def body_roles(self, allowed: Iterable[str], ok: int = 200) -> Rule:
        """Members of the body holding one of ``allowed``; other members are refused (403) and
        to the stranger the body does not exist (404)."""
        allowed = frozenset(allowed)

        def expected(role: str) -> int:
            if role == ANON:
                return self.anon
            if role == STRANGER:
                return 404
            return ok if role in allowed else 403

        return expected

    def known_to(self, readers: Iterable[str], ok: int = 200) -> Rule:
        """A thing that ``readers`` may see; to everyone else it does not exist (404)."""
        readers = frozenset(readers)

        def expected(role: str) -> int:
            if role == ANON:
                return self.anon
            return ok if role in readers else 404

        return expected

    def acted_on(self, *, readers: Iterable[str], by: Iterable[str], ok: int) -> Rule:
        """A change to a thing that ``readers`` see: done (``ok``) for ``by``; refused (403) to the
        other readers; to everyone else the thing does not exist (404)."""
        readers, by = frozenset(readers), frozenset(by)

        def expected(role: str) -> int:
            if role == ANON:
                return self.anon
            if role not in readers:
                return 404
            return ok if role in by else 403

        return expected


PAGES = Answers(anon=302)  # a page sends someone not signed in to the sign-in page
API = Answers(anon=401)
