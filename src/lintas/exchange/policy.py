"""Who may read, post, acknowledge and pass on the messages agencies exchange: the exchange part
of the policy, the only place where a message's TLP label is enforced.

It builds on the networks part and those below it and offers their rules too, so a module of
the exchange app, or of an app above it, imports one ``policy``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from lintas.core.tlp import TLP
from lintas.exchange.models import Attachment, ClientLink, Forward, Message, Receipt
from lintas.members.models import Body, Membership, Role, Unit, User
from lintas.networks.policy import *  # noqa: F403  (the rules below build on these and offer them too)
from lintas.networks.policy import Viewer, active_person, roles_in

# Messages carry a TLP 2.0 label, as FIRST defines it. Who reads a message:
#   TLP:RED           the named people and the author only, no forwarding;
#   TLP:AMBER+STRICT  the members of the recipient units, the named people, and the members of the
#                     author's unit;
#   TLP:AMBER         the same, and the members of the recipient units' clients (a unit's
#                     sub-units, and the units a body names as its clients);
#   TLP:GREEN         every member of the body (its community), never the public;
#   TLP:CLEAR         every member of the body; may also appear on the public portal.
# A member of a unit is anyone with an active membership for that unit, whatever the role. The
# secretariat, leaders and analysts read AMBER and stricter messages only as the rules above
# say: being the secretariat gives no access by itself. An update, answer or cancellation is a
# message of its own, never looser than the thread's original.
#
# Who acts:
#   post for a unit           its focal point and alternate; for the secretariat unit, the
#                             body's secretariat;
#   acknowledge, record an action, answer, forward for a recipient unit
#                             that unit's focal point and alternate (under TLP:RED, a named
#                             person of the unit);
#   update, cancel, approve or decline a forward, derive a lower-label version
#                             the author, and the author unit's focal point and alternate;
#   see the acknowledgement matrix   the secretariat, leaders, analysts and administrators
#                             (counts only; TLP:RED messages are not counted).
# A stranger to a message gets 404; a reader who may not act gets 403.

ACTING_ROLES = frozenset({Role.FOCAL_POINT, Role.ALTERNATE_FOCAL_POINT})
MATRIX_ROLES = frozenset({Role.SECRETARIAT, Role.LEADER, Role.ANALYST, Role.ADMINISTRATOR})


def _units_of(person: User, body: Body) -> dict[int, frozenset[str]]:
    """A person's roles today in each unit of a body (cached per request on the user object)."""
    cache: dict[int, dict[int, frozenset[str]]] = person.__dict__.setdefault(
        "_lintas_exchange_units", {}
    )
    if body.pk not in cache:
        held: dict[int, set[str]] = {}
        rows = (
            Membership.objects.active()
            .filter(user=person, body=body, unit__isnull=False)
            .values_list("unit_id", "role")
        )
        for unit_id, role in rows:
            held.setdefault(unit_id, set()).add(role)
        if Role.SECRETARIAT in roles_in(person, body):
            # The body's secretariat acts for its secretariat unit.
            secretariat = Unit.objects.filter(body=body, kind=Unit.Kind.SECRETARIAT)
            for unit_id in secretariat.values_list("pk", flat=True):
                held.setdefault(unit_id, set()).add(Role.FOCAL_POINT)
        cache[body.pk] = {unit_id: frozenset(roles) for unit_id, roles in held.items()}
    return cache[body.pk]


def _patrons_of(unit_ids: set[int], body: Body) -> set[int]:
    """The units whose client one of these units is: their parents and the units that name
    them as clients. Under TLP:AMBER a message to a patron reaches its clients too."""
    if not unit_ids:
        return set()
    parents = Unit.objects.filter(pk__in=unit_ids, parent__isnull=False).values_list(
        "parent_id", flat=True
    )
    named = ClientLink.objects.filter(body=body, client_id__in=unit_ids).values_list(
        "unit_id", flat=True
    )
    return {pk for pk in parents if pk is not None} | set(named)


def clients_of(unit: Unit) -> set[int]:
    """A unit's clients: its sub-units and the units its body names as its clients."""
    children = Unit.objects.filter(parent=unit).values_list("pk", flat=True)
    named = ClientLink.objects.filter(unit=unit).values_list("client_id", flat=True)
    return set(children) | set(named)


def visible_messages(user: Viewer, body: Body) -> QuerySet[Message]:
    """The messages of a body this person may read."""
    person = active_person(user)
    if person is None or not roles_in(person, body):
        return Message.objects.none()
    units = set(_units_of(person, body))
    patrons = _patrons_of(units, body)
    to_units = Receipt.objects.filter(unit_id__in=units).values("message_id")
    to_patrons = Receipt.objects.filter(unit_id__in=patrons).values("message_id")
    named = Message.named.through.objects.filter(user=person).values("message_id")
    rule = (
        Q(author=person)
        | Q(pk__in=named)
        | Q(tlp__in=[TLP.CLEAR, TLP.GREEN])
        | Q(tlp__in=[TLP.AMBER, TLP.AMBER_STRICT], author_unit_id__in=units)
        | Q(tlp__in=[TLP.AMBER, TLP.AMBER_STRICT], pk__in=to_units)
        | Q(tlp=TLP.AMBER, pk__in=to_patrons)
    )
    return Message.objects.filter(body=body).filter(rule)


@dataclass(frozen=True)
class MessageAccess:
    """One person's access to one message, read once (a fixed handful of queries) and asked
    as often as a page or an API answer needs."""

    reads: bool
    author_side: bool  # the author, or an acting person of the author's unit
    acting_units: frozenset[int]  # recipient units this person acts for on this message
    own_units: frozenset[int]  # recipient units this person belongs to
    tlp: str
    open: bool  # neither cancelled nor expired

    @property
    def may_acknowledge(self) -> bool:
        return self.reads and bool(self.acting_units)

    @property
    def may_forward(self) -> bool:
        return self.reads and self.open and bool(self.acting_units) and self.tlp != TLP.RED

    @property
    def may_update(self) -> bool:
        return self.reads and self.author_side and self.open

    @property
    def may_see_receipts(self) -> bool:
        """Every recipient's progress ("who has not responded"): the author's side."""
        return self.reads and self.author_side

    @property
    def may_derive(self) -> bool:
        return self.reads and self.author_side and self.tlp != TLP.CLEAR


def message_access(
    user: Viewer, message: Message, *, now: dt.datetime | None = None
) -> MessageAccess:
    person = active_person(user)
    root = message.root
    is_open = root.cancelled_at is None and (
        root.expires_at is None or root.expires_at > (now or timezone.now())
    )
    nobody = MessageAccess(False, False, frozenset(), frozenset(), message.tlp, is_open)
    if person is None or not roles_in(person, message.body):
        return nobody
    reads = visible_messages(person, message.body).filter(pk=message.pk).exists()
    if not reads:
        return nobody
    units = _units_of(person, message.body)
    recipient_units = set(Receipt.objects.filter(message=root).values_list("unit_id", flat=True))
    named = root.named.filter(pk=person.pk).exists()
    if root.tlp == TLP.RED or message.tlp == TLP.RED:
        acting = {u for u in recipient_units if u in units and named}
    else:
        acting = {u for u in recipient_units if units.get(u, frozenset()) & ACTING_ROLES}
    author_side = root.author_id == person.pk or bool(
        units.get(root.author_unit_id, frozenset()) & ACTING_ROLES
        and (root.tlp != TLP.RED or named)
    )
    return MessageAccess(
        reads=True,
        author_side=author_side,
        acting_units=frozenset(acting),
        own_units=frozenset(u for u in recipient_units if u in units),
        tlp=message.tlp,
        open=is_open,
    )


def member_units(user: Viewer, body: Body) -> set[int]:
    """The units a person belongs to in a body (the secretariat: its secretariat unit too)."""
    person = active_person(user)
    return set(_units_of(person, body)) if person is not None else set()


def can_read_attachment(user: Viewer, attachment: Attachment) -> bool:
    """A reader of the message who also falls within the attachment's own, stricter label."""
    message = attachment.message
    access = message_access(user, message)
    if not access.reads:
        return False
    person = active_person(user)
    assert person is not None  # noqa: S101  (a reader is a person)
    label = attachment.tlp
    if label in {TLP.CLEAR, TLP.GREEN} or label == message.tlp:
        return True
    root = message.root
    named = root.named.filter(pk=person.pk).exists()
    if person.pk == message.author_id or named:
        return True
    if label == TLP.RED:
        return False
    units = set(_units_of(person, message.body))
    if message.author_unit_id in units or access.own_units:
        return True
    return label == TLP.AMBER and bool(
        _patrons_of(units, message.body)
        & set(Receipt.objects.filter(message=message).values_list("unit_id", flat=True))
    )


def can_read_message(user: Viewer, message: Message) -> bool:
    return message_access(user, message).reads


def posting_units(user: Viewer, body: Body) -> QuerySet[Unit]:
    """The units this person may post for."""
    person = active_person(user)
    if person is None:
        return Unit.objects.none()
    acting = [u for u, roles in _units_of(person, body).items() if roles & ACTING_ROLES]
    return Unit.objects.filter(body=body, pk__in=acting).order_by("name")


def can_post(user: Viewer, body: Body) -> bool:
    return posting_units(user, body).exists()


def can_post_for(user: Viewer, unit: Unit) -> bool:
    return posting_units(user, unit.body).filter(pk=unit.pk).exists()


def can_decide_forward(user: Viewer, forward: Forward) -> bool:
    return message_access(user, forward.message).author_side


def can_see_exchange_matrix(user: Viewer, body: Body) -> bool:
    return bool(roles_in(user, body) & MATRIX_ROLES)


def forward_allowed_at_once(message: Message, from_unit: Unit, to_unit: Unit) -> bool:
    """Whether passing a message on to ``to_unit`` stays within its label, so needs nobody's
    approval. TLP:RED is never passed on (refused before this is asked)."""
    if message.tlp in {TLP.CLEAR, TLP.GREEN}:
        return to_unit.body_id == message.body_id
    if message.tlp == TLP.AMBER:
        return to_unit.pk in clients_of(from_unit)
    return False
