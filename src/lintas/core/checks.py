"""System checks for settings that are dangerous in production (ids lintas.W00x / E00x)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_production_settings(app_configs: Any, **kwargs: Any) -> list[Any]:
    problems: list[Any] = []
    if settings.DEMO:
        problems.append(
            Warning(
                "LINTAS_DEMO is on: anyone can sign in as any demo person from /demo/.",
                hint="Unset LINTAS_DEMO on an instance that holds real data.",
                id="lintas.W001",
            )
        )
    if settings.SECRET_KEY.startswith("dev-only"):
        problems.append(
            Error(
                "SECRET_KEY is the development default.",
                hint="Set SECRET_KEY or SECRET_KEY_FILE.",
                id="lintas.E001",
            )
        )
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        problems.append(
            Warning(
                "E-mail is printed to the console, not sent.",
                hint="Set EMAIL_BACKEND and EMAIL_HOST.",
                id="lintas.W002",
            )
        )
    return problems
