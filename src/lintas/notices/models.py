from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lintas.members.models import Body


class Kind(models.TextChoices):
    """What a notice is about. Each person chooses, per kind, how its notices reach them."""

    REMINDER = "reminder", _("Reminders of reports due or overdue")
    ESCALATION = "escalation", _("Reports still missing after their deadline")
    SUBMITTED = "submitted", _("Reports submitted to the secretariat")
    RETURNED = "returned", _("Reports returned to your unit")
    REFERRAL = "referral", _("Referrals and transfers of cases")
    EMERGENCY_ACCESS = "emergency_access", _("Emergency access to your unit's cases")
    SYNTHESIS = "synthesis", _("Consolidated reports ready")
    NETWORK_MATCH = "network_match", _("Matches between your unit's cases and another unit's")
    MESSAGE = "message", _("Alerts, bulletins and requests sent to your unit, and their updates")
    MESSAGE_CHASE = "message_chase", _("Reminders and escalations of messages not acknowledged")
    FORWARD = "forward", _("Requests to pass on your unit's messages, and their decisions")
    ROLES = "roles", _("Roles granted in your unit")
    EVENTS = "events", _("Events: nominations, surveys to answer and action items due")
    RELEASES = "releases", _("Public releases to sign off")


# The codes a notification is created with (``Notification.kind``) and the kind each is chosen
# under. A code missing here is refused by ``services.notify``: add it with its kind.
KIND_OF_CODE: dict[str, Kind] = {
    "reminder": Kind.REMINDER,
    "escalation": Kind.ESCALATION,
    "submitted": Kind.SUBMITTED,
    "returned": Kind.RETURNED,
    "referral_requested": Kind.REFERRAL,
    "referral_accepted": Kind.REFERRAL,
    "referral_declined": Kind.REFERRAL,
    "referral_overdue": Kind.REFERRAL,
    "glass_broken": Kind.EMERGENCY_ACCESS,
    "synthesis": Kind.SYNTHESIS,
    "network_match": Kind.NETWORK_MATCH,
    "message_received": Kind.MESSAGE,
    "message_updated": Kind.MESSAGE,
    "message_cancelled": Kind.MESSAGE,
    "message_answered": Kind.MESSAGE,
    "message_reminder": Kind.MESSAGE_CHASE,
    "message_escalation": Kind.MESSAGE_CHASE,
    "forward_requested": Kind.FORWARD,
    "forward_decided": Kind.FORWARD,
    "message_match": Kind.NETWORK_MATCH,
    "role_granted": Kind.ROLES,
    "recommendation_owned": Kind.REMINDER,
    "plan_document": Kind.SYNTHESIS,
    "event_nomination": Kind.EVENTS,
    "event_decision": Kind.EVENTS,
    "event_survey": Kind.EVENTS,
    "event_action_due": Kind.EVENTS,
    "release_signoff": Kind.RELEASES,
}


class Delivery(models.TextChoices):
    """How the notices of one kind reach a person. The in-app notice exists whatever the choice."""

    IMMEDIATELY = "immediately", _("By e-mail at once")
    DAILY = "daily", _("In a daily e-mail digest")
    IN_APP = "in_app", _("In the app only")


# Without a choice of their own a person gets every kind by e-mail at once, except the kinds
# that were only ever shown in the app (a busy secretariat would get one e-mail per report).
DEFAULT_DELIVERY: dict[Kind, Delivery] = {
    Kind.SUBMITTED: Delivery.IN_APP,
    Kind.SYNTHESIS: Delivery.IN_APP,
}


def default_delivery(kind: Kind | str) -> Delivery:
    return DEFAULT_DELIVERY.get(Kind(kind), Delivery.IMMEDIATELY)


class Notification(models.Model):
    """A notice for one person, in their language, shown in the app and (by their choice for its
    kind) e-mailed by the worker at once or in the next daily digest."""

    class Email(models.TextChoices):
        NONE = "none", _("not e-mailed")
        NOW = "now", _("to send at once")
        DIGEST = "digest", _("to send in the daily digest")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    body = models.ForeignKey(Body, on_delete=models.CASCADE, null=True, related_name="+")
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # E-mail delivery, worked by the worker (see ``delivery``).
    email = models.CharField(max_length=8, choices=Email.choices, default=Email.NONE)
    email_due_at = models.DateTimeField(null=True, blank=True)  # the next attempt from then on
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_claim = models.CharField(max_length=32, blank=True)  # the run sending it now
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["email", "email_due_at"], name="notices_email_due")]

    def __str__(self) -> str:
        return self.text[:60]


class Preference(models.Model):
    """One person's choice for one kind of notice; no row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    delivery = models.CharField(max_length=16, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notices_preference_unique"),
            models.CheckConstraint(
                condition=models.Q(delivery__in=Delivery.values), name="notices_preference_delivery"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.delivery}"
