"""Wrong passwords at the command line wait, as they do in the app, even across separate commands.

The app counts wrong passwords in memory (:class:`engine.security.idle.IdleLock`);
each command-line run is a new process, so here the count lives in a small
file in the data folder, ``lamplight.attempts.json``. The policy is the app's:
5 free tries, then a wait of 5 s that doubles with each wrong one, up to 5
minutes. A right password clears the count.

This slows a person at the keyboard or a script; it cannot slow someone who
copied the data folder and guesses offline: only a strong password does that
(see :func:`engine.security.passwords.check_password_strength`).
"""
from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import Iterator

from engine import paths
from engine.errors import TooManyAttemptsError, WrongPasswordError
from engine.security.idle import FIRST_WAIT_SECONDS, FREE_ATTEMPTS, MAX_WAIT_SECONDS

ATTEMPTS_FILE = paths.ATTEMPTS_FILE


MAX_COUNTED = 1000
"""Wrong tries counted at most: the wait is MAX_WAIT_SECONDS long before that."""


def _path(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / ATTEMPTS_FILE


def _read(data_dir: str | os.PathLike[str]) -> tuple[int, float]:
    try:
        content = json.loads(_path(data_dir).read_text(encoding="utf-8"))
        failed, blocked_until = int(content["failed"]), float(content["blocked_until"])
        # review 38a: a file set to 10**10 wrong tries made the next one compute 2 ** 10**10 (a hang)
        return min(max(failed, 0), MAX_COUNTED), blocked_until if blocked_until == blocked_until else 0.0
    except (OSError, ValueError, KeyError, TypeError, OverflowError):
        return 0, 0.0  # no file yet, or one cut short: start counting afresh


def _write(data_dir: str | os.PathLike[str], failed: int, blocked_until: float) -> None:
    from engine.security.private_files import create_private_file

    path = _path(data_dir)
    if not path.parent.is_dir():
        return
    partial = path.with_name(path.name + ".partial")
    try:
        create_private_file(partial)
        partial.write_text(json.dumps({"failed": failed, "blocked_until": blocked_until}), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)  # a read-only folder: the wait cannot be kept, the check still runs


def seconds_to_wait(data_dir: str | os.PathLike[str], now: float | None = None) -> float:
    """How long before another password may be tried in this folder (0: now)."""
    now = time.time() if now is None else now
    failed, blocked_until = _read(data_dir)
    if blocked_until - now > MAX_WAIT_SECONDS:
        # The clock was set back (put right after running fast, a flat clock battery): the wait runs from now, or it
        # would last until the clock caught up with the old time (review 32a: weeks of "wait 300 seconds").
        blocked_until = now + MAX_WAIT_SECONDS
        _write(data_dir, failed, blocked_until)
    return max(0.0, blocked_until - now)


def record(data_dir: str | os.PathLike[str], right: bool, now: float | None = None) -> int:
    """Count one typed password; returns the wrong ones in a row so far."""
    now = time.time() if now is None else now
    if right:
        if _path(data_dir).exists():
            _write(data_dir, 0, 0.0)
        return 0
    failed, blocked_until = _read(data_dir)
    failed += 1
    extra = failed - FREE_ATTEMPTS
    if extra >= 0:
        blocked_until = now + min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** min(extra, 64))
    _write(data_dir, failed, blocked_until)
    return failed


@contextlib.contextmanager
def counted(data_dir: str | os.PathLike[str]) -> Iterator[None]:
    """Around one password check: refuse during a wait; count a WrongPasswordError; a clean exit clears the count."""
    wait = seconds_to_wait(data_dir)
    if wait > 0:
        raise TooManyAttemptsError(f"Too many wrong passwords in a row: wait {int(wait) + 1} seconds, then try again.")
    try:
        yield
    except WrongPasswordError as exc:
        failed = record(data_dir, right=False)
        wait = seconds_to_wait(data_dir)
        if wait > 0:
            raise WrongPasswordError(f"{exc} ({failed} wrong in a row: the next try must wait {int(wait) + 1} seconds.)") from None
        raise
    record(data_dir, right=True)
