"""``lintas networks link|ads``: the network engine on CSV files, without the database.

    lintas networks link INPUT.csv --out OUTPUT.csv [--explain FILE] [--default-region CC]
                                   [--points fixed|learned]
    lintas networks ads INPUT.csv --out OUTPUT.csv [--explain FILE] [--threshold X]

The columns are those of ``docs/networks.md``. Progress and warnings go to standard error; bad
input is refused with its line and problem and exit status 2, before anything is written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lintas.networks.engine.cli import main_ads, main_link

SUBCOMMANDS: dict[str, Callable[[Sequence[str]], int]] = {"link": main_link, "ads": main_ads}
USAGE = (
    "usage: lintas networks link INPUT.csv --out OUTPUT.csv [--explain FILE]\n"
    "       lintas networks ads INPUT.csv --out OUTPUT.csv [--explain FILE]"
)


def run(argv: Sequence[str]) -> int:
    """Run a sub-command with its arguments; returns the exit status."""
    if not argv or argv[0] not in SUBCOMMANDS:
        given = f"unknown sub-command {argv[0]!r}\n" if argv and argv[0] not in "-h--help" else ""
        print(f"networks: {given}{USAGE}", file=sys.stderr)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    name, rest = argv[0], list(argv[1:])
    try:
        return SUBCOMMANDS[name](rest)
    except KeyboardInterrupt:
        print(f"{name}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback for a person at a terminal
        print(f"{name}: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


class Command(BaseCommand):
    help = "Link case records (link) or cluster recruitment ads (ads) from CSV files."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subcommand", choices=sorted(SUBCOMMANDS))
        parser.add_argument("rest", nargs="*", help="INPUT.csv --out OUTPUT.csv [--explain FILE]")

    def run_from_argv(self, argv: list[str]) -> NoReturn:
        # Not Django's parser: the engine's own parses the sub-command's options, and nothing
        # here opens the database.
        raise SystemExit(run(argv[2:]))

    def handle(self, *args: Any, **options: Any) -> None:
        code = run([options["subcommand"], *options["rest"]])
        if code:
            raise CommandError(f"networks {options['subcommand']} exited with status {code}")
