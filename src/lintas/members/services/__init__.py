"""Writes for members: every change is atomic, audited and raises LintasError when refused.

By topic: ``bodies`` (bodies, units and roles), ``invitations`` and ``accounts`` (people's
accounts: deactivation, profile, language, second factor, API tokens).
"""

from lintas.members.services.accounts import (
    confirm_two_factor,
    create_api_token,
    deactivate_person,
    revoke_api_token,
    set_language,
    start_two_factor,
    token_for_api_key,
    update_profile,
)
from lintas.members.services.bodies import (
    create_body,
    create_unit,
    end_membership,
    grant_role,
    on_role_granted,
    update_unit,
)
from lintas.members.services.invitations import (
    INVITATION_DAYS,
    accept_invitation,
    invitation_for_key,
    invite_person,
    revoke_invitation,
)

__all__ = [
    "INVITATION_DAYS",
    "accept_invitation",
    "confirm_two_factor",
    "create_api_token",
    "create_body",
    "create_unit",
    "deactivate_person",
    "end_membership",
    "grant_role",
    "invitation_for_key",
    "invite_person",
    "on_role_granted",
    "revoke_api_token",
    "revoke_invitation",
    "set_language",
    "start_two_factor",
    "token_for_api_key",
    "update_profile",
    "update_unit",
]
