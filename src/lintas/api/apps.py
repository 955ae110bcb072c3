from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lintas.api"
    label = "api"
