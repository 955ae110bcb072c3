"""Joint action phases and their results chain, indicators, evaluations and what they teach.

Texts a body writes in its three languages (titles and descriptions of results and activities)
are ``{"en": …, "vi": …, "id": …}`` dictionaries, read in the page's language by ``localized``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lintas.core.models import TimeStampedModel
from lintas.core.tlp import TLP
from lintas.members.models import Body, Unit
from lintas.reporting import periods
from lintas.reporting.models import Obligation, localized

__all__ = ["localized"]


class Phase(TimeStampedModel):
    """A body's joint action phase (e.g. 2023-2024), with the rules its evaluations apply."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Under way")
        CLOSED = "closed", _("Closed")

    class PeriodType(models.TextChoices):
        QUARTERLY = periods.QUARTERLY, _("Quarterly")
        SIX_MONTHLY = periods.SIX_MONTHLY, _("Six-monthly")
        YEARLY = periods.YEARLY, _("Yearly")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("name"), max_length=200)
    description = models.JSONField(_("description"), default=dict, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    period_type = models.CharField(
        _("reporting period"), max_length=20, choices=PeriodType.choices, default=periods.QUARTERLY
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("previous phase"),
    )
    # The body's rules for an indicator's status: progress towards the target (0 to 1) at or
    # above ``on_track_from`` is on track, at or above ``at_risk_from`` at risk, below off track.
    on_track_from = models.DecimalField(
        _("on track from"), max_digits=4, decimal_places=2, default=Decimal("0.90")
    )
    at_risk_from = models.DecimalField(
        _("at risk from"), max_digits=4, decimal_places=2, default=Decimal("0.60")
    )

    class Meta:
        ordering = ["body", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="plans_phase_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(at_risk_from__lte=models.F("on_track_from")),
                name="plans_phase_rules_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_description(self) -> str:
        return localized(self.description)

    def periods(self) -> list[periods.Period]:
        return periods.periods_between(self.period_type, self.starts_on, self.ends_on)


class Pillar(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="pillars")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.JSONField(_("name"), default=dict)

    class Meta:
        ordering = ["phase", "number"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "number"], name="plans_pillar_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {localized(self.name)}"

    @property
    def display_name(self) -> str:
        return localized(self.name)


class Level(models.TextChoices):
    """IATI's result types, in the order of the chain."""

    IMPACT = "impact", _("Impact")
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")


# IATI 2.03 ResultType codes
IATI_RESULT_TYPE = {Level.OUTPUT: "1", Level.OUTCOME: "2", Level.IMPACT: "3"}


class Result(TimeStampedModel):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="results")
    pillar = models.ForeignKey(
        Pillar,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="results",
        verbose_name=_("pillar"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("contributes to"),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    code = models.CharField(_("code"), max_length=20)
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)

    class Meta:
        ordering = ["phase", "code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "code"], name="plans_result_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {localized(self.title)}"

    @property
    def display_title(self) -> str:
        return localized(self.title)

    @property
    def display_description(self) -> str:
        return localized(self.description)


class Activity(TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DELAYED = "delayed", _("Delayed")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="activities")
    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, related_name="activities", verbose_name=_("result")
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    lead_units = models.ManyToManyField(
        Unit, related_name="activities_led", verbose_name=_("lead units")
    )
    contributing_units = models.ManyToManyField(
        Unit, blank=True, related_name="activities_supported", verbose_name=_("contributing units")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    # The progress updates its lead units owe, through the reporting regime.
    obligation = models.OneToOneField(
        Obligation, on_delete=models.SET_NULL, null=True, blank=True, related_name="activity"
    )
    # Seeded from a recommendation of the previous phase's evaluation.
    from_recommendation = models.ForeignKey(
        "Recommendation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_into",
    )

    class Meta:
        ordering = ["phase", "code", "id"]
        verbose_name_plural = "activities"
        constraints = [
            models.UniqueConstraint(fields=["phase", "code"], name="plans_activity_code_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="plans_activity_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {localized(self.title)}"

    @property
    def display_title(self) -> str:
        return localized(self.title)


class Milestone(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("name"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["activity", "due_on", "id"]

    def __str__(self) -> str:
        return self.name


class Measure(models.TextChoices):
    COUNT = "count", _("Count")
    PERCENTAGE = "percentage", _("Percentage")
    YES_NO = "yes_no", _("Yes / no")
    ORDINAL = "ordinal", _("Scale of 1 to 5")
    QUALITATIVE = "qualitative", _("Qualitative")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


ENTERED = "entered"


class Indicator(TimeStampedModel):
    """An indicator on a result or an activity. Its definition lives in numbered versions:
    actuals and baselines keep the version they were measured under."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="indicators")
    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.JSONField(_("name"), default=dict)
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    # "entered" or the key of a source in ``plans.sources`` (computed from Lintas's own data)
    source = models.CharField(_("source"), max_length=40, default=ENTERED)
    # Who may read the indicator's figures beyond the body: TLP:CLEAR ones may go into a public
    # release (public app); the others stay with the body's members.
    tlp = models.CharField(_("label"), max_length=16, choices=TLP.choices, default=TLP.GREEN)

    class Meta:
        ordering = ["phase", "code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "code"], name="plans_indicator_code_unique"),
            models.CheckConstraint(
                condition=Q(result__isnull=False, activity__isnull=True)
                | Q(result__isnull=True, activity__isnull=False),
                name="plans_indicator_on_result_or_activity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {localized(self.name)}"

    @property
    def display_name(self) -> str:
        return localized(self.name)

    @property
    def is_computed(self) -> bool:
        return self.source != ENTERED


class Definition(models.Model):
    """One version of an indicator's definition and data source."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="definitions")
    number = models.PositiveIntegerField()
    text = models.TextField(_("definition"))
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "number"], name="plans_definition_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} v{self.number}"


class Baseline(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="baselines")
    definition = models.ForeignKey(Definition, on_delete=models.PROTECT, related_name="baselines")
    on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True)
    text = models.TextField(_("text"), blank=True)
    # e.g. "VN" for a country's own baseline; empty for the whole
    disaggregation = models.CharField(_("disaggregation"), max_length=60, blank=True)
    restates = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "on", "disaggregation"]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.on}"


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period_key = models.CharField(_("period"), max_length=32)
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_key"], name="plans_target_period_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_key}"


class Actual(TimeStampedModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    definition = models.ForeignKey(Definition, on_delete=models.PROTECT, related_name="actuals")
    period_key = models.CharField(_("period"), max_length=32)
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True)
    text = models.TextField(_("text"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    evidence_url = models.URLField(_("evidence (link)"), max_length=500, blank=True)
    evidence_name = models.CharField(_("evidence (document)"), max_length=200, blank=True)
    evidence = models.BinaryField(null=True, blank=True)
    computed = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "definition", "period_key"],
                name="plans_actual_period_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period_key}"


class Evaluation(TimeStampedModel):
    class Kind(models.TextChoices):
        MID_TERM = "mid_term", _("Mid-term evaluation")
        FINAL = "final", _("Final evaluation")

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    # Actuals and targets of the periods ending on or before this day are compared.
    as_of = models.DateField(_("as of"))
    findings = models.TextField(_("findings"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["phase", "as_of"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "kind"], name="plans_evaluation_kind_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Learning(TimeStampedModel):
    """What lessons and good practices share: what, context, evidence, who, a TLP label."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    what = models.TextField(_("what"))
    context = models.TextField(_("context"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    who = models.CharField(_("who"), max_length=300, blank=True)
    tlp = models.CharField(_("label"), max_length=16, choices=TLP.choices, default=TLP.GREEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def label(self) -> str:
        return TLP(self.tlp).label


class Lesson(Learning):
    class Meta(Learning.Meta):
        abstract = False


class GoodPractice(Learning):
    """A good practice by the ILO's criteria: it shows results, the link between what was done
    and the results is plausible, and it could be replicated."""

    shows_results = models.BooleanField(_("shows results"), default=False)
    cause_effect = models.BooleanField(_("plausible cause-effect link"), default=False)
    replicable = models.BooleanField(_("potential to replicate"), default=False)

    class Meta(Learning.Meta):
        abstract = False
        constraints = [
            models.CheckConstraint(
                condition=Q(shows_results=True, cause_effect=True, replicable=True),
                name="plans_good_practice_meets_criteria",
            )
        ]


class Recommendation(TimeStampedModel):
    class Response(models.TextChoices):
        PENDING = "pending", _("Awaiting a response")
        ACCEPTED = "accepted", _("Accepted")
        PARTIAL = "partial", _("Partially accepted")
        REJECTED = "rejected", _("Rejected")

    class FollowUp(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField(_("recommendation"))
    owner_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner unit")
    )
    response = models.CharField(
        _("management response"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    response_text = models.TextField(_("response"), blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    follow_up = models.CharField(
        _("follow-up"), max_length=12, choices=FollowUp.choices, default=FollowUp.NOT_STARTED
    )
    follow_up_notes = models.TextField(_("follow-up notes"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["evaluation", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.response != self.Response.REJECTED and self.follow_up != self.FollowUp.DONE


class Priority(models.Model):
    """A priority for the next phase, agreed in an evaluation."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="priorities")
    pillar = models.ForeignKey(Pillar, on_delete=models.SET_NULL, null=True, blank=True)
    text = models.TextField(_("priority"))

    class Meta:
        ordering = ["evaluation", "id"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.text[:80]


class PlanDocument(TimeStampedModel):
    """A phase progress report or an evaluation report, made on the worker as DOCX and PDF."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Phase progress report")
        EVALUATION = "evaluation", _("Evaluation report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="documents")
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, null=True, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    docx = models.BinaryField(null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.phase_id} ({self.status})"


def in_phase(phase: Phase, day: dt.date) -> bool:
    return phase.starts_on <= day <= phase.ends_on
