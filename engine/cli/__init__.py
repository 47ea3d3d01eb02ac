"""The ``python -m engine`` / ``lamplight-engine`` command line.

Each module in ``COMMAND_MODULES`` adds its subcommands through
``register(subparsers)``; a subcommand sets ``func(args) -> int``. Modules must
stay cheap to import (torch is imported inside the command functions).
"""
from __future__ import annotations

import argparse
import importlib
import sys

from engine import __version__
from engine.errors import LamplightError

COMMAND_MODULES = [
    "engine.cli.store_commands",
    "engine.cli.eval_commands",
    "engine.cli.model_commands",
    "engine.cli.adapt_commands",
    "engine.cli.safety_commands",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lamplight-engine", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"lamplight {__version__}")
    parser.add_argument("--data-dir", help="data folder (default: $LAMPLIGHT_DATA_DIR or the user data folder)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except LamplightError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
