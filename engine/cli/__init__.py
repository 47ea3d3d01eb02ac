"""The ``python -m engine`` / ``lamplight-engine`` command line.

Each module in ``COMMAND_MODULES`` adds its subcommands through
``register(subparsers)``; a subcommand sets ``func(args) -> int``. Modules must
stay cheap to import (torch is imported inside the command functions).
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from engine import __version__
from engine.errors import LamplightError

COMMAND_MODULES = [
    "engine.cli.store_commands",
    "engine.cli.eval_commands",
    "engine.cli.marking_commands",
    "engine.cli.model_commands",
    "engine.cli.adapt_commands",
    "engine.cli.safety_commands",
    "engine.cli.district_commands",
    "engine.cli.selection_commands",
]


def save_json(path: str, figures: object) -> None:
    """A command's ``--json`` output, never over the data folder's own files (:func:`engine.paths.refuse_own_file`)."""
    import json

    from engine.files import write_text

    write_text(path, json.dumps(figures, indent=1))


def confirm(question: str, yes: bool) -> bool:
    """Whether to go ahead: ``--yes``, or "y" typed at a terminal; without a terminal nothing is asked and the answer
    is no (review 31b: a restore replaced everything without a word, with no terminal too)."""
    if yes:
        return True
    if not sys.stdin.isatty():
        print(f"{question} Not asked (no terminal): add --yes to do it.")
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def refuse_overwrite(path: str | Path, force: bool) -> None:
    """Refuse to write over a file that is there already unless ``force`` (``--force``); never over the data
    folder's own files (review 37b/37c: ``export`` and ``student-export`` replaced a hand-made marks.csv)."""
    from engine.paths import refuse_own_file

    refuse_own_file(path)
    if Path(path).exists() and not force:
        raise LamplightError(f"{path} exists; choose another file, or add --force to replace it.")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lamplight-engine", description=__doc__.splitlines()[0].replace("``", ""))
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
    except Exception as exc:  # disk, permission and busy errors become messages (see engine.store.io_errors)
        return _plain_failure(exc, args.command)


def _plain_failure(exc: Exception, command: str) -> int:
    """A message instead of a traceback for what the disk, the OS or the input did; other errors are bugs and raise."""
    import os

    from engine.store.io_errors import explain

    if isinstance(exc, BrokenPipeError):  # '... | head' closed the output: say so once, on stderr
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(f"error: the output of '{command}' was closed before it finished (a pipe such as '| head').", file=sys.stderr)
        return 1
    if isinstance(exc, (RecursionError, MemoryError)):
        print(f"error: '{command}' stopped: its input is nested too deeply or is too large to handle "
              f"({type(exc).__name__}). Nothing was changed.", file=sys.stderr)
        return 1
    explained = explain(exc, None, f"'{command}'")
    if explained is None:
        raise exc
    print(f"error: {explained}", file=sys.stderr)
    return 1
