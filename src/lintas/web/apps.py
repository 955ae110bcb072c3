from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "lintas.web"
    label = "web"
    verbose_name = "Lintas web"
