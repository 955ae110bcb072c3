from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lintas.core"
    label = "core"
    verbose_name = "Lintas core"

    def ready(self) -> None:
        from lintas.core import checks  # noqa: F401  (registers the system checks)
