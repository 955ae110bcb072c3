from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "lintas.notices"
    label = "notices"
    verbose_name = _("Notices")

    def ready(self) -> None:
        # Members sit below notices: the unit's focal points hear of each role granted in it.
        from lintas.members.services import on_role_granted
        from lintas.notices.roles import tell_unit_of_role

        on_role_granted(tell_unit_of_role)
