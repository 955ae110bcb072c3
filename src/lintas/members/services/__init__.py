"""Writes for members: every change is atomic, audited and raises LintasError when refused.

By topic: ``bodies`` (bodies, units and roles), ``invitations`` and ``accounts`` (people's
accounts: deactivation, profile, language, second factor, API tokens) and ``passwords``
(reset by e-mail, change, backup codes).
"""

from lintas.members.services.accounts import (
    ENROLMENT_CODE_MINUTES,
    ENROLMENT_CODE_TRIES,
    EnrolmentCode,
    check_enrolment_code,
    confirm_two_factor,
    create_api_token,
    deactivate_person,
    enrolment_code_is_open,
    enrolment_confirmed,
    revoke_api_token,
    send_enrolment_code,
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
from lintas.members.services.passwords import (
    BACKUP_CODE_COUNT,
    backup_codes_left,
    change_password,
    generate_backup_codes,
    request_password_reset,
    reset_password,
    use_backup_code,
)

__all__ = [
    "BACKUP_CODE_COUNT",
    "ENROLMENT_CODE_MINUTES",
    "ENROLMENT_CODE_TRIES",
    "INVITATION_DAYS",
    "EnrolmentCode",
    "accept_invitation",
    "backup_codes_left",
    "change_password",
    "check_enrolment_code",
    "confirm_two_factor",
    "create_api_token",
    "create_body",
    "create_unit",
    "deactivate_person",
    "end_membership",
    "enrolment_code_is_open",
    "enrolment_confirmed",
    "generate_backup_codes",
    "grant_role",
    "invitation_for_key",
    "invite_person",
    "on_role_granted",
    "request_password_reset",
    "reset_password",
    "revoke_api_token",
    "revoke_invitation",
    "send_enrolment_code",
    "set_language",
    "start_two_factor",
    "token_for_api_key",
    "update_profile",
    "update_unit",
    "use_backup_code",
]
