"""Events of a body: conferences, trainings, meetings.

An event has days (``starts_on`` … ``ends_on`` in its own time zone), rooms, and sessions: a
block of time in one room (or a break for everyone) holding ordered contributions, each with
its presenters. Delegates are nominated by the units invited (each within its quota) or added by
the organisers (outside experts), and approved by the organisers; each carries a badge code, the
key of its QR code. Check-ins record presence per day and per session, one row each, so two
scans of one badge make one check-in. The event, each session and each material carry a TLP
label and the Chatham House flag; a session is never looser than its event, a material never
looser than its session.
"""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lintas.core.models import TimeStampedModel
from lintas.core.tlp import TLP
from lintas.members.models import LANGUAGE_CHOICES, Body, Unit


def new_code() -> str:
    """A code for a badge or a certificate: unguessable, short enough for a QR code to scan
    well and for a person to type (no look-alike characters)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Event(TimeStampedModel):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        TRAINING = "training", _("Training")
        MEETING = "meeting", _("Meeting")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64)
    languages = models.JSONField(_("languages"), default=list)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    organisers = models.ManyToManyField(Unit, related_name="organised_events", blank=True)
    tlp = models.CharField(_("label"), max_length=16, choices=TLP.choices, default=TLP.GREEN)
    chatham_house = models.BooleanField(_("Chatham House Rule"), default=False)
    # The rule for certificates of attendance: at least this many sessions attended, and/or
    # every mandatory session attended. Neither set: no certificates.
    certificate_min_sessions = models.PositiveIntegerField(
        _("sessions needed for a certificate"), null=True, blank=True
    )
    certificate_all_mandatory = models.BooleanField(
        _("all mandatory sessions needed for a certificate"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="events_event_days_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def days(self) -> list[dt.date]:
        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + dt.timedelta(days=i) for i in range(count)]

    @property
    def certificates_offered(self) -> bool:
        return bool(self.certificate_min_sessions) or self.certificate_all_mandatory


class Room(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("room"), max_length=120)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="events_room_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Delegate(TimeStampedModel):
    """A person at an event: a unit's delegate within its quota, or someone the organisers
    add (an outside expert, an organiser's own staff)."""

    class Role(models.TextChoices):
        DELEGATE = "delegate", _("Delegate")
        HEAD = "head", _("Head of delegation")
        EXPERT = "expert", _("Outside expert")
        ORGANISER = "organiser", _("Organiser")
        OBSERVER = "observer", _("Observer")

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="delegates")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.DELEGATE)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOMINATED
    )
    language = models.CharField(
        _("language of documents"), max_length=8, choices=LANGUAGE_CHOICES, default="en"
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=250, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=250, blank=True)
    needs_visa_letter = models.BooleanField(_("needs a visa invitation letter"), default=False)
    nationality = models.CharField(_("nationality"), max_length=80, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=40, blank=True)
    travel_support = models.BooleanField(_("asks for travel support"), default=False)
    badge_code = models.CharField(max_length=16, unique=True, default=new_code, editable=False)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return self.full_name


class Session(TimeStampedModel):
    """A block of the agenda: in one room, or for everyone when it is a break or a plenary
    without a room."""

    class Kind(models.TextChoices):
        SESSION = "session", _("Session")
        PLENARY = "plenary", _("Plenary")
        BREAK = "break", pgettext_lazy("agenda", "Break")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SESSION)
    title = models.CharField(_("title"), max_length=250)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    tlp = models.CharField(_("label"), max_length=16, choices=TLP.choices, default=TLP.GREEN)
    chatham_house = models.BooleanField(_("Chatham House Rule"), default=False)
    mandatory = models.BooleanField(_("mandatory"), default=False)
    chairs = models.ManyToManyField(Delegate, related_name="chaired", blank=True)

    class Meta:
        ordering = ["starts_at", "room__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="events_session_ends_after"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_break(self) -> bool:
        return self.kind == self.Kind.BREAK


class Invitation(TimeStampedModel):
    """A unit invited to an event, with the number of delegates it may nominate."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="event_invitations")
    quota = models.PositiveIntegerField(_("quota"))

    class Meta:
        ordering = ["unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "unit"], name="events_invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.quota}"


class Contribution(TimeStampedModel):
    """A talk, a presentation, an update within a session, in its order."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="contributions")
    title = models.CharField(_("title"), max_length=250)
    position = models.PositiveIntegerField(default=0)
    presenters = models.ManyToManyField(Delegate, related_name="presentations", blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class CheckIn(models.Model):
    """Presence of a delegate: on a day (``session`` empty) or at a session. One row each, so
    a second scan of the same badge finds the first and changes nothing."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="check_ins")
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="check_ins")
    day = models.DateField()
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="check_ins"
    )
    at = models.DateTimeField()
    point = models.CharField(_("check-in point"), max_length=60, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegate", "day"],
                condition=Q(session__isnull=True),
                name="events_checkin_day_once",
            ),
            models.UniqueConstraint(
                fields=["delegate", "session"],
                condition=Q(session__isnull=False),
                name="events_checkin_session_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegate_id} {self.day} {self.session_id or ''}".strip()


class Material(TimeStampedModel):
    """A presentation or a document of a contribution, under its own label."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=250)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    tlp = models.CharField(_("label"), max_length=16, choices=TLP.choices)
    chatham_house = models.BooleanField(_("Chatham House Rule"), default=False)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class Survey(TimeStampedModel):
    """Feedback on an event or a session, or a training's test before or after."""

    class Kind(models.TextChoices):
        FEEDBACK = "feedback", _("Feedback")
        PRE_TEST = "pre_test", _("Pre-test")
        POST_TEST = "post_test", _("Post-test")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="surveys")
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="surveys"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    anonymous = models.BooleanField(_("anonymous"), default=False)

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="feedback") | Q(anonymous=False),
                name="events_survey_tests_named",
            ),
            models.UniqueConstraint(
                fields=["event", "kind"],
                condition=Q(kind__in=["pre_test", "post_test"]),
                name="events_survey_one_test_each",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_test(self) -> bool:
        return self.kind != self.Kind.FEEDBACK


class Question(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", _("Rating from 1 to 5")
        TEXT = "text", _("Comment")
        CHOICE = "choice", _("Multiple choice")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    choices = models.JSONField(default=list, blank=True)
    correct = models.PositiveIntegerField(null=True, blank=True)  # index into choices (tests)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Responder(models.Model):
    """Who has answered a survey (kept apart from the answers, which an anonymous survey does
    not link to anyone)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responders")
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "delegate"], name="events_responder_once")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} {self.delegate_id}"


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    delegate = models.ForeignKey(
        Delegate, on_delete=models.CASCADE, null=True, blank=True, related_name="responses"
    )  # empty when the survey is anonymous
    answers = models.JSONField(default=dict)  # question id (text) -> value
    score = models.FloatField(null=True, blank=True)  # share of right answers, 0..100 (tests)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.survey_id} #{self.pk}"


class Certificate(models.Model):
    """A certificate of attendance. Its code is the key of the public verification page."""

    delegate = models.OneToOneField(Delegate, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(max_length=16, unique=True, default=new_code, editable=False)
    language = models.CharField(max_length=8, choices=LANGUAGE_CHOICES)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return self.code


class ActionItem(TimeStampedModel):
    """A decision or an action an event agreed: an action has an owner unit and a due date and
    is followed until done."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        ACTION = "action", _("Action")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="action_items")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ACTION)
    text = models.TextField(_("text"))
    owner_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="event_actions"
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    note = models.TextField(_("progress note"), blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)  # the last reminder, claimed once a day

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="decision")
                | (Q(owner_unit__isnull=False) & Q(due_on__isnull=False)),
                name="events_action_owner_and_due",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]
