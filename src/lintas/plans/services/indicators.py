"""Indicators: their definitions in versions, baselines, targets per period and actuals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP
from lintas.plans import policy, sources
from lintas.plans.models import (
    ENTERED,
    Activity,
    Actual,
    Baseline,
    Definition,
    Direction,
    Indicator,
    Measure,
    Phase,
    Result,
    Target,
)
from lintas.plans.services.common import allow, full_clean, phase_period, texts
from lintas.plans.values import read_value

EVIDENCE_LIMIT = 10 * 1024 * 1024


@transaction.atomic
def add_indicator(
    *,
    code: str,
    name: Mapping[str, str],
    measure: str,
    definition: str,
    by: policy.Actor,
    result: Result | None = None,
    activity: Activity | None = None,
    direction: str = Direction.HIGHER,
    data_source: str = "",
    source: str = ENTERED,
) -> Indicator:
    owner = result or activity
    if owner is None or (result is not None and activity is not None):
        raise LintasError(_("An indicator belongs to one result or one activity."), field="result")
    phase = owner.phase
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    if measure not in Measure.values:
        raise LintasError(_("Choose a measure."), field="measure")
    if direction not in Direction.values:
        raise LintasError(_("Choose a direction."), field="direction")
    if source != ENTERED and source not in sources.REGISTRY:
        raise LintasError(_("Unknown source."), field="source")
    if source != ENTERED and sources.REGISTRY[source].measure != measure:
        raise LintasError(
            _("This source gives a %(measure)s.")
            % {"measure": Measure(sources.REGISTRY[source].measure).label},
            field="measure",
        )
    if not (definition or "").strip():
        raise LintasError(_("Define the indicator."), field="definition")
    indicator = Indicator(
        phase=phase,
        result=result,
        activity=activity,
        code=(code or "").strip(),
        name=texts(name, field="name"),
        measure=measure,
        direction=direction,
        source=source,
    )
    full_clean(indicator)
    indicator.save()
    Definition.objects.create(
        indicator=indicator,
        number=1,
        text=definition.strip(),
        data_source=(data_source or "").strip()[:300],
        created_by=policy.acting_user(by),
    )
    log_action("plans.indicator.added", actor=by, body=phase.body, target=indicator)
    return indicator


def current_definition(indicator: Indicator) -> Definition:
    found = indicator.definitions.order_by("-number").first()
    if found is None:  # every indicator is made with its first version
        raise LintasError(_("This indicator has no definition."), field="definition")
    return found


@transaction.atomic
def change_definition(
    indicator: Indicator,
    *,
    text: str,
    by: policy.Actor,
    data_source: str | None = None,
    note: str = "",
    restate_baseline: bool | None = None,
    baseline_value: object = None,
) -> Definition:
    """A new version of the definition. Actuals and baselines keep the version they were
    measured under; when there is a baseline the caller must say whether it is restated under
    the new definition (and give the restated value)."""
    phase = indicator.phase
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    if not (text or "").strip():
        raise LintasError(_("Define the indicator."), field="text")
    old = current_definition(indicator)
    baselines = list(indicator.baselines.filter(definition=old))
    if baselines and restate_baseline is None:
        raise LintasError(
            _("Say whether the baseline is restated under the new definition."),
            field="restate_baseline",
        )
    restated: tuple[Decimal | None, str] | None = None
    if baselines and restate_baseline:
        restated = read_value(indicator.measure, baseline_value, field="baseline_value")
    new = Definition.objects.create(
        indicator=indicator,
        number=old.number + 1,
        text=text.strip(),
        data_source=(old.data_source if data_source is None else data_source.strip())[:300],
        note=(note or "").strip()[:300],
        created_by=policy.acting_user(by),
    )
    if restated is not None:
        for baseline in baselines:
            if baseline.disaggregation:
                continue
            Baseline.objects.create(
                indicator=indicator,
                definition=new,
                on=baseline.on,
                value=restated[0],
                text=restated[1],
                restates=baseline,
            )
    log_action(
        "plans.indicator.redefined",
        actor=by,
        body=phase.body,
        target=indicator,
        data={"version": new.number, "baseline_restated": bool(restated)},
    )
    return new


@transaction.atomic
def add_baseline(
    indicator: Indicator,
    *,
    on: dt.date,
    value: object,
    by: policy.Actor,
    disaggregation: str = "",
) -> Baseline:
    phase = indicator.phase
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    if on is None:
        raise LintasError(_("Give the baseline's date."), field="on")
    number, text = read_value(indicator.measure, value)
    baseline = Baseline.objects.create(
        indicator=indicator,
        definition=current_definition(indicator),
        on=on,
        value=number,
        text=text,
        disaggregation=(disaggregation or "").strip()[:60],
    )
    log_action(
        "plans.baseline.added",
        actor=by,
        body=phase.body,
        target=indicator,
        data={"on": on.isoformat(), "value": str(number if number is not None else text)},
    )
    return baseline


@transaction.atomic
def set_label(indicator: Indicator, *, tlp: str, by: policy.Actor) -> Indicator:
    """Label the indicator's figures; only TLP:CLEAR or TLP:GREEN (a plan's figures are the
    body's or the public's)."""
    phase = indicator.phase
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    if tlp not in (TLP.CLEAR, TLP.GREEN):
        raise LintasError(
            _("An indicator is labelled TLP:CLEAR (public) or TLP:GREEN (the body's members)."),
            field="tlp",
        )
    before = indicator.tlp
    indicator.tlp = tlp
    indicator.save(update_fields=["tlp", "updated_at"])
    log_action(
        "plans.indicator.labelled",
        actor=by,
        body=phase.body,
        target=indicator,
        data={"from": before, "to": tlp},
    )
    return indicator


@transaction.atomic
def set_target(indicator: Indicator, *, period_key: str, value: object, by: policy.Actor) -> Target:
    phase = indicator.phase
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    period = phase_period(phase, period_key)
    number, text = read_value(indicator.measure, value)
    target, _created = Target.objects.update_or_create(
        indicator=indicator,
        period_key=period.key,
        defaults={
            "period_start": period.start,
            "period_end": period.end,
            "value": number,
            "text": text,
        },
    )
    log_action(
        "plans.target.set",
        actor=by,
        body=phase.body,
        target=indicator,
        data={"period": period.key, "value": str(number if number is not None else text)},
    )
    return target


def _save_actual(
    indicator: Indicator,
    *,
    period_key: str,
    number: Decimal | None,
    text: str,
    computed: bool,
    by: policy.Actor,
    comment: str = "",
    evidence_url: str = "",
    evidence_name: str = "",
    evidence: bytes | None = None,
) -> Actual:
    phase = indicator.phase
    period = phase_period(phase, period_key)
    defaults: dict[str, object] = {
        "period_start": period.start,
        "period_end": period.end,
        "value": number,
        "text": text,
        "comment": comment,
        "evidence_url": evidence_url,
        "computed": computed,
        "entered_by": policy.acting_user(by),
    }
    if evidence is not None:
        defaults |= {"evidence_name": evidence_name, "evidence": evidence}
    actual, _created = Actual.objects.update_or_create(
        indicator=indicator,
        definition=current_definition(indicator),
        period_key=period.key,
        defaults=defaults,
    )
    return actual


@transaction.atomic
def record_actual(
    indicator: Indicator,
    *,
    period_key: str,
    value: object,
    by: policy.Actor,
    comment: str = "",
    evidence_url: str = "",
    evidence_name: str = "",
    evidence: bytes | None = None,
) -> Actual:
    """The actual of one period, kept with the definition in force; a second entry for the same
    period and definition replaces the first (the audit log keeps both)."""
    phase = indicator.phase
    if indicator.is_computed:
        raise LintasError(
            _("This indicator is computed from Lintas's own data; it is not entered."),
            field="value",
        )
    allow(by, lambda p: policy.can_record_actual(p, indicator))
    number, text = read_value(indicator.measure, value)
    evidence_url = (evidence_url or "").strip()
    if evidence_url:
        try:
            URLValidator(schemes=["http", "https"])(evidence_url)
        except ValidationError:
            raise LintasError(_("Give a web address (https://…)."), field="evidence_url") from None
    if evidence is not None and len(evidence) > EVIDENCE_LIMIT:
        raise LintasError(_("The evidence file is larger than 10 MB."), field="evidence")
    if evidence is not None and not (evidence_name or "").strip():
        raise LintasError(_("Name the evidence file."), field="evidence")
    actual = _save_actual(
        indicator,
        period_key=period_key,
        number=number,
        text=text,
        computed=False,
        by=by,
        comment=(comment or "").strip()[:5000],
        evidence_url=(evidence_url or "").strip(),
        evidence_name=(evidence_name or "").strip()[:200],
        evidence=evidence,
    )
    log_action(
        "plans.actual.recorded",
        actor=by,
        body=phase.body,
        target=indicator,
        data={"period": actual.period_key, "value": str(number if number is not None else text)},
    )
    return actual


@transaction.atomic
def compute_actuals(phase: Phase, *, by: policy.Actor, today: dt.date | None = None) -> int:
    """Recompute every computed indicator of the phase for each period that has ended."""
    allow(by, lambda p: policy.can_manage_plans(p, phase.body))
    today = today or timezone.localdate(timezone.now(), phase.body.tzinfo)
    made = 0
    indicators = list(phase.indicators.exclude(source=ENTERED))
    for period in phase.periods():
        if period.end >= today:
            break
        for indicator in indicators:
            value = sources.REGISTRY[indicator.source].compute(phase.body, period.start, period.end)
            if value is None:
                continue
            _save_actual(
                indicator,
                period_key=period.key,
                number=Decimal(value).quantize(Decimal("0.01")),
                text="",
                computed=True,
                by=policy.SYSTEM,
            )
            made += 1
    log_action(
        "plans.indicators.computed", actor=by, body=phase.body, target=phase, data={"actuals": made}
    )
    return made
