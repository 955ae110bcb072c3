"""Certificates of attendance, issued by the rule the organisers set."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.events import policy
from lintas.events.models import Certificate, CheckIn, Delegate, Event, Session
from lintas.policy import Actor, acting_user


@dataclass(frozen=True)
class Standing:
    """Where a delegate stands against the event's rule."""

    attended: int
    missed_mandatory: list[str]
    reason: str  # empty when the rule is met

    @property
    def met(self) -> bool:
        return not self.reason


def standing(delegate: Delegate) -> Standing:
    event = delegate.event
    attended_ids = set(
        CheckIn.objects.filter(delegate=delegate, session__isnull=False).values_list(
            "session_id", flat=True
        )
    )
    missed = []
    if event.certificate_all_mandatory:
        mandatory = Session.objects.filter(event=event, mandatory=True).order_by("starts_at")
        missed = [s.title for s in mandatory if s.pk not in attended_ids]
    reason = ""
    if not event.certificates_offered:
        reason = _("This event issues no certificates.")
    elif delegate.status != Delegate.Status.APPROVED:
        reason = _("%(name)s is not an approved delegate.") % {"name": delegate.full_name}
    elif event.certificate_min_sessions and len(attended_ids) < event.certificate_min_sessions:
        reason = ngettext(
            "%(name)s attended %(count)d session; the rule asks for %(needed)d.",
            "%(name)s attended %(count)d sessions; the rule asks for %(needed)d.",
            len(attended_ids),
        ) % {
            "name": delegate.full_name,
            "count": len(attended_ids),
            "needed": event.certificate_min_sessions,
        }
    elif missed:
        reason = _('%(name)s missed the mandatory session "%(session)s".') % {
            "name": delegate.full_name,
            "session": missed[0],
        }
    return Standing(len(attended_ids), missed, reason)


def certificate_language(delegate: Delegate) -> str:
    """The participant's language when the event is held in it, else the event's first."""
    languages = delegate.event.languages or ["en"]
    return delegate.language if delegate.language in languages else languages[0]


@transaction.atomic
def issue_certificate(*, delegate: Delegate, by: Actor) -> Certificate:
    """Issue (or give again) a delegate's certificate: asked by the organisers or by the
    delegate, refused with the reason when the rule is not met."""
    event = delegate.event
    if by is not policy.SYSTEM:
        own = delegate.user_id is not None and delegate.user_id == getattr(by, "pk", None)
        if not own:
            policy.hide(policy.visible_events(by, event.body).filter(pk=event.pk).exists())
            policy.require(policy.can_organise(by, event))
    existing = Certificate.objects.filter(delegate=delegate).first()
    if existing is not None:
        return existing
    where = standing(delegate)
    if not where.met:
        raise LintasError(where.reason, field="certificate")
    certificate = Certificate.objects.create(
        delegate=delegate,
        language=certificate_language(delegate),
        issued_at=timezone.now(),
        issued_by=acting_user(by),
    )
    log_action(
        "events.certificate.issued",
        actor=acting_user(by),
        body=event.body,
        target=delegate,
        data={"code": certificate.code, "language": certificate.language},
    )
    return certificate


def issue_certificates(*, event: Event, by: Actor) -> tuple[int, int]:
    """Issue the certificates of every approved delegate who meets the rule; returns (issued
    now or before, not meeting the rule)."""
    if by is not policy.SYSTEM:
        policy.require(policy.can_organise(by, event))
    if not event.certificates_offered:
        raise LintasError(_("This event issues no certificates."), field="certificate")
    issued = refused = 0
    for delegate in Delegate.objects.filter(event=event, status=Delegate.Status.APPROVED):
        try:
            issue_certificate(delegate=delegate, by=by)
            issued += 1
        except LintasError:
            refused += 1
    return issued, refused
