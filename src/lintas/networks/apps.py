from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "lintas.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        # Cases sit below networks and never import them: networks asks to hear of every
        # change to a case or a person, and queues an update run for it (docs/architecture.md).
        from lintas.cases.services import on_case_changed
        from lintas.networks.services import relink_soon

        on_case_changed(relink_soon)
