"""The ``lintas`` command: Django's management commands plus Lintas's own (demo, worker, …)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lintas.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    # SQLite's file and the collected static files live in the data directory; the command
    # makes it, since reading the settings must not write to the disk.
    data_dir = getattr(settings, "DATA_DIR", None)
    if data_dir is not None:
        Path(data_dir).mkdir(parents=True, exist_ok=True)

    execute_from_command_line(["lintas", *sys.argv[1:]])


if __name__ == "__main__":
    main()
