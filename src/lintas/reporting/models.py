from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lintas.core.models import TimeStampedModel
from lintas.members.models import Body, Unit
from lintas.reporting import periods


def localized(texts: dict[str, str] | None, language: str | None = None) -> str:
    """Pick the text in the current language from a {"en": …, "vi": …, "id": …} dict."""
    if not texts:
        return ""
    lang = (language or get_language() or "en")[:2]
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


class ReportTemplate(TimeStampedModel):
    """A kind of report a body collects; its content lives in numbered versions."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="report_templates")
    code = models.SlugField(_("code"), max_length=60)
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "code"], name="reporting_template_code_unique")
        ]
        ordering = ["code"]

    def __str__(self) -> str:
        return localized(self.name) or self.code

    @property
    def display_name(self) -> str:
        return localized(self.name) or self.code


class TemplateVersion(TimeStampedModel):
    """One version of a template. A version with submissions is never edited: editing makes the
    next version, and old submissions keep theirs."""

    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("what changed"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"], name="reporting_version_number_unique"
            )
        ]
        ordering = ["template", "-number"]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"


class Section(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(default=0)
    code = models.SlugField(max_length=60)
    title = models.JSONField(default=dict)
    help = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="reporting_section_unique")
        ]

    def __str__(self) -> str:
        return localized(self.title) or self.code

    @property
    def display_title(self) -> str:
        return localized(self.title) or self.code


class Field(models.Model):
    class Type(models.TextChoices):
        INTEGER = "integer", _("Whole number")
        DECIMAL = "decimal", _("Decimal number")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        CHOICE = "choice", _("Choice")
        MULTI_CHOICE = "multi_choice", _("Multiple choice")
        DATE = "date", _("Date")
        YES_NO = "yes_no", _("Yes / no")
        TABLE = "table", _("Table")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("Sum")
        MEAN = "mean", _("Mean")
        MIN = "min", _("Minimum")
        MAX = "max", _("Maximum")
        NONE = "none", _("None")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="fields")
    order = models.PositiveIntegerField(default=0)
    code = models.SlugField(max_length=60)
    type = models.CharField(max_length=20, choices=Type.choices)
    label = models.JSONField(default=dict)
    help = models.JSONField(default=dict, blank=True)
    required = models.BooleanField(default=False)
    # {"field": "code", "equals": value}: required when another field has that value
    required_if = models.JSONField(null=True, blank=True)
    # Hard limits refuse an answer; soft limits only warn, and a warned answer needs a comment
    # before the report is submitted. 21 digits: any answer (validation.LARGEST) and 6 decimals.
    min_value = models.DecimalField(max_digits=21, decimal_places=6, null=True, blank=True)
    max_value = models.DecimalField(max_digits=21, decimal_places=6, null=True, blank=True)
    soft_min = models.DecimalField(max_digits=21, decimal_places=6, null=True, blank=True)
    soft_max = models.DecimalField(max_digits=21, decimal_places=6, null=True, blank=True)
    max_length = models.PositiveIntegerField(null=True, blank=True)
    # [{"value": "a", "label": {"en": …}}] for choice fields
    choices = models.JSONField(default=list, blank=True)
    # sub-fields of a table: [{"code": …, "type": "integer|decimal|short_text|date|choice",
    #                          "label": {…}, "required": bool, "choices": […]}]
    columns = models.JSONField(default=list, blank=True)
    aggregation = models.CharField(
        max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return localized(self.label) or self.code

    @property
    def display_label(self) -> str:
        return localized(self.label) or self.code

    @property
    def display_help(self) -> str:
        return localized(self.help)

    @property
    def is_numeric(self) -> bool:
        return self.type in {self.Type.INTEGER, self.Type.DECIMAL}

    def choice_label(self, value: Any) -> str:
        for choice in self.choices or []:
            if choice.get("value") == value:
                return localized(choice.get("label")) or str(value)
        return str(value)


class ValidationRule(models.Model):
    """A rule across fields: ``left`` ≤ ``right`` (or <, =, ≥, >)."""

    class Operator(models.TextChoices):
        LTE = "lte", "≤"
        LT = "lt", "<"
        EQ = "eq", "="
        GTE = "gte", "≥"
        GT = "gt", ">"

    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="rules")
    left = models.SlugField(max_length=60)
    operator = models.CharField(max_length=3, choices=Operator.choices, default=Operator.LTE)
    right = models.SlugField(max_length=60)
    message = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.left} {self.get_operator_display()} {self.right}"


class Obligation(TimeStampedModel):
    """Which units owe which template, for which periods, and by when."""

    class PeriodType(models.TextChoices):
        MONTHLY = periods.MONTHLY, _("Monthly")
        QUARTERLY = periods.QUARTERLY, _("Quarterly")
        SIX_MONTHLY = periods.SIX_MONTHLY, _("Six-monthly")
        YEARLY = periods.YEARLY, _("Yearly")
        CUSTOM = periods.CUSTOM, _("Explicit ranges")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="obligations")
    template = models.ForeignKey(
        ReportTemplate, on_delete=models.PROTECT, related_name="obligations"
    )
    name = models.JSONField(_("name"), default=dict, blank=True)
    units = models.ManyToManyField(Unit, related_name="obligations")
    period_type = models.CharField(_("period"), max_length=20, choices=PeriodType.choices)
    # [["2024-01-01", "2024-06-30"], …] when period_type is custom
    custom_periods = models.JSONField(default=list, blank=True)
    starts_on = models.DateField(_("first period starts"))
    ends_on = models.DateField(_("last period ends"), null=True, blank=True)
    due_days = models.PositiveIntegerField(_("due days after the period"), default=15)
    timely_days = models.PositiveIntegerField(_("days after the period that count as on time"))
    expiry_days = models.PositiveIntegerField(
        _("days after the period when submission locks"), null=True, blank=True
    )
    requires_validation = models.BooleanField(_("validated by the unit first"), default=False)
    reminder_days_before = models.JSONField(default=list, blank=True)  # e.g. [7, 1]
    reminder_days_after = models.JSONField(default=list, blank=True)  # e.g. [1, 7]
    escalation_days = models.PositiveIntegerField(null=True, blank=True)  # e.g. 14
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["body", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expiry_days__isnull=True) | Q(expiry_days__gte=models.F("due_days")),
                name="reporting_obligation_expiry_after_due",
            ),
        ]

    def __str__(self) -> str:
        return localized(self.name) or f"{self.template} · {self.get_period_type_display()}"

    @property
    def display_name(self) -> str:
        return str(self)

    def clean(self) -> None:
        super().clean()
        if self.expiry_days is not None and self.expiry_days < self.due_days:
            raise ValidationError({"expiry_days": _("The lock cannot come before the deadline.")})
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The obligation ends before it starts.")})
        if self.period_type == periods.CUSTOM and not self.custom_periods:
            raise ValidationError({"custom_periods": _("Give at least one range.")})

    def custom_ranges(self) -> list[tuple[dt.date, dt.date]]:
        return [
            (dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in self.custom_periods
        ]

    def periods_until(self, last_day: dt.date) -> list[periods.Period]:
        end = min(last_day, self.ends_on) if self.ends_on else last_day
        return periods.periods_between(self.period_type, self.starts_on, end, self.custom_ranges())

    def period(self, key: str) -> periods.Period:
        kind, period = periods.parse_key(key)
        if kind != self.period_type:
            raise ValueError(f"{key} is not a {self.get_period_type_display()} period")
        if period.end < self.starts_on or (self.ends_on and period.start > self.ends_on):
            raise ValueError(f"{key} is outside this obligation")
        if kind == periods.CUSTOM and (period.start, period.end) not in self.custom_ranges():
            raise ValueError(f"{key} is not one of this obligation's ranges")
        return period

    def deadlines(self, period: periods.Period) -> Any:
        from lintas.reporting.measures import Deadlines

        return Deadlines(
            due=periods.day_after(period, self.due_days),
            timely=periods.day_after(period, self.timely_days),
            expiry=periods.day_after(period, self.expiry_days)
            if self.expiry_days is not None
            else None,
        )


class Submission(TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING_VALIDATION = "awaiting_validation", _("Awaiting validation")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned")

    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="submissions")
    period_key = models.CharField(max_length=32)
    period_start = models.DateField()
    period_end = models.DateField()
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=24, choices=State.choices, default=State.DRAFT)
    data = models.JSONField(default=dict, blank=True)
    # {field code: text}: the unit's comments on its numeric answers (why a figure is unusual)
    comments = models.JSONField(default=dict, blank=True)
    # Bumped by every save: a save that names an older revision is refused (no silent overwrite).
    revision = models.PositiveIntegerField(default=1)
    required_filled = models.PositiveIntegerField(default=0)
    required_total = models.PositiveIntegerField(default=0)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    first_complete_at = models.DateTimeField(null=True, blank=True)
    # The day first_complete_at fell on in the body's calendar: what timeliness is counted from.
    # Kept so the matrix compares dates instead of converting tens of thousands of instants.
    first_complete_on = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-period_start", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "unit", "period_key"], name="reporting_submission_unique"
            ),
        ]
        indexes = [models.Index(fields=["obligation", "period_start"])]

    def __str__(self) -> str:
        return f"{self.obligation.template} · {self.unit} · {self.period_key}"

    @property
    def completeness(self) -> float:
        if self.required_total == 0:
            return 1.0
        return self.required_filled / self.required_total

    @property
    def is_editable_state(self) -> bool:
        return self.state in {self.State.DRAFT, self.State.RETURNED}


class SubmissionRevision(models.Model):
    """Every saved version of a submission's answers, kept for comparison."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=24)
    data = models.JSONField(default=dict)
    comments = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    source = models.CharField(max_length=20, default="web")  # web | api | xlsx

    class Meta:
        ordering = ["submission", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="reporting_revision_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} r{self.number} ({self.state})"


class Transition(models.Model):
    """One move of a submission through its states, with who, when and why."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=24)
    to_state = models.CharField(max_length=24)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["submission", "at", "id"]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.from_state} → {self.to_state}"


class PeriodException(TimeStampedModel):
    """The secretariat reopens a locked period for one unit, until a day."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="exceptions")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(max_length=32)
    open_until = models.DateField()
    reason = models.TextField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "unit", "period_key"], name="reporting_exception_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period_key} open until {self.open_until}"


class ReminderLog(models.Model):
    """One reminder sent for one unit and period: the unique key makes sending idempotent."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(max_length=32)
    kind = models.CharField(max_length=24)  # before:7, after:1, escalation
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "unit", "period_key", "kind"],
                name="reporting_reminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.unit_id} {self.period_key}"
