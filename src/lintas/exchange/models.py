"""Messages between the agencies of a body: alerts, bulletins and requests for information, each
under a TLP 2.0 label, with a receipt per recipient unit that records delivery, reading,
acknowledgement and action, so that how fast information is read and acted on can be measured
like reporting.

A thread is an original message and the messages that refer to it (CAP's ``references``): an
update, an answer, a cancellation. Every message of a thread points at the original
(``thread``), and its label is never looser than the original's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lintas.core.models import TimeStampedModel
from lintas.core.tlp import TLP
from lintas.members.models import Body, Unit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Kind(models.TextChoices):
    ALERT = "alert", _("Alert")
    BULLETIN = "bulletin", _("Bulletin")
    REQUEST = "request", _("Request for information")


class AlertType(models.TextChoices):
    """Typed notices the region uses; each has structured fields of its own (``FIELDS``)."""

    GENERAL = "general", _("General alert")
    PERSON_SOUGHT = "person_sought", _("Missing or trafficked person sought")
    RECRUITER = "recruiter", _("Recruiter or modus operandi warning")
    JOB_OFFER = "job_offer", _("Fraudulent job offer warning")


# The structured fields of each typed alert: code → label. All are optional text.
FIELDS: dict[str, list[tuple[str, StrOrPromise]]] = {
    AlertType.GENERAL: [],
    AlertType.PERSON_SOUGHT: [
        ("name", pgettext_lazy("person", "Name")),
        ("sex", _("Sex")),
        ("age", _("Age")),
        ("last_seen_place", _("Last seen at")),
        ("last_seen_date", _("Last seen on")),
        ("description", _("Description")),
    ],
    AlertType.RECRUITER: [
        ("names", _("Names and aliases")),
        ("phones", _("Phone numbers")),
        ("accounts", _("Social media accounts")),
        ("modus_operandi", _("Modus operandi")),
        ("area", _("Area of operation")),
    ],
    AlertType.JOB_OFFER: [
        ("employer", _("Employer named")),
        ("job", _("Job offered")),
        ("destination", _("Destination")),
        ("channel", _("Where it was posted")),
        ("contacts", _("Contacts given")),
    ],
}


class Priority(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    PRIORITY = "priority", _("Priority")
    URGENT = "urgent", _("Urgent")


class Relation(models.TextChoices):
    ORIGINAL = "original", _("Original")
    UPDATE = "update", _("Update")
    ANSWER = "answer", _("Answer")
    CANCEL = "cancel", _("Cancellation")


class Message(TimeStampedModel):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    alert_type = models.CharField(
        _("type of alert"), max_length=32, choices=AlertType.choices, blank=True
    )
    priority = models.CharField(
        _("priority"), max_length=16, choices=Priority.choices, default=Priority.ROUTINE
    )
    tlp = models.CharField(_("label"), max_length=16, choices=TLP.choices, default=TLP.AMBER)
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("text"), help_text=_("Sanitised HTML."))
    details = models.JSONField(_("details"), default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="messages_written"
    )
    author_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="messages_sent", verbose_name=_("from")
    )
    sent_at = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    answer_by = models.DateTimeField(_("answer by"), null=True, blank=True)
    relation = models.CharField(max_length=16, choices=Relation.choices, default=Relation.ORIGINAL)
    thread = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    derived_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="derivatives",
        help_text=_("The message this lower-label version summarises."),
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Sent to a group whose membership is hidden: readers see the group's name, not its units.
    recipients_hidden = models.BooleanField(default=False)
    recipients_label = models.CharField(max_length=200, blank=True)
    # What full-text search reads: the subject, the text without markup, the typed fields.
    # Indexed by SQLite's FTS5 or PostgreSQL's full-text search (migration 0002).
    search_text = models.TextField(blank=True, editable=False)
    # Named people: under TLP:RED the only readers (with the author); under other labels people
    # told in person, whose unit need not be a recipient.
    named = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="messages_named",
        verbose_name=_("people"),
    )

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["body", "-sent_at"]),
            models.Index(fields=["thread", "sent_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(relation="original", thread__isnull=True)
                | (~Q(relation="original") & Q(thread__isnull=False)),
                name="exchange_message_thread_matches_relation",
            ),
        ]

    def __str__(self) -> str:
        # Not the subject: this string reaches the body's audit log, read by people who may
        # not know that a TLP:RED message exists.
        return f"message #{self.pk}"

    @property
    def root(self) -> Message:
        return self.thread or self

    @property
    def label(self) -> str:
        return TLP(self.tlp).label

    def detail_rows(self) -> list[tuple[StrOrPromise, str]]:
        """The structured fields of a typed alert, labelled, in their order."""
        if not self.alert_type or not self.details:
            return []
        return [
            (label, self.details[code])
            for code, label in FIELDS.get(self.alert_type, [])
            if self.details.get(code)
        ]


class Receipt(models.Model):
    """What became of a message at one recipient unit: each step timestamped, with who took it."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="receipts")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="receipts")
    delivered_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acted_at = models.DateTimeField(null=True, blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action_note = models.TextField(blank=True)
    # Deadlines fixed when the message was delivered, from the body's agreed times.
    acknowledge_due = models.DateTimeField(null=True, blank=True)
    act_due = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    forward = models.ForeignKey(
        "Forward", on_delete=models.SET_NULL, null=True, blank=True, related_name="receipts"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "unit"], name="exchange_receipt_unique"),
        ]
        indexes = [models.Index(fields=["unit", "delivered_at"])]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.unit_id}"


class Reading(models.Model):
    """The first time one person opened a message: what makes it read in their own inbox."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="readings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "user"], name="exchange_reading_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} read by {self.user_id}"


class RecipientGroup(TimeStampedModel):
    """A saved list of units of a body. With ``members_hidden``, the units of the group see the
    group's name only, not who else is in it (bilateral exchanges)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="recipient_groups")
    name = models.CharField(_("name"), max_length=120)
    units = models.ManyToManyField(Unit, related_name="recipient_groups", verbose_name=_("units"))
    members_hidden = models.BooleanField(_("membership hidden from its members"), default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="exchange_group_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ClientLink(models.Model):
    """Under TLP:AMBER a recipient unit may share with its clients. A unit's sub-units are its
    clients; a body names others here."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="client_links")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="client_links")
    client = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "client"], name="exchange_client_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.client_id} client of {self.unit_id}"


class AgreedTime(models.Model):
    """How soon a recipient unit acknowledges and acts on a message of one kind and priority."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="agreed_times")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    priority = models.CharField(_("priority"), max_length=16, choices=Priority.choices)
    acknowledge_hours = models.PositiveIntegerField(_("acknowledge within (hours)"))
    act_hours = models.PositiveIntegerField(_("act or answer within (hours)"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind", "priority"], name="exchange_agreed_time_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}/{self.priority}: {self.acknowledge_hours} h, {self.act_hours} h"


# Used when a body has not agreed its own: (acknowledge, act) in hours.
DEFAULT_HOURS: dict[tuple[str, str], tuple[int, int]] = {
    (Kind.ALERT, Priority.URGENT): (4, 24),
    (Kind.ALERT, Priority.PRIORITY): (24, 72),
    (Kind.ALERT, Priority.ROUTINE): (72, 168),
    (Kind.REQUEST, Priority.URGENT): (24, 72),
    (Kind.REQUEST, Priority.PRIORITY): (48, 168),
    (Kind.REQUEST, Priority.ROUTINE): (72, 336),
    (Kind.BULLETIN, Priority.URGENT): (24, 0),
    (Kind.BULLETIN, Priority.PRIORITY): (72, 0),
    (Kind.BULLETIN, Priority.ROUTINE): (168, 0),
}


class Forward(TimeStampedModel):
    """A recipient passing a message on to more units. Within the label it is delivered at once;
    wider than the label allows, it waits for the author's unit to approve or decline."""

    class State(models.TextChoices):
        DELIVERED = "delivered", _("Delivered")
        PENDING = "pending", _("Waiting for the author's unit")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="forwards")
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_units = models.ManyToManyField(Unit, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    state = models.CharField(max_length=16, choices=State.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]


class Attachment(TimeStampedModel):
    """A file of a message. Its label is never looser than the message's."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    tlp = models.CharField(_("label"), max_length=16, choices=TLP.choices)
    content = models.BinaryField()

    class Meta:
        ordering = ["name"]


class IndicatorHit(models.Model):
    """Indicators written in a message (phones, accounts, handles…) match cases that a unit
    holds. The message's author sees the unit and whom to contact, never the cases (hit /
    no-hit); the holding unit is told once that the author's unit has matching information."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="hits")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    cases = models.PositiveIntegerField()
    kinds = models.JSONField(default=list)  # "phone", "handle"…: never the values
    holder_told = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["message", "unit"], name="exchange_hit_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} matches cases of {self.unit_id}"
