"""Materials of a contribution under their labels; every download is audited."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils.translation import gettext as _

from lintas.audit.services import log_action
from lintas.core.errors import LintasError
from lintas.core.tlp import TLP, is_looser
from lintas.events import policy
from lintas.events.models import Contribution, Material
from lintas.events.services.common import label, text
from lintas.policy import Actor, acting_user

MAX_MATERIAL_BYTES = 20 * 1024 * 1024


@transaction.atomic
def add_material(
    *,
    contribution: Contribution,
    by: Actor,
    title: str,
    name: str,
    content: bytes,
    content_type: str = "application/octet-stream",
    tlp: str = "",
    chatham_house: bool = False,
) -> Material:
    session = contribution.session
    event = session.event
    if by is not policy.SYSTEM:
        access = policy.access(by, event)
        policy.require(access.organises or session.pk in access.presents)
    tlp = label(tlp or session.tlp)
    if is_looser(tlp, session.tlp):
        raise LintasError(
            _("The material's label %(label)s is looser than its session's %(session)s.")
            % {"label": TLP(tlp).label, "session": TLP(session.tlp).label},
            field="tlp",
        )
    if not content:
        raise LintasError(_("Choose a file."), field="file")
    if len(content) > MAX_MATERIAL_BYTES:
        raise LintasError(_("A material is limited to 20 MB."), field="file")
    material = Material.objects.create(
        contribution=contribution,
        title=text(title or name, field="title", label=_("title")),
        name=text(name, field="file", label=_("file name"), limit=200),
        content_type=text(content_type, field="file", label=_("file type"), limit=100),
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        tlp=tlp,
        chatham_house=chatham_house or session.chatham_house,
        content=content,
        uploaded_by=acting_user(by),
    )
    log_action(
        "events.material.added",
        actor=acting_user(by),
        body=event.body,
        target=material,
        data={"title": material.title, "tlp": tlp, "sha256": material.sha256},
    )
    return material


def record_download(*, material: Material, by: Actor) -> None:
    """A person downloaded a material: audited, whatever its label."""
    session = material.contribution.session
    if by is not policy.SYSTEM:
        policy.hide(
            policy.access(by, session.event).may_read_material(material, session.tlp, session.pk)
        )
    log_action(
        "events.material.downloaded",
        actor=acting_user(by),
        body=session.event.body,
        target=material,
        data={"tlp": material.tlp},
    )
