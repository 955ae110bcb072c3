"""Link runs, the networks they found and the evidence behind them.

A run reads every person of every case of a body (TLP:RED left out), links them with the engine
and replaces the body's networks; a network keeps its id while it keeps most of its cases, and an
id that ends leaves a ``NetworkSuccession`` saying what became of it. Indicator values (phones,
accounts, handles…) are personal data: they are stored encrypted, with a keyed blind index
(HMAC) to compare them, never in clear.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lintas.cases.fields import EncryptedTextField
from lintas.core.models import TimeStampedModel


class LinkRun(TimeStampedModel):
    """One linking of a body's case records, with its progress. ``queued → running →
    done | failed``; the networks of the latest run that is done are the body's networks."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Kind(models.TextChoices):
        FULL = "full", _("Full relink")
        UPDATE = "update", _("Update after a change to a case")

    body = models.ForeignKey("members.Body", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FULL)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    stage = models.CharField(max_length=40, blank=True)
    records = models.PositiveIntegerField(default=0)
    cases = models.PositiveIntegerField(default=0)
    networks = models.PositiveIntegerField(default=0)
    hubs = models.PositiveIntegerField(default=0)
    notices = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="networks_progress_le_100"),
        ]

    def __str__(self) -> str:
        return f"link run #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}


class Network(models.Model):
    """Cases joined by shared indicators (hubs excepted) or by the same person.

    ``score`` ranks the list: cases * (1 + (units - 1) / 2 + (countries - 1) / 4), so a network
    spread over several units and countries ranks above a larger one held by a single unit."""

    body = models.ForeignKey("members.Body", on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(LinkRun, on_delete=models.CASCADE, related_name="+")
    size = models.PositiveIntegerField(default=0)  # records (persons in cases)
    persons = models.PositiveIntegerField(default=0)  # distinct persons after resolution
    case_count = models.PositiveIntegerField(default=0)
    unit_count = models.PositiveIntegerField(default=0)
    countries = models.JSONField(default=list)  # ISO codes, not personal data
    first_seen = models.DateField(null=True, blank=True)
    last_seen = models.DateField(null=True, blank=True)
    score = models.FloatField(default=0)

    class Meta:
        ordering = ["-score", "-case_count", "id"]
        indexes = [models.Index(fields=["body", "-score"], name="networks_body_score")]

    def __str__(self) -> str:
        return f"network #{self.pk}"

    @property
    def country_count(self) -> int:
        return len(self.countries)


class NetworkSuccession(models.Model):
    """A network id that a relink ended, and what became of the network: merged into another,
    split among several, or dissolved (none of its cases is in a network any more).

    ``old_id`` and ``successors`` are network ids, not foreign keys: the network is gone, and a
    successor may end in a later relink too (its own succession then says what became of it).
    ``cases`` are the ids of the cases it held when it ended, so that the same people may learn
    its fate as could see it (``policy.can_see_ended_network``); ids only, nothing personal.
    Ids are never given twice, so an ended id never names another network."""

    class Fate(models.TextChoices):
        MERGED = "merged", _("Merged into another network")
        SPLIT = "split", _("Split")
        DISSOLVED = "dissolved", _("Dissolved")

    body = models.ForeignKey("members.Body", on_delete=models.CASCADE, related_name="+")
    old_id = models.PositiveBigIntegerField(unique=True)
    fate = models.CharField(max_length=10, choices=Fate.choices)
    successors = models.JSONField(default=list)  # network ids, largest share of its cases first
    cases = models.JSONField(default=list)  # case ids it held when it ended
    run = models.ForeignKey(LinkRun, on_delete=models.SET_NULL, null=True, related_name="+")
    ended_at = models.DateTimeField()

    class Meta:
        ordering = ["-ended_at", "-id"]

    def __str__(self) -> str:
        return f"ended network #{self.old_id}"


class NetworkCase(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="network_cases")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["network", "id"]
        constraints = [
            models.UniqueConstraint(fields=["network", "case"], name="networks_case_once"),
        ]

    def __str__(self) -> str:
        return f"{self.network} · {self.case}"


class NetworkRecord(models.Model):
    """A person of a case, as a record of a network. ``person`` numbers the resolved persons
    within the network: records with the same number are the same person."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="records")
    entry = models.ForeignKey(NetworkCase, on_delete=models.CASCADE, related_name="records")
    record = models.ForeignKey("cases.CasePerson", on_delete=models.CASCADE, related_name="+")
    person = models.PositiveIntegerField()

    class Meta:
        ordering = ["network", "person", "id"]

    def __str__(self) -> str:
        return f"{self.network} · {self.record}"


class NetworkIndicator(models.Model):
    """A phone, e-mail, handle, URL, account or document that links records of a network, or a
    hub held by them (shown greyed, never joining). The value is encrypted; ``blind`` is an
    HMAC of it under a key derived from the field key, to compare without decrypting."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(max_length=12)
    value = EncryptedTextField()
    blind = models.CharField(max_length=64, db_index=True)
    is_hub = models.BooleanField(default=False)
    hub_reason = models.CharField(max_length=200, blank=True)  # figures only, never the value
    holders = models.ManyToManyField(NetworkRecord, related_name="indicators")

    class Meta:
        ordering = ["network", "is_hub", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.network} · indicator #{self.pk}"


class NetworkMatch(models.Model):
    """Two records the engine found to be the same person, with the figures that say why
    (``name 0.97, date of birth equal (score 11)``: levels, never values)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="matches")
    a = models.ForeignKey(NetworkRecord, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(NetworkRecord, on_delete=models.CASCADE, related_name="+")
    detail = models.CharField(max_length=200)

    class Meta:
        ordering = ["network", "id"]

    def __str__(self) -> str:
        return f"{self.network} · match #{self.pk}"


class MatchNotice(models.Model):
    """Two cases of different units found in one network while one unit may not read the
    other's case: both units were told once (hit / no-hit). The row makes that "once"."""

    body = models.ForeignKey("members.Body", on_delete=models.CASCADE, related_name="+")
    case_low = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    case_high = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(LinkRun, on_delete=models.SET_NULL, null=True, related_name="+")
    notified_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-notified_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case_low", "case_high"], name="networks_notice_once"),
            models.CheckConstraint(
                condition=Q(case_low__lt=models.F("case_high")), name="networks_notice_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"match notice #{self.pk}"


class NetworkDisruption(models.Model):
    """An analyst's mark that a network was disrupted (arrests, a shut-down operation), counted
    by the plans' indicator of networks disrupted. ``network_id`` is an id, not a foreign key,
    as for a succession: a later relink may end the network, and the mark stays."""

    body = models.ForeignKey("members.Body", on_delete=models.CASCADE, related_name="+")
    network_id = models.PositiveBigIntegerField(unique=True)
    disrupted_on = models.DateField(_("disrupted on"))
    note = models.TextField(_("note"), blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-disrupted_on", "-id"]
        indexes = [models.Index(fields=["body", "disrupted_on"], name="networks_disrupted_on")]

    def __str__(self) -> str:
        return f"network #{self.network_id} disrupted"
