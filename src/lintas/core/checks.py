"""System checks for settings that are dangerous in production (ids lintas.W00x / E00x)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.http.request import validate_host


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
    problems += _static_problems()
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        problems.append(
            Warning(
                "E-mail is printed to the console, not sent.",
                hint="Set EMAIL_BACKEND and EMAIL_HOST.",
                id="lintas.W002",
            )
        )
    return problems


@register()
def check_site_url(app_configs: Any, **kwargs: Any) -> list[Any]:
    """Every link in an e-mail starts with SITE_URL: a host this site refuses, or an address
    that is no web address, leaves every such link broken."""
    url = settings.SITE_URL
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return [
            Warning(
                f"SITE_URL ({url!r}) is not a web address: the links in e-mails will not work.",
                hint="Set SITE_URL to the address people open, e.g. https://lintas.example.org.",
                id="lintas.W004",
            )
        ]
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:  # what Django allows then
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if not validate_host(host, allowed):
        return [
            Warning(
                f"The host of SITE_URL ({host}) is not in ALLOWED_HOSTS: the links in e-mails "
                "lead to a site that refuses them.",
                hint=f"Add {host} to ALLOWED_HOSTS, or set SITE_URL to the address people open.",
                id="lintas.W003",
            )
        ]
    return []


def _static_problems() -> list[Any]:
    """Under the manifest storage of production, a page whose CSS is not collected answers 500:
    the manifest must be there (``lintas serve`` collects at start; ``lintas collectstatic``)."""
    from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage

    storage = staticfiles_storage
    if not isinstance(storage, ManifestFilesMixin):
        return []
    manifest = Path(settings.STATIC_ROOT) / storage.manifest_name
    if manifest.is_file():
        return []
    return [
        Error(
            f"The static files are not collected: {manifest} is missing, so every page would "
            "answer with an error.",
            hint="Run `lintas collectstatic --noinput` (lintas serve does it at start).",
            id="lintas.E002",
        )
    ]
