"""Writes of public releases (see ``releases``)."""

from lintas.public.services.releases import (
    ItemRef,
    decide_signoff,
    prepare_release,
    publish_due_releases,
    publish_release,
    save_signoff_settings,
    signoff_settings,
    submit_release,
    why_not_publishable,
    widen_release,
    withdraw_release,
)

__all__ = [
    "ItemRef",
    "decide_signoff",
    "prepare_release",
    "publish_due_releases",
    "publish_release",
    "save_signoff_settings",
    "signoff_settings",
    "submit_release",
    "why_not_publishable",
    "widen_release",
    "withdraw_release",
]
