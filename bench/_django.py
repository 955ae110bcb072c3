"""What the Django benchmarks share: settings, a throw-away database, the machine line and a
signed-in client. Imported after ``setup_django()`` only where it needs Django."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def setup_django() -> None:
    os.environ.setdefault("LINTAS_DEBUG", "true")
    os.environ.setdefault("LINTAS_DATA_DIR", tempfile.mkdtemp(prefix="lintas-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lintas.settings")
    root = Path(__file__).resolve().parents[1]
    sys.path[:0] = [str(root / "src"), str(root)]
    import django

    django.setup()


@contextmanager
def bench_database() -> Iterator[None]:
    """A fresh test database (SQLite, or the PostgreSQL of DATABASE_URL), dropped afterwards;
    prints the machine line first."""
    from django.conf import settings
    from django.db import connection
    from django.template import Template
    from django.test.utils import _TestState, setup_test_environment

    setup_test_environment()
    # Pages are measured as they are served: the test environment's template instrumentation
    # (a signal with a copy of the context at every template and include) is taken off again.
    Template._render = _TestState.saved_data.template_render  # type: ignore[method-assign]
    settings.ALLOWED_HOSTS = ["testserver"]
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        load = os.getloadavg()
        print(
            f"machine: {os.cpu_count()} cpus, {platform.platform()}, Python "
            f"{platform.python_version()}, database {connection.vendor}, "
            f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        )
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def signed_in_client(user: Any) -> Any:
    """A test client signed in with a confirmed second factor, as the test suite signs in."""
    from django.test import Client
    from tests.conftest import sign_in

    return sign_in(Client(), user)
