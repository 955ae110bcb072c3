"""Audit entries of a case told as sentences for its owner unit; the code stays visible beside."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

ACTION_LABELS = {
    "cases.case.created": _("recorded the case"),
    "cases.case.updated": _("changed the case"),
    "cases.case.label_narrowed": _("narrowed the label"),
    "cases.case.label_widened": _("widened the label"),
    "cases.case.shared": _("shared the case with a unit"),
    "cases.case.share_revoked": _("revoked a share"),
    "cases.case.transferred": _("transferred the case"),
    "cases.case.glass_broken": _("broke the glass (emergency access)"),
    "cases.case.emergency_ended": _("ended an emergency access"),
    "cases.consent.recorded": _("recorded a victim's consent"),
    "cases.consent.withdrawn": _("recorded that consent was withdrawn"),
    "cases.consent.overridden": _("shared a victim's data without consent"),
    "cases.event.added": _("added an event"),
    "cases.event.removed": _("removed an event"),
    "cases.events.viewed": _("read the descriptions of events"),
    "cases.narrative.viewed": _("read the narrative"),
    "cases.person.added": _("added a person"),
    "cases.person.updated": _("changed a person's data"),
    "cases.person.viewed": _("read a person's data"),
    "cases.red_reader.named": _("named a reader (TLP:RED)"),
    "cases.red_reader.removed": _("removed a named reader (TLP:RED)"),
    "cases.referral.requested": _("referred or transferred the case"),
    "cases.referral.accepted": _("accepted a referral"),
    "cases.referral.declined": _("declined a referral"),
    "cases.referral.closed": _("closed a referral"),
    "cases.referral.reminded": _("sent a reminder about a referral"),
}

# Entries the owner should notice first: reads by someone outside the usual audience.
ALERT_ACTIONS = frozenset({"cases.case.glass_broken", "cases.consent.overridden"})


@register.filter
def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


@register.filter
def is_alert_action(action: str) -> bool:
    return action in ALERT_ACTIONS
