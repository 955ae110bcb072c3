"""The ``lintas`` command: Django's management commands plus Lintas's own (demo, worker, …)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lintas.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lintas", *sys.argv[1:]])


if __name__ == "__main__":
    main()
